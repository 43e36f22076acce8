"""Discover the optional per-app modules (dashboard, navigation, demo, api)."""

from importlib import import_module
from importlib.util import find_spec
from types import ModuleType

from django.conf import settings


def app_modules(name: str) -> list[ModuleType]:
    """Return the ``<app>.<name>`` modules of the Traject apps that have one, in app order."""
    modules = []
    for app in settings.TRAJECT_APPS:
        dotted = f"{app}.{name}"
        try:
            spec = find_spec(dotted)
        except ModuleNotFoundError:  # a parent package (such as ``tests``) is absent
            spec = None
        if spec is not None:
            modules.append(import_module(dotted))
    return modules


def daily_jobs() -> list[tuple[str, object]]:
    """The daily jobs of the apps: the ``run(*, stdout)`` function of each ``<app>.daily``."""
    return [(module.__name__, module.run) for module in app_modules("daily")]
