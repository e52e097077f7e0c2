"""A correction in the logbook (a new line pointing at the old one): it keeps the corrected
line's tags, the corrected line says where it was corrected, and the situation report takes
the correction instead of the wrong line."""

from django.test import Client
from django.urls import reverse

from oranje.incidents import selectors, services
from oranje.incidents.constants import Process
from oranje.incidents.tests.factories import scale, start_incident
from oranje.organisation.tests.factories import World


def _wrong_and_fix(world: World):  # type: ignore[no-untyped-def]
    incident = start_incident(world)
    scale(world, incident, teams=("copi",))
    wrong = services.log_entry_add(
        actor=world.coordinator,
        incident=incident,
        text="Opvang voor bewoners van 200 woningen",
        process=Process.SHELTER,
        team="copi",
    )
    fix = services.log_entry_add(
        actor=world.coordinator,
        incident=incident,
        text="Opvang voor bewoners van 20 woningen",
        corrects=wrong,
    )
    return incident, wrong, fix


def test_a_correction_keeps_the_tags_of_the_corrected_line_unless_others_are_chosen(
    world: World,
) -> None:
    incident, wrong, fix = _wrong_and_fix(world)
    assert (fix.process, fix.team) == (Process.SHELTER, "copi")
    shelter = selectors.logbook_lines(incident, process=Process.SHELTER)
    assert [line.number for line in shelter] == [fix.number, wrong.number]
    assert [line.number for line in selectors.logbook_lines(incident, team="copi")] == [
        fix.number,
        wrong.number,
    ]
    chosen = services.log_entry_add(
        actor=world.coordinator,
        incident=incident,
        text="Hoort bij de communicatie",
        corrects=wrong,
        process=Process.COMMUNICATION,
    )
    assert (chosen.process, chosen.team) == (Process.COMMUNICATION, "copi")


def test_a_corrected_line_links_to_its_correction_on_the_logbook_page(world: World) -> None:
    incident, wrong, fix = _wrong_and_fix(world)
    client = Client()
    client.force_login(world.viewer)
    page = client.get(reverse("incidents:logbook", args=[incident.pk])).content.decode()
    note = f'<a href="#e{fix.number}" class="corrected">(gecorrigeerd in #{fix.number})</a>'
    wrong_li = page[page.index(f'id="e{wrong.number}"') :].split("</li>")[0]
    fix_li = page[page.index(f'id="e{fix.number}"') :].split("</li>")[0]
    assert note in wrong_li
    assert "gecorrigeerd" not in fix_li
    # A second correction: the note names the latest.
    again = services.log_entry_add(
        actor=world.coordinator, incident=incident, text="Toch 25", corrects=wrong
    )
    lines = {line.number: line for line in selectors.logbook_lines(incident)}
    assert lines[wrong.number].corrected_in == again.number
    assert lines[fix.number].corrected_in is None


def test_the_situation_report_takes_the_correction_instead_of_the_wrong_line(
    world: World,
) -> None:
    incident, _wrong, _fix = _wrong_and_fix(world)
    report = services.report_draft(actor=world.coordinator, incident=incident)
    picture = report.sections[Process.SHELTER]["picture"]
    assert "20 woningen" in picture
    assert "200 woningen" not in picture


def test_an_unknown_line_to_correct_is_named_once(world: World) -> None:
    incident = start_incident(world)
    client = Client()
    client.force_login(world.coordinator)
    url = reverse("incidents:log_entry_new", args=[incident.pk])
    for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
        response = client.post(url, {"text": "Correctie", "corrects": "999"}, **headers)
        assert response.content.decode().count("Er is geen regel #999.") == 1
    assert not incident.log.filter(text="Correctie").exists()
