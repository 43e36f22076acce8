import re

from django.core import mail
from django.utils import timezone

from traject.portfolio.models import Epa
from traject.workfloor import services
from traject.workfloor.models import TeamMember


def member(world, name="Dr. An Peeters", email="an.peeters@uzgent.test"):
    return TeamMember.objects.create(
        service=world.service, name=name, email=email, added_by=world.users["stagemeester"]
    )


def epa(world):
    return Epa.objects.get_or_create(specialty=world.specialty, code="IG-1", title="Opname")[0]


def bedside_code(world, **kwargs):
    kwargs.setdefault("what", "Zaalronde kamer 12")
    kwargs.setdefault("moment_date", timezone.localdate())
    return services.bedside_code_create(actor=world.users["aso"], trainee=world.trainee, **kwargs)


def last_digits() -> str:
    return re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)


def last_link_path() -> str:
    return re.search(r"https?://[^/\s]+(/workfloor/l/[^\s]+/)", mail.outbox[-1].body).group(1)
