"""Mentoring pages: the mentor's dashboard, groups, sessions, one-to-one follow-up."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from traject.core.concurrency import ConflictError, version_from_request
from traject.core.confirm import confirmation, is_confirmed
from traject.core.forms import add_service_errors
from traject.organisation.permissions import trainees_visible_to

from . import permissions as perms
from . import selectors, services
from .forms import (
    AddTraineeForm,
    AgreedDeadlineForm,
    AttendanceForm,
    ConfidentialNoteForm,
    GroupSessionForm,
    IntervisionNoteForm,
    MentorGroupForm,
    ReferralForm,
    SessionThemeForm,
    ShareForm,
)
from .models import (
    NoteShare,
    SessionTheme,
)

# Helpers --------------------------------------------------------------------------------


def _version(form):
    return form.cleaned_data.get("version")


def _form_page(request, form, *, title, cancel_url, submit_label=None, intro=None, status=200):
    return render(
        request,
        "core/form.html",
        {
            "form": form,
            "title": title,
            "cancel_url": cancel_url,
            "submit_label": submit_label,
            "intro": intro,
        },
        status=status,
    )


# The mentor's dashboard and the ASO's own group ------------------------------------------


@login_required
def dashboard(request):
    """The mentor's groups at a glance: next session, overdue to-dos, referrals to follow up."""
    perms.mentor(request.user)
    overview = selectors.mentor_overview(request.user)
    return render(request, "mentoring/dashboard.html", {"overview": overview})


@login_required
def my_group(request):
    """The ASO's own mentor group, mentor, sessions and follow-up."""
    trainee, membership = perms.own_membership(request.user)
    context = {"trainee": trainee, "membership": membership}
    if membership is not None:
        group = membership.group
        context.update(
            group=group,
            members=[m.trainee for m in group.memberships.select_related("trainee__user")],
            sessions=group.sessions.select_related("theme"),
            now=timezone.now(),
        )
    return render(request, "mentoring/my_group.html", context)


# Mentor groups (programme administrators) --------------------------------------------------


@login_required
def group_list(request):
    universities = perms.admin_universities(request.user)
    groups = (
        perms.mentor_groups_visible_to(request.user)
        .filter(university__in=universities)
        .select_related("mentor", "university")
        .prefetch_related("memberships")
        .order_by("university__name", "name")
    )
    return render(request, "mentoring/group_list.html", {"groups": groups})


