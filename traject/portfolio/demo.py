"""The portfolio part of the demo: courses, EPA catalogues, to-do lists, feedback, decisions, IOP.

Written directly with the models (bulk where it counts) so that loading the demo sends no
e-mail. At national scale every ASO gets a year of portfolio in bulk (``_national_history``); the
rich content (reflections, files, goals) stays with a fixed sample, so the loader takes seconds.
"""

import datetime

from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from traject.accounts.models import User
from traject.core.demo import DEMO_DOMAIN, DEMO_PASSWORD, DemoContext
from traject.organisation.models import Specialty, Stage, Trainee

from .models import (
    Course,
    CourseItem,
    EntrustmentDecision,
    Epa,
    Feedback,
    FeedbackRequest,
    FeedbackShare,
    GoalComment,
    ItemFile,
    ItemKind,
    LearningGoal,
    LearningGoalRevision,
    Submission,
    TodoItem,
    TodoList,
)
from .services import todo_lists_sync
from .services.todos import snapshot_entry

MARKER_CODE = "ugent-msg-communicatie"
SAMPLE = 60

EPAS = {
    "inwendige-geneeskunde": [
        ("IG-1", "Opname en klinisch redeneren bij een acuut zieke patiënt", ["medicus"]),
        ("IG-2", "Zaalronde en dagelijkse opvolging van gehospitaliseerde patiënten", ["medicus"]),
        ("IG-3", "Ontslagplanning en overdracht naar de eerste lijn", ["communicator", "manager"]),
        ("IG-4", "Slecht nieuws brengen en advance care planning", ["communicator"]),
        ("IG-5", "Beleid bij sepsis en de ernstig zieke patiënt", ["medicus"]),
        ("IG-6", "Ambulante raadpleging met chronische multimorbiditeit", ["medicus"]),
        ("IG-7", "Pleurapunctie en ascitespunctie", ["medicus"]),
    ],
    "heelkunde": [
        ("HK-1", "Preoperatieve evaluatie en indicatiestelling", ["medicus"]),
        ("HK-2", "Appendectomie (laparoscopisch)", ["medicus"]),
        ("HK-3", "Cholecystectomie (laparoscopisch)", ["medicus"]),
        ("HK-4", "Postoperatieve zorg en complicaties herkennen", ["medicus"]),
        ("HK-5", "Wondzorg en wondsluiting", ["medicus"]),
        ("HK-6", "Informed consent voor een ingreep", ["communicator"]),
    ],
    "kindergeneeskunde": [
        ("KG-1", "Opvang van het zieke kind op spoed", ["medicus"]),
        ("KG-2", "Opvang van de pasgeborene in de verloskamer", ["medicus"]),
        ("KG-3", "Gesprek met ouders over diagnose en beleid", ["communicator"]),
        ("KG-4", "Groei en ontwikkeling opvolgen", ["medicus"]),
        ("KG-5", "Lumbaalpunctie bij een kind", ["medicus"]),
    ],
    "anesthesiologie": [
        ("AN-1", "Preoperatieve consultatie en risicostratificatie", ["medicus"]),
        ("AN-2", "Algemene anesthesie bij een ASA I–II-patiënt", ["medicus"]),
        ("AN-3", "Spinale anesthesie", ["medicus"]),
        ("AN-4", "Moeilijke luchtweg: planning en uitvoering", ["medicus"]),
        ("AN-5", "Postoperatieve pijnbehandeling", ["medicus"]),
        ("AN-6", "Teamleiderschap bij een crisis in de operatiezaal", ["manager", "communicator"]),
    ],
}

