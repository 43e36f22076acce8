"""Dashboard sections: each app adds what the user must do next."""

from dataclasses import dataclass, field

from .registry import app_modules


@dataclass
class Section:
    title: str
    template: str
    context: dict = field(default_factory=dict)
    order: int = 50


def sections_for(request) -> list[Section]:
    """Collect the dashboard sections every app offers this user, in order."""
    sections: list[Section] = []
    for module in app_modules("dashboard_sections"):
        sections.extend(module.sections(request))
    return sorted(sections, key=lambda section: section.order)
