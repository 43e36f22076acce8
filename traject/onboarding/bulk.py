"""Bulk plans: a kind that is imported by the thousand (ASO) checks every line first, with one
query per kind of record, and then writes the new records at once (``bulk_create``).

A plan keeps the rules of the line-by-line import: the same checks and messages, the same
permission (the programme administrator of the university), an audit row per record. Lines that
change an existing person or ASO go through the owning app's services one by one, as before;
lines that change nothing write nothing. A file whose lines depend on each other (the same ASO
twice, a RIZIV number moving from one ASO of the file to another) is left to the line-by-line
import.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from traject.accounts.models import User
from traject.accounts.roles import forget_roles
from traject.audit.models import AuditEvent
from traject.audit.services import audit_event
from traject.organisation import permissions as org_permissions
from traject.organisation.models import Trainee

from .kinds import (
    CHANGED,
    CREATED,
    UNCHANGED,
    _date,
    _differs,
    _required,
    _specialty,
    _university,
    error_message,
)

CHUNK = 500
PROGRESS_EVERY = 250
REFUSED = "refused"


@dataclass
class Plan:
    """The report's entries (in line order) and the writes that make them true."""

    entries: list[dict]
    new: list[tuple[dict, User, Trainee]] = field(default_factory=list)
    later: list[tuple[dict, dict]] = field(default_factory=list)  # (entry, row): line by line
    ctx: object = None
    apply: object = None

    def write(self, *, new: bool = True) -> None:
        """Inside the import's transaction: the new records at once, the changes one by one.

        With ``new=False`` (a line is refused already, nothing will be kept) only the changes
        run, so that their lines report what the services say, as in the line-by-line import.
        """
        if new:
            self._create()
        for entry, row in self.later:
            try:
                with transaction.atomic():
                    entry["outcome"], entry["key"] = self.apply(self.ctx, row)
            except (ValidationError, PermissionDenied) as exc:
                entry["outcome"], entry["message"] = REFUSED, error_message(exc)

    def _create(self) -> None:
        from allauth.account.models import EmailAddress

        actor = self.ctx.actor
        users = User.objects.bulk_create([user for _e, user, _t in self.new], batch_size=CHUNK)
        EmailAddress.objects.bulk_create(
            [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users],
            batch_size=CHUNK,
        )
        trainees = []
        for (_entry, _user, trainee), saved in zip(self.new, users, strict=True):
            trainee.user = saved
            trainees.append(trainee)
        Trainee.objects.bulk_create(trainees, batch_size=CHUNK)
        events = []
        for user, trainee in zip(users, trainees, strict=True):
            events.append(
                audit_event(actor=actor, action=AuditEvent.Action.CREATE, target=user, subject=user)
            )
            events.append(
                audit_event(
                    actor=actor, action=AuditEvent.Action.CREATE, target=trainee, subject=user
                )
            )
        AuditEvent.objects.bulk_create(events, batch_size=CHUNK)
        for user in users:
            forget_roles(user)
        _todo_lists_for(trainees)


def _todo_lists_for(trainees: list[Trainee]) -> None:
    """What ``trainee_changed`` does for one new ASO (portfolio: the to-do lists of their
    courses), once per course of the new ASO's programmes instead of once per ASO."""
    from django.db.models import Q

    from traject.portfolio.models import Course
    from traject.portfolio.services import todo_lists_sync

    programmes = {(t.university_id, t.specialty_id) for t in trainees}
    wanted = Q(pk__in=[])
    for university_id, specialty_id in programmes:
        wanted |= Q(university_id=university_id) & (
            Q(specialty__isnull=True) | Q(specialty_id=specialty_id)
        )
    for course in Course.objects.filter(wanted, is_active=True):
        todo_lists_sync(course=course)


def _cell(row, column) -> str:
    return (row.get(column) or "").strip()


def _by_email(emails: list[str]) -> dict[str, User]:
    found = {}
    for start in range(0, len(emails), CHUNK):
        chunk = emails[start : start + CHUNK]
        for user in User.objects.annotate(lowered=Lower("email")).filter(lowered__in=chunk):
            found.setdefault(user.lowered, user)
    return found


