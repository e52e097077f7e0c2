import datetime as dt
import os
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections, transaction
from django.utils import timezone

from oranje.core.models import AuditEntry, Municipality
from oranje.incidents import errors, selectors, services
from oranje.incidents.constants import ActionStatus, EntryKind, Process, ReportStatus, ScalingMode
from oranje.incidents.models import ChecklistItem
from oranje.incidents.tests.factories import scale, start_incident
from oranje.organisation.models import Function
from oranje.organisation.tests.factories import World


def test_starting_an_incident_opens_the_logbook_and_the_audit_trail(world: World) -> None:
    incident = start_incident(world)
    first = incident.log.get()
    assert first.number == 1 and first.text.startswith("Incident gestart: Gasstoring")
    assert AuditEntry.objects.filter(action="incident.start", object_id=str(incident.pk)).exists()
    assert list(incident.municipalities.all()) == [world.velsen]


def test_an_incident_is_refused_in_the_future_or_outside_the_region(world: World) -> None:
    utrecht = Municipality.objects.filter(region=world.other_region).first()
    with pytest.raises(ValidationError) as exc:
        services.incident_start(
            actor=world.coordinator,
            region=world.region,
            title="Test",
            kind="fire",
            started_at=timezone.now() + dt.timedelta(hours=2),
            municipality=world.velsen,
            municipalities=[utrecht],
        )
    problems = exc.value.message_dict
    assert "started_at" in problems
    assert problems["municipalities"] == [
        str(errors.MUNICIPALITY_OUTSIDE_REGION % {"name": utrecht.name})
    ]


def test_viewers_and_outsiders_cannot_start_or_scale(world: World) -> None:
    with pytest.raises(PermissionDenied):
        services.incident_start(
            actor=world.viewer,
            region=world.region,
            title="x",
            kind="fire",
            started_at=timezone.now(),
            municipality=world.velsen,
        )
    incident = start_incident(world)
    with pytest.raises(PermissionDenied):
        services.incident_scale(
            actor=world.outsider,
            incident=incident,
            mode="grip",
            grip_level=1,
            reason="x",
            decided_by="y",
        )


def test_scaling_is_a_history_with_who_and_why(world: World) -> None:
    incident = start_incident(world)
    scale(world, incident, 1)
    services.incident_scale(
        actor=world.coordinator,
        incident=incident,
        mode=ScalingMode.FLEXIBLE,
        grip_level=None,
        teams=["rot"],
        custom_teams=["Team gasstoring"],
        reason="Geen CoPI meer nodig",
        decided_by="Burgemeester",
    )
    steps = list(incident.scaling.order_by("at"))
    assert [s.label for s in steps] == ["GRIP 1", "flexibel · ROT · Team gasstoring"]
    assert steps[1].decided_by == "Burgemeester"
    assert selectors.current_step(incident) == steps[1]
    assert "Team gasstoring" in services.incident_teams(incident)
    audit = AuditEntry.objects.filter(action="incident.scale").order_by("pk").last()
    assert audit.changes == {"scaling": ["GRIP 1", "flexibel · ROT · Team gasstoring"]}


@pytest.mark.parametrize(
    ("mode", "level", "teams", "field", "message"),
    [
        ("grip", 7, [], "grip_level", errors.UNKNOWN_LEVEL % {"value": 7}),
        ("grip", None, [], "grip_level", errors.LEVEL_REQUIRED),
        ("grip", 2, ["brandweer"], "teams", errors.UNKNOWN_TEAM % {"value": "brandweer"}),
        ("flexible", None, [], "teams", errors.FLEXIBLE_NEEDS_TEAM),
        ("flexible", 2, ["rot"], "grip_level", errors.LEVEL_NOT_FLEXIBLE),
    ],
)
def test_bad_scaling_is_refused_with_a_message_per_field(
    world: World, mode: str, level: int | None, teams: list[str], field: str, message: str
) -> None:
    incident = start_incident(world)
    with pytest.raises(ValidationError) as exc:
        services.incident_scale(
            actor=world.coordinator,
            incident=incident,
            mode=mode,
            grip_level=level,
            teams=teams,
            reason="r",
            decided_by="d",
        )
    assert exc.value.message_dict[field] == [str(message)]
    assert not incident.scaling.exists()


