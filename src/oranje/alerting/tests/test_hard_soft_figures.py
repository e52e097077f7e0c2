"""Hard versus soft on-call in figures (issue 17, part "people")."""

import datetime as dt

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from oranje.alerting.constants import Answer, Step
from oranje.alerting.models import Alert, FunctionCall
from oranje.alerting.selectors_figures import Period, hard_soft, parse_period
from oranje.core.constants import Role
from oranje.core.params import InvalidParameter
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import make_person, make_user

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def alerted(world):
    """In one month: a real incident where the OvD-BZ was alerted on hard on-call three
    times (two came, answering in 2 and 4 minutes) and on soft on-call four times (one
    came in 10 minutes, one declined, two no answer); and an exercise with one hard alert
    that came."""
    Alert.objects.all().delete()
    FunctionCall.objects.all().delete()
    real = start_incident(world)
    exercise = start_incident(world, exercise=True, title="Oefening gas")
    moment = timezone.localtime().replace(day=3, hour=10, minute=0, second=0, microsecond=0)
    people = [make_person(world.region, world.ovd) for _ in range(8)]

    def call(incident):
        return FunctionCall.objects.create(
            incident=incident,
            function=world.ovd,
            municipality=world.velsen,
            escalation_minutes=5,
            reason="test",
        )

    real_call, exercise_call = call(real), call(exercise)
    plan = [
        (real_call, Step.HARD, Answer.ACCEPTED, 2),
        (real_call, Step.HARD, Answer.ACCEPTED, 4),
        (real_call, Step.HARD, Answer.DECLINED, 1),
        (real_call, Step.SOFT, Answer.ACCEPTED, 10),
        (real_call, Step.SOFT, Answer.DECLINED, 3),
        (real_call, Step.SOFT, Answer.PENDING, None),
        (real_call, Step.SOFT, Answer.PENDING, None),
        (exercise_call, Step.HARD, Answer.ACCEPTED, 6),
    ]
    for person, (the_call, step, answer, minutes) in zip(people, plan, strict=True):
        Alert.objects.create(
            call=the_call,
            person=person,
            step=step,
            alerted_at=moment,
            answer=answer,
            answered_at=moment + dt.timedelta(minutes=minutes) if minutes is not None else None,
        )
    # A pool coordinator's alert is no part of the comparison.
    Alert.objects.create(
        call=real_call,
        person=world.officers[2],
        step=Step.COORDINATOR,
        alerted_at=moment,
        answer=Answer.ACCEPTED,
        answered_at=moment,
    )
    return Period(moment.year, month=moment.month)


def test_hard_and_soft_are_counted_per_function_with_exercises_apart(world, alerted):
    figures = hard_soft(world.region, alerted)
    [real] = figures.real
    assert real.function == world.ovd
    assert (real.hard.alerted, real.hard.came, real.hard.declined) == (3, 2, 1)
    assert real.hard.came_percent == 66.7
    assert real.hard.median_answer_minutes == 2.0
    assert (real.soft.alerted, real.soft.came, real.soft.declined, real.soft.no_answer) == (
        4,
        1,
        1,
        2,
    )
    assert real.soft.came_percent == 25.0
    assert real.soft.median_answer_minutes == 6.5
    [exercise] = figures.exercise
    assert (exercise.hard.alerted, exercise.hard.came, exercise.soft.alerted) == (1, 1, 0)


def test_other_periods_and_regions_are_left_out(world, alerted):
    before = Period(alerted.year - 1)
    assert hard_soft(world.region, before).real == []
    assert hard_soft(world.other_region, alerted).real == []
    year = hard_soft(world.region, Period(alerted.year))
    assert year.real[0].hard.alerted == 3


def test_a_function_filter_narrows_the_figures(world, alerted):
    assert hard_soft(world.region, alerted, function_code="CPG").real == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026", Period(2026)),
        ("2026-K4", Period(2026, quarter=4)),
        ("2026-11", Period(2026, month=11)),
    ],
)
def test_periods_parse(text, expected):
    assert parse_period(text) == expected


@pytest.mark.parametrize("text", ["2026-13", "2026-K5", "1999", "gisteren", "2026-00"])
def test_a_bad_period_is_refused_by_name(text):
    with pytest.raises(InvalidParameter) as exc:
        parse_period(text)
    assert str(exc.value).startswith("periode: Periode:")


