from django_tasks import task


@task()
def process_import_run(*, run_id: int) -> str:
    """Process a big import in the background (the page shows its progress)."""
    from .models import ImportRun
    from .services import import_run_process

    run = ImportRun.objects.filter(pk=run_id).select_related("created_by").first()
    if run is None:
        return "gone"
    return import_run_process(run=run).status
