"""Permission rows for the mentoring pages and API.

Confidential notes: their mentor and their ASO read them; a person the ASO shared that one
note with reads it; everyone else, administrators included, gets 404 (not even the existence
of a note is revealed).
"""

import datetime

from django.utils import timezone

from traject.testing.permission_table import Row, expect

# Who meets what, in one place.
GROUP_SEEN = {"aso": 200, "mentor": 200, "programme_admin": 200}  # group_detail
ADMIN_ONLY = {"aso": 403, "mentor": 403}  # related to the group, but not administrators
SESSION_SEEN = {"aso": 200, "mentor": 200, "programme_admin": 403}
MENTOR_ONLY = {"aso": 403, "mentor": 200, "programme_admin": 403}
# The one-to-one page of the persona ASO: the ASO and their mentor; people who know the ASO
# (stagemeester, coordinator, administrator) are refused; others do not find it.
ONE_TO_ONE = {
    "aso": 200,
    "mentor": 200,
    "stagemeester": 403,
    "coordinator": 403,
    "programme_admin": 403,
}
NOTE_PARTIES = {"aso": 200, "mentor": 200}


def page(default=404, **overrides):
    return expect(default, anonymous=302, **overrides)


def api(default=404, **overrides):
    return expect(default, anonymous=401, **overrides)


def _ok(mapping, status):
    return {k: (status if v == 200 else v) for k, v in mapping.items()}


def extend_world(w):
    from traject.mentoring.models import (
        AgreedDeadline,
        ConfidentialNote,
        GroupSession,
        IntervisionNote,
        NoteShare,
        Referral,
        SessionTheme,
    )

    today = timezone.localdate()
    theme = SessionTheme.objects.create(
        university=w.university, training_year=1, position=1, title="Kennismaking"
    )
    session = GroupSession.objects.create(
        group=w.mentor_group,
        theme=theme,
        starts_at=timezone.now() + datetime.timedelta(days=7),
        place="Zaal 1",
    )
    intervision = IntervisionNote.objects.create(session=session, situation="Casus")
    note = ConfidentialNote.objects.create(
        trainee=w.trainee, mentor=w.users["mentor"], held_on=today, text="Vertrouwelijk"
    )
    shared_note = ConfidentialNote.objects.create(
        trainee=w.trainee, mentor=w.users["mentor"], held_on=today, text="Gedeeld"
    )
    share = NoteShare.objects.create(
        note=shared_note, recipient=w.users["stagemeester"], shared_by=w.users["aso"]
    )
    deadline = AgreedDeadline.objects.create(
        trainee=w.trainee,
        mentor=w.users["mentor"],
        description="Eerste helft",
        due_on=today + datetime.timedelta(days=10),
    )
    referral = Referral.objects.create(
        trainee=w.trainee,
        mentor=w.users["mentor"],
        referred_to="Huisarts",
        reason="Slaap",
        referred_on=today,
        follow_up_on=today + datetime.timedelta(days=14),
    )
    w.add(
        mentoring_theme=theme,
        mentoring_session=session,
        mentoring_intervision=intervision,
        mentoring_note=note,
        mentoring_shared_note=shared_note,
        mentoring_share=share,
        mentoring_deadline=deadline,
        mentoring_referral=referral,
    )


def _fresh(obj):
    """The object as stored now (its version moves on as rows change it)."""
    return type(obj).objects.get(pk=obj.pk)


def _group(w):
    return [w.mentor_group.pk]


def _session(w):
    return [w.mentoring_session.pk]


def _trainee(w):
    return [w.trainee.pk]


def _note(w):
    return [w.mentoring_note.pk]


def _shared(w):
    return [w.mentoring_shared_note.pk]


