"""Permission table rows for every portfolio URL (pages and API)."""

from django.utils import timezone

from traject.portfolio import services
from traject.portfolio.models import CourseItem, ItemKind, LearningGoal, TodoList
from traject.testing import factories as f
from traject.testing.permission_table import Row, expect

from .helpers import complete_list, course_with_items, epa


def extend_world(w):
    """The ASO has a submitted list (with a file), an open finished list, feedback, an EPA, a goal."""
    aso, sm = w.users["aso"], w.users["stagemeester"]
    course_with_items(w.course)
    submitted = TodoList.objects.get(trainee=w.trainee, course=w.course)
    complete_list(submitted, aso)
    submission = services.todo_list_submit(todo_list=submitted, actor=aso)
    second = f.CourseFactory(
        titularis=w.users["titularis"], university=w.university, code="msg-expert-2", name="EBM"
    )
    CourseItem.objects.create(course=second, title="Attend", kind=ItemKind.ATTEND)
    services.todo_lists_sync(course=second)
    open_list = TodoList.objects.get(trainee=w.trainee, course=second)
    open_item = open_list.items.get()
    services.todo_item_update(item=open_item, actor=aso, done=True)
    the_epa = epa(w)
    request = services.feedback_request_create(
        trainee=w.trainee,
        actor=aso,
        supervisor=sm,
        moment_date=timezone.localdate(),
        what="Opname",
        epa=the_epa,
    )
    feedback = services.feedback_give(
        trainee=w.trainee,
        actor=sm,
        moment_date=timezone.localdate(),
        what="Zaalronde",
        went_well="Goed",
        to_improve="Sneller",
    )
    goal = services.goal_save(goal=LearningGoal(trainee=w.trainee, title="Echo"), actor=aso)
    w.add(
        submitted_list=submitted,
        submission=submission,
        item_file=submitted.items.get(kind=ItemKind.UPLOAD).files.get(),
        open_list=open_list,
        open_item=open_item,
        epa=the_epa,
        feedback_request=request,
        feedback=feedback,
        goal=goal,
        course_item=w.course.items.first(),
    )


T = lambda w: [w.trainee.pk]  # noqa: E731
NOBODY = {  # no relation with the ASO: 404
    "other_aso": 404,
    "other_stagemeester": 404,
    "titularis": 404,
    "ministry": 404,
}
ASO_ONLY_PAGE = expect(404, aso=200, anonymous=302)
EVERY_ASO_PAGE = expect(403, aso=200, other_aso=200, anonymous=302)
ADMIN_PAGE = expect(403, programme_admin=200, anonymous=302)
# Pages about one ASO: related people without the right get 403, strangers 404.
SUPERVISOR_PAGE = expect(403, **NOBODY, aso=200, stagemeester=200, anonymous=302)
STAGEMEESTER_ACTION_PAGE = expect(403, **NOBODY, stagemeester=200, anonymous=302)
TODAY = lambda: timezone.localdate().isoformat()  # noqa: E731

