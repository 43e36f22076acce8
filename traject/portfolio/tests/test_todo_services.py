import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from traject.audit.models import AuditEvent
from traject.portfolio import services
from traject.portfolio.models import ItemKind, Submission, TodoList
from traject.testing import factories as f

from .helpers import complete_list, course_with_items, pdf, todo_list_of

pytestmark = pytest.mark.django_db


def test_a_course_gives_each_aso_of_its_university_a_todo_list_with_its_items(world):
    course_with_items(world.course)
    todo = todo_list_of(world)
    assert todo.items.count() == 3
    assert TodoList.objects.filter(trainee=world.other_trainee, course=world.course).exists()


def test_a_course_for_other_training_years_gives_no_list(world):
    world.course.training_years = [5]
    world.course.save()
    course_with_items(world.course)
    assert not TodoList.objects.filter(trainee=world.trainee).exists()


def test_an_expert_plus_course_of_another_specialty_gives_no_list(world):
    other = f.CourseFactory(
        university=world.university,
        level="expert_plus",
        specialty=f.specialty("heelkunde"),
    )
    services.todo_lists_sync(course=other)
    assert not TodoList.objects.filter(course=other).exists()


def test_the_aso_cannot_submit_before_every_required_item_is_done(world):
    course_with_items(world.course)
    todo = todo_list_of(world)
    with pytest.raises(ValidationError):
        services.todo_list_submit(todo_list=todo, actor=world.users["aso"])


def test_a_reflection_is_sanitised(world):
    course_with_items(world.course)
    item = todo_list_of(world).items.get(kind=ItemKind.REFLECTION)
    services.todo_item_update(
        item=item,
        actor=world.users["aso"],
        done=True,
        reflection='<p onclick="x()">Good <strong>day</strong></p><script>alert(1)</script>',
    )
    item.refresh_from_db()
    assert "<script" not in item.reflection and "onclick" not in item.reflection
    assert "<strong>day</strong>" in item.reflection


def test_an_upload_item_needs_a_file_before_it_is_done(world):
    course_with_items(world.course)
    item = todo_list_of(world).items.get(kind=ItemKind.UPLOAD)
    with pytest.raises(ValidationError):
        services.todo_item_update(item=item, actor=world.users["aso"], done=True)


@pytest.mark.parametrize(
    "name,content",
    [
        ("virus.exe", b"MZ\x90\x00"),
        ("fake.pdf", b"MZ\x90\x00not a pdf"),
        ("empty.pdf", b""),
    ],
)
def test_uploads_of_the_wrong_type_are_refused(world, name, content):
    course_with_items(world.course)
    item = todo_list_of(world).items.get(kind=ItemKind.UPLOAD)
    with pytest.raises(ValidationError):
        services.todo_item_attach_file(
            item=item, actor=world.users["aso"], uploaded=pdf(name, content)
        )


def test_uploads_over_ten_megabytes_are_refused(world):
    course_with_items(world.course)
    item = todo_list_of(world).items.get(kind=ItemKind.UPLOAD)
    big = b"%PDF" + b"0" * (10 * 1024 * 1024)
    with pytest.raises(ValidationError):
        services.todo_item_attach_file(
            item=item, actor=world.users["aso"], uploaded=pdf("big.pdf", big)
        )


def test_another_aso_cannot_work_on_my_list(world):
    course_with_items(world.course)
    item = todo_list_of(world).items.first()
    with pytest.raises(PermissionDenied):
        services.todo_item_update(item=item, actor=world.users["other_aso"], done=True)


def test_submit_return_resubmit_accept_keeps_the_history(world, django_capture_on_commit_callbacks):
    course_with_items(world.course)
    todo = todo_list_of(world)
    aso, titularis = world.users["aso"], world.users["titularis"]
    complete_list(todo, aso)
    with django_capture_on_commit_callbacks(execute=True):
        first = services.todo_list_submit(todo_list=todo, actor=aso)
    todo.refresh_from_db()
    assert todo.status == TodoList.Status.SUBMITTED
    assert any("Communicatie" in m.subject or "Communicatie" in m.body for m in mail.outbox)

    with pytest.raises(ValidationError):
        services.todo_item_update(item=todo.items.first(), actor=aso, done=False)
    with pytest.raises(ValidationError):
        services.submission_decide(submission=first, actor=titularis, decision="returned")
    with django_capture_on_commit_callbacks(execute=True):
        services.submission_decide(
            submission=first, actor=titularis, decision="returned", feedback="Add a conclusion."
        )
    todo.refresh_from_db()
    assert todo.status == TodoList.Status.RETURNED
    assert mail.outbox[-1].to == [aso.email]

    second = services.todo_list_submit(todo_list=todo, actor=aso)
    assert second.number == 2
    services.submission_decide(submission=second, actor=titularis, decision="accepted")
    todo.refresh_from_db()
    assert todo.status == TodoList.Status.ACCEPTED
    assert list(todo.submissions.order_by("number").values_list("decision", flat=True)) == [
        Submission.Decision.RETURNED,
        Submission.Decision.ACCEPTED,
    ]
    assert AuditEvent.objects.filter(object_type="portfolio.submission").count() >= 4


def test_only_the_titularis_of_the_course_decides(world):
    course_with_items(world.course)
    todo = todo_list_of(world)
    complete_list(todo, world.users["aso"])
    submission = services.todo_list_submit(todo_list=todo, actor=world.users["aso"])
    for persona in ("aso", "stagemeester", "mentor", "programme_admin"):
        with pytest.raises(PermissionDenied):
            services.submission_decide(
                submission=submission, actor=world.users[persona], decision="accepted"
            )


def test_a_decided_submission_cannot_be_decided_again(world):
    course_with_items(world.course)
    todo = todo_list_of(world)
    complete_list(todo, world.users["aso"])
    submission = services.todo_list_submit(todo_list=todo, actor=world.users["aso"])
    services.submission_decide(
        submission=submission, actor=world.users["titularis"], decision="accepted"
    )
    with pytest.raises(ValidationError):
        services.submission_decide(
            submission=submission, actor=world.users["titularis"], decision="returned", feedback="x"
        )
