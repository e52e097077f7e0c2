"""CAP 1.2 from a warning: every alert valid against the official OASIS schema, read back with
the same fields (an Alert, an Update and a Cancel with their references), Exercise for an
exercise, the offsets across daylight saving, and the refusals in Dutch naming the field."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from oranje.communication.services import cap
from oranje.communication.services.cap import cap_alert, cap_problems, cap_time, parse_cap
from oranje.communication.tests.capcheck import (
    AREA,
    assert_valid_cap,
    official_schema,
    warning,
)
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db

UTC = dt.UTC
WINTER = dt.datetime(2026, 1, 15, 9, 0, 0, 456000, tzinfo=UTC)


def test_the_bundled_schema_is_the_official_file() -> None:
    official = official_schema()
    if official is None:
        pytest.skip("the official schema is not beside the project (../shared/standards/)")
    assert cap.SCHEMA_PATH.read_bytes() == official.read_bytes()


def test_an_alert_reads_back_with_the_fields_it_was_made_from(world: World) -> None:
    incident = start_incident(world)
    message = warning(incident, sent=WINTER)
    document = cap_alert(message, web="https://oranje.example.nl/publiek/vr12/")
    assert_valid_cap(document)
    alert = parse_cap(document)
    assert alert["identifier"] == f"oranje-VR12-{message.pk}"
    assert alert["sender"] == "oranje-vr12@127.0.0.1"
    assert alert["sent"] == WINTER.replace(microsecond=0)
    assert document.count(b"<sent>2026-01-15T10:00:00+01:00</sent>") == 1
    assert (alert["status"], alert["msgType"], alert["scope"]) == ("Actual", "Alert", "Public")
    assert alert["references"] == []
    assert alert["note"] == ""
    assert alert["incidents"] == f"oranje-VR12-incident-{incident.pk}"
    (info,) = alert["info"]
    assert info["language"] == "nl-NL"
    assert info["category"] == ["Fire"]
    assert info["event"] == "Brand met rookontwikkeling"
    assert (info["urgency"], info["severity"], info["certainty"]) == (
        "Immediate",
        "Severe",
        "Observed",
    )
    assert info["audience"] == "Bewoners van Velsen-Noord"
    assert info["senderName"] == "Veiligheidsregio Kennemerland"
    assert info["headline"] == message.title
    assert info["description"] == message.text
    assert info["instruction"] == message.instruction
    assert info["web"] == "https://oranje.example.nl/publiek/vr12/"
    (area,) = info["areas"]
    assert area["areaDesc"] == "Velsen-Noord"
    assert area["polygons"] == [AREA]


def test_the_same_message_gives_the_same_alert_every_time(world: World) -> None:
    message = warning(start_incident(world), sent=WINTER)
    assert cap_alert(message) == cap_alert(message)


def test_an_update_and_a_cancel_reference_every_alert_before_them(world: World) -> None:
    incident = start_incident(world)
    first = warning(incident, status="published", sent=WINTER)
    later = WINTER + dt.timedelta(minutes=40)
    update = warning(
        incident,
        status="published",
        relation="update",
        parent=first,
        sent=later,
        title="Ramen en deuren blijven dicht",
    )
    correction = warning(
        incident, relation="correction", parent=update, sent=later + dt.timedelta(minutes=5)
    )
    cancel = warning(
        incident,
        relation="cancel",
        parent=update,
        sent=later + dt.timedelta(hours=2),
        title="De rook is weg",
        instruction="",  # a cancellation need not say what to do
    )
    documents = {m.pk: cap_alert(m) for m in (first, update, correction, cancel)}
    for document in documents.values():
        assert_valid_cap(document)
    one = ("oranje-vr12@127.0.0.1", f"oranje-VR12-{first.pk}", "2026-01-15T10:00:00+01:00")
    two = ("oranje-vr12@127.0.0.1", f"oranje-VR12-{update.pk}", "2026-01-15T10:40:00+01:00")

    read = parse_cap(documents[update.pk])
    assert read["msgType"] == "Update"
    assert read["references"] == [one]
    assert read["info"][0]["headline"] == "Ramen en deuren blijven dicht"

    assert parse_cap(documents[correction.pk])["msgType"] == "Update"
    assert parse_cap(documents[correction.pk])["references"] == [one, two]

    read = parse_cap(documents[cancel.pk])
    assert read["msgType"] == "Cancel"
    assert read["references"] == [one, two]
    assert read["identifier"] == f"oranje-VR12-{cancel.pk}"
    assert read["info"][0]["headline"] == "De rook is weg"
    assert read["info"][0]["instruction"] == ""
    # The text: "sender,identifier,sent" per earlier alert, separated by a space.
    assert (
        f"<references>{','.join(one)} {','.join(two)}</references>".encode() in documents[cancel.pk]
    )


def test_an_exercise_is_an_exercise_alert_marked_oefening(world: World) -> None:
    message = warning(start_incident(world, exercise=True), sent=WINTER)
    document = cap_alert(message, web="https://oranje.example.nl/publiek/vr12/")
    assert_valid_cap(document)
    alert = parse_cap(document)
    assert alert["status"] == "Exercise"
    assert alert["note"].startswith("OEFENING")
    assert alert["info"][0]["headline"] == f"OEFENING: {message.title}"
    # Never pointing at the public page: an exercise is never on it.
    assert alert["info"][0]["web"] == ""


@pytest.mark.parametrize(
    ("utc", "local"),
    [
        (dt.datetime(2026, 1, 15, 9, 0, 0, 999999, tzinfo=UTC), "2026-01-15T10:00:00+01:00"),
        (dt.datetime(2026, 7, 15, 8, 0, tzinfo=UTC), "2026-07-15T10:00:00+02:00"),
        # The night of 29 March 2026: 02:00 CET becomes 03:00 CEST.
        (dt.datetime(2026, 3, 29, 0, 59, 59, tzinfo=UTC), "2026-03-29T01:59:59+01:00"),
        (dt.datetime(2026, 3, 29, 1, 0, 0, tzinfo=UTC), "2026-03-29T03:00:00+02:00"),
        # The night of 25 October 2026: 03:00 CEST becomes 02:00 CET; 02:30 happens twice.
        (dt.datetime(2026, 10, 25, 0, 30, tzinfo=UTC), "2026-10-25T02:30:00+02:00"),
        (dt.datetime(2026, 10, 25, 1, 30, tzinfo=UTC), "2026-10-25T02:30:00+01:00"),
    ],
)
def test_sent_carries_the_amsterdam_offset_of_its_moment(
    world: World, utc: dt.datetime, local: str
) -> None:
    assert cap_time(utc) == local
    document = cap_alert(warning(start_incident(world), sent=utc))
    assert_valid_cap(document)
    assert f"<sent>{local}</sent>".encode() in document
    assert parse_cap(document)["sent"] == utc.replace(microsecond=0)


def test_the_sender_comes_from_the_setting(world: World) -> None:
    message = warning(start_incident(world))
    with override_settings(CAP_SENDER="crisiscommunicatie.{region}@vr.example.nl"):
        assert parse_cap(cap_alert(message))["sender"] == "crisiscommunicatie.vr12@vr.example.nl"


def test_text_xml_cannot_carry_is_left_out_and_markup_is_escaped(world: World) -> None:
    message = warning(
        start_incident(world),
        title="Rook <giftig?> & heet",
        text="Geplakt uit een app:\x0b\x01 rook.",
    )
    document = cap_alert(message)
    assert_valid_cap(document)
    info = parse_cap(document)["info"][0]
    assert info["headline"] == "Rook <giftig?> & heet"
    assert info["description"] == "Geplakt uit een app:   rook."


def _refusal(message: object) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        cap_alert(message)  # type: ignore[arg-type]
    return caught.value.message_dict


def test_a_warning_without_what_to_do_is_refused_naming_the_field(world: World) -> None:
    errors = _refusal(warning(start_incident(world), instruction="  "))
    assert list(errors) == ["instruction"]
    assert errors["instruction"] == [
        "Wat te doen: een CAP-waarschuwing moet mensen zeggen wat ze moeten doen; vul 'wat te "
        "doen' in."
    ]


def test_an_area_that_is_no_closed_ring_is_refused(world: World) -> None:
    open_ring = [[52.46, 4.62], [52.47, 4.63], [52.46, 4.64], [52.45, 4.63]]
    errors = _refusal(warning(start_incident(world), area=open_ring))
    assert list(errors) == ["area"]
    assert errors["area"][0].startswith("Gebied: het gebied is geen gesloten ring")
    assert list(_refusal(warning(start_incident(world), area=[]))) == ["area"]


def test_a_draft_is_refused(world: World) -> None:
    errors = _refusal(warning(start_incident(world), status="draft"))
    assert errors == {
        "status": [
            "Status: een waarschuwing wordt pas als CAP geëxporteerd als hij is goedgekeurd; "
            "deze is nog een concept."
        ]
    }


def test_public_information_is_no_cap_alert(world: World) -> None:
    errors = _refusal(warning(start_incident(world), kind="public"))
    assert list(errors) == ["kind"]
    assert "publieksinformatie" in errors["kind"][0]


def test_an_update_without_the_alert_it_updates_is_refused(world: World) -> None:
    incident = start_incident(world)
    draft = warning(incident, status="draft")
    update = warning(incident, relation="update", parent=draft)
    errors = _refusal(update)
    assert errors == {
        "parent": [
            f"Volgt op: een CAP-Update zonder de waarschuwing die hij bijwerkt; bericht "
            f"#{draft.pk} is geen goedgekeurde waarschuwing van dit incident."
        ]
    }
    # Nor an alert of another incident.
    elsewhere = warning(start_incident(world, title="Brand elders"))
    cancel = warning(incident, relation="cancel", parent=elsewhere)
    assert "CAP-Cancel zonder de waarschuwing" in _refusal(cancel)["parent"][0]


def test_a_followup_whose_parent_is_gone_from_the_chain_is_refused(world: World) -> None:
    incident = start_incident(world)
    first = warning(incident)
    update = warning(incident, relation="update", parent=first)
    update.parent = None  # as if read without it: the chain is missing
    assert cap_problems(update) == {
        "parent": [
            "Volgt op: een CAP-Update zonder de waarschuwing die hij bijwerkt; dit bericht volgt "
            "op geen eerdere waarschuwing."
        ]
    }


def test_every_problem_is_named_at_once(world: World) -> None:
    message = warning(start_incident(world), status="draft", instruction="", area=[[1, 2]])
    assert set(cap_problems(message)) == {"status", "instruction", "area"}


def test_parse_refuses_what_is_no_cap() -> None:
    with pytest.raises(ValueError, match=r"geen CAP 1\.2"):
        parse_cap(b"<feed xmlns='http://www.w3.org/2005/Atom'/>")
    with pytest.raises(ValueError, match="geen goedgevormde XML"):
        parse_cap(b"<alert")
    # No entities: a document from outside cannot make the parser read files.
    evil = (
        b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&x;</identifier>'
        b"</alert>"
    )
    assert "root:" not in parse_cap(evil)["identifier"]


def test_validation_names_what_breaks_the_schema() -> None:
    problems = cap.validate_cap(
        b'<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>x</identifier></alert>'
    )
    assert problems and "sender" in problems[0]


def test_the_chain_the_message_services_make_exports_alert_update_and_cancel(
    world: World,
) -> None:
    from oranje.communication.services import messages as services
    from oranje.communication.tests.messages_helpers import adviser, warning_data

    incident = start_incident(world)
    writer = adviser(world.region, "schrijver")
    checker = adviser(world.region, "controleur")

    def approved_and_published(message: object) -> object:
        message = services.message_approve(message=message, actor=checker)  # type: ignore[arg-type]
        return services.message_publish(message=message, actor=writer)

    first = approved_and_published(
        services.message_create(incident=incident, actor=writer, data=warning_data())
    )
    update = approved_and_published(
        services.message_follow_up(parent=first, actor=writer, relation="update")  # type: ignore[arg-type]
    )
    cancel = approved_and_published(
        services.message_follow_up(parent=update, actor=writer, relation="cancel")  # type: ignore[arg-type]
    )
    read = []
    for message in (first, update, cancel):
        document = cap_alert(message)  # type: ignore[arg-type]
        assert_valid_cap(document)
        read.append(parse_cap(document))
    assert [r["msgType"] for r in read] == ["Alert", "Update", "Cancel"]
    assert [len(r["references"]) for r in read] == [0, 1, 2]
    assert read[2]["references"][1][1] == read[1]["identifier"]
    assert read[2]["references"][0] == (
        read[0]["sender"],
        read[0]["identifier"],
        cap_time(read[0]["sent"]),
    )
