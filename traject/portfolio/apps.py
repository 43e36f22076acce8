from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "traject.portfolio"
    label = "portfolio"
    verbose_name = _("Portfolio")

    def ready(self):
        from traject.organisation.signals import trainee_changed

        from .services import todo_lists_on_trainee_change

        trainee_changed.connect(todo_lists_on_trainee_change, dispatch_uid="portfolio-todo-lists")
