from traject.quality.scoring import ALL, Response, aggregate, theme_means, visible_groups


def r(service, hospital="H", specialty="S", year=1, score=4, text=""):
    return Response(
        service=service,
        hospital=hospital,
        specialty=specialty,
        year=year,
        scores={"i1": score, "i2": None},
        free_text=text,
    )


def test_theme_means_leave_not_applicable_out():
    means = theme_means([r("A", score=2), r("A", score=4)], {"i1": "t1", "i2": "t2"})
    assert means == {"t1": 3.0, "t2": None}


def test_a_group_of_four_is_not_shown_with_threshold_five():
    shown, counts = visible_groups([r("A")] * 4, 5)
    assert ("service", "A") not in shown
    assert counts[("service", "A")] == 4


def test_a_hospital_that_would_reveal_a_small_service_by_subtraction_is_hidden():
    responses = [r("A")] * 6 + [r("B")] * 2
    shown, _ = visible_groups(responses, 5)
    assert ("service", "A") in shown
    assert ("hospital", "H") not in shown
    assert ("specialty", "S") not in shown
    assert ("year", 1) not in shown
    assert ALL not in shown


def test_a_parent_whose_children_are_all_shown_stays_visible():
    responses = [r("A", year=3)] * 5 + [r("B", hospital="H2", year=3)] * 5
    shown, _ = visible_groups(responses, 5)
    assert {("service", "A"), ("service", "B"), ("hospital", "H"), ("hospital", "H2"), ALL} <= shown


def test_no_shown_group_differs_from_a_shown_subgroup_by_fewer_than_the_threshold():
    import random

    rng = random.Random(7)
    for _ in range(200):
        responses = [
            r(
                rng.choice("ABCDEF"),
                hospital=rng.choice(["H1", "H2"]),
                specialty=rng.choice(["S1", "S2"]),
                year=rng.randint(1, 3),
            )
            for _ in range(rng.randint(3, 40))
        ]
        threshold = 5
        shown, _ = visible_groups(responses, threshold)
        members = {g: {i for i, resp in enumerate(responses) if g in resp.groups()} for g in shown}
        for g in shown:
            assert len(members[g]) >= threshold
            for other in shown:
                if other != g and members[other] < members[g]:
                    # a single shown subset must never leave a small remainder
                    assert (
                        len(members[g] - members[other]) >= threshold
                        or len(members[g] - members[other]) == 0
                    )


def test_free_texts_come_sorted_so_their_order_reveals_nothing():
    responses = [r("A", text=t) for t in ["zeta", "alpha", "mu", "beta", "gamma"]]
    result = aggregate(responses, {"i1": "t1"}, 5)
    assert result[("service", "A")].free_text == ["alpha", "beta", "gamma", "mu", "zeta"]


def test_chart_labels_are_escaped_and_long_ones_wrapped():
    from traject.quality.charts import bar_chart

    svg = bar_chart(
        [
            ("<script>x</script>", 3.0, 4.0),
            ("Blootstelling aan pathologie en technische vaardigheden", None, 2.5),
        ],
        group_label="Groep",
        national_label="Nationaal",
        title="T",
    )
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert ">vaardigheden</text>" in svg
