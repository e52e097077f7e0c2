"""Evaluations, the services: an evaluation is of an incident or an exercise (not neither,
not both, only of the region), a finding needs its process, evidence must belong to the
evaluation's own incident, a functionary participant must be of the region, a final
evaluation no longer changes, improvement actions are made in the quality room and linked,
and every write leaves an audit entry."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from oranje.core.models import AuditEntry
from oranje.incidents.tests.factories import start_incident
from oranje.learning.models import Evidence
from oranje.learning.services import evaluations as services
from oranje.learning.services import evaluations_actions as action_services
from oranje.learning.tests.evaluations_helpers import Scene, evaluation, finding, scene
from oranje.organisation.models import Person
from oranje.organisation.tests.factories import World
from oranje.quality.models import ImprovementAction
from oranje.readiness.models import Exercise

pytestmark = pytest.mark.django_db


@pytest.fixture
def s(world: World) -> Scene:
    return scene(world)


def _messages(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return exc.value.message_dict


def test_an_evaluation_of_an_incident_is_saved_and_audited(world: World, s: Scene) -> None:
    e = evaluation(world, s, held_on=timezone.localdate(), summary="Goed verlopen.")
    assert e.status == "draft" and e.incident == s.incident and e.methods == ["debrief"]
    assert AuditEntry.objects.filter(action="evaluation.save", object_id=str(e.pk)).exists()


def test_neither_an_incident_nor_an_exercise_is_refused_in_dutch(world: World, s: Scene) -> None:
    with pytest.raises(ValidationError) as exc:
        evaluation(world, s, incident=None)
    assert "incident" in _messages(exc)
    assert "incident" in _messages(exc)["incident"][0]


def test_both_an_incident_and_an_exercise_is_refused(world: World, s: Scene) -> None:
    exercise = Exercise.objects.create(
        region=world.region, title="Oefening Spaarndam", starts_at=timezone.now()
    )
    with pytest.raises(ValidationError) as exc:
        evaluation(world, s, exercise=exercise)
    assert "niet allebei" in _messages(exc)["incident"][0]


def test_an_evaluation_of_an_exercise(world: World, s: Scene) -> None:
    exercise = Exercise.objects.create(
        region=world.region, title="Oefening Spaarndam", starts_at=timezone.now()
    )
    e = evaluation(world, s, incident=None, exercise=exercise)
    assert e.exercise == exercise


def test_another_regions_incident_is_refused(world: World, s: Scene) -> None:
    from oranje.incidents.models import Incident

    Incident.objects.filter(pk=s.foreign_incident.pk).update(region=world.other_region)
    s.foreign_incident.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        evaluation(world, s, incident=s.foreign_incident)
    assert "incident" in _messages(exc)


def test_someone_who_does_not_evaluate_the_region_may_not(world: World, s: Scene) -> None:
    with pytest.raises(PermissionDenied):
        evaluation(world, s, actor=world.functionary)
    # A municipality's coordinator evaluates only the incidents of their municipality.
    with pytest.raises(PermissionDenied):
        evaluation(world, s, actor=world.haarlem_coordinator)


def test_a_municipal_coordinator_evaluates_their_own_municipalitys_incident(
    world: World, s: Scene
) -> None:
    from oranje.incidents.models import Incident

    Incident.objects.filter(pk=s.incident.pk).update(municipality=world.haarlem)
    s.incident.refresh_from_db()
    e = evaluation(world, s, actor=world.haarlem_coordinator)
    assert e.pk


def test_bad_methods_and_a_day_to_come_are_named(world: World, s: Scene) -> None:
    with pytest.raises(ValidationError) as exc:
        evaluation(
            world,
            s,
            title=" ",
            methods=["gissen"],
            held_on=timezone.localdate() + dt.timedelta(days=2),
        )
    found = _messages(exc)
    assert {"title", "methods", "held_on"} <= set(found)


def test_a_finding_without_a_process_gets_the_dutch_message(world: World, s: Scene) -> None:
    e = evaluation(world, s)
    with pytest.raises(ValidationError) as exc:
        finding(world, e, process="")
    assert _messages(exc)["process"] == ["proces: kies het proces waar de bevinding over gaat."]


def test_a_finding_with_a_norm_of_another_region_is_refused(world: World, s: Scene) -> None:
    e = evaluation(world, s)
    with pytest.raises(ValidationError) as exc:
        finding(world, e, norm=s.norms.foreign)
    assert "norm" in _messages(exc)
    assert finding(world, e, norm=s.norms.regional).norm == s.norms.regional


def test_a_finding_is_audited_and_numbered(world: World, s: Scene) -> None:
    e = evaluation(world, s)
    first = finding(world, e)
    second = finding(world, e, kind="well", text="De opvang stond er binnen het uur.")
    assert (first.position, second.position) == (1, 2)
    assert AuditEntry.objects.filter(action="finding.save").count() == 2


def test_a_log_line_of_the_evaluations_incident_is_linked(world: World, s: Scene) -> None:
    f = finding(world, evaluation(world, s))
    ev = services.evidence_add(actor=world.coordinator, finding=f, kind="log", log_entry=s.line)
    assert ev.log_entry == s.line and f"#{s.line.number}" in ev.summary
    assert AuditEntry.objects.filter(action="finding.evidence").count() == 1


def test_a_log_line_of_another_incident_is_refused(world: World, s: Scene) -> None:
    f = finding(world, evaluation(world, s))
    with pytest.raises(ValidationError) as exc:
        services.evidence_add(
            actor=world.coordinator, finding=f, kind="log", log_entry=s.foreign_line
        )
    assert "log_entry" in _messages(exc)
    assert not Evidence.objects.exists()


def test_a_decision_of_the_incident_is_linked_and_another_is_refused(
    world: World, s: Scene
) -> None:
    f = finding(world, evaluation(world, s))
    ev = services.evidence_add(
        actor=world.coordinator, finding=f, kind="decision", decision=s.decision
    )
    assert "Opvang in sporthal" in ev.summary
    e2 = evaluation(world, s, incident=s.foreign_incident)
    f2 = finding(world, e2)
    with pytest.raises(ValidationError) as exc:
        services.evidence_add(
            actor=world.coordinator, finding=f2, kind="decision", decision=s.decision
        )
    assert "decision" in _messages(exc)


def test_a_time_must_be_one_the_incident_measures(world: World, s: Scene) -> None:
    f = finding(world, evaluation(world, s))
    with pytest.raises(ValidationError) as exc:
        services.evidence_add(actor=world.coordinator, finding=f, kind="time", milestone="nope")
    assert "milestone" in _messages(exc)


def test_a_norm_of_the_region_is_linked_with_its_figure_or_waterlijn(
    world: World, s: Scene
) -> None:
    f = finding(world, evaluation(world, s))
    ev = services.evidence_add(
        actor=world.coordinator, finding=f, kind="norm", norm=s.norms.regional
    )
    assert "ORG-CPG" in ev.summary and "waterlijn" in ev.summary
    with pytest.raises(ValidationError):
        services.evidence_add(actor=world.coordinator, finding=f, kind="norm", norm=s.norms.foreign)


def test_an_unknown_kind_of_evidence_is_named(world: World, s: Scene) -> None:
    f = finding(world, evaluation(world, s))
    with pytest.raises(ValidationError) as exc:
        services.evidence_add(actor=world.coordinator, finding=f, kind="rumour")
    assert "kind" in _messages(exc)


def test_a_participant_functionary_must_be_of_the_region(world: World, s: Scene) -> None:
    e = evaluation(world, s)
    mine = world.officers[0]
    p = services.participant_add(actor=world.coordinator, evaluation=e, person=mine, role="OvD")
    assert p.name == mine.full_name
    foreign = Person.objects.filter(region=world.other_region).first() or Person.objects.create(
        region=world.other_region, given_name="Uta", surname="Utrecht"
    )
    with pytest.raises(ValidationError) as exc:
        services.participant_add(actor=world.coordinator, evaluation=e, person=foreign)
    assert "person" in _messages(exc)
    with pytest.raises(ValidationError) as exc:
        services.participant_add(actor=world.coordinator, evaluation=e)
    assert "name" in _messages(exc)
    free = services.participant_add(
        actor=world.coordinator, evaluation=e, name="Piet de Vries", organisation="GGD"
    )
    assert free.person is None


def test_making_final_needs_a_day_and_a_finding_and_then_locks(world: World, s: Scene) -> None:
    e = evaluation(world, s)
    with pytest.raises(ValidationError) as exc:
        services.evaluation_finalise(actor=world.coordinator, evaluation=e)
    assert {"held_on", "findings"} <= set(_messages(exc))
    services.evaluation_update(
        actor=world.coordinator,
        evaluation=e,
        title=e.title,
        methods=["debrief", "conversations"],
        held_on=timezone.localdate(),
        summary="",
    )
    f = finding(world, e)
    e = services.evaluation_finalise(actor=world.coordinator, evaluation=e)
    assert e.status == "final" and e.finalised_at is not None
    with pytest.raises(ValidationError) as exc:
        finding(world, e)
    assert "status" in _messages(exc)
    with pytest.raises(ValidationError):
        services.evidence_add(actor=world.coordinator, finding=f, kind="log", log_entry=s.line)
    assert AuditEntry.objects.filter(action="evaluation.final").count() == 1


def test_an_improvement_action_is_made_from_a_finding_and_linked(world: World, s: Scene) -> None:
    f = finding(world, evaluation(world, s), norm=s.norms.regional)
    action = action_services.finding_action_create(
        actor=world.coordinator,
        finding=f,
        title="Sjabloon eerste bericht klaarzetten",
        owner_name="Communicatieadviseur",
        deadline=timezone.localdate() + dt.timedelta(days=60),
    )
    assert action.region == world.region and action.norm == s.norms.regional
    assert list(f.actions.all()) == [action]
    assert AuditEntry.objects.filter(action="finding.action").count() == 1
    with pytest.raises(ValidationError) as exc:
        action_services.finding_action_create(
            actor=world.coordinator, finding=f, title="", deadline=None
        )
    assert {"title", "deadline"} <= set(_messages(exc))


def test_an_existing_action_of_the_region_is_linked_once(world: World, s: Scene) -> None:
    f = finding(world, evaluation(world, s))
    action = ImprovementAction.objects.create(
        region=world.region,
        title="Piketrooster",
        owner_name="Coördinator",
        deadline=timezone.localdate(),
    )
    action_services.finding_action_link(actor=world.coordinator, finding=f, action=action)
    with pytest.raises(ValidationError):
        action_services.finding_action_link(actor=world.coordinator, finding=f, action=action)
    foreign = ImprovementAction.objects.create(
        region=world.other_region, title="X", owner_name="Y", deadline=timezone.localdate()
    )
    with pytest.raises(ValidationError) as exc:
        action_services.finding_action_link(actor=world.coordinator, finding=f, action=foreign)
    assert "action" in _messages(exc)


def test_a_municipal_evaluator_may_not_make_quality_actions(world: World, s: Scene) -> None:
    from oranje.incidents.models import Incident

    Incident.objects.filter(pk=s.incident.pk).update(municipality=world.haarlem)
    s.incident.refresh_from_db()
    f = finding(world, evaluation(world, s, actor=world.haarlem_coordinator))
    with pytest.raises(PermissionDenied):
        action_services.finding_action_create(
            actor=world.haarlem_coordinator,
            finding=f,
            title="X",
            owner_name="Y",
            deadline=timezone.localdate(),
        )


def test_an_exercise_evaluation_has_no_logbook_to_link(world: World, s: Scene) -> None:
    exercise = Exercise.objects.create(
        region=world.region, title="Oefening Spaarndam", starts_at=timezone.now()
    )
    f = finding(world, evaluation(world, s, incident=None, exercise=exercise))
    with pytest.raises(ValidationError) as exc:
        services.evidence_add(actor=world.coordinator, finding=f, kind="log", log_entry=s.line)
    assert "log_entry" in _messages(exc)


def test_removing_a_finding_and_evidence_is_audited(world: World, s: Scene) -> None:
    f = finding(world, evaluation(world, s))
    ev = services.evidence_add(actor=world.coordinator, finding=f, kind="log", log_entry=s.line)
    services.evidence_remove(actor=world.coordinator, evidence=ev)
    services.finding_remove(actor=world.coordinator, finding=f)
    assert AuditEntry.objects.filter(action="finding.evidence_remove").count() == 1
    assert AuditEntry.objects.filter(action="finding.remove").count() == 1


def test_an_exercise_incident_is_evaluated_like_a_real_one(world: World, s: Scene) -> None:
    drill = start_incident(world, exercise=True, title="Oefening Velsen")
    e = evaluation(world, s, incident=drill)
    assert e.incident is not None and e.incident.is_exercise


def test_a_time_the_incident_measures_is_linked_with_its_norm(world: World, s: Scene) -> None:
    from oranje.learning import selectors_evaluations as selectors

    times = selectors.incident_milestones(s.incident)
    assert times, "the rooms report at least the first public message's time"
    f = finding(world, evaluation(world, s))
    ev = services.evidence_add(
        actor=world.coordinator, finding=f, kind="time", milestone=times[0].key
    )
    assert ev.milestone == times[0].key and "norm" in ev.summary


def test_a_survey_question_of_the_same_incident_is_linked(world: World, s: Scene) -> None:
    from oranje.learning.models import Survey, SurveyQuestion

    def question(incident: object, token: str) -> SurveyQuestion:
        survey = Survey.objects.create(
            region=world.region, incident=incident, title="Enquête", token=token
        )
        return SurveyQuestion.objects.create(
            survey=survey, code="informed", text="Kreeg u op tijd informatie?", kind="yesno"
        )

    f = finding(world, evaluation(world, s))
    mine = question(s.incident, "a" * 24)
    ev = services.evidence_add(
        actor=world.coordinator,
        finding=f,
        kind="survey",
        survey_question=mine,
        summary="62% op tijd geïnformeerd (n=1.412)",
    )
    assert ev.summary == "62% op tijd geïnformeerd (n=1.412)"
    other = question(s.foreign_incident, "b" * 24)
    with pytest.raises(ValidationError) as exc:
        services.evidence_add(
            actor=world.coordinator, finding=f, kind="survey", survey_question=other
        )
    assert "survey_question" in _messages(exc)