# code suffix, name, level, specialty code, roles, training years, items
COURSES = [
    (
        "communicatie",
        "Communicatie en slecht nieuws",
        "expert",
        None,
        ["communicator"],
        [],
        [
            ("Bijwonen: workshop slecht nieuws brengen", ItemKind.ATTEND, 30),
            ("Reflectie op een moeilijk gesprek", ItemKind.REFLECTION, 45),
            ("Geobserveerd consult: ondertekend formulier", ItemKind.SIGNATURE, 60),
        ],
    ),
    (
        "ebm",
        "Evidence-based medicine",
        "expert",
        None,
        ["wetenschapper"],
        [],
        [
            ("Bijwonen: zoeken in de literatuur (PubMed, Cochrane)", ItemKind.ATTEND, -40),
            ("Critically appraised topic (CAT) opladen", ItemKind.UPLOAD, -20),
            ("Reflectie: een klinische vraag beantwoord", ItemKind.REFLECTION, -10),
        ],
    ),
    (
        "kwaliteit",
        "Kwaliteit en patiëntveiligheid",
        "expert",
        None,
        ["manager"],
        [],
        [
            ("Bijwonen: incidentanalyse (PRISMA)", ItemKind.ATTEND, 10),
            ("Verbeterproject: plan opladen", ItemKind.UPLOAD, 75),
            ("Reflectie op een incident", ItemKind.REFLECTION, 90),
        ],
    ),
    (
        "ethiek",
        "Ethiek, recht en deontologie",
        "expert",
        None,
        ["medicus", "communicator"],
        [2, 3, 4, 5, 6],
        [
            ("Bijwonen: ethische casusbespreking", ItemKind.ATTEND, 120),
            ("Reflectie: een ethisch dilemma op de afdeling", ItemKind.REFLECTION, 150),
        ],
    ),
    (
        "ig-klinisch",
        "Klinisch redeneren in de inwendige geneeskunde",
        "expert_plus",
        "inwendige-geneeskunde",
        ["medicus"],
        [],
        [
            ("Casuspresentatie op de stafvergadering", ItemKind.ATTEND, 50),
            ("Casusverslag opladen", ItemKind.UPLOAD, 70),
        ],
    ),
    (
        "hk-technieken",
        "Chirurgische technieken en skills lab",
        "expert_plus",
        "heelkunde",
        ["medicus"],
        [],
        [
            ("Skills lab laparoscopie", ItemKind.ATTEND, 40),
            ("Logboek ingrepen (ondertekend)", ItemKind.SIGNATURE, 80),
        ],
    ),
]

REFLECTION = (
    "<p>Tijdens de wachtdienst bracht ik samen met mijn supervisor het nieuws van een "
    "uitgezaaide tumor aan een patiënt van 58 jaar.</p><p><strong>Wat ging goed:</strong> "
    "ik liet stiltes vallen en vroeg wat de patiënt al wist.</p><ul><li>Volgende keer: "
    "vooraf afspreken wie het gesprek leidt.</li><li>Meer aandacht voor de partner.</li></ul>"
)
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]"
    b"/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
FEEDBACK = [
    (
        "Opname van een patiënt met dyspnoe",
        "Gestructureerde anamnese, duidelijke differentiaaldiagnose.",
        "Sneller beslissen over bijkomend onderzoek.",
    ),
    (
        "Zaalronde kamer 12-18",
        "Goede overdracht aan de verpleging.",
        "Medicatielijst systematischer nalopen.",
    ),
    (
        "Familiegesprek over therapiebeperking",
        "Empathisch, liet de familie uitspreken.",
        "Concreter samenvatten wat afgesproken is.",
    ),
    (
        "Pleurapunctie onder echo",
        "Steriele techniek correct, patiënt goed geïnformeerd.",
        "Echobeeld beter optimaliseren vóór de punctie.",
    ),
    (
        "Ontslagbrief en overdracht huisarts",
        "Volledig en tijdig.",
        "Beleid bij verslechtering expliciet vermelden.",
    ),
    (
        "Sepsis op de spoedafdeling",
        "Bundel binnen het uur gestart.",
        "Vroeger hulp vragen bij hypotensie.",
    ),
]
GOALS = [
    (
        "Zelfstandig een acute opname doen",
        "Blok 1 en 2 van dit jaar, op de afdeling inwendige geneeskunde.",
        "Tien opnames onder indirecte supervisie, telkens feedback vragen.",
        "Bekwaamverklaring IG-1 op niveau 3 door de stagemeester.",
        ["medicus"],
        ["IG-1"],
    ),
    (
        "Slecht nieuws brengen met vertrouwen",
        "Voor het einde van het academiejaar.",
        "Workshop volgen, drie gesprekken samen met de supervisor voeren.",
        "Feedback van supervisor en reflectie in het portfolio.",
        ["communicator"],
        ["IG-4"],
    ),
    (
        "Een verbeterproject rond medicatieveiligheid",
        "Start na de cursus kwaliteit.",
        "Incidentmeldingen analyseren met de hoofdverpleegkundige.",
        "Voorstelling op de dienstvergadering.",
        ["manager"],
        [],
    ),
]