def _trainees(name: str, values: list) -> dict:
    found = {}
    for start in range(0, len(values), CHUNK):
        chunk = values[start : start + CHUNK]
        for trainee in Trainee.objects.filter(**{f"{name}__in": chunk}).select_related("user"):
            found[getattr(trainee, name)] = trainee
    return found


def plan_trainees(ctx, rows, screen, progress) -> Plan | None:
    """Check every ASO line; None leaves the file to the line-by-line import."""
    from .kinds import KINDS
    from .permissions import can_import_people

    actor = ctx.actor
    emails = [_cell(row, "email").lower() for _line, row in rows]
    rizivs = [_cell(row, "riziv") for _line, row in rows if _cell(row, "riziv")]
    named = [e for e in emails if e]
    if len(set(named)) != len(named) or len(set(rizivs)) != len(rizivs):
        return None
    if not (can_import_people(actor) and org_permissions.can_manage_trainees(actor)):
        return None  # every line is refused with the services' own reason
    users = _by_email(sorted(set(named)))
    by_user = _trainees("user_id", [u.pk for u in users.values()])
    by_riziv = _trainees("riziv_number", sorted(set(rizivs)))
    named_set = set(named)
    for _line, row in rows:
        owner = by_riziv.get(_cell(row, "riziv"))
        email = _cell(row, "email").lower()
        if (
            owner is not None
            and owner.user.email.lower() not in {email}
            and (owner.user.email.lower() in named_set)
        ):
            return None  # an earlier line may give this RIZIV number up: lines depend on each other
    administered = set(
        org_permissions.administered_universities(actor).values_list("pk", flat=True)
    )
    apply = KINDS["trainees"].apply
    plan = Plan(entries=[], ctx=ctx, apply=apply)
    for index, (line, row) in enumerate(rows):
        entry = {"line": line, "outcome": REFUSED, "key": "", "message": screen(row)}
        plan.entries.append(entry)
        if progress is not None and index % PROGRESS_EVERY == 0:
            progress(index)
        if entry["message"]:
            continue
        try:
            _check_line(plan, entry, row, users, by_user, by_riziv, administered)
        except (ValidationError, PermissionDenied) as exc:
            entry["outcome"], entry["message"] = REFUSED, error_message(exc)
    return plan


def _check_line(plan, entry, row, users, by_user, by_riziv, administered) -> None:
    """The checks of ``kinds.import_trainees``, in its order, without writing."""
    riziv = _cell(row, "riziv")
    email = _required(row, "email").lower()
    user = users.get(email)
    existing = by_riziv.get(riziv) if riziv else None
    if existing is None and user is not None:
        existing = by_user.get(user.pk)
    if existing is not None and existing.user.email.lower() != email:
        raise ValidationError(
            _("RIZIV number %(riziv)s belongs to another person.") % {"riziv": riziv}
        )
    User._meta.get_field("email").run_validators(email)
    person = {
        "first_name": _required(row, "first_name"),
        "last_name": _required(row, "last_name"),
        "language": (row.get("language") or "nl").strip().lower(),
    }
    if person["language"] not in {"nl", "fr", "en"}:
        raise ValidationError(_("The language is nl, fr or en."))
    fields = {
        "specialty": _specialty(plan.ctx, row),
        "university": _university(plan.ctx, row),
        "training_start": _date(row, "training_start"),
        "riziv_number": riziv,
    }
    entry["key"] = email
    if user is not None:
        unchanged = (
            existing is not None
            and all(getattr(user, k) == v for k, v in person.items())
            and not any(_differs(existing, k, v) for k, v in fields.items())
        )
        if unchanged:
            entry["outcome"] = UNCHANGED
        else:  # a change of an existing person or ASO: through the services, line by line
            entry["outcome"] = CREATED if existing is None else CHANGED
            plan.later.append((entry, row))
        return
    if fields["university"].pk not in administered:
        raise ValidationError({"university": _("You do not administer this university.")})
    new_user = User(email=email, **person)
    new_user.set_unusable_password()
    new_user.full_clean(exclude=["password"], validate_unique=False, validate_constraints=False)
    trainee = Trainee(**fields)
    # the specialty and the university were found above: no query per line to check them again
    trainee.full_clean(
        exclude=["user", "specialty", "university"],
        validate_unique=False,
        validate_constraints=False,
    )
    entry["outcome"] = CREATED
    plan.new.append((entry, new_user, trainee))
