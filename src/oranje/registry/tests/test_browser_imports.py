"""Importing a hospital list in a real browser: upload the .xlsx with a new sender, check the
column mapping the page guessed, import, see the counts; the same list again adds nobody."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from playwright.sync_api import expect

from oranje.core.tests.browser import BROWSER_TEST, log_in
from oranje.organisation.tests.factories import build_world
from oranje.registry.constants import Status
from oranje.registry.models import Person
from oranje.registry.tests.factories import build_registry

pytestmark = BROWSER_TEST


def _hospital_list(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(
        [
            "Patiëntnummer",
            "Voornaam",
            "Tussenvoegsel",
            "Achternaam",
            "Geb. datum",
            "Status",
            "Afdeling",
        ]
    )
    sheet.append(["SG-1", "Johannes", "de", "Vries", dt.datetime(1950, 3, 4), "opgenomen", "IC"])
    sheet.append(["SG-2", "Maria", "van der", "Berg", dt.datetime(1962, 7, 12), "SEH", None])
    sheet.append(["SG-3", "Kees", "", "Bakker", dt.datetime(1940, 1, 2), "overleden", None])
    book.save(path)
    return path


def test_import_a_hospital_list(page: Any, live_server: Any, tmp_path: Path) -> None:
    rw = build_registry(build_world())
    rw.officer.set_password("test-pass-123")
    rw.officer.save()
    xlsx = _hospital_list(tmp_path / "spaarne.xlsx")
    log_in(page, live_server, "reg_anna")
    page.goto(f"{live_server.url}/incidenten/{rw.incident.pk}/registratie/")
    page.get_by_role("link", name="Lijst importeren").click()
    page.get_by_label("Of een nieuwe afzender").fill("Spaarne Gasthuis")
    page.get_by_label("Soort nieuwe afzender").select_option("hospital")
    page.locator("#id_file").set_input_files(str(xlsx))
    page.get_by_role("button", name="Verder: kolommen koppelen").click()
    # The mapping step: guessed from the headers, to be checked.
    expect(page.get_by_text("De kolommen zijn geraden uit hun namen")).to_be_visible()
    expect(page.get_by_label("achternaam", exact=True)).to_have_value("Achternaam")
    expect(page.get_by_label("geboortedatum", exact=True)).to_have_value("Geb. datum")
    expect(page.get_by_label("rij-id (eigen nummer van de afzender)")).to_have_value(
        "Patiëntnummer"
    )
    page.get_by_role("button", name="Importeren").click()
    expect(
        page.get_by_text("Lijst ingelezen: 3 nieuw, 0 bijgewerkt, 0 ongewijzigd.")
    ).to_be_visible()
    expect(page.locator("#import-result")).to_contain_text("Nieuwe personen")
    assert Person.objects.get(surname="Vries").current_status == Status.HOSPITALISED
    assert Person.objects.get(surname="Bakker").current_status == Status.DECEASED
    # The same list again: the sender's mapping is remembered, nobody is added.
    page.get_by_role("link", name="Nog een lijst importeren").click()
    page.locator("#id_sender").select_option(label="Spaarne Gasthuis (ziekenhuis)")
    page.locator("#id_file").set_input_files(str(xlsx))
    page.get_by_role("button", name="Verder: kolommen koppelen").click()
    expect(page.get_by_text("De kolommen staan zoals bij de vorige lijst")).to_be_visible()
    page.get_by_role("button", name="Importeren").click()
    expect(
        page.get_by_text("Lijst ingelezen: 0 nieuw, 0 bijgewerkt, 3 ongewijzigd.")
    ).to_be_visible()
    assert Person.objects.count() == 3


def test_bad_rows_are_listed_in_the_browser(page: Any, live_server: Any, tmp_path: Path) -> None:
    rw = build_registry(build_world())
    rw.officer.set_password("test-pass-123")
    rw.officer.save()
    bad = tmp_path / "fout.csv"
    bad.write_text("Voornaam;Achternaam;Geboortedatum\nJan;Smit;31-2-1960\nPiet;Jansen;1970\n")
    log_in(page, live_server, "reg_anna")
    page.goto(f"{live_server.url}/incidenten/{rw.incident.pk}/registratie/import/")
    page.get_by_label("Of een nieuwe afzender").fill("Politie Kennemerland")
    page.get_by_label("Soort nieuwe afzender").select_option("police")
    page.locator("#id_file").set_input_files(str(bad))
    page.get_by_role("button", name="Verder: kolommen koppelen").click()
    page.get_by_role("button", name="Importeren").click()
    problems = page.locator("#import-problems")
    expect(problems).to_contain_text("Geboortedatum")
    expect(problems).to_contain_text("31-2-1960")
    expect(page.get_by_text("Niets geïmporteerd: 1 probleem.")).to_be_visible()
    assert not Person.objects.exists()
