"""Flags of the path to recognition on other apps' pages (the stage pages of organisation).

A stage outside its ASO's approved stageplan does not count; every page that shows the stage
says so (issue #13). The strings live in this app's catalogue, the markup in its templates.
"""

from django import template

from traject.trajectory import selectors

register = template.Library()


@register.simple_tag
def stages_outside_plan(stages) -> set[int]:
    """``{% stages_outside_plan page.object_list as outside %}``: the ids of the stages outside
    their ASO's approved stageplan, in a constant number of queries (two)."""
    return selectors.stages_outside_approved_plans(stages)


@register.inclusion_tag("trajectory/partials/outside_plan_badge.html")
def outside_plan_badge(stage, outside):
    """The badge after a stage in a list, when its id is in ``outside``."""
    return {"show": stage.pk in outside}


@register.inclusion_tag("trajectory/partials/outside_plan_notice.html")
def outside_plan_notice(stage):
    """The notice on the page of one stage (its edit page) when it lies outside the plan."""
    show = stage is not None and stage.pk in selectors.stages_outside_approved_plans([stage])
    return {"show": show}
