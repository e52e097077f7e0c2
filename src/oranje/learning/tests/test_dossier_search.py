"""Full-text search of the living dossier, on the database the tests run on (SQLite's FTS5 by
default; PostgreSQL's `dutch` configuration with DATABASE_URL=postgres://…): words found in
title, text, comments and the theme's Dutch name; accents, plurals and word beginnings;
phrases, `or` (and Dutch `of`) and `-word`; filters; ranking; the index kept on change and delete; on
PostgreSQL the query uses the GIN index (EXPLAIN)."""

from __future__ import annotations

import pytest
from django.db import connection

from oranje.core.models import User
from oranje.learning import search
from oranje.learning.models import Entry
from oranje.learning.services import dossier as services
from oranje.organisation.tests.factories import World
from oranje.quality.tests.actions_helpers import monitor

pytestmark = pytest.mark.django_db


@pytest.fixture
def qm(world: World) -> User:
    return monitor(world.region)


def _entry(qm: User, world: World, title: str, text: str, **kw: object) -> Entry:
    kw.setdefault("theme", "on_call")
    kw.setdefault("kind", "practice")
    return services.entry_create(
        actor=qm,
        region=world.region,
        title=title,
        text=text,
        **kw,  # type: ignore[arg-type]
    )


def _titles(q: str = "", **kw: object) -> list[str]:
    results = search.search(search.EntryFilter(q=q, **kw))  # type: ignore[arg-type]
    return [e.title for e in results[0:50]]


@pytest.fixture
def entries(qm: User, world: World) -> dict[str, Entry]:
    return {
        "piket": _entry(
            qm,
            world,
            "Van harde naar zachte piketten",
            "Piketdiensten van de pools worden zachter: wie kan komen, meldt zich binnen een uur.",
        ),
        "bedank": _entry(
            qm,
            world,
            "Een bedankje na de inzet",
            "Na elke inzet krijgen de medewerkers een kaart van de burgemeester.",
            theme="pools",
        ),
        "evac": _entry(
            qm,
            world,
            "Evacuée-registratie in de opvang",
            "Registratie van geëvacueerden bij binnenkomst in de opvanglocatie.",
            theme="registration",
            kind="question",
        ),
        "oproep": _entry(
            qm,
            world,
            "Onaangekondigde oproepen",
            "Onaangekondigde alarmering met een taak van een uur houdt het piket scherp.",
            theme="competence",
            kind="proposal",
        ),
    }


def test_words_accents_plurals_and_ranking(entries: dict[str, Entry]) -> None:
    assert _titles("bedankje") == ["Een bedankje na de inzet"]
    # Accents do not matter either way.
    assert _titles("evacuee") == ["Evacuée-registratie in de opvang"]
    assert "Evacuée-registratie in de opvang" in _titles("registratie")
    # A plural finds the singular and vice versa (a stem on PostgreSQL, a prefix on SQLite).
    assert "Van harde naar zachte piketten" in _titles("piket")
    assert "Van harde naar zachte piketten" in _titles("piketten")
    # More matching words rank higher: both entries speak of piket, one in its title too.
    ranked = _titles("piketten zachte")
    assert ranked[0] == "Van harde naar zachte piketten"
    # Little words alone are no search: everything is listed.
    assert len(_titles("de het")) == 4


def test_phrase_or_and_not(entries: dict[str, Entry]) -> None:
    assert _titles('"kaart van de burgemeester"') == ["Een bedankje na de inzet"]
    assert set(_titles("bedankje or onaangekondigde")) == {
        "Een bedankje na de inzet",
        "Onaangekondigde oproepen",
    }
    assert _titles("uur -onaangekondigde") == ["Van harde naar zachte piketten"]


def test_dutch_of_between_alternatives(entries: dict[str, Entry]) -> None:
    both = {"Een bedankje na de inzet", "Onaangekondigde oproepen"}
    assert set(_titles("bedankje of onaangekondigde")) == both
    assert set(_titles("bedankje OF onaangekondigde")) == both
    assert set(_titles("piketten of bedankje")) == set(_titles("piketten or bedankje"))
    assert len(_titles("piketten of bedankje")) == 3
    # Inside quotes "of" stays a word of the phrase; words with "of" in them are no "or".
    assert search.websearch_text('"a of b" of c of-d offer') == '"a of b" or c of-d offer'


def test_filters_with_and_without_words(entries: dict[str, Entry], world: World) -> None:
    assert _titles("uur", kind="proposal") == ["Onaangekondigde oproepen"]
    assert _titles(theme="pools") == ["Een bedankje na de inzet"]
    assert _titles("uur", status="practice") == []
    assert len(_titles("uur", region_id=world.region.pk)) == 2
    assert _titles("uur", region_id=world.other_region.pk) == []
    # The theme's Dutch name is searchable.
    assert "Onaangekondigde oproepen" in _titles("oefenen")


def test_the_index_follows_versions_comments_and_deletes(
    entries: dict[str, Entry], qm: User, world: World
) -> None:
    entry = entries["bedank"]
    services.entry_revise(
        actor=qm,
        entry=entry,
        region=world.region,
        title="Een bloemetje na de inzet",
        text="Na elke inzet een bloemetje.",
        status="tried",
        note="Bloemetje",
    )
    assert _titles("bedankje") == []
    assert _titles("bloemetje") == ["Een bloemetje na de inzet"]
    services.entry_comment(
        actor=qm, entry=entry, region=world.region, text="In Zaanstad werkte een taart beter."
    )
    assert _titles("taart") == ["Een bloemetje na de inzet"]
    Entry.objects.filter(pk=entry.pk).delete()
    assert _titles("bloemetje") == []


def test_results_page_and_count(qm: User, world: World) -> None:
    for n in range(25):
        _entry(qm, world, f"Opvang les {n}", "Opvang in de sporthal.")
    results = search.search(search.EntryFilter(q="sporthal"))
    assert isinstance(results, search.SearchResults)
    assert results.count() == 25
    assert len(results[0:20]) == 20 and len(results[20:40]) == 5
    assert all(hasattr(e, "rank") for e in results[0:3])


def test_any_input_is_safe(entries: dict[str, Entry]) -> None:
    for q in [
        '"',
        "NOT",
        "a*b",
        "(",
        "OR OR",
        "-",
        '"" or -',
        "NEAR(a b)",
        "x' OR 1=1 --",
        "∑≈ç",
        "of",
        "of of",
        '"of',
    ]:
        _titles(q)


def test_fts5_query_is_only_quoted_strings() -> None:
    parsed = search.parse('piketten "harde naar zachte" or oproep -alarm de')
    assert search.fts5_query(parsed) == (
        '("piket"* AND ("harde naar zachte"* OR "oproep"*)) NOT "alarm"'
    )


def test_marks_the_words() -> None:
    parsed = search.parse("piketten")
    segments = search.highlight("Van harde naar zachte piketten", parsed.terms)
    assert ("piketten", True) in segments
    cut = search.snippet("woord " * 100 + "piket " + "woord " * 100, parsed.terms, width=80)
    assert cut[0] == ("… ", False) and ("piket", True) in cut


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_postgresql_uses_the_gin_index(entries: dict[str, Entry]) -> None:
    results = search.SearchResults(search.EntryFilter(q="piket"), search.parse("piket"))
    sql, values = results._sql("e.id", "LIMIT 20")
    with connection.cursor() as cursor:
        # A handful of rows: the planner would read the table; the index must be usable.
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = "\n".join(row[0] for row in search._fetch("EXPLAIN " + sql, values))
    assert "learning_entry_search" in plan