def test_the_logbook_is_append_only_and_a_correction_points_at_the_old_entry(world: World) -> None:
    incident = start_incident(world)
    wrong = services.log_entry_add(
        actor=world.functionary, incident=incident, text="1.200 huishoudens zonder gas"
    )
    fix = services.log_entry_add(
        actor=world.functionary,
        incident=incident,
        text="Het zijn er 1.300",
        corrects=wrong,
        process=Process.COMMUNICATION,
        team="copi",
        attachment=SimpleUploadedFile("kaart.txt", b"gebied"),
    )
    assert (wrong.number, fix.number) == (2, 3)
    assert fix.corrects == wrong and fix.attachment_name == "kaart.txt"
    wrong.refresh_from_db()
    assert wrong.text == "1.200 huishoudens zonder gas"
    assert list(selectors.logbook(incident, process=Process.COMMUNICATION)) == [fix]
    assert list(selectors.logbook(incident, after=2)) == [fix]


def test_log_entries_are_refused_on_a_closed_incident_and_with_an_unknown_team(
    world: World,
) -> None:
    incident = start_incident(world)
    with pytest.raises(ValidationError) as exc:
        services.log_entry_add(actor=world.coordinator, incident=incident, text="x", team="xyz")
    assert exc.value.message_dict["team"] == [str(errors.UNKNOWN_TEAM % {"value": "xyz"})]
    services.incident_close(actor=world.coordinator, incident=incident, note="Gas terug")
    with pytest.raises(ValidationError) as closed:
        services.log_entry_add(actor=world.coordinator, incident=incident, text="te laat")
    assert closed.value.code == "closed"
    with pytest.raises(ValidationError):
        services.incident_close(actor=world.coordinator, incident=incident)


def test_a_decision_needs_a_team_and_becomes_a_log_line(world: World) -> None:
    incident = start_incident(world)
    with pytest.raises(ValidationError) as exc:
        services.decision_record(
            actor=world.coordinator, incident=incident, team="", decided_by="Burgemeester", text="x"
        )
    assert exc.value.message_dict["team"] == [str(errors.DECISION_NEEDS_TEAM)]
    decision = services.decision_record(
        actor=world.coordinator,
        incident=incident,
        team="gbt",
        decided_by="Burgemeester",
        text="Informatiepunt in het buurthuis",
    )
    assert decision.entry.kind == EntryKind.DECISION
    assert decision.entry.text == "Besluit (Burgemeester): Informatiepunt in het buurthuis"


def test_actions_have_an_owner_and_a_deadline_and_overdue_ones_stand_out(world: World) -> None:
    incident = start_incident(world)
    with pytest.raises(ValidationError) as exc:
        services.action_create(
            actor=world.coordinator, incident=incident, text="x", owner_function=None, deadline=None
        )
    assert set(exc.value.message_dict) == {"owner_function", "deadline"}
    late = services.action_create(
        actor=world.coordinator,
        incident=incident,
        text="Bewonersbrief",
        owner_function=Function.objects.get(code="HTO-CC"),
        deadline=timezone.now() - dt.timedelta(minutes=5),
    )
    assert late.is_overdue and selectors.overdue_count(incident) == 1
    services.action_set_status(actor=world.coordinator, action=late, status=ActionStatus.DONE)
    late.refresh_from_db()
    assert late.done_at is not None and selectors.overdue_count(incident) == 0


def test_checklists_start_with_the_two_questions_and_a_tick_is_once(world: World) -> None:
    incident = start_incident(world)
    ovd = services.checklist_items(world.region, world.ovd)
    assert [i.text for i in ovd[:2]] == [
        "Moet de overheid hier iets doen?",
        "Wie zijn in dit incident de verminderd zelfredzamen?",
    ]
    tick = services.checklist_tick(actor=world.functionary, incident=incident, item=ovd[0])
    with pytest.raises(ValidationError) as exc:
        services.checklist_tick(actor=world.coordinator, incident=incident, item=ovd[0])
    assert exc.value.code == "ticked"
    services.checklist_untick(actor=world.coordinator, tick=tick)
    services.checklist_tick(actor=world.coordinator, incident=incident, item=ovd[0])