ROWS = [
    # The mentor's dashboard, the ASO's group, notes shared with me.
    Row("GET", "mentoring:dashboard", expect=page(403, mentor=200)),
    Row("GET", "mentoring:my_group", expect=page(403, aso=200, other_aso=200)),
    Row("GET", "mentoring:shared_with_me", expect=page(200)),
    # Mentor groups (programme administrators).
    Row("GET", "mentoring:group_list", expect=page(403, programme_admin=200)),
    Row("GET", "mentoring:group_create", expect=page(403, programme_admin=200)),
    Row("GET", "mentoring:group_detail", args=_group, expect=page(**GROUP_SEEN)),
    Row("GET", "mentoring:group_edit", args=_group, expect=page(programme_admin=200, **ADMIN_ONLY)),
    Row(
        "GET",
        "mentoring:group_add_trainee",
        args=_group,
        expect=page(programme_admin=200, **ADMIN_ONLY),
    ),
    Row(
        "POST",
        "mentoring:group_remove_trainee",
        args=lambda w: [w.mentor_group.pk, w.membership.pk],
        expect=page(programme_admin=302, **ADMIN_ONLY),
    ),
    # The session plan.
    Row("GET", "mentoring:plan", expect=page(403, programme_admin=200)),
    Row(
        "POST",
        "mentoring:plan_adapt",
        args=lambda w: [w.university.pk],
        expect=page(403, programme_admin=302),
    ),
    Row(
        "GET",
        "mentoring:theme_create",
        args=lambda w: [w.university.pk],
        expect=page(403, programme_admin=200),
    ),
    Row(
        "GET",
        "mentoring:theme_edit",
        args=lambda w: [w.mentoring_theme.pk],
        expect=page(403, programme_admin=200),
    ),
    Row(
        "POST",
        "mentoring:theme_delete",
        args=lambda w: [w.mentoring_theme.pk],
        data=lambda w: {"version": w.mentoring_theme.version},
        expect=page(403, programme_admin=302),
    ),
    # Sessions: the mentor and the members; administrators plan groups but do not sit in.
    Row("GET", "mentoring:session_create", args=_group, expect=page(**MENTOR_ONLY)),
    Row("GET", "mentoring:session_detail", args=_session, expect=page(**SESSION_SEEN)),
    Row("GET", "mentoring:session_edit", args=_session, expect=page(**MENTOR_ONLY)),
    Row("GET", "mentoring:session_attendance", args=_session, expect=page(**MENTOR_ONLY)),
    Row("GET", "mentoring:intervision_create", args=_session, expect=page(**MENTOR_ONLY)),
    Row(
        "GET",
        "mentoring:intervision_edit",
        args=lambda w: [w.mentoring_intervision.pk],
        expect=page(aso=403, mentor=200),
    ),
    # One-to-one follow-up.
    Row("GET", "mentoring:trainee_detail", args=_trainee, expect=page(**ONE_TO_ONE)),
    Row("GET", "mentoring:note_create", args=_trainee, expect=page(**ONE_TO_ONE)),
    Row("GET", "mentoring:deadline_create", args=_trainee, expect=page(**ONE_TO_ONE)),
    Row(
        "GET",
        "mentoring:referral_create",
        args=_trainee,
        expect=page(**{**ONE_TO_ONE, "aso": 403}),
    ),
    Row(
        "GET",
        "mentoring:note_detail",
        args=_note,
        expect=page(**NOTE_PARTIES),
        description="not shared",
    ),
    Row(
        "GET",
        "mentoring:note_detail",
        args=_shared,
        expect=page(stagemeester=200, **NOTE_PARTIES),
        description="shared with the stagemeester",
    ),
    Row("GET", "mentoring:note_edit", args=_note, expect=page(**NOTE_PARTIES)),
    Row(
        "GET",
        "mentoring:note_edit",
        args=_shared,
        expect=page(stagemeester=403, **NOTE_PARTIES),
        description="shared: the recipient only reads",
    ),
    Row("GET", "mentoring:note_share", args=_note, expect=page(aso=200, mentor=403)),
    Row(
        "POST",
        "mentoring:share_withdraw",
        args=lambda w: [w.mentoring_share.pk],
        expect=page(aso=302, mentor=403, stagemeester=403),
    ),
    Row(
        "POST",
        "mentoring:deadline_done",
        args=lambda w: [w.mentoring_deadline.pk],
        expect=page(aso=302, mentor=302),
    ),
    Row(
        "GET",
        "mentoring:referral_edit",
        args=lambda w: [w.mentoring_referral.pk],
        expect=page(aso=403, mentor=200),
    ),
    # API: groups.
    Row("GET", "api:mentoring_group_list", expect=api(200)),
    Row(
        "POST",
        "api:mentoring_group_create",
        data=lambda w: {
            "name": "Mentorgroep API",
            "mentor_id": w.users["mentor"].pk,
            "university_id": w.university.pk,
            "start_year": 2026,
        },
        expect=api(403, programme_admin=201),
    ),
    Row("GET", "api:mentoring_group_detail", args=_group, expect=api(**GROUP_SEEN)),
    Row(
        "PATCH",
        "api:mentoring_group_update",
        args=_group,
        data=lambda w: {"name": "Nieuwe naam", "version": _fresh(w.mentor_group).version},
        expect=api(programme_admin=200, **ADMIN_ONLY),
    ),
    Row(
        "POST",
        "api:mentoring_group_member_add",
        args=_group,
        data=lambda w: {"trainee_id": w.other_trainee.pk},
        expect=api(programme_admin=201, **ADMIN_ONLY),
    ),
    Row(
        "DELETE",
        "api:mentoring_group_member_remove",
        args=lambda w: [w.mentor_group.pk, w.membership.pk],
        expect=api(programme_admin=204, **ADMIN_ONLY),
    ),
    Row("GET", "api:mentoring_theme_list", expect=api(200)),
    # API: sessions.
    Row("GET", "api:mentoring_session_list", args=_group, expect=api(**SESSION_SEEN)),
    Row(
        "POST",
        "api:mentoring_session_create",
        args=_group,
        data=lambda w: {
            "theme_id": w.mentoring_theme.pk,
            "starts_at": (timezone.now() + datetime.timedelta(days=3)).isoformat(),
            "place": "Zaal 2",
        },
        expect=api(**_ok(MENTOR_ONLY, 201)),
    ),
    Row("GET", "api:mentoring_session_detail", args=_session, expect=api(**SESSION_SEEN)),
    Row(
        "PATCH",
        "api:mentoring_session_update",
        args=_session,
        data=lambda w: {"place": "Zaal 3", "version": _fresh(w.mentoring_session).version},
        expect=api(**MENTOR_ONLY),
    ),
    Row(
        "PUT",
        "api:mentoring_attendance_record",
        args=_session,
        data=lambda w: {"attendance": [{"trainee_id": w.trainee.pk, "status": "present"}]},
        expect=api(**MENTOR_ONLY),
    ),
    Row("GET", "api:mentoring_intervision_list", args=_session, expect=api(**SESSION_SEEN)),
    Row(
        "POST",
        "api:mentoring_intervision_create",
        args=_session,
        data=lambda w: {"situation": "Casus", "question": "Hoe?"},
        expect=api(**_ok(MENTOR_ONLY, 201)),
    ),
    # API: notes.
    Row("GET", "api:mentoring_note_list", args=_trainee, expect=api(**ONE_TO_ONE)),
    Row(
        "POST",
        "api:mentoring_note_create",
        args=_trainee,
        data=lambda w: {"held_on": str(timezone.localdate()), "text": "Nieuw gesprek"},
        expect=api(**_ok(ONE_TO_ONE, 201)),
    ),
    Row("GET", "api:mentoring_notes_shared_with_me", expect=api(200)),
    Row(
        "GET",
        "api:mentoring_note_detail",
        args=_note,
        expect=api(**NOTE_PARTIES),
        description="not shared",
    ),
    Row(
        "GET",
        "api:mentoring_note_detail",
        args=_shared,
        expect=api(stagemeester=200, **NOTE_PARTIES),
        description="shared with the stagemeester",
    ),
    Row(
        "PATCH",
        "api:mentoring_note_update",
        args=_note,
        data=lambda w: {"text": "Aangepast", "version": _fresh(w.mentoring_note).version},
        expect=api(**NOTE_PARTIES),
    ),
    Row(
        "POST",
        "api:mentoring_note_share",
        args=_note,
        data=lambda w: {"recipient_id": w.users["stagemeester"].pk},
        expect=api(aso=201, mentor=403),
    ),
    Row(
        "DELETE",
        "api:mentoring_share_withdraw",
        args=lambda w: [w.mentoring_share.pk],
        expect=api(aso=204, mentor=403, stagemeester=403),
    ),
    # API: follow-up.
    Row("GET", "api:mentoring_todo_status", args=_trainee, expect=api(**ONE_TO_ONE)),
    Row("GET", "api:mentoring_deadline_list", args=_trainee, expect=api(**ONE_TO_ONE)),
    Row(
        "POST",
        "api:mentoring_deadline_create",
        args=_trainee,
        data=lambda w: {
            "description": "Tweede helft",
            "due_on": str(timezone.localdate() + datetime.timedelta(days=20)),
        },
        expect=api(**_ok(ONE_TO_ONE, 201)),
    ),
    Row(
        "POST",
        "api:mentoring_deadline_complete",
        args=lambda w: [w.mentoring_deadline.pk],
        expect=api(aso=200, mentor=200),
    ),
    Row("GET", "api:mentoring_referral_list", args=_trainee, expect=api(**ONE_TO_ONE)),
    Row(
        "POST",
        "api:mentoring_referral_create",
        args=_trainee,
        data=lambda w: {
            "referred_to": "Psycholoog",
            "reason": "Stress",
            "referred_on": str(timezone.localdate()),
            "follow_up_on": str(timezone.localdate() + datetime.timedelta(days=30)),
        },
        expect=api(**{**_ok(ONE_TO_ONE, 201), "aso": 403}),
    ),
    Row(
        "PATCH",
        "api:mentoring_referral_update",
        args=lambda w: [w.mentoring_referral.pk],
        data=lambda w: {
            "outcome": "Gaat beter",
            "closed_on": str(timezone.localdate()),
            "version": _fresh(w.mentoring_referral).version,
        },
        expect=api(aso=403, mentor=200),
    ),
]
