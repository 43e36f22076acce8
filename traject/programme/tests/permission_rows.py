"""Permission rows of the programme: trainer sessions, course evaluations, news."""

import datetime

from django.utils import timezone

from traject.testing.permission_table import Row, expect

TRAINERS = {"stagemeester": 200, "other_stagemeester": 200, "coordinator": 200, "mentor": 200}
ORGANISERS = {"programme_admin": 200, "ministry": 200, "coordinator": 200}
MANAGERS = {"programme_admin": 200, "ministry": 200}
EVALUATION_READERS = {"titularis": 200, "programme_admin": 200, "ministry": 200}


def page(default=403, **overrides):
    return expect(default, anonymous=302, **overrides)


def api(default=403, **overrides):
    return expect(default, anonymous=401, **overrides)


def with_status(table: dict, status: int) -> dict:
    return dict.fromkeys(table, status)


def extend_world(w):
    from traject.programme import services
    from traject.programme.models import NewsItem, Registration
    from traject.programme.tests.helpers import make_session, move_to_past
    from traject.testing import factories as f

    session = make_session(w)
    past = move_to_past(make_session(w, title="Wetenschappelijk werk begeleiden"))
    attended = Registration.objects.create(session=past, trainer=w.users["stagemeester"])
    attended.attended = True
    attended.save()
    pending = Registration.objects.create(session=past, trainer=w.users["other_stagemeester"])
    other_course = f.CourseFactory(
        titularis=w.users["titularis"],
        university=w.university,
        code="programme-ethiek",
        name="Ethiek",
    )
    evaluation = services.course_evaluation_open(
        course=other_course,
        closes=timezone.localdate() + datetime.timedelta(days=10),
        actor=w.users["titularis"],
    )
    today = timezone.localdate()
    news = NewsItem.objects.create(
        kind="announcement",
        title="Wist u dat",
        body="...",
        university=w.university,
        publish_on=today,
        expires_on=today + datetime.timedelta(days=3),
        created_by=w.users["programme_admin"],
    )
    w.add(
        programme_session=session,
        programme_past_session=past,
        programme_attended=attended,
        programme_pending=pending,
        programme_evaluation=evaluation,
        programme_news=news,
    )


def _session(w):
    return [w.programme_session.pk]


def _attendance(w):
    return [w.programme_past_session.pk, w.programme_pending.pk]


def _evaluation(w):
    return [w.programme_evaluation.pk]


READERS_OF_NEWS = {
    "aso": 302,
    "other_aso": 302,
    "stagemeester": 302,
    "other_stagemeester": 302,
    "coordinator": 302,
    "mentor": 302,
    "titularis": 302,
    "programme_admin": 302,
    "aios": 404,  # another university
    "opleider": 404,
}

