"""The incident list keeps exercises apart from real incidents, but never hides that one runs."""

from django.test import Client
from django.urls import reverse

from oranje.incidents import services
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World


def _list_page(world: World, query: str = "") -> str:
    client = Client()
    client.force_login(world.coordinator)
    return client.get(reverse("incidents:incidents") + query).content.decode()


def test_a_running_exercise_is_shown_marked_instead_of_no_incidents(world: World) -> None:
    start_incident(world, exercise=True, title="Oefening gasstoring")
    page = _list_page(world)
    assert "Geen incidenten. Mooi." not in page
    assert "Geen echte incidenten." in page
    assert "1 oefening loopt" in page
    section = page[page.index('id="running-exercises"') :]
    assert "OEFENING" in section and "Oefening gasstoring" in section


def test_real_incidents_and_exercises_stay_in_separate_tables(world: World) -> None:
    start_incident(world, title="Brand Haarlem")
    start_incident(world, exercise=True, title="Oefening gasstoring")
    page = _list_page(world)
    real, exercises = page.split('id="running-exercises"')
    assert "Brand Haarlem" in real and "Oefening gasstoring" not in real
    assert "Oefening gasstoring" in exercises and "Brand Haarlem" not in exercises


def test_a_closed_exercise_is_not_running(world: World) -> None:
    exercise = start_incident(world, exercise=True)
    services.incident_close(actor=world.coordinator, incident=exercise)
    page = _list_page(world)
    assert "Geen incidenten. Mooi." in page
    assert "running-exercises" not in page


def test_the_exercise_list_itself_does_not_repeat_them(world: World) -> None:
    start_incident(world, exercise=True, title="Oefening gasstoring")
    page = _list_page(world, "?oefeningen=1")
    assert page.count("Oefening gasstoring") == 1
    assert "running-exercises" not in page