def load(ctx: DemoContext) -> None:
    """Create the portfolio demo once; later runs only hand the courses to the next loaders."""
    if not Course.objects.filter(code=MARKER_CODE).exists():
        with transaction.atomic():
            _create(ctx)
        ctx.say("Portfolio demo data created.")
    elif ctx.national:
        todo_lists_sync()
    if ctx.national:
        _national_history(ctx)
    ctx.data["courses"] = list(Course.objects.all())


# At national scale every ASO without a portfolio gets a year of it, in bulk.
NATIONAL_FEEDBACK = 8
_CHUNK = 500


def _national_history(ctx: DemoContext) -> None:
    """A year of portfolio for every ASO of the national world that has none: feedback from
    their stagemeester (with entrustment levels where the specialty has EPAs), a completed and
    sometimes an open feedback request, an entrustment decision, and one to-do list handed in
    (accepted, returned or waiting for the titularis). Rows are written in bulk."""
    import time

    started = time.perf_counter()
    rng = ctx.rng
    today = timezone.localdate()
    now = timezone.now()
    days = datetime.timedelta
    have = set(Feedback.objects.order_by().values_list("trainee_id", flat=True).distinct())
    trainees = [t for t in ctx.data.get("trainees", []) if t.pk not in have]
    # Each ASO's stagemeester: of the latest stage that has one.
    supervisor = {}
    for trainee_id, stagemeester_id in (
        Stage.objects.filter(stagemeester__isnull=False)
        .order_by("start", "pk")
        .values_list("trainee_id", "stagemeester_id")
    ):
        supervisor[trainee_id] = stagemeester_id
    trainees = [t for t in trainees if t.pk in supervisor]
    if not trainees:
        return
    epas: dict[int, list[int]] = {}
    for epa_id, specialty_id in Epa.objects.order_by("code").values_list("pk", "specialty_id"):
        epas.setdefault(specialty_id, []).append(epa_id)

    with transaction.atomic():
        feedback, requests, decisions = [], [], []
        for n, t in enumerate(trainees):
            by = supervisor[t.pk]
            own = epas.get(t.specialty_id, [])
            for k in range(NATIONAL_FEEDBACK):
                what, well, improve = FEEDBACK[(n + k) % len(FEEDBACK)]
                moment = today - days(360 - 44 * k - rng.randrange(7))
                feedback.append(
                    Feedback(
                        trainee_id=t.pk,
                        author_id=by,
                        moment_date=moment,
                        what=what,
                        epa_id=own[k % len(own)] if own else None,
                        went_well=well,
                        to_improve=improve,
                        entrustment_level=min(5, 1 + k // 2 + rng.randrange(2)) if own else None,
                        created_at=now - (today - moment),
                    )
                )
            requests.append(
                FeedbackRequest(
                    trainee_id=t.pk,
                    supervisor_id=by,
                    moment_date=today - days(60),
                    what=FEEDBACK[n % len(FEEDBACK)][0],
                    status=FeedbackRequest.Status.COMPLETED,
                    created_at=now - days(60),
                )
            )
            if n % 3 == 0:
                asked = 3 + rng.randrange(20)
                requests.append(
                    FeedbackRequest(
                        trainee_id=t.pk,
                        supervisor_id=by,
                        moment_date=today - days(asked),
                        what=FEEDBACK[(n + 1) % len(FEEDBACK)][0],
                        created_at=now - days(asked),
                    )
                )
            if own:
                decisions.append(
                    EntrustmentDecision(
                        trainee_id=t.pk,
                        epa_id=own[0],
                        level=2 + rng.randrange(3),
                        decided_on=today - days(30 + rng.randrange(200)),
                        decided_by_id=by,
                        rationale="Op basis van de feedback van het voorbije jaar.",
                    )
                )
        Feedback.objects.bulk_create(feedback, batch_size=2000)
        FeedbackRequest.objects.bulk_create(requests, batch_size=2000)
        EntrustmentDecision.objects.bulk_create(decisions, batch_size=2000)
        submitted = _national_submissions(ctx, [t.pk for t in trainees[::2]], now)
    ctx.say(
        f"Portfolio (national): {len(feedback)} feedback, {len(requests)} requests, "
        f"{len(decisions)} entrustment decisions and {submitted} submissions for "
        f"{len(trainees)} more ASO in {time.perf_counter() - started:.1f} s."
    )


def _national_submissions(ctx: DemoContext, trainee_ids: list[int], now) -> int:
    """One to-do list of each of these ASO finished and handed in; most already decided."""
    days = datetime.timedelta
    wanted = set(trainee_ids)
    chosen: dict[int, tuple[int, int, int]] = {}  # trainee -> (list, titularis, ASO's user)
    for list_id, trainee_id, titularis_id, user_id in TodoList.objects.order_by("pk").values_list(
        "pk", "trainee_id", "course__titularis_id", "trainee__user_id"
    ):
        if trainee_id in wanted and trainee_id not in chosen:
            chosen[trainee_id] = (list_id, titularis_id, user_id)
    list_ids = [list_id for list_id, _, _ in chosen.values()]
    items: dict[int, list[dict]] = {}
    for start in range(0, len(list_ids), _CHUNK):
        chunk = list_ids[start : start + _CHUNK]
        TodoItem.objects.filter(todo_list_id__in=chunk).update(
            done_at=now - days(20), note="Bijgewoond."
        )
        for pk, list_id, title, kind, required in TodoItem.objects.filter(
            todo_list_id__in=chunk
        ).values_list("pk", "todo_list_id", "title", "kind", "required"):
            items.setdefault(list_id, []).append(
                snapshot_entry(
                    item_id=pk,
                    title=title,
                    kind=kind,
                    required=required,
                    done=True,
                    note="Bijgewoond.",
                )
            )
    submissions, status = [], {}
    decisions = (
        [Submission.Decision.ACCEPTED] * 10
        + [Submission.Decision.RETURNED] * 3
        + [Submission.Decision.PENDING] * 7
    )
    for n, (list_id, titularis_id, user_id) in enumerate(chosen.values()):
        decision = decisions[n % len(decisions)]
        decided = decision != Submission.Decision.PENDING
        submissions.append(
            Submission(
                todo_list_id=list_id,
                number=1,
                submitted_at=now - days(15 + n % 30),
                submitted_by_id=user_id,
                snapshot=items.get(list_id, []),
                decision=decision,
                decided_at=now - days(5) if decided else None,
                decided_by_id=titularis_id if decided else None,
                feedback=(
                    "Vul de reflectie nog aan." if decision == Submission.Decision.RETURNED else ""
                ),
            )
        )
        status.setdefault(
            {
                Submission.Decision.ACCEPTED: TodoList.Status.ACCEPTED,
                Submission.Decision.RETURNED: TodoList.Status.RETURNED,
                Submission.Decision.PENDING: TodoList.Status.SUBMITTED,
            }[decision],
            [],
        ).append(list_id)
    Submission.objects.bulk_create(submissions, batch_size=1000)
    for value, ids in status.items():
        for start in range(0, len(ids), _CHUNK):
            TodoList.objects.filter(pk__in=ids[start : start + _CHUNK]).update(status=value)
    return len(submissions)


def _titularissen(ctx) -> dict:
    """The persona holds the Ghent courses; two colleagues hold the others."""
    password = make_password(DEMO_PASSWORD)
    people = {"persona": ctx.personas["titularis"]}
    for key, first, last, language in (
        ("ugent2", "Wim", "Vandenberghe", "nl"),
        ("uclouvain", "Isabelle", "Marchal", "fr"),
    ):
        people[key], _ = User.objects.get_or_create(
            email=f"titularis-{key}@{DEMO_DOMAIN}",
            defaults={
                "first_name": first,
                "last_name": last,
                "language": language,
                "password": password,
            },
        )
    return people


def _create(ctx: DemoContext) -> None:
    rng = ctx.rng
    today = timezone.localdate()
    specialties = {s.code: s for s in Specialty.objects.filter(code__in=EPAS)}
    for code, rows in EPAS.items():
        if code in specialties:
            Epa.objects.bulk_create(
                Epa(specialty=specialties[code], code=c, title=t, roles=r) for c, t, r in rows
            )
    titularissen = _titularissen(ctx)
    for university in ctx.data["universities"]:
        for index, (suffix, name, level, spec, roles, years, items) in enumerate(COURSES):
            if spec and spec not in specialties:
                continue
            if university.code == "ugent":
                holder = titularissen["persona"] if index in (0, 1, 4) else titularissen["ugent2"]
            else:
                holder = titularissen["uclouvain"]
            course = Course.objects.create(
                code=f"{university.code}-msg-{suffix}",
                name=name,
                level=level,
                university=university,
                specialty=specialties.get(spec) if spec else None,
                titularis=holder,
                roles=roles,
                training_years=years,
                description=name,
            )
            CourseItem.objects.bulk_create(
                CourseItem(
                    course=course,
                    title=title,
                    kind=kind,
                    roles=roles,
                    due_date=today + datetime.timedelta(days=offset),
                    position=position,
                )
                for position, (title, kind, offset) in enumerate(items, start=1)
            )
    todo_lists_sync()

    aso = Trainee.objects.get(user=ctx.personas["aso"])
    _persona_portfolio(ctx, aso, today)
    other = Trainee.objects.filter(user=ctx.personas["other_aso"]).first()
    sample = [t for t in ctx.data["trainees"][: SAMPLE * 3] if t.pk != aso.pk]
    rng.shuffle(sample)
    sample = sample[:SAMPLE]
    if other is not None and other not in sample:
        sample.append(other)
    for trainee in sample:
        _sample_portfolio(ctx, trainee, today)


def _stagemeester_of(trainee, today, fallback):
    stage = (
        Stage.objects.filter(trainee=trainee, start__lte=today, end__gte=today)
        .select_related("stagemeester")
        .first()
    )
    return stage.stagemeester if stage else fallback


def _finish(todo_list, when):
    """Mark every item done, with a reflection, note and file where the kind asks."""
    for item in todo_list.items.all():
        item.done_at = when
        if item.kind == ItemKind.REFLECTION:
            item.reflection = REFLECTION
        if item.kind == ItemKind.ATTEND:
            item.note = "Bijgewoond."
        item.save()
        if item.kind in (ItemKind.UPLOAD, ItemKind.SIGNATURE):
            attached = ItemFile(
                item=item,
                original_name="document.pdf",
                content_type="application/pdf",
                size=len(DEMO_PDF),
                uploaded_by=todo_list.trainee.user,
            )
            attached.file.save("document.pdf", ContentFile(DEMO_PDF), save=False)
            attached.save()


def _submit(todo_list, when, number=1):
    from .services import _snapshot

    return Submission.objects.create(
        todo_list=todo_list,
        number=number,
        submitted_at=when,
        submitted_by=todo_list.trainee.user,
        snapshot=_snapshot(todo_list),
    )


def _decide(submission, decision, by, when, feedback=""):
    submission.decision = decision
    submission.decided_by = by
    submission.decided_at = when
    submission.feedback = feedback
    submission.save()


def _persona_portfolio(ctx, aso, today) -> None:
    now = timezone.now()
    days = datetime.timedelta
    lists = {tl.course.code.split("-msg-")[1]: tl for tl in aso.todo_lists.select_related("course")}
    # Communicatie: returned once, resubmitted, waiting for the titularis.
    com = lists.get("communicatie")
    if com:
        _finish(com, now - days(12))
        first = _submit(com, now - days(10))
        _decide(
            first,
            Submission.Decision.RETURNED,
            com.course.titularis,
            now - days(7),
            "Mooie reflectie. Beschrijf nog wat je de volgende keer anders doet en laat het "
            "observatieformulier ondertekenen door je supervisor.",
        )
        _submit(com, now - days(2), number=2)
        com.status = TodoList.Status.SUBMITTED
        com.save()
    # EBM: accepted.
    ebm = lists.get("ebm")
    if ebm:
        _finish(ebm, now - days(30))
        sub = _submit(ebm, now - days(25))
        _decide(sub, Submission.Decision.ACCEPTED, ebm.course.titularis, now - days(20))
        ebm.status = TodoList.Status.ACCEPTED
        ebm.save()
    # Kwaliteit: one item done, one overdue, one open.
    kwal = lists.get("kwaliteit")
    if kwal:
        items = list(kwal.items.all())
        items[0].done_at = now - days(3)
        items[0].note = "Bijgewoond op de dienst."
        items[0].save()
        TodoItem.objects.filter(pk=items[1].pk).update(due_date=today - days(4))

    stagemeester = _stagemeester_of(aso, today, ctx.personas["stagemeester"])
    epas = {e.code: e for e in Epa.objects.filter(specialty=aso.specialty)}
    feedback = []
    for index, (what, well, improve) in enumerate(FEEDBACK):
        epa = epas.get(f"IG-{index + 1}")
        moment = today - days(70 - index * 11)
        request = None
        if index % 2 == 0:
            request = FeedbackRequest.objects.create(
                trainee=aso,
                supervisor=stagemeester,
                moment_date=moment,
                what=what,
                epa=epa,
                status=FeedbackRequest.Status.COMPLETED,
                created_at=now - days(70 - index * 11),
            )
        feedback.append(
            Feedback.objects.create(
                trainee=aso,
                author=stagemeester,
                request=request,
                moment_date=moment,
                what=what,
                epa=epa,
                role="communicator" if "gesprek" in what.lower() else "medicus",
                went_well=well,
                to_improve=improve,
                entrustment_level=(2 + index % 2) if epa else None,
                created_at=now - days(69 - index * 11),
            )
        )
    FeedbackShare.objects.create(feedback=feedback[2], shared_with=ctx.personas["mentor"])
    # One request overdue (flagged), one fresh.
    FeedbackRequest.objects.create(
        trainee=aso,
        supervisor=stagemeester,
        moment_date=today - days(17),
        what="Raadpleging diabetes type 2",
        epa=epas.get("IG-6"),
        created_at=now - days(16),
        flagged_at=now - days(2),
    )
    FeedbackRequest.objects.create(
        trainee=aso,
        supervisor=stagemeester,
        moment_date=today - days(1),
        what="Ascitespunctie",
        epa=epas.get("IG-7"),
        created_at=now - days(1),
    )
    # Entrustment: IG-1 from 2 to 3 (superseded with history), IG-2 at 3.
    if "IG-1" in epas:
        first = EntrustmentDecision.objects.create(
            trainee=aso,
            epa=epas["IG-1"],
            level=2,
            decided_on=today - days(50),
            decided_by=stagemeester,
            rationale="Drie opnames onder directe supervisie, correct beleid.",
        )
        first.evidence.set([feedback[0]])
        second = EntrustmentDecision.objects.create(
            trainee=aso,
            epa=epas["IG-1"],
            level=3,
            decided_on=today - days(8),
            decided_by=stagemeester,
            rationale="Zelfstandige opnames met nabespreking; supervisie kan indirect.",
        )
        second.evidence.set([feedback[0], feedback[5]])
        first.superseded_by = second
        first.save()
    if "IG-2" in epas:
        EntrustmentDecision.objects.create(
            trainee=aso,
            epa=epas["IG-2"],
            level=3,
            decided_on=today - days(20),
            decided_by=stagemeester,
            rationale="Zaalrondes zelfstandig met dagelijkse supervisie.",
        ).evidence.set([feedback[1]])
    _goals(aso, stagemeester, epas, now)


def _goals(trainee, stagemeester, epas, now) -> None:
    days = datetime.timedelta
    for index, (title, planning, approach, evaluation, roles, codes) in enumerate(GOALS):
        goal = LearningGoal.objects.create(
            trainee=trainee,
            title=title,
            planning=planning,
            approach="",
            evaluation=evaluation,
            roles=roles,
            created_at=now - days(80 - index * 10),
        )
        goal.epas.set([epas[c] for c in codes if c in epas])
        snapshot = {
            "title": title,
            "planning": planning,
            "approach": "",
            "evaluation": evaluation,
            "roles": roles,
            "epas": codes,
            "status": "active",
        }
        LearningGoalRevision.objects.create(
            goal=goal,
            version=1,
            snapshot=snapshot,
            changed_by=trainee.user,
            changed_at=now - days(80 - index * 10),
        )
        GoalComment.objects.create(
            goal=goal,
            author=stagemeester,
            text="Goed doel. Werk de aanpak nog concreet uit: hoeveel en wanneer?",
            goal_version=1,
            created_at=now - days(75 - index * 10),
        )
        goal.approach = approach
        goal.version = 2
        if index == 0:
            goal.agreed_version, goal.agreed_by, goal.agreed_at = 2, stagemeester, now - days(40)
        goal.save()
        LearningGoalRevision.objects.create(
            goal=goal,
            version=2,
            snapshot={**snapshot, "approach": approach},
            changed_by=trainee.user,
            changed_at=now - days(70 - index * 10),
        )


def _sample_portfolio(ctx, trainee, today) -> None:
    """Some progress for a sample of ASO, so dashboards and tables have something to show."""
    rng = ctx.rng
    now = timezone.now()
    days = datetime.timedelta
    for todo_list in trainee.todo_lists.select_related("course__titularis"):
        roll = rng.random()
        if roll < 0.35:
            _finish(todo_list, now - days(rng.randint(3, 20)))
            sub = _submit(todo_list, now - days(rng.randint(1, 10)))
            if roll < 0.15:
                _decide(sub, Submission.Decision.ACCEPTED, todo_list.course.titularis, now)
                todo_list.status = TodoList.Status.ACCEPTED
            else:
                todo_list.status = TodoList.Status.SUBMITTED
            todo_list.save()
        elif roll < 0.7:
            first = todo_list.items.first()
            if first:
                TodoItem.objects.filter(pk=first.pk).update(done_at=now - days(rng.randint(1, 30)))
    stagemeester = _stagemeester_of(trainee, today, None)
    if stagemeester is None:
        return
    epas = list(Epa.objects.filter(specialty=trainee.specialty)[:4])
    for n in range(rng.randint(1, 4)):
        what, well, improve = FEEDBACK[rng.randrange(len(FEEDBACK))]
        epa = epas[n % len(epas)] if epas else None
        Feedback.objects.create(
            trainee=trainee,
            author=stagemeester,
            moment_date=today - days(rng.randint(1, 60)),
            what=what,
            epa=epa,
            went_well=well,
            to_improve=improve,
            entrustment_level=rng.randint(1, 4) if epa else None,
        )
    if rng.random() < 0.5:
        FeedbackRequest.objects.create(
            trainee=trainee,
            supervisor=stagemeester,
            moment_date=today - days(rng.randint(1, 20)),
            what=FEEDBACK[rng.randrange(len(FEEDBACK))][0],
            created_at=now - days(rng.randint(1, 20)),
        )
    if epas and rng.random() < 0.6:
        EntrustmentDecision.objects.create(
            trainee=trainee,
            epa=epas[0],
            level=rng.randint(1, 4),
            decided_on=today - days(rng.randint(1, 90)),
            decided_by=stagemeester,
            rationale="Op basis van de feedbackmomenten van dit blok.",
        )