@login_required
def group_create(request):
    universities = perms.admin_universities(request.user)
    form = MentorGroupForm(
        request.POST or None,
        universities=universities,
        initial={"university": universities.first(), "start_year": timezone.localdate().year},
    )
    if request.method == "POST" and form.is_valid():
        try:
            group = services.mentor_group_save(group=form.instance, actor=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The mentor group was created."))
            return redirect("mentoring:group_detail", group.pk)
    return _form_page(
        request, form, title=_("New mentor group"), cancel_url=reverse("mentoring:group_list")
    )


@login_required
def group_detail(request, pk):
    group = perms.group_for(request.user, pk)
    can_manage = perms.can_manage_mentor_group(request.user, group)
    is_mentor = perms.is_mentor_of_group(request.user, group)
    memberships = group.memberships.select_related("trainee__user", "trainee__specialty")
    context = {
        "group": group,
        "memberships": memberships,
        "can_manage": can_manage,
        "is_mentor": is_mentor,
        "max_size": services.MAX_GROUP_SIZE,
        "is_full": memberships.count() >= services.MAX_GROUP_SIZE,
    }
    if is_mentor or perms.is_member_of_group(request.user, group):
        context["sessions"] = group.sessions.select_related("theme")
    return render(request, "mentoring/group_detail.html", context)


@login_required
def group_edit(request, pk):
    group = perms.group_for(request.user, pk, for_manage=True)
    form = MentorGroupForm(
        request.POST or None, instance=group, universities=perms.admin_universities(request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.mentor_group_save(
                group=form.instance, actor=request.user, expected_version=_version(form)
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The mentor group was saved."))
            return redirect("mentoring:group_detail", group.pk)
    return _form_page(
        request,
        form,
        title=_("Edit %(group)s") % {"group": group},
        cancel_url=reverse("mentoring:group_detail", args=[group.pk]),
    )


@login_required
def group_add_trainee(request, pk):
    group = perms.group_for(request.user, pk, for_manage=True)
    candidates = trainees_visible_to(request.user).filter(
        university_id=group.university_id, mentor_membership__isnull=True
    )
    form = AddTraineeForm(request.POST or None, trainees=candidates)
    intro = _("ASO of %(university)s who are not in a mentor group yet.") % {
        "university": group.university
    }
    if group.memberships.count() >= services.MAX_GROUP_SIZE:
        intro = _(
            "This group already has %(max)d ASO; a mentor accompanies at most %(max)d. "
            "Remove an ASO first or choose another group."
        ) % {"max": services.MAX_GROUP_SIZE}
    if request.method == "POST" and form.is_valid():
        try:
            services.mentor_group_add_trainee(
                group=group, trainee=form.cleaned_data["trainee"], actor=request.user
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The ASO was added to the group."))
            return redirect("mentoring:group_detail", group.pk)
    return _form_page(
        request,
        form,
        title=_("Add an ASO to %(group)s") % {"group": group},
        submit_label=_("Add"),
        intro=intro,
        cancel_url=reverse("mentoring:group_detail", args=[group.pk]),
    )


@login_required
@require_POST
def group_remove_trainee(request, pk, membership_pk):
    group, membership = perms.membership_for(request.user, pk, membership_pk)
    services.mentor_group_remove_trainee(membership=membership, actor=request.user)
    messages.success(
        request, _("%(trainee)s was removed from the group.") % {"trainee": membership.trainee}
    )
    return redirect("mentoring:group_detail", group.pk)


# The session plan ---------------------------------------------------------------------------


@login_required
def plan(request):
    """The group-session plan per year of training, per university of the administrator."""
    plans = []
    for university in perms.admin_universities(request.user):
        own = SessionTheme.objects.filter(university=university).exists()
        plans.append(
            {
                "university": university,
                "own": own,
                "years": selectors.plan_by_year(selectors.themes_for(university)),
            }
        )
    return render(request, "mentoring/plan.html", {"plans": plans})


@login_required
@require_POST
def plan_adapt(request, university_pk):
    university = perms.plan_university_for(request.user, university_pk)
    try:
        services.session_plan_adapt(university=university, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("%(u)s now has its own plan to adapt.") % {"u": university})
    return redirect("mentoring:plan")


@login_required
def theme_create(request, university_pk):
    university = perms.plan_university_for(request.user, university_pk)
    form = SessionThemeForm(request.POST or None)
    form.instance.university = university
    if request.method == "POST" and form.is_valid():
        try:
            if not SessionTheme.objects.filter(university=university).exists():
                services.session_plan_adapt(university=university, actor=request.user)
            services.session_theme_save(theme=form.instance, actor=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The theme was added."))
            return redirect("mentoring:plan")
    return _form_page(
        request,
        form,
        title=_("New theme for %(u)s") % {"u": university},
        cancel_url=reverse("mentoring:plan"),
    )


def _theme_page(request, theme, form, *, status=200):
    return render(
        request,
        "core/form.html",
        {
            "form": form,
            "title": _("Edit theme"),
            "cancel_url": reverse("mentoring:plan"),
            "delete_url": reverse("mentoring:theme_delete", args=[theme.pk]),
            "delete_version": theme.version,
        },
        status=status,
    )


@login_required
def theme_edit(request, pk):
    theme = perms.theme_for(request.user, pk)
    form = SessionThemeForm(request.POST or None, instance=theme)
    if request.method == "POST" and form.is_valid():
        try:
            services.session_theme_save(
                theme=form.instance, actor=request.user, expected_version=_version(form)
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The theme was saved."))
            return redirect("mentoring:plan")
    return _theme_page(request, theme, form)


@login_required
@require_POST
def theme_delete(request, pk):
    theme = perms.theme_for(request.user, pk)
    version = version_from_request(request, request.POST.get("version"))
    try:
        services.session_theme_delete(theme=theme, actor=request.user, expected_version=version)
    except ConflictError as exc:
        # Nothing is lost: the theme as it is now, with the reason, to decide again.
        theme.refresh_from_db()
        messages.error(request, exc.messages[0])
        return _theme_page(request, theme, SessionThemeForm(instance=theme), status=409)
    messages.success(request, _("The theme was removed from the plan."))
    return redirect("mentoring:plan")


# Sessions -------------------------------------------------------------------------------------


@login_required
def session_create(request, pk):
    group = perms.group_for(request.user, pk, for_schedule=True)
    themes = selectors.themes_for(group.university)
    form = GroupSessionForm(request.POST or None, themes=themes)
    form.instance.group = group
    if request.method == "POST" and form.is_valid():
        try:
            session = services.group_session_save(session=form.instance, actor=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The session was scheduled."))
            return redirect("mentoring:session_detail", session.pk)
    return _form_page(
        request,
        form,
        title=_("Schedule a session for %(group)s") % {"group": group},
        submit_label=_("Schedule"),
        cancel_url=reverse("mentoring:group_detail", args=[group.pk]),
    )


@login_required
def session_detail(request, pk):
    session = perms.session_for(request.user, pk)
    is_mentor = perms.can_manage_session(request.user, session)
    attendance = {a.trainee_id: a for a in session.attendance.all()}
    members = [
        {"trainee": m.trainee, "attendance": attendance.get(m.trainee_id)}
        for m in session.group.memberships.select_related("trainee__user")
    ]
    return render(
        request,
        "mentoring/session_detail.html",
        {
            "session": session,
            "members": members,
            "is_mentor": is_mentor,
            "notes": session.intervision_notes.all(),
        },
    )


@login_required
def session_edit(request, pk):
    session = perms.session_for(request.user, pk, for_manage=True)
    form = GroupSessionForm(
        request.POST or None,
        instance=session,
        themes=selectors.themes_for(session.group.university),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.group_session_save(
                session=form.instance, actor=request.user, expected_version=_version(form)
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The session was saved."))
            return redirect("mentoring:session_detail", session.pk)
    return _form_page(
        request,
        form,
        title=_("Edit session"),
        cancel_url=reverse("mentoring:session_detail", args=[session.pk]),
    )


@login_required
def session_attendance(request, pk):
    session = perms.session_for(request.user, pk, for_manage=True)
    members = [m.trainee for m in session.group.memberships.select_related("trainee__user")]
    current = {a.trainee_id: a.status for a in session.attendance.all()}
    form = AttendanceForm(request.POST or None, members=members, current=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_record(
                session=session, statuses=form.statuses(), actor=request.user
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The attendance was recorded."))
            return redirect("mentoring:session_detail", session.pk)
    return render(request, "mentoring/attendance.html", {"form": form, "session": session})


@login_required
def intervision_create(request, pk):
    session = perms.session_for(request.user, pk, for_manage=True)
    form = IntervisionNoteForm(request.POST or None)
    form.instance.session = session
    return _intervision_form(request, form, session, _("New intervision note"))


@login_required
def intervision_edit(request, pk):
    note = perms.intervision_note_for(request.user, pk)
    form = IntervisionNoteForm(request.POST or None, instance=note)
    return _intervision_form(request, form, note.session, _("Edit intervision note"))


def _intervision_form(request, form, session, title):
    if request.method == "POST" and form.is_valid():
        try:
            services.intervision_note_save(
                note=form.instance, actor=request.user, expected_version=_version(form)
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The intervision note was saved."))
            return redirect("mentoring:session_detail", session.pk)
    return _form_page(
        request,
        form,
        title=title,
        intro=_("Intervision: the situation, the question, reflections, agreements."),
        cancel_url=reverse("mentoring:session_detail", args=[session.pk]),
    )


# One-to-one follow-up ---------------------------------------------------------------------------


@login_required
def trainee_detail(request, pk):
    """The mentor's and the ASO's shared page: notes, to-dos, agreed deadlines, referrals."""
    trainee = perms.follow_up_of(request.user, pk)
    user = request.user
    is_mentor = perms.is_current_mentor(user, trainee)
    notes = (
        perms.notes_visible_to(user)
        .filter(trainee=trainee)
        .prefetch_related(
            Prefetch(
                "shares",
                queryset=NoteShare.objects.filter(withdrawn_at__isnull=True).select_related(
                    "recipient"
                ),
                to_attr="active_shares",
            )
        )
    )
    today = timezone.localdate()
    deadlines = perms.deadlines_visible_to(user).filter(trainee=trainee)
    return render(
        request,
        "mentoring/trainee_detail.html",
        {
            "trainee": trainee,
            "is_mentor": is_mentor,
            "is_self": trainee.user_id == user.pk,
            "mentor": perms.mentor_of(trainee),
            "notes": notes,
            "todos": selectors.todo_status(trainee),
            "deadlines": deadlines.filter(done_on__isnull=True),
            "done_deadlines": deadlines.filter(done_on__isnull=False).order_by("-done_on")[:10],
            "referrals": perms.referrals_visible_to(user).filter(trainee=trainee),
            "shared_feedback": selectors.feedback_shared_with(user, trainee) if is_mentor else [],
            "today": today,
        },
    )


@login_required
def note_create(request, pk):
    trainee = perms.trainee_for(request.user, pk)
    form = ConfidentialNoteForm(request.POST or None, initial={"held_on": timezone.localdate()})
    form.instance.trainee = trainee
    if request.method == "POST" and form.is_valid():
        try:
            note = services.confidential_note_save(note=form.instance, actor=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The note was saved."))
            return redirect("mentoring:note_detail", note.pk)
    return _form_page(
        request,
        form,
        title=_("New confidential note"),
        cancel_url=reverse("mentoring:trainee_detail", args=[trainee.pk]),
    )


@login_required
def note_detail(request, pk):
    note = perms.note_for(request.user, pk)
    is_party = perms.is_party_to_note(request.user, note)
    shares = note.shares.select_related("recipient") if is_party else []
    return render(
        request,
        "mentoring/note_detail.html",
        {
            "note": note,
            "is_party": is_party,
            "can_share": perms.can_share_note(request.user, note),
            "shares": shares,
        },
    )


@login_required
def note_edit(request, pk):
    note = perms.note_for(request.user, pk, for_edit=True)
    form = ConfidentialNoteForm(request.POST or None, instance=note)
    if request.method == "POST" and form.is_valid():
        try:
            services.confidential_note_save(
                note=form.instance, actor=request.user, expected_version=_version(form)
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The note was saved."))
            return redirect("mentoring:note_detail", note.pk)
    return _form_page(
        request,
        form,
        title=_("Edit note"),
        cancel_url=reverse("mentoring:note_detail", args=[note.pk]),
    )


@login_required
def note_share(request, pk):
    note = perms.note_for(request.user, pk, for_share=True)
    recipients = perms.share_recipients_for(note.trainee)
    form = ShareForm(request.POST or None, recipients=recipients)
    if request.method == "POST" and form.is_valid() and not is_confirmed(request):
        recipient = form.cleaned_data["recipient"]
        return confirmation(
            request,
            title=_("Share this confidential note with %(person)s?") % {"person": recipient},
            consequences=[
                _(
                    "%(person)s, your stagemeester, can read this note (%(date)s) from now on, "
                    "and nobody else."
                )
                % {"person": recipient, "date": date_format(note.created_at, "DATE_FORMAT")},
                _("Sharing is recorded with the time and the person."),
                _(
                    "You can withdraw the share at any moment on the note's page; from then on "
                    "%(person)s can no longer read it."
                )
                % {"person": recipient},
            ],
            confirm_label=_("Share with %(person)s") % {"person": recipient},
            cancel_url=reverse("mentoring:note_detail", args=[note.pk]),
            carry={"recipient": recipient.pk},
        )
    if request.method == "POST" and form.is_valid():
        try:
            share = services.note_share(
                note=note, recipient=form.cleaned_data["recipient"], actor=request.user
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("%(person)s can now read this note.") % {"person": share.recipient}
            )
            return redirect("mentoring:note_detail", note.pk)
    intro = _(
        "You decide who reads this note. Sharing is recorded with the time and the person, and "
        "you can withdraw it at any moment."
    )
    if not recipients.exists():
        intro = _("You have no current stagemeester to share this note with.")
    return _form_page(
        request,
        form,
        title=_("Share this note"),
        intro=intro,
        submit_label=_("Share"),
        cancel_url=reverse("mentoring:note_detail", args=[note.pk]),
    )


@login_required
@require_POST
def share_withdraw(request, pk):
    share = perms.share_for(request.user, pk)
    services.note_share_withdraw(share=share, actor=request.user)
    messages.success(
        request, _("%(person)s can no longer read this note.") % {"person": share.recipient}
    )
    return redirect("mentoring:note_detail", share.note_id)


@login_required
def shared_with_me(request):
    """The notes ASO shared with me, one by one."""
    shares = (
        perms.shares_with(request.user).select_related("note__trainee__user").order_by("-shared_at")
    )
    return render(request, "mentoring/shared_with_me.html", {"shares": shares})


@login_required
def deadline_create(request, pk):
    trainee = perms.trainee_for(request.user, pk)
    form = AgreedDeadlineForm(request.POST or None, todos=selectors.todo_status(trainee))
    form.instance.trainee = trainee
    if request.method == "POST" and form.is_valid():
        try:
            services.agreed_deadline_save(deadline=form.instance, actor=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The deadline was agreed; the ASO gets a reminder."))
            return redirect("mentoring:trainee_detail", trainee.pk)
    return _form_page(
        request,
        form,
        title=_("Agree an intermediate deadline"),
        cancel_url=reverse("mentoring:trainee_detail", args=[trainee.pk]),
    )


@login_required
@require_POST
def deadline_done(request, pk):
    deadline = perms.deadline_for(request.user, pk)
    services.agreed_deadline_complete(deadline=deadline, actor=request.user)
    messages.success(request, _("The deadline was marked as met."))
    return redirect("mentoring:trainee_detail", deadline.trainee_id)


@login_required
def referral_create(request, pk):
    trainee = perms.referrer_for(request.user, pk)
    today = timezone.localdate()
    form = ReferralForm(
        request.POST or None,
        initial={"referred_on": today, "follow_up_on": today + datetime.timedelta(days=28)},
    )
    form.instance.trainee = trainee
    del form.fields["closed_on"], form.fields["outcome"]
    return _referral_form(request, form, trainee, _("New referral"))


@login_required
def referral_edit(request, pk):
    referral = perms.referral_for(request.user, pk)
    form = ReferralForm(request.POST or None, instance=referral)
    return _referral_form(request, form, referral.trainee, _("Follow up a referral"))


def _referral_form(request, form, trainee, title):
    if request.method == "POST" and form.is_valid():
        try:
            services.referral_save(
                referral=form.instance, actor=request.user, expected_version=_version(form)
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The referral register was updated."))
            return redirect("mentoring:trainee_detail", trainee.pk)
    return _form_page(
        request,
        form,
        title=title,
        intro=_("The register is visible to you and the ASO only, and stored encrypted."),
        cancel_url=reverse("mentoring:trainee_detail", args=[trainee.pk]),
    )
