import datetime
from decimal import Decimal

from django.utils import timezone

from traject.programme.models import TrainerSession


def make_session(w, *, days=7, capacity=10, points="2.0", **extra):
    starts = timezone.now() + datetime.timedelta(days=days)
    fields = {
        "title": "Constructieve feedback geven",
        "theme": "feedback",
        "organiser_kind": "university",
        "organiser_name": "Universiteit Gent",
        "university": w.university,
        "starts": starts,
        "ends": starts + datetime.timedelta(hours=3),
        "place": "Gent, UZ, auditorium",
        "points": Decimal(points),
        "capacity": capacity,
        "created_by": w.users["programme_admin"],
    }
    fields.update(extra)
    return TrainerSession.objects.create(**fields)


def move_to_past(session, days=1):
    starts = timezone.now() - datetime.timedelta(days=days)
    TrainerSession.objects.filter(pk=session.pk).update(
        starts=starts, ends=starts + datetime.timedelta(hours=3)
    )
    session.refresh_from_db()
    return session
