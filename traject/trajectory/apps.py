from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrajectoryConfig(AppConfig):
    name = "traject.trajectory"
    label = "trajectory"
    verbose_name = _("Path to recognition")
