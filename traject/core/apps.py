from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "traject.core"
    label = "core"
    verbose_name = _("Traject")

    def ready(self):
        from . import tasks  # noqa: F401 - connects the purge of finished tasks' arguments
