"""Background work of the programme: news e-mails."""

from django_tasks import task

from traject.core.notifications import notify


@task()
def send_news_emails(*, news_id: int) -> int:
    """E-mail an important news item to everyone it addresses."""
    from .models import NewsItem
    from .selectors import news_recipients

    item = NewsItem.objects.filter(pk=news_id).first()
    if item is None:
        return 0
    count = 0
    for user in news_recipients(item):
        notify(
            user=user,
            subject_template="programme/email/news_subject.txt",
            body_template="programme/email/news_body.txt",
            context={"title": item.title, "body": item.body},
        )
        count += 1
    return count
