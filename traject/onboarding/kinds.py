"""What can be imported: each kind's columns, example rows, natural key and how a line is applied.

Every line goes through the owning app's service (permission, validation, audit), so an import
may do exactly what the importing person may do in the forms. A line that would change nothing
is reported as unchanged and writes nothing, so re-importing the same file is a no-op.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from traject.accounts.models import User
from traject.accounts.roles import forget_roles
from traject.audit.models import AuditEvent
from traject.audit.services import audit_record
from traject.organisation import services as org_services
from traject.organisation.models import (
    Hospital,
    HospitalCoordinator,
    MinistryOfficer,
    ProgrammeAdministrator,
    ServiceRecognition,
    Specialty,
    Stage,
    Trainee,
    TrainerRecognition,
    TrainingService,
    University,
)

CREATED, CHANGED, UNCHANGED = "created", "changed", "unchanged"


@dataclass
class Context:
    """One import run: who imports, and lookups shared by its lines."""

    actor: User
    cache: dict = field(default_factory=dict)

    def lookup(self, model, **filters):
        key = (model, tuple(sorted(filters.items())))
        if key not in self.cache:
            self.cache[key] = model.objects.filter(**filters).first()
        return self.cache[key]


def _required(row, column) -> str:
    value = (row.get(column) or "").strip()
    if not value:
        raise ValidationError(_("The column %(column)s is empty.") % {"column": column})
    return value


def _date(row, column, required=True) -> datetime.date | None:
    value = (row.get(column) or "").strip()
    if not value:
        if required:
            raise ValidationError(_("The column %(column)s is empty.") % {"column": column})
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return datetime.datetime.strptime(value[:10], fmt).date()
        except ValueError:
            continue
    raise ValidationError(
        _("%(value)s in %(column)s is not a date (YYYY-MM-DD).")
        % {"value": value, "column": column}
    )


def _bool(row, column) -> bool:
    return (row.get(column) or "").strip().lower() in {"1", "yes", "ja", "oui", "true", "x", "y"}


def _find(ctx, model, label, **filters):
    obj = ctx.lookup(model, **filters)
    if obj is None:
        value = ", ".join(str(v) for v in filters.values())
        raise ValidationError(
            _("%(what)s %(value)s does not exist.") % {"what": label, "value": value}
        )
    return obj


def _university(ctx, row, column="university"):
    return _find(ctx, University, _("University"), code=_required(row, column).lower())


def _hospital(ctx, row, column="hospital"):
    return _find(ctx, Hospital, _("Hospital"), name=_required(row, column))


def _specialty(ctx, row, column="specialty"):
    return _find(ctx, Specialty, _("Specialty"), code=_required(row, column).lower())


def _service(ctx, row):
    hospital = _hospital(ctx, row)
    return _find(
        ctx, TrainingService, _("Stagedienst"), hospital=hospital, name=_required(row, "service")
    )


def _person(ctx, row, column="email"):
    email = _required(row, column).lower()
    return _find(ctx, User, _("Person"), email__iexact=email)


def _differs(instance, name: str, value) -> bool:
    """Compare a field without loading a relation (an unsaved instance has none yet)."""
    field = instance._meta.get_field(name)
    if field.is_relation:
        return getattr(instance, field.attname) != (value.pk if value is not None else None)
    return getattr(instance, name) != value


def _save_reference(ctx, instance, fields: dict, permission=None):
    """Create the instance or change the fields that differ; unchanged writes nothing."""
    from .permissions import can_import_reference

    created = instance.pk is None
    changed = [name for name, value in fields.items() if _differs(instance, name, value)]
    if not created and not changed:
        return UNCHANGED
    for name, value in fields.items():
        setattr(instance, name, value)
    org_services.reference_save(
        instance=instance,
        actor=ctx.actor,
        expected_version=None if created else instance.version,
        permission=permission or can_import_reference,
    )
    return CREATED if created else CHANGED


def _ensure_person(ctx, row) -> tuple[User, str]:
    """The person of the line by e-mail: created (without password: they log in by SSO or
    reset it) or their name and language brought up to date."""
    from .permissions import can_import_people

    if not can_import_people(ctx.actor):
        raise PermissionDenied
    email = _required(row, "email").lower()
    User._meta.get_field("email").run_validators(email)
    wanted = {
        "first_name": _required(row, "first_name"),
        "last_name": _required(row, "last_name"),
        "language": (row.get("language") or "nl").strip().lower(),
    }
    if wanted["language"] not in {"nl", "fr", "en"}:
        raise ValidationError(_("The language is nl, fr or en."))
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User(email=email, **wanted)
        user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save()
        audit_record(actor=ctx.actor, action=AuditEvent.Action.CREATE, target=user, subject=user)
        return user, CREATED
    changed = [k for k, v in wanted.items() if getattr(user, k) != v]
    if not changed:
        return user, UNCHANGED
    for k, v in wanted.items():
        setattr(user, k, v)
    user.full_clean(exclude=["password"])
    user.save(update_fields=changed)
    audit_record(
        actor=ctx.actor,
        action=AuditEvent.Action.UPDATE,
        target=user,
        subject=user,
        summary="import: " + ", ".join(changed),
    )
    return user, CHANGED


def error_message(exc) -> str:
    """The reason of a refused line, as the report shows it."""
    if isinstance(exc, PermissionDenied):
        return str(exc) or _("You may not import this line.")
    if hasattr(exc, "error_dict"):
        return "; ".join(
            f"{name}: {m}" if name != "__all__" else str(m)
            for name, errors in exc.error_dict.items()
            for e in errors
            for m in e.messages
        )
    return "; ".join(str(m) for m in exc.messages)


def _merge(*outcomes) -> str:
    if CREATED in outcomes[:1]:
        return CREATED
    return CHANGED if any(o != UNCHANGED for o in outcomes) else UNCHANGED


@dataclass(frozen=True)
class Kind:
    name: str
    label: object
    columns: list[str]
    required: list[str]
    examples: list[list[str]]
    apply: object  # (ctx, row) -> (outcome, key)
    description: object = ""
    # (ctx, rows, screen, progress) -> Plan | None: check every line first, then write at once
    plan: object = None


def import_universities(ctx, row):
    code = _required(row, "code").lower()
    instance = University.objects.filter(code=code).first() or University(code=code)
    return _save_reference(ctx, instance, {"name": _required(row, "name")}), code


def import_hospitals(ctx, row):
    name = _required(row, "name")
    university = _university(ctx, row) if (row.get("university") or "").strip() else None
    instance = Hospital.objects.filter(name=name).first() or Hospital(name=name)
    fields = {
        "city": _required(row, "city"),
        "university": university,
        "is_university_hospital": _bool(row, "university_hospital"),
    }
    return _save_reference(ctx, instance, fields), name


def import_services(ctx, row):
    hospital = _hospital(ctx, row)
    name = _required(row, "service")
    instance = TrainingService.objects.filter(hospital=hospital, name=name).first() or (
        TrainingService(hospital=hospital, name=name)
    )
    return _save_reference(
        ctx, instance, {"specialty": _specialty(ctx, row)}
    ), f"{hospital} / {name}"


def import_recognitions(ctx, row):
    """A line of the ministry's register: a stagedienst's recognition, or a stagemeester's when
    the line names one. The recognition number is the natural key."""
    service = _service(ctx, row)
    number = _required(row, "number")
    start, end = _date(row, "start"), _date(row, "end")
    if (row.get("stagemeester") or "").strip():
        trainer = _person(ctx, row, "stagemeester")
        capacity = _required(row, "capacity")
        if not capacity.isdigit():
            raise ValidationError(_("The capacity is a whole number."))
        instance = TrainerRecognition.objects.filter(reference=number).first() or (
            TrainerRecognition(reference=number)
        )
        fields = {
            "trainer": trainer,
            "service": service,
            "start": start,
            "end": end,
            "capacity": int(capacity),
        }
    else:
        instance = ServiceRecognition.objects.filter(reference=number).first() or (
            ServiceRecognition(reference=number)
        )
        fields = {"service": service, "start": start, "end": end}
    return _save_reference(ctx, instance, fields), number


ROLE_NAMES = {"programme_admin", "ministry", "coordinator"}


def import_people(ctx, row):
    """A person with a role: programme administrator (university, optional specialty),
    ministry officer, or coördinerend stagemeester (hospital)."""
    from .permissions import can_grant_role

    role = _required(row, "role").lower()
    if role not in ROLE_NAMES:
        raise ValidationError(
            _("The role is one of %(roles)s.") % {"roles": ", ".join(sorted(ROLE_NAMES))}
        )
    with transaction.atomic():
        user, person_outcome = _ensure_person(ctx, row)
        if role == "programme_admin":
            university = _university(ctx, row)
            specialty = _specialty(ctx, row) if (row.get("specialty") or "").strip() else None
            if not can_grant_role(ctx.actor, role, university=university):
                raise PermissionDenied
            grant, made = ProgrammeAdministrator.objects.get_or_create(
                user=user, university=university, specialty=specialty
            )
        elif role == "ministry":
            if not can_grant_role(ctx.actor, role):
                raise PermissionDenied
            grant, made = MinistryOfficer.objects.get_or_create(user=user)
        else:
            hospital = _hospital(ctx, row)
            if not can_grant_role(ctx.actor, role, hospital=hospital):
                raise PermissionDenied
            grant, made = HospitalCoordinator.objects.get_or_create(user=user, hospital=hospital)
        if made:
            audit_record(
                actor=ctx.actor, action=AuditEvent.Action.CREATE, target=grant, subject=user
            )
            forget_roles(user)
    return _merge(person_outcome, CHANGED if made else UNCHANGED), f"{user.email} ({role})"


def import_trainees(ctx, row):
    """An ASO: person, specialty, university, start of training and RIZIV number (the key when
    present; the e-mail address otherwise)."""
    riziv = (row.get("riziv") or "").strip()
    with transaction.atomic():
        existing = (
            Trainee.objects.filter(riziv_number=riziv).select_related("user").first()
            if riziv
            else None
        )
        if existing is None:
            existing = Trainee.objects.filter(user__email__iexact=_required(row, "email")).first()
        if existing is not None and existing.user.email.lower() != _required(row, "email").lower():
            raise ValidationError(
                _("RIZIV number %(riziv)s belongs to another person.") % {"riziv": riziv}
            )
        user, person_outcome = _ensure_person(ctx, row)
        fields = {
            "specialty": _specialty(ctx, row),
            "university": _university(ctx, row),
            "training_start": _date(row, "training_start"),
            "riziv_number": riziv,
        }
        if existing is None:
            trainee = Trainee(**fields)
            org_services.trainee_register(user=user, trainee=trainee, actor=ctx.actor)
            return CREATED, user.email
        changed = [k for k, v in fields.items() if _differs(existing, k, v)]
        if changed:
            for k, v in fields.items():
                setattr(existing, k, v)
            org_services.trainee_update(
                trainee=existing, actor=ctx.actor, expected_version=existing.version
            )
        return _merge(person_outcome, CHANGED if changed else UNCHANGED), user.email


def _plan_trainees(ctx, rows, screen, progress):
    from .bulk import plan_trainees

    return plan_trainees(ctx, rows, screen, progress)


def import_stages(ctx, row):
    """A stage: the ASO (e-mail), the stagedienst, the stagemeester and the period. The ASO and
    the start date are the key."""
    trainee = Trainee.objects.filter(user__email__iexact=_required(row, "aso")).first()
    if trainee is None:
        raise ValidationError(_("No ASO with the address %(email)s.") % {"email": row.get("aso")})
    service = _service(ctx, row)
    stagemeester = _person(ctx, row, "stagemeester")
    start, end = _date(row, "start"), _date(row, "end")
    stage = Stage.objects.filter(trainee=trainee, start=start).first()
    fields = {"service": service, "stagemeester": stagemeester, "end": end}
    key = f"{trainee.user.email} {start}"
    if stage is not None and not any(_differs(stage, k, v) for k, v in fields.items()):
        return UNCHANGED, key
    created = stage is None
    stage = stage or Stage(trainee=trainee, start=start)
    for k, v in fields.items():
        setattr(stage, k, v)
    org_services.stage_save(
        stage=stage, actor=ctx.actor, expected_version=None if created else stage.version
    )
    return (CREATED if created else CHANGED), key


def import_mentor_groups(ctx, row):
    """A mentor group member per line: university, group name, mentor and the ASO."""
    from traject.mentoring.models import MentorGroup, MentorGroupMembership
    from traject.mentoring.services import mentor_group_add_trainee, mentor_group_save

    university = _university(ctx, row)
    name = _required(row, "group")
    mentor = _person(ctx, row, "mentor")
    with transaction.atomic():
        group = MentorGroup.objects.filter(university=university, name=name).first()
        outcome = UNCHANGED
        if group is None:
            start_year = (row.get("start_year") or "").strip() or str(datetime.date.today().year)
            if not start_year.isdigit():
                raise ValidationError(_("The start year is a year, for example 2026."))
            group = MentorGroup(
                university=university, name=name, mentor=mentor, start_year=int(start_year)
            )
            mentor_group_save(group=group, actor=ctx.actor)
            outcome = CREATED
        elif group.mentor_id != mentor.pk:
            group.mentor = mentor
            mentor_group_save(group=group, actor=ctx.actor, expected_version=group.version)
            outcome = CHANGED
        aso_email = (row.get("aso") or "").strip()
        if aso_email:
            trainee = Trainee.objects.filter(user__email__iexact=aso_email).first()
            if trainee is None:
                raise ValidationError(
                    _("No ASO with the address %(email)s.") % {"email": aso_email}
                )
            if not MentorGroupMembership.objects.filter(group=group, trainee=trainee).exists():
                mentor_group_add_trainee(group=group, trainee=trainee, actor=ctx.actor)
                outcome = _merge(outcome, CHANGED)
    return outcome, f"{university.code} / {name}"


def import_courses(ctx, row):
    """A course of the MSG with its titularis; the course code is the key."""
    from traject.portfolio.models import Course
    from traject.portfolio.services import course_save

    code = _required(row, "code").lower()
    level = (row.get("level") or "expert").strip().lower()
    if level not in Course.Level.values:
        raise ValidationError(_("The level is expert or expert_plus."))
    fields = {
        "name": _required(row, "name"),
        "level": level,
        "university": _university(ctx, row),
        "specialty": _specialty(ctx, row) if (row.get("specialty") or "").strip() else None,
        "titularis": _person(ctx, row, "titularis"),
    }
    course = Course.objects.filter(code=code).first()
    if course is not None and not any(_differs(course, k, v) for k, v in fields.items()):
        return UNCHANGED, code
    created = course is None
    course = course or Course(code=code)
    for k, v in fields.items():
        setattr(course, k, v)
    course_save(
        course=course, actor=ctx.actor, expected_version=None if created else course.version
    )
    return (CREATED if created else CHANGED), code


KINDS = {
    kind.name: kind
    for kind in [
        Kind(
            "universities",
            gettext_lazy("Universities"),
            ["code", "name"],
            ["code", "name"],
            [["ugent", "Universiteit Gent"], ["uantwerpen", "Universiteit Antwerpen"]],
            import_universities,
        ),
        Kind(
            "hospitals",
            gettext_lazy("Hospitals"),
            ["name", "city", "university", "university_hospital"],
            ["name", "city"],
            [["UZ Gent", "Gent", "ugent", "yes"], ["AZ Sint-Jan", "Brugge", "ugent", "no"]],
            import_hospitals,
        ),
        Kind(
            "services",
            gettext_lazy("Stagediensten"),
            ["hospital", "service", "specialty"],
            ["hospital", "service", "specialty"],
            [["UZ Gent", "Inwendige geneeskunde", "inwendige-geneeskunde"]],
            import_services,
        ),
        Kind(
            "recognitions",
            gettext_lazy("Recognitions (the ministry's register)"),
            ["number", "hospital", "service", "start", "end", "stagemeester", "capacity"],
            ["number", "hospital", "service", "start", "end"],
            [
                [
                    "D-2024-0001",
                    "UZ Gent",
                    "Inwendige geneeskunde",
                    "2024-01-01",
                    "2028-12-31",
                    "",
                    "",
                ],
                [
                    "S-2024-0001",
                    "UZ Gent",
                    "Inwendige geneeskunde",
                    "2024-01-01",
                    "2028-12-31",
                    "stagemeester@ugent.example",
                    "4",
                ],
            ],
            import_recognitions,
        ),
        Kind(
            "people",
            gettext_lazy("People with their roles"),
            [
                "email",
                "first_name",
                "last_name",
                "language",
                "role",
                "university",
                "specialty",
                "hospital",
            ],
            ["email", "first_name", "last_name", "role"],
            [
                [
                    "coordinator@uzgent.example",
                    "Karel",
                    "Claes",
                    "nl",
                    "coordinator",
                    "",
                    "",
                    "UZ Gent",
                ],
                ["admin@ugent.example", "Ann", "De Smet", "nl", "programme_admin", "ugent", "", ""],
            ],
            import_people,
        ),
        Kind(
            "trainees",
            gettext_lazy("ASO"),
            [
                "email",
                "first_name",
                "last_name",
                "language",
                "specialty",
                "university",
                "training_start",
                "riziv",
            ],
            ["email", "first_name", "last_name", "specialty", "university", "training_start"],
            [
                [
                    "lotte.peeters@ugent.example",
                    "Lotte",
                    "Peeters",
                    "nl",
                    "inwendige-geneeskunde",
                    "ugent",
                    "2025-10-01",
                    "1-23456-78-901",
                ]
            ],
            import_trainees,
            plan=_plan_trainees,
        ),
        Kind(
            "stages",
            gettext_lazy("Stages"),
            ["aso", "hospital", "service", "stagemeester", "start", "end"],
            ["aso", "hospital", "service", "stagemeester", "start", "end"],
            [
                [
                    "lotte.peeters@ugent.example",
                    "UZ Gent",
                    "Inwendige geneeskunde",
                    "stagemeester@ugent.example",
                    "2025-10-01",
                    "2026-09-30",
                ]
            ],
            import_stages,
        ),
        Kind(
            "mentor_groups",
            gettext_lazy("Mentor groups"),
            ["university", "group", "mentor", "start_year", "aso"],
            ["university", "group", "mentor"],
            [
                [
                    "ugent",
                    "Mentorgroep A",
                    "mentor@ugent.example",
                    "2025",
                    "lotte.peeters@ugent.example",
                ]
            ],
            import_mentor_groups,
        ),
        Kind(
            "courses",
            gettext_lazy("Courses"),
            ["code", "name", "level", "university", "specialty", "titularis"],
            ["code", "name", "university", "titularis"],
            [
                [
                    "msg-communicatie",
                    "Communicatie",
                    "expert",
                    "ugent",
                    "",
                    "titularis@ugent.example",
                ]
            ],
            import_courses,
        ),
    ]
}