def test_period_bounds_cover_the_quarter():
    starts, ends = Period(2026, quarter=4).bounds()
    assert (starts.date(), ends.date()) == (dt.date(2026, 10, 1), dt.date(2027, 1, 1))
    starts, ends = Period(2026, month=12).bounds()
    assert ends.date() == dt.date(2027, 1, 1)


def test_the_page_shows_the_table_and_the_chart(world, alerted):
    response = client_for(world.coordinator).get(
        reverse("alerting:hard_soft") + f"?periode={alerted.code}"
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Echte incidenten" in page and "Oefeningen" in page
    assert 'role="img"' in page
    assert "66,7%" in page or "66.7%" in page


def test_a_bad_period_on_the_page_gives_a_dutch_message(world):
    response = client_for(world.coordinator).get(reverse("alerting:hard_soft") + "?periode=xx")
    assert response.status_code == 200
    assert "Periode: kies een maand" in response.content.decode()


def test_the_csv_export_has_a_row_per_function_kind_and_step(world, alerted):
    response = client_for(world.coordinator).get(
        reverse("alerting:hard_soft") + f"?periode={alerted.code}&formaat=csv"
    )
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").strip().splitlines()
    assert len(lines) == 1 + 4  # header; real hard/soft; exercise hard/soft
    assert lines[1].split(";")[2:6] == ["OVD-BZ", "hard", "3", "2"]
    # Dutch Excel: decimal commas in a semicolon CSV (66,7 and 2,0, not 66.7 and 2.0).
    assert lines[1].split(";")[8:] == ["66,7", "2,0"]
    assert lines[2].split(";")[8:] == ["25,0", "6,5"]


def test_quality_monitors_and_managers_see_it_readers_do_not(world):
    monitor = make_user("monitor", Role.QUALITY_MONITOR, region=world.region)
    url = reverse("alerting:hard_soft")
    assert client_for(monitor).get(url).status_code == 200
    assert client_for(world.admin).get(url).status_code == 200
    assert client_for(world.viewer).get(url).status_code == 403
    assert client_for(world.functionary).get(url).status_code == 403
    assert client_for(world.haarlem_coordinator).get(url).status_code == 403


def test_the_api_gives_the_figures_and_refuses_bad_input(world, alerted):
    client = client_for(world.coordinator)
    data = client.get(f"/api/v1/regions/VR12/hard-soft/?period={alerted.code}").json()
    assert data["period"] == alerted.code
    assert data["real"][0]["hard"]["came"] == 2
    assert data["real"][0]["soft"]["median_answer_minutes"] == 6.5
    assert data["exercise"][0]["hard"]["alerted"] == 1
    assert client.get("/api/v1/regions/VR12/hard-soft/?period=2026-13").status_code == 400
    assert client.get("/api/v1/regions/VR12/hard-soft/?function=NOPE").status_code == 400
    assert client.get("/api/v1/regions/VR09/hard-soft/").status_code == 404
    assert client_for(world.viewer).get("/api/v1/regions/VR12/hard-soft/").status_code == 403


def test_the_page_shows_who_could_not_and_who_did_not_answer(world, alerted):
    """The intro promises how many could not and how many did not answer: the table has
    both columns, per on-call kind (soft: 1 came, 1 could not, 2 no answer)."""
    page = (
        client_for(world.coordinator)
        .get(reverse("alerting:hard_soft") + f"?periode={alerted.code}")
        .content.decode()
    )
    assert page.count('<th scope="col" class="num">Kon niet komen</th>') == 4  # 2 tables
    assert page.count('<th scope="col" class="num">Geen antwoord</th>') == 4
    soft = (
        '<td class="num">4</td><td class="num">1</td><td class="num">1</td><td class="num">2</td>'
    )
    assert soft in page
    assert 'colspan="6">Hard piket' in page


def test_the_figures_table_breaks_between_words_only_and_scrolls(world, alerted):
    """A card breaks long words anywhere; the figures table opts out ("Gealarm|eerd" at
    1280 px) and sits in the sideways-scrolling .table-wrap."""
    page = (
        client_for(world.coordinator)
        .get(reverse("alerting:hard_soft") + f"?periode={alerted.code}")
        .content.decode()
    )
    assert 'class="table-wrap" role="region" tabindex="0"' in page
    assert '<table class="figures no-break">' in page
    css = (django_settings.BASE_DIR / "core/static/oranje/oranje.css").read_text()
    assert (
        "table.no-break th, table.no-break td { overflow-wrap: normal; word-break: normal;" in css
    )