ROWS = [
    Row("GET", "programme:home", expect=page(**(TRAINERS | ORGANISERS), titularis=200)),
    Row("GET", "programme:session_detail", args=_session, expect=page(**(TRAINERS | ORGANISERS))),
    Row("GET", "programme:session_create", expect=page(**ORGANISERS)),
    Row(
        "POST", "programme:session_create", data=lambda w: {"title": ""}, expect=page(**ORGANISERS)
    ),
    # Changing or cancelling: the organiser of the session's university and the ministry.
    Row("GET", "programme:session_edit", args=_session, expect=page(**MANAGERS)),
    Row(
        "POST",
        "programme:session_edit",
        args=_session,
        data=lambda w: {"title": ""},
        expect=page(**MANAGERS),
    ),
    Row(
        "POST",  # without the version it changes nothing (a message, back to the session)
        "programme:session_cancel",
        args=_session,
        expect=page(**with_status(MANAGERS, 302)),
    ),
    Row(
        "POST",
        "programme:session_register",
        args=_session,
        expect=page(**with_status(TRAINERS, 302)),
    ),
    Row(
        "POST",
        "programme:session_unregister",
        args=_session,
        expect=page(**with_status(TRAINERS, 302)),
    ),
    Row(
        "POST",
        "programme:attendance_record",
        args=_attendance,
        expect=page(programme_admin=302, ministry=302),
    ),
    Row(
        "GET",
        "programme:certificate",
        args=lambda w: [w.programme_attended.pk],
        expect=page(404, stagemeester=200),
    ),
    Row("GET", "programme:calendar", expect=page(**TRAINERS)),
    Row("GET", "programme:hospital_overview", expect=page(coordinator=200)),
    Row("GET", "programme:evaluation_list", expect=page(**EVALUATION_READERS)),
    Row(
        "GET",
        "programme:evaluation_create",
        args=lambda w: [w.course.pk],
        expect=page(titularis=200, programme_admin=200),
    ),
    Row("GET", "programme:evaluation_detail", args=_evaluation, expect=page(**EVALUATION_READERS)),
    Row(
        "POST",
        "programme:evaluation_close",
        args=_evaluation,
        expect=page(titularis=302, programme_admin=302),
    ),
    Row(
        "POST",
        "programme:evaluation_publish",
        args=_evaluation,
        data=lambda w: {"highlight": "88%"},
        expect=page(programme_admin=302),
    ),
    Row("GET", "programme:news_list", expect=page(programme_admin=200, ministry=200)),
    Row("GET", "programme:news_create", expect=page(programme_admin=200, ministry=200)),
    Row(
        "POST",
        "programme:news_read",
        args=lambda w: [w.programme_news.pk],
        expect=page(404, **READERS_OF_NEWS),
    ),
    # --- API ---
    Row("GET", "api:programme_sessions", expect=api(**(TRAINERS | ORGANISERS))),
    Row("GET", "api:programme_session", args=_session, expect=api(**(TRAINERS | ORGANISERS))),
    # Changing with the version read: the organisers only (the central version test also sends
    # it without and stale). Cancelling without the version: 428 for the organisers, nothing changes.
    Row(
        "PATCH",
        "api:programme_session_change",
        args=_session,
        data=lambda w: {"title": "Nieuw", "version": w.programme_session.version},
        json=True,
        expect=api(**MANAGERS),
    ),
    Row(
        "POST",
        "api:programme_session_cancel",
        args=_session,
        data=lambda w: {},
        json=True,
        expect=api(**with_status(MANAGERS, 428)),
    ),
    Row(
        "POST",
        "api:programme_register",
        args=_session,
        expect=api(**with_status(TRAINERS, 201)),
    ),
    Row(
        "DELETE",
        "api:programme_unregister",
        args=_session,
        expect=api(**with_status(TRAINERS, 400)),
    ),
    Row(
        "POST",
        "api:programme_attendance",
        args=_attendance,
        expect=api(programme_admin=200, ministry=200),
    ),
    Row("GET", "api:programme_registrations", expect=api(**TRAINERS)),
    Row("GET", "api:programme_yearly_status", expect=api(**TRAINERS)),
    Row("GET", "api:programme_hospital_trainers", expect=api(coordinator=200)),
    Row("GET", "api:programme_evaluations", expect=api(**EVALUATION_READERS)),
    Row(
        "POST",
        "api:programme_evaluation_open",
        data=lambda w: {
            "course_id": w.course.pk,
            "closes": (timezone.localdate() + datetime.timedelta(days=9)).isoformat(),
        },
        expect=api(titularis=201, programme_admin=201),
    ),
    Row("GET", "api:programme_evaluation", args=_evaluation, expect=api(**EVALUATION_READERS)),
    Row("GET", "api:programme_news", expect=api(200)),
    Row(
        "POST",
        "api:programme_news_create",
        data=lambda w: {
            "title": "Nieuws",
            "body": "Tekst",
            "university_id": w.university.pk,
            "publish_on": timezone.localdate().isoformat(),
            "expires_on": timezone.localdate().isoformat(),
        },
        expect=api(programme_admin=201, ministry=201),
    ),
    Row(
        "POST",
        "api:programme_news_read",
        args=lambda w: [w.programme_news.pk],
        expect=api(404, **{k: 204 if v == 302 else v for k, v in READERS_OF_NEWS.items()}),
    ),
]
