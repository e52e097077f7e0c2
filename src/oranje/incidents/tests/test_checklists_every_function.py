"""Every key function gets its instruments: national checklists for the whole catalogue, the
questions for administrators as their own section, the instruction for the coordinating
municipal secretary's role, and regional edits and ticking for every function."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from oranje.core.models import AuditEntry
from oranje.incidents import errors
from oranje.incidents.checklists import (
    CHECKLISTS_CSV,
    load_national_checklists,
    load_national_instructions,
    national_checklist_rows,
)
from oranje.incidents.constants import ChecklistKind
from oranje.incidents.models import ChecklistItem, FunctionInstruction
from oranje.incidents.selectors_checklists import (
    checklist_items,
    checklists,
    function_instruction,
    region_checklists,
)
from oranje.incidents.services.checklists import (
    LINE_MAX,
    checklist_save,
    checklist_tick,
    instruction_reset,
    instruction_save,
)
from oranje.incidents.tests.factories import start_incident
from oranje.incidents.tests.test_api import api
from oranje.organisation.catalogue import catalogue_rows
from oranje.organisation.models import Function
from oranje.organisation.tests.factories import World

STANDARD = [
    "Moet de overheid hier iets doen?",
    "Wie zijn in dit incident de verminderd zelfredzamen?",
]
ADMIN_STANDARD = "Wat zou ik zelf doen in deze situatie, en welke hulp zou ik willen?"
ADVISERS = ["SA-BZ", "CGS", "AC-BZ", "L-TBZ"]
NEW_FUNCTIONS = [
    "SA-BZ",
    "L-TBZ",
    "CPG",
    "CGS",
    "CO-OPV",
    "CO-REG",
    "CO-SCH",
    "ADV-CC-COPI",
    "ADV-CC-ROT",
    "ADV-CC-BT",
    "OGA",
]


def catalogue_codes() -> list[str]:
    return [row["code"] for row in catalogue_rows()]


def client_for(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def national(function: Function, kind: str = ChecklistKind.TASK) -> list[str]:
    return list(
        ChecklistItem.objects.filter(region=None, function=function, kind=kind, active=True)
        .order_by("position")
        .values_list("text", flat=True)
    )


# The national lines


def test_the_national_file_names_only_catalogue_functions_with_sane_lines() -> None:
    codes = set(catalogue_codes())
    seen: set[tuple[str, str]] = set()
    for row in national_checklist_rows():
        assert row["function"] in codes
        assert row["kind"] in ChecklistKind.values
        assert 0 < len(row["text"]) <= LINE_MAX
        assert (row["function"], row["text"]) not in seen, row
        seen.add((row["function"], row["text"]))
    assert CHECKLISTS_CSV.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("code", catalogue_codes())
def test_every_catalogue_function_has_national_lines_starting_with_the_two_questions(
    code: str,
) -> None:
    tasks = national(Function.objects.get(code=code))
    assert tasks[:2] == STANDARD
    assert len(tasks) >= 5


@pytest.mark.django_db
@pytest.mark.parametrize("code", NEW_FUNCTIONS)
def test_the_functions_that_had_none_get_five_to_ten_lines(code: str) -> None:
    assert 5 <= len(national(Function.objects.get(code=code))) <= 10


@pytest.mark.django_db
@pytest.mark.parametrize("code", ADVISERS)
def test_the_functions_that_advise_administrators_carry_the_standard_question(code: str) -> None:
    questions = national(Function.objects.get(code=code), ChecklistKind.ADMINISTRATOR_QUESTION)
    assert questions[0] == ADMIN_STANDARD
    assert len(questions) >= 3
    # The questions are their own section, not mixed into the tasks.
    assert ADMIN_STANDARD not in national(Function.objects.get(code=code))


@pytest.mark.django_db
def test_functions_that_do_not_advise_administrators_have_no_questions_for_them() -> None:
    for code in ("OVD-BZ", "CO-REG", "OGA", "HTO-PZ"):
        assert not national(Function.objects.get(code=code), ChecklistKind.ADMINISTRATOR_QUESTION)


@pytest.mark.django_db
def test_loading_again_adds_nothing_and_puts_a_question_back_in_its_section() -> None:
    function = Function.objects.get(code="SA-BZ")
    ChecklistItem.objects.filter(region=None, function=function, text=ADMIN_STANDARD).update(
        kind=ChecklistKind.TASK
    )
    assert load_national_checklists(ChecklistItem, Function) == 0
    assert load_national_instructions(FunctionInstruction, Function) == 0
    assert (
        ChecklistItem.objects.get(region=None, function=function, text=ADMIN_STANDARD).kind
        == ChecklistKind.ADMINISTRATOR_QUESTION
    )


@pytest.mark.django_db
def test_the_coordinating_municipal_secretary_has_a_national_instruction() -> None:
    instruction = FunctionInstruction.objects.get(region=None, function__code="CGS")
    assert "coördinerend gemeentesecretaris" in instruction.text
    assert "Wat je niet doet" in instruction.text


# The incident's checklists


def test_the_incident_page_shows_every_function_the_instruction_and_the_questions(
    world: World,
) -> None:
    incident = start_incident(world)
    page = client_for(world.functionary).get(reverse("incidents:checklists", args=[incident.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    for code in catalogue_codes():
        assert f'id="functie-{code}"' in html
    cgs = html[html.index('id="functie-CGS"') :]
    cgs = cgs[: cgs.index("</section>")]
    assert cgs.index("Instructie voor deze rol") < cgs.index(STANDARD[0])
    assert cgs.index(STANDARD[0]) < cgs.index("Vragen voor bestuurders")
    assert cgs.index("Vragen voor bestuurders") < cgs.index(ADMIN_STANDARD)
    ovd = html[html.index('id="functie-OVD-BZ"') :]
    assert "Vragen voor bestuurders" not in ovd[: ovd.index("</section>")]


@pytest.mark.parametrize("code", catalogue_codes())
def test_every_function_can_be_ticked_and_unticked_in_an_incident(world: World, code: str) -> None:
    incident = start_incident(world)
    function = Function.objects.get(code=code)
    items = checklist_items(world.region, function) + checklist_items(
        world.region, function, ChecklistKind.ADMINISTRATOR_QUESTION
    )
    client = client_for(world.functionary)
    for item in items[:1] + items[-1:]:
        url = reverse("incidents:checklist_tick", args=[incident.pk, item.pk])
        client.post(url)
        assert incident.ticks.filter(item=item, undone_at__isnull=True).exists()
        client.post(url, {"undo": "1"})
        assert not incident.ticks.filter(item=item, undone_at__isnull=True).exists()
    shown = next(c for c in checklists(incident) if c.function == function)
    assert [line.item for line in shown.lines + shown.questions] == items


def test_a_tick_stays_with_its_line_when_the_region_rewrites_the_checklist(world: World) -> None:
    incident = start_incident(world)
    cgs = Function.objects.get(code="CGS")
    first = checklist_items(world.region, cgs)[0]
    tick = checklist_tick(actor=world.functionary, incident=incident, item=first)
    checklist_save(
        actor=world.coordinator,
        region=world.region,
        function=cgs,
        lines=[*STANDARD, "Kennemerland: meld je bij de veiligheidsdirecteur"],
    )
    shown = next(c for c in checklists(incident) if c.function == cgs)
    assert shown.lines[0].item.region_id == world.region.pk
    assert shown.lines[0].tick == tick
    with pytest.raises(ValidationError) as exc:
        checklist_tick(actor=world.coordinator, incident=incident, item=shown.lines[0].item)
    assert exc.value.code == "ticked"
    client_for(world.functionary).post(
        reverse("incidents:checklist_tick", args=[incident.pk, shown.lines[0].item.pk]),
        {"undo": "1"},
    )
    tick.refresh_from_db()
    assert tick.undone_at is not None


def test_the_api_gives_the_questions_and_the_instruction(world: World) -> None:
    incident = start_incident(world)
    data = api(world.functionary).get(f"/api/v1/incidents/{incident.pk}/checklists/").json()
    cgs = next(c for c in data if c["function"] == "CGS")
    assert "gemeentesecretaris" in cgs["instruction"]
    assert cgs["items"][0]["text"] == STANDARD[0]
    assert cgs["questions"][0]["text"] == ADMIN_STANDARD
    ovd = next(c for c in data if c["function"] == "OVD-BZ")
    assert ovd["questions"] == [] and ovd["instruction"] is None


# Regional edits


def test_a_region_rewrites_its_questions_and_keeps_the_national_tasks(world: World) -> None:
    sa = Function.objects.get(code="SA-BZ")
    tasks = [i.text for i in checklist_items(world.region, sa)]
    checklist_save(
        actor=world.coordinator,
        region=world.region,
        function=sa,
        lines=tasks,
        questions=[ADMIN_STANDARD, "Wat wilt u morgen in de krant lezen over de opvang?"],
    )
    assert not ChecklistItem.objects.filter(
        region=world.region, function=sa, kind=ChecklistKind.TASK
    ).exists()
    questions = checklist_items(world.region, sa, ChecklistKind.ADMINISTRATOR_QUESTION)
    assert [q.region_id for q in questions] == [world.region.pk, world.region.pk]
    assert questions[1].text.startswith("Wat wilt u morgen")
    # Another region keeps the national questions.
    other = checklist_items(world.other_region, sa, ChecklistKind.ADMINISTRATOR_QUESTION)
    assert [q.text for q in other] == national(sa, ChecklistKind.ADMINISTRATOR_QUESTION)
    entry = AuditEntry.objects.get(action="checklist.save")
    assert set(entry.changes["SA-BZ"]) == {"questions"}


def test_rewriting_the_tasks_keeps_the_national_questions(world: World) -> None:
    sa = Function.objects.get(code="SA-BZ")
    checklist_save(
        actor=world.coordinator, region=world.region, function=sa, lines=[*STANDARD, "Eigen"]
    )
    assert [i.text for i in checklist_items(world.region, sa)] == [*STANDARD, "Eigen"]
    questions = checklist_items(world.region, sa, ChecklistKind.ADMINISTRATOR_QUESTION)
    assert questions and all(q.region_id is None for q in questions)


def test_empty_questions_go_back_to_the_national_ones(world: World) -> None:
    cgs = Function.objects.get(code="CGS")
    tasks = [i.text for i in checklist_items(world.region, cgs)]
    checklist_save(
        actor=world.coordinator, region=world.region, function=cgs, lines=tasks, questions=["Eén"]
    )
    checklist_save(
        actor=world.coordinator, region=world.region, function=cgs, lines=tasks, questions=[]
    )
    questions = checklist_items(world.region, cgs, ChecklistKind.ADMINISTRATOR_QUESTION)
    assert [q.text for q in questions] == national(cgs, ChecklistKind.ADMINISTRATOR_QUESTION)
    assert not ChecklistItem.objects.filter(region=world.region, active=True).exists()


def test_saving_the_national_lines_unchanged_makes_no_regional_copy(world: World) -> None:
    cpg = world.cpg
    checklist_save(
        actor=world.coordinator,
        region=world.region,
        function=cpg,
        lines=national(cpg),
        questions=[],
    )
    assert not ChecklistItem.objects.filter(region=world.region).exists()
    assert not AuditEntry.objects.filter(action="checklist.save").exists()


def test_a_line_too_long_or_twice_is_refused_naming_the_field(world: World) -> None:
    with pytest.raises(ValidationError) as exc:
        checklist_save(
            actor=world.coordinator,
            region=world.region,
            function=world.cpg,
            lines=["x" * (LINE_MAX + 1)],
            questions=["Vraag", "Vraag"],
        )
    problems = exc.value.message_dict
    assert problems["lines"][0].startswith("Regels: regel 1 heeft 301 tekens")
    assert problems["questions"][0].startswith("Vragen voor bestuurders: 'Vraag' staat twee keer")
    with pytest.raises(ValidationError) as empty:
        checklist_save(actor=world.coordinator, region=world.region, function=world.cpg, lines=[])
    assert empty.value.message_dict["lines"] == [str(errors.CHECKLIST_NEEDS_LINE)]
    assert not ChecklistItem.objects.filter(region=world.region).exists()


def test_the_edit_page_saves_tasks_and_questions_for_every_function(world: World) -> None:
    client = client_for(world.coordinator)
    for code in catalogue_codes():
        url = reverse("incidents:checklist_edit", args=[code])
        page = client.get(url)
        assert page.status_code == 200
        answer = client.post(url, {"lines": f"{STANDARD[0]}\nEigen regel {code}", "questions": ""})
        assert answer.status_code == 302, code
        function = Function.objects.get(code=code)
        assert checklist_items(world.region, function)[1].text == f"Eigen regel {code}"
    bad = client.post(reverse("incidents:checklist_edit", args=["CGS"]), {"lines": ""})
    assert bad.status_code == 400
    assert client.get(reverse("incidents:checklist_edit", args=["GEEN"])).status_code == 404


def test_only_the_regions_managers_edit_its_checklists(world: World) -> None:
    with pytest.raises(PermissionDenied):
        checklist_save(
            actor=world.haarlem_coordinator, region=world.region, function=world.cpg, lines=["x"]
        )
    for user in (world.viewer, world.functionary, world.haarlem_coordinator):
        client = client_for(user)
        assert client.get(reverse("incidents:checklist_edit", args=["CGS"])).status_code == 403
        assert client.get(reverse("incidents:instruction_edit", args=["CGS"])).status_code == 403


# The instruction for the role


def test_a_region_replaces_the_instruction_and_goes_back_to_the_national_text(
    world: World,
) -> None:
    cgs = Function.objects.get(code="CGS")
    national_text = FunctionInstruction.objects.get(region=None, function=cgs).text
    instruction_save(
        actor=world.coordinator, region=world.region, function=cgs, text="Kennemerland: bel de VD."
    )
    assert function_instruction(world.region, cgs).text == "Kennemerland: bel de VD."  # type: ignore[union-attr]
    assert function_instruction(world.other_region, cgs).text == national_text  # type: ignore[union-attr]
    instruction_save(actor=world.coordinator, region=world.region, function=cgs, text="Tweede")
    assert FunctionInstruction.objects.filter(region=world.region).count() == 1
    instruction_reset(actor=world.coordinator, region=world.region, function=cgs)
    assert function_instruction(world.region, cgs).text == national_text  # type: ignore[union-attr]
    actions = list(
        AuditEntry.objects.filter(action__startswith="checklist.instruction")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "checklist.instruction_save",
        "checklist.instruction_save",
        "checklist.instruction_reset",
    ]


def test_any_function_may_get_an_instruction_shown_above_its_checklist(world: World) -> None:
    instruction_save(
        actor=world.coordinator,
        region=world.region,
        function=world.cpg,
        text="Je bent de ogen en oren van je gemeente.",
    )
    incident = start_incident(world)
    html = client_for(world.viewer).get(reverse("incidents:checklists", args=[incident.pk]))
    cpg = html.content.decode()[html.content.decode().index('id="functie-CPG"') :]
    assert cpg.index("Je bent de ogen en oren") < cpg.index(STANDARD[0])


def test_an_empty_instruction_is_refused_with_a_dutch_message(world: World) -> None:
    url = reverse("incidents:instruction_edit", args=["CGS"])
    client = client_for(world.coordinator)
    answer = client.post(url, {"text": "   "})
    assert answer.status_code == 400
    assert "Instructie: schrijf de instructie" in answer.content.decode()
    assert not FunctionInstruction.objects.filter(region=world.region).exists()
    assert client.post(url, {"text": "Eigen tekst"}).status_code == 302
    assert client.post(url, {"reset": "1"}).status_code == 302
    assert not FunctionInstruction.objects.filter(region=world.region).exists()


# The region's overview and the printable checklist


def test_the_overview_lists_every_function_and_the_printable_page_reads_for_everyone(
    world: World,
) -> None:
    rows = region_checklists(world.region)
    assert [r.function.code for r in rows] == list(
        Function.objects.order_by("sort_order").values_list("code", flat=True)
    )
    client = client_for(world.viewer)
    overview = client.get(reverse("incidents:checklist_index"))
    assert overview.status_code == 200
    assert "Checklists per functie" in overview.content.decode()
    assert reverse("incidents:checklist_edit", args=["CGS"]) not in overview.content.decode()
    page = client.get(reverse("incidents:checklist_function", args=["cgs"]))
    html = page.content.decode()
    assert page.status_code == 200
    card = html[html.index('<section class="card checklist-card">') :]
    assert card.index("Instructie voor deze rol") < card.index("Taken")
    assert card.index("Taken") < card.index("Vragen voor bestuurders")
    assert client.get(reverse("incidents:checklist_function", args=["X"])).status_code == 404


def test_the_printable_page_says_per_part_whether_it_is_the_regions_own(world: World) -> None:
    sa = Function.objects.get(code="SA-BZ")
    checklist_save(
        actor=world.coordinator,
        region=world.region,
        function=sa,
        lines=national(sa),
        questions=[ADMIN_STANDARD, "Eigen vraag"],
    )
    html = client_for(world.viewer).get(reverse("incidents:checklist_function", args=["SA-BZ"]))
    text = html.content.decode()
    assert "Taken: landelijk (nog niet aangepast door de regio)" in text
    assert "Vragen voor bestuurders: regionaal" in text


def test_the_index_offers_to_write_a_missing_instruction_to_managers_only(world: World) -> None:
    url = reverse("incidents:checklist_index")
    cgs = reverse("incidents:instruction_edit", args=["CGS"])
    ovd = reverse("incidents:instruction_edit", args=["OVD-BZ"])
    manager = Client()
    manager.force_login(world.coordinator)
    page = manager.get(url).content.decode()
    assert f'<a href="{cgs}">Instructie<span' in page
    assert f'<a href="{ovd}">Instructie schrijven<span' in page
    reader = Client()
    reader.force_login(world.viewer)
    page = reader.get(url).content.decode()
    assert "/instructie/" not in page


def test_the_instruction_state_is_not_part_of_the_heading(world: World) -> None:
    client = Client()
    client.force_login(world.coordinator)
    page = client.get(reverse("incidents:instruction_edit", args=["OVD-BZ"])).content.decode()
    heading = page.split("<h1>", 1)[1].split("</h1>", 1)[0]
    assert heading == "Instructie OVD-BZ"
    assert '<span class="tag">nog geen</span>' in page
