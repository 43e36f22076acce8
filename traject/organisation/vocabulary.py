"""The words of each country, from the same catalogue: Belgian words without a context,
Dutch words under the message context ``netherlands`` (msgid "ASO" reads "aios" there).

Country differences are data: a page asks for ``term("trainee", country)`` and never
branches on the country itself.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

NETHERLANDS_CONTEXT = "netherlands"  # spelled out in each call for makemessages

TERMS = {
    "trainee": (_("ASO"), pgettext_lazy("netherlands", "ASO")),
    "trainer": (_("stagemeester"), pgettext_lazy("netherlands", "stagemeester")),
    "deputy": (
        _("deputy stagemeester"),
        pgettext_lazy("netherlands", "deputy stagemeester"),
    ),
    "team": (_("stageteam"), pgettext_lazy("netherlands", "stageteam")),
    "service": (_("stagedienst"), pgettext_lazy("netherlands", "stagedienst")),
    "hospital": (_("hospital"), pgettext_lazy("netherlands", "hospital")),
    # Phrases of shared pages (navigation, dashboard, the stagemeester's table):
    "my_trainees": (_("My ASO"), pgettext_lazy("netherlands", "My ASO")),
    "no_trainee_today": (
        _("No ASO are on stage with you today."),
        pgettext_lazy("netherlands", "No ASO are on stage with you today."),
    ),
    "no_trainee_now": (
        _("No ASO is on stage with you now."),
        pgettext_lazy("netherlands", "No ASO is on stage with you now."),
    ),
    "all_my_trainees": (
        _("All my ASO in one table"),
        pgettext_lazy("netherlands", "All my ASO in one table"),
    ),
    "team_and_counts": (
        _("Stageteam and feedback counts"),
        pgettext_lazy("netherlands", "Stageteam and feedback counts"),
    ),
    # Dashboard section titles:
    "waiting_for_trainer": (
        _("Waiting for you as stagemeester"),
        pgettext_lazy("netherlands", "Waiting for you as stagemeester"),
    ),
    "team_title": (_("Stageteam"), pgettext_lazy("netherlands", "Stageteam")),
    "role_trainee": (_("ASO (trainee)"), pgettext_lazy("netherlands", "ASO (trainee)")),
    "role_trainer": (_("Stagemeester"), pgettext_lazy("netherlands", "Stagemeester")),
    # Sentences of shared pages that name the trainer:
    "hours_private": (
        _("Only you see these hours. Your stagemeester, hospital and mentor do not."),
        pgettext_lazy(
            "netherlands",
            "Only you see these hours. Your stagemeester, hospital and mentor do not.",
        ),
    ),
    # Sentences of the trainee list, the team and the quality pages:
    "selfeval_intro": (
        _(
            "A self-evaluation on the competency profile of the stagemeester: role model; "
            "teaching and coaching; monitoring the ASO's progress; ensuring an effective "
            "training situation. Only you can see your self-evaluations."
        ),
        pgettext_lazy(
            "netherlands",
            "A self-evaluation on the competency profile of the stagemeester: role model; "
            "teaching and coaching; monitoring the ASO's progress; ensuring an effective "
            "training situation. Only you can see your self-evaluations.",
        ),
    ),
    "earlier_trainees": (
        _("Search all your ASO, also of earlier stages"),
        pgettext_lazy("netherlands", "Search all your ASO, also of earlier stages"),
    ),
    "search_trainees": (
        _("Search ASO"),
        pgettext_lazy("netherlands", "Search ASO"),
    ),
    "register_trainee": (
        _("Register an ASO"),
        pgettext_lazy("netherlands", "Register an ASO"),
    ),
    "no_trainee_match": (
        _("No ASO match your search."),
        pgettext_lazy("netherlands", "No ASO match your search."),
    ),
    "no_trainee_linked": (
        _("No ASO are linked to you yet."),
        pgettext_lazy("netherlands", "No ASO are linked to you yet."),
    ),
    "team_intro": (
        _(
            "List the members of your team who have no Traject account. Your ASO can then ask them for feedback with a QR code or a one-time link; they confirm who they are with a code sent to their e-mail address and never need a password."
        ),
        pgettext_lazy(
            "netherlands",
            "List the members of your team who have no Traject account. Your ASO can then ask them for feedback with a QR code or a one-time link; they confirm who they are with a code sent to their e-mail address and never need a password.",
        ),
    ),
    "competency_profile": (
        _("The competency profile of the stagemeester. Only you see it."),
        pgettext_lazy(
            "netherlands", "The competency profile of the stagemeester. Only you see it."
        ),
    ),
    "activity_log": (
        _("The training group's activity log"),
        pgettext_lazy("netherlands", "The training group's activity log"),
    ),
    "activities_title": (
        _("Educational activities of the training group"),
        pgettext_lazy("netherlands", "Educational activities of the training group"),
    ),
    "activities_intro": (
        _(
            "Accredited educational activities of the members of the training group. They make up the overview in every recognition application."
        ),
        pgettext_lazy(
            "netherlands",
            "Accredited educational activities of the members of the training group. They make up the overview in every recognition application.",
        ),
    ),
    # The work-floor feedback pages (a supervisor without an account reads the trainee's words):
    "code_expired": (
        _("This code or link has expired. Ask the ASO for a new one."),
        pgettext_lazy("netherlands", "This code or link has expired. Ask the ASO for a new one."),
    ),
    "request_withdrawn": (
        _("The ASO withdrew this request. There is nothing left to do."),
        pgettext_lazy("netherlands", "The ASO withdrew this request. There is nothing left to do."),
    ),
    "not_in_team": (
        _(
            "You are not on the current stageteam of this ASO, so you cannot give feedback "
            "through this code."
        ),
        pgettext_lazy(
            "netherlands",
            "You are not on the current stageteam of this ASO, so you cannot give feedback "
            "through this code.",
        ),
    ),
    "nobody_in_team": (
        _("Nobody of the stageteam is known yet."),
        pgettext_lazy("netherlands", "Nobody of the stageteam is known yet."),
    ),
    "feedback_people": (
        _("Stagemeesters, trainers and the team members your stagemeester listed."),
        pgettext_lazy(
            "netherlands",
            "Stagemeesters, trainers and the team members your stagemeester listed.",
        ),
    ),
}


def term(key: str, country: str | None = "BE") -> str:
    """The word for ``key`` in the country's vocabulary, in the active language."""
    belgian, dutch = TERMS[key]
    return str(dutch if country == "NL" else belgian)


