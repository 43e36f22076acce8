from django import template

from ..explanations import title

register = template.Library()


@register.filter
def rule_title(rule_id: str) -> str:
    """A rule in a few words (the id is shown beside it as a small reference)."""
    return title(rule_id)
