from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkfloorConfig(AppConfig):
    name = "traject.workfloor"
    label = "workfloor"
    verbose_name = _("Work-floor feedback")
