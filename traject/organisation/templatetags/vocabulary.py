from django import template

from traject.organisation.vocabulary import term as _term
from traject.organisation.vocabulary import user_country

register = template.Library()


@register.simple_tag
def term(key: str, country: str | None = "BE") -> str:
    """``{% term "trainee" trainee.country %}``: the country's word for a role or place."""
    return _term(key, country)


@register.simple_tag(takes_context=True)
def user_term(context, key: str) -> str:
    """``{% user_term "my_trainees" %}``: the word in the country of the person reading the page
    (``vocabulary.user_country``), for pages that are not about one trainee."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return _term(key, user_country(user) if user is not None else "BE")