def user_country(user) -> str:
    """The country whose words a person reads on pages that are not about one trainee: NL for a
    Dutch aios, or for someone who trains only in Dutch services; BE otherwise. Kept on the user
    object, so a request asks the database once."""
    from traject.core.memo import per_object

    return per_object(user, "organisation.user_country", lambda: _user_country(user))


def _user_country(user) -> str:
    from django.db.models import Q

    from .models import Country, Trainee, TrainingService

    country = Country.BELGIUM
    if getattr(user, "is_authenticated", False):
        related = Trainee._meta.get_field("user").remote_field  # reverse one-to-one: user.trainee
        if related.is_cached(user):
            trainee = related.get_cached_value(user)
        else:
            trainee = Trainee.objects.filter(user=user).select_related("specialty").first()
            related.set_cached_value(user, trainee)  # ``user.trainee`` asks no more
        if trainee is not None:
            country = trainee.country
        else:
            from .models import TeamMember, TrainerRecognition

            # Indexed subqueries on the user's side, not an OR across joins (a scan).
            countries = set(
                TrainingService.objects.filter(
                    Q(pk__in=TrainerRecognition.objects.filter(trainer=user).values("service_id"))
                    | Q(pk__in=TeamMember.objects.filter(user=user).values("service_id"))
                )
                .values_list("specialty__country", flat=True)
                .distinct()
            )
            if countries == {Country.NETHERLANDS}:
                country = Country.NETHERLANDS
    return country


ROLE_TERMS = {"trainee": "role_trainee", "stagemeester": "role_trainer"}


def role_labels(user) -> list[str]:
    """The names of the person's roles ("Your roles: …") in their country's words: a Dutch aios
    reads "aios", a Dutch opleider "Opleider"; the other roles keep their one name."""
    from traject.accounts.roles import ROLE_LABELS, roles_of

    roles = roles_of(user)
    country = user_country(user)
    return [
        term(ROLE_TERMS[role], country) if role in ROLE_TERMS else str(ROLE_LABELS[role])
        for role in ROLE_LABELS
        if role in roles
    ]