ROWS = [
    # --- pages of the ASO's own portfolio
    Row("GET", "portfolio:overview", expect=EVERY_ASO_PAGE),
    Row("GET", "portfolio:todo_list", lambda w: [w.submitted_list.pk], expect=ASO_ONLY_PAGE),
    Row(
        "POST",
        "portfolio:todo_list_submit",
        lambda w: [w.open_list.pk],
        expect=expect(404, aso=302, anonymous=302),
    ),
    Row("GET", "portfolio:todo_item", lambda w: [w.open_item.pk], expect=ASO_ONLY_PAGE),
    Row(
        "POST",
        "portfolio:todo_item",
        lambda w: [w.open_item.pk],
        data=lambda w: {"note": "Bijgewoond", "done": "on", "version": w.open_item.version},
        expect=expect(404, aso=302, anonymous=302),
    ),
    Row(
        "GET",
        "portfolio:item_file",
        lambda w: [w.item_file.pk],
        expect=expect(404, aso=200, titularis=200, anonymous=302),
        description="submitted: the titularis reads it",
    ),
    Row(
        "POST",
        "portfolio:item_file_delete",
        lambda w: [w.item_file.pk],
        data=lambda w: {"version": w.item_file.version},
        expect=expect(404, aso=302, anonymous=302),
    ),
    Row("GET", "portfolio:feedback_timeline", expect=EVERY_ASO_PAGE),
    Row("GET", "portfolio:feedback_request_create", expect=EVERY_ASO_PAGE),
    Row(
        "POST",
        "portfolio:feedback_request_withdraw",
        lambda w: [w.feedback_request.pk],
        expect=expect(404, aso=302, stagemeester=403, anonymous=302),
    ),
    Row(
        "GET",
        "portfolio:feedback_detail",
        lambda w: [w.feedback.pk],
        expect=expect(404, aso=200, stagemeester=200, anonymous=302),
        description="not shared: the mentor does not see it",
    ),
    Row(
        "POST",
        "portfolio:feedback_share",
        lambda w: [w.feedback.pk],
        expect=expect(404, aso=302, stagemeester=403, anonymous=302),
    ),
    Row(
        "POST",
        "portfolio:feedback_unshare",
        lambda w: [w.feedback.pk],
        expect=expect(404, aso=302, stagemeester=403, anonymous=302),
    ),
    Row(
        "GET",
        "portfolio:goal_list",
        expect=expect(403, aso=302, other_aso=302, anonymous=302),
    ),
    Row("GET", "portfolio:goal_create", expect=EVERY_ASO_PAGE),
    Row(
        "GET",
        "portfolio:goal_detail",
        lambda w: [w.goal.pk],
        expect=expect(404, aso=200, stagemeester=200, anonymous=302),
    ),
    Row(
        "GET",
        "portfolio:goal_edit",
        lambda w: [w.goal.pk],
        expect=expect(404, aso=200, stagemeester=403, anonymous=302),
    ),
    Row(
        "POST",
        "portfolio:goal_comment",
        lambda w: [w.goal.pk],
        data=lambda w: {"text": "Akkoord met planning"},
        expect=expect(404, aso=302, stagemeester=302, anonymous=302),
    ),
    Row(
        "POST",
        "portfolio:goal_agree",
        lambda w: [w.goal.pk],
        data=lambda w: {"version": w.goal.version},
        expect=expect(404, aso=403, stagemeester=302, anonymous=302),
    ),
    Row("GET", "portfolio:export_json", expect=EVERY_ASO_PAGE),
    Row("GET", "portfolio:export_pdf", expect=EVERY_ASO_PAGE),
    # --- supervisors, the mentor and administrators looking at one ASO
    Row(
        "GET",
        "portfolio:stagemeester_table",
        expect=expect(403, stagemeester=200, other_stagemeester=200, anonymous=302),
    ),
    Row(
        "GET",
        "portfolio:feedback_requests",
        expect=expect(200, anonymous=302),
        description="anyone may be asked for feedback",
    ),
    Row(
        "GET",
        "portfolio:feedback_request_complete",
        lambda w: [w.feedback_request.pk],
        expect=expect(404, stagemeester=200, aso=403, anonymous=302),
    ),
    Row(
        "POST",
        "portfolio:feedback_request_complete",
        lambda w: [w.feedback_request.pk],
        data=lambda w: {"went_well": "Goed", "to_improve": "Tempo", "entrustment_level": "3"},
        expect=expect(404, stagemeester=302, aso=403, anonymous=302),
    ),
    Row(
        "GET",
        "portfolio:trainee_overview",
        T,
        expect=expect(403, **NOBODY, aso=302, stagemeester=200, anonymous=302),
    ),
    Row(
        "GET",
        "portfolio:trainee_status",
        T,
        expect=expect(
            403,
            **NOBODY,
            aso=200,
            stagemeester=200,
            mentor=200,
            programme_admin=200,
            anonymous=302,
        ),
        description="status without content: also the mentor",
    ),
    Row("GET", "portfolio:iop", T, expect=SUPERVISOR_PAGE),
    Row("GET", "portfolio:feedback_give", T, expect=STAGEMEESTER_ACTION_PAGE),
    Row(
        "POST",
        "portfolio:feedback_give",
        T,
        data=lambda w: {
            "moment_date": TODAY(),
            "what": "Consult",
            "went_well": "Luisteren",
            "to_improve": "Samenvatten",
        },
        expect=expect(403, **NOBODY, stagemeester=302, anonymous=302),
    ),
    Row("GET", "portfolio:entrustment_create", T, expect=STAGEMEESTER_ACTION_PAGE),
    Row(
        "GET",
        "portfolio:epa_history",
        lambda w: [w.trainee.pk, w.epa.pk],
        expect=SUPERVISOR_PAGE,
    ),
    # --- titularis
    Row("GET", "portfolio:submissions", expect=expect(403, titularis=200, anonymous=302)),
    Row(
        "GET",
        "portfolio:submission_detail",
        lambda w: [w.submission.pk],
        expect=expect(404, aso=200, titularis=200, anonymous=302),
    ),
    Row(
        "POST",
        "portfolio:submission_detail",
        lambda w: [w.submission.pk],
        data=lambda w: {"decision": "accepted"},
        expect=expect(404, aso=403, titularis=302, anonymous=302),
        description="decide",
    ),
    # --- programme administrators
    Row("GET", "portfolio:course_list", expect=ADMIN_PAGE),
    Row("GET", "portfolio:course_create", expect=ADMIN_PAGE),
    Row("GET", "portfolio:course_edit", lambda w: [w.course.pk], expect=ADMIN_PAGE),
    Row("GET", "portfolio:course_item_create", lambda w: [w.course.pk], expect=ADMIN_PAGE),
    Row("GET", "portfolio:course_item_edit", lambda w: [w.course_item.pk], expect=ADMIN_PAGE),
    Row("GET", "portfolio:epa_list", expect=ADMIN_PAGE),
    Row("GET", "portfolio:epa_create", expect=ADMIN_PAGE),
    Row("GET", "portfolio:epa_edit", lambda w: [w.epa.pk], expect=ADMIN_PAGE),
    # --- API
    Row(
        "GET", "api:portfolio_todo_lists", expect=expect(403, aso=200, other_aso=200, anonymous=401)
    ),
    Row(
        "GET",
        "api:portfolio_todo_list",
        lambda w: [w.open_list.pk],
        expect=expect(404, aso=200, anonymous=401),
    ),
    Row(
        "PUT",
        "api:portfolio_todo_item_update",
        lambda w: [w.open_item.pk],
        data=lambda w: {
            "done": True,
            "note": "ok",
            "version": type(w.open_item).objects.get(pk=w.open_item.pk).version,
        },
        expect=expect(404, aso=200, anonymous=401),
    ),
    Row(
        "POST",
        "api:portfolio_todo_item_upload",
        lambda w: [w.open_item.pk],
        expect=expect(422, anonymous=401),
        description="without a file: refused before any lookup (see test_api for uploads)",
    ),
    Row(
        "POST",
        "api:portfolio_todo_list_submit",
        lambda w: [w.open_list.pk],
        expect=expect(404, aso=201, anonymous=401),
    ),
    Row(
        "GET",
        "api:portfolio_todo_status",
        T,
        expect=expect(
            403,
            **NOBODY,
            aso=200,
            stagemeester=200,
            mentor=200,
            programme_admin=200,
            anonymous=401,
        ),
    ),
    Row("GET", "api:portfolio_submissions", expect=expect(200, anonymous=401)),
    Row(
        "GET",
        "api:portfolio_submission",
        lambda w: [w.submission.pk],
        expect=expect(404, aso=200, titularis=200, anonymous=401),
    ),
    Row(
        "POST",
        "api:portfolio_submission_decide",
        lambda w: [w.submission.pk],
        data=lambda w: {"decision": "returned", "feedback": "Conclusie ontbreekt"},
        expect=expect(404, aso=403, titularis=200, anonymous=401),
    ),
    Row("GET", "api:portfolio_feedback_requests", expect=expect(200, anonymous=401)),
    Row(
        "POST",
        "api:portfolio_feedback_request_create",
        data=lambda w: {
            "supervisor_id": w.users["stagemeester"].pk,
            "moment_date": TODAY(),
            "what": "Wachtdienst",
        },
        expect=expect(403, aso=201, other_aso=400, anonymous=401),
        description="other_aso: not their stagemeester",
    ),
    Row(
        "POST",
        "api:portfolio_feedback_request_complete",
        lambda w: [w.feedback_request.pk],
        data=lambda w: {"went_well": "a", "to_improve": "b", "entrustment_level": 2},
        expect=expect(404, stagemeester=201, aso=403, anonymous=401),
    ),
    Row("GET", "api:portfolio_feedback", expect=expect(200, anonymous=401)),
    Row(
        "POST",
        "api:portfolio_feedback_give",
        T,
        data=lambda w: {
            "moment_date": TODAY(),
            "what": "Consult",
            "went_well": "a",
            "to_improve": "b",
        },
        expect=expect(403, **NOBODY, stagemeester=201, anonymous=401),
    ),
    Row(
        "POST",
        "api:portfolio_feedback_share",
        lambda w: [w.feedback.pk],
        expect=expect(404, aso=204, stagemeester=403, anonymous=401),
    ),
    Row(
        "DELETE",
        "api:portfolio_feedback_unshare",
        lambda w: [w.feedback.pk],
        expect=expect(404, aso=204, stagemeester=403, anonymous=401),
    ),
    Row("GET", "api:portfolio_epas", expect=expect(200, anonymous=401)),
    Row(
        "GET",
        "api:portfolio_entrustments",
        T,
        expect=expect(403, **NOBODY, aso=200, stagemeester=200, anonymous=401),
    ),
    Row(
        "POST",
        "api:portfolio_entrustment_decide",
        T,
        data=lambda w: {
            "epa_id": w.epa.pk,
            "level": 3,
            "decided_on": TODAY(),
            "rationale": "Drie observaties",
        },
        expect=expect(403, **NOBODY, stagemeester=201, anonymous=401),
    ),
    Row(
        "GET",
        "api:portfolio_iop",
        T,
        expect=expect(403, **NOBODY, aso=200, stagemeester=200, anonymous=401),
    ),
    Row(
        "POST",
        "api:portfolio_goal_create",
        data=lambda w: {"title": "Echografie"},
        expect=expect(403, aso=201, other_aso=201, anonymous=401),
    ),
    Row(
        "PUT",
        "api:portfolio_goal_update",
        lambda w: [w.goal.pk],
        data=lambda w: {"title": "Echo hart", "version": w.goal.version},
        expect=expect(404, aso=200, stagemeester=403, anonymous=401),
    ),
    Row(
        "POST",
        "api:portfolio_goal_comment",
        lambda w: [w.goal.pk],
        data=lambda w: {"text": "Prima"},
        expect=expect(404, aso=201, stagemeester=201, anonymous=401),
    ),
    Row(
        "POST",
        "api:portfolio_goal_agree",
        lambda w: [w.goal.pk],
        data=lambda w: {"version": w.goal.version},
        expect=expect(404, aso=403, stagemeester=200, anonymous=401),
    ),
    Row("GET", "api:portfolio_export", expect=expect(403, aso=200, other_aso=200, anonymous=401)),
]
