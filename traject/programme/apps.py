from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "traject.programme"
    label = "programme"
    verbose_name = _("The programme: trainer training, course evaluations, news")