def test_a_region_edits_its_checklist_and_old_ticks_keep_their_text(world: World) -> None:
    incident = start_incident(world)
    national = services.checklist_items(world.region, world.ovd)
    services.checklist_tick(actor=world.coordinator, incident=incident, item=national[0])
    with pytest.raises(PermissionDenied):
        services.checklist_save(
            actor=world.haarlem_coordinator, region=world.region, function=world.ovd, lines=["x"]
        )
    items = services.checklist_save(
        actor=world.coordinator,
        region=world.region,
        function=world.ovd,
        lines=["Moet de overheid hier iets doen?", "Kennemerland: meld je bij de MKB"],
    )
    assert [i.text for i in services.checklist_items(world.region, world.ovd)] == [
        i.text for i in items
    ]
    # Other regions keep the national list.
    assert len(services.checklist_items(world.other_region, world.ovd)) == len(national)
    assert incident.ticks.get().item.text == "Moet de overheid hier iets doen?"
    assert ChecklistItem.objects.filter(region=world.region, active=False).count() == 0


def test_situation_report_goes_draft_approved_published_prefilled_from_the_log(
    world: World,
) -> None:
    incident = start_incident(world)
    services.log_entry_add(
        actor=world.coordinator,
        incident=incident,
        text="Informatiepunt open",
        process=Process.COMMUNICATION,
    )
    report = services.report_draft(actor=world.coordinator, incident=incident)
    assert "Informatiepunt open" in report.sections[Process.COMMUNICATION]["picture"]
    assert "Openstaande acties" in report.figures
    services.report_update(
        actor=world.coordinator,
        report=report,
        summary="1.300 huishoudens zonder gas",
        sections={
            **report.sections,
            Process.SHELTER: {"picture": "Geen opvang nodig", "advice": "Niet openen"},
        },
    )
    with pytest.raises(ValidationError):
        services.report_publish(actor=world.coordinator, report=report)
    services.report_approve(actor=world.coordinator, report=report)
    with pytest.raises(ValidationError) as exc:
        services.report_update(actor=world.coordinator, report=report, summary="x", sections={})
    assert exc.value.code == "not_draft"
    services.report_publish(actor=world.coordinator, report=report)
    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED
    # The next version starts from this one and adds only what is new in the log.
    services.log_entry_add(
        actor=world.coordinator,
        incident=incident,
        text="Monteurs aan het werk",
        process="surroundings",
    )
    second = services.report_draft(actor=world.coordinator, incident=incident)
    assert second.version == 2 and second.summary == "1.300 huishoudens zonder gas"
    assert "Monteurs aan het werk" in second.sections["surroundings"]["picture"]
    assert "Informatiepunt open" in second.sections[Process.COMMUNICATION]["picture"]
    assert second.sections[Process.COMMUNICATION]["picture"].count("Informatiepunt open") == 1


def test_the_handover_summary_has_open_actions_the_report_and_the_functions_log(
    world: World,
) -> None:
    incident = start_incident(world)
    services.log_entry_add(
        actor=world.functionary, incident=incident, text="Ter plaatse", function=world.ovd
    )
    services.action_create(
        actor=world.coordinator,
        incident=incident,
        text="Ronde langs de kwetsbare adressen",
        owner_function=world.ovd,
        deadline=timezone.now() + dt.timedelta(hours=1),
    )
    report = services.report_draft(actor=world.coordinator, incident=incident)
    services.report_approve(actor=world.coordinator, report=report, summary="Ter plaatse")
    summary = selectors.handover(incident, world.ovd)
    assert [a.text for a in summary.open_actions] == ["Ronde langs de kwetsbare adressen"]
    assert summary.report == report
    assert summary.entries[0].text == "Ter plaatse"
    services.handover_record(
        actor=world.functionary, incident=incident, function=world.ovd, to_name="Piet de Boer"
    )
    after = selectors.handover(incident, world.ovd)
    assert after.since >= summary.since


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="SQLite writes one transaction at a time anyway; this is about PostgreSQL",
)
# Like the browser tests: committed data, and the database put back as it was afterwards.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_lines_written_at_once_over_several_connections_get_gapless_numbers(world: World) -> None:
    """Answers, arrivals and escalations write logbook lines from other processes than the
    one that scaled. On PostgreSQL the incident's row lock keeps their numbers apart."""
    incident = start_incident(world)
    writers, lines = 4, 15
    barrier = threading.Barrier(writers)
    failures: list[Exception] = []

    def write(writer: int) -> None:
        try:
            barrier.wait()
            for line in range(lines):
                with transaction.atomic():
                    services.log_append(
                        incident, actor=None, kind=EntryKind.ALERT, text=f"{writer}.{line}"
                    )
        except Exception as exc:  # collected: an exception in a thread fails nothing itself
            failures.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(w,)) for w in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    numbers = sorted(incident.log.values_list("number", flat=True))
    assert numbers == list(range(1, 1 + 1 + writers * lines))
