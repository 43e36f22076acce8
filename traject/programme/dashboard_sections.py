from django.utils.translation import gettext as _

from traject.core.dashboard import Section

from . import permissions, selectors


def sections(request) -> list[Section]:
    """Unread news of the programme; a trainer's yearly training."""
    user = request.user
    out = []
    news = selectors.news_for(user)
    if news:
        out.append(
            Section(
                title=_("News from the programme"),
                template="programme/dashboard_news.html",
                context={"news": news},
                order=5,
            )
        )
    if permissions.is_trainer(user):
        out.append(
            Section(
                title=_("Yearly training of trainers"),
                template="programme/dashboard_training.html",
                context={"status": selectors.yearly_status(user)},
                order=65,
            )
        )
    return out
