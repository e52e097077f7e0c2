"""Issue 17 in the whole demo (each part's own test runs its `build` on the small test world;
this one builds the real demo, twice): the training providers with accreditations and
certificates, an assessed one-hour drill, the exercise with three feedback moments, civil
servants without a path (one moved with a reason), CO-OPV run in the field, alert history on
hard and soft on-call for the figures, two Kennemerland officers lent to Hollands Midden and
on call there, the police partner login, Kennemerland's description and point of contact,
and checklists for every function — and a second run that adds nothing."""

import pytest
from django.db.models import Q
from django.test import Client
from django.utils import timezone

from oranje.alerting.selectors_figures import Period, hard_soft
from oranje.core.audit_actions import AuditAction
from oranje.core.models import AuditEntry, Membership, Region, User
from oranje.demo import incident as velsen_noord
from oranje.demo.national_partners import REAL_FIRE
from oranje.demo.national_people import CIVIL_COUNT, MOVE_REASON, REGROUPED
from oranje.demo.world import build
from oranje.incidents.constants import ReportStatus
from oranje.incidents.models import ChecklistItem, FunctionInstruction, Incident, SituationReport
from oranje.organisation.constants import FunctionGroup, OnCallKind, PersonKind
from oranje.organisation.groups import effective_group
from oranje.organisation.models import Function, Loan, OnCallShift, Person, PersonKindChange
from oranje.partners.models import ContactPoint, Description, PartnerAccess
from oranje.readiness.constants import DrillAssessment
from oranje.readiness.models import Accreditation, Drill, Feedback, FeedbackMoment, Provider


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            Provider,
            Accreditation,
            Drill,
            FeedbackMoment,
            Feedback,
            PersonKindChange,
            Loan,
            PartnerAccess,
            Description,
            ContactPoint,
        )
    }


@pytest.mark.django_db
def test_the_demo_has_issue_17_and_reruns_safely() -> None:
    build(lambda line: None)
    region = Region.objects.get(code="VR12")
    now = timezone.now()

    # certification: the list with accreditations, certificates on the courses
    assert Provider.objects.filter(active=True).count() >= 3
    assert Provider.objects.filter(active=False).exists()
    assert Accreditation.objects.exists()
    assert Person.objects.filter(region=region, activities__provider__isnull=False).exists()

    # one-hour drill: one assessed (and counted as exercise upkeep)
    assessed = Drill.objects.filter(region=region, assessment=DrillAssessment.GOOD)
    assert assessed.exists() and assessed.first().activity is not None

    # an exercise with three feedback moments and feedback for its participants
    moment = FeedbackMoment.objects.filter(exercise__region=region).first()
    assert moment is not None
    assert FeedbackMoment.objects.filter(exercise=moment.exercise).count() == 3
    assert Feedback.objects.filter(moment__exercise=moment.exercise).count() >= 3

    # key-function holders and civil servants; the regional group
    civil = Person.objects.filter(region=region, kind=PersonKind.CIVIL)
    assert civil.count() == CIVIL_COUNT
    change = PersonKindChange.objects.get(person__region=region)
    assert (change.from_kind, change.to_kind, change.reason) == ("key", "civil", MOVE_REASON)
    assert not OnCallShift.objects.filter(
        person__in=civil, kind=OnCallKind.HARD, ends_at__gt=now
    ).exists()
    assert effective_group(region, Function.objects.get(code=REGROUPED)) == FunctionGroup.FIELD

    # hard versus soft on-call in figures
    today = timezone.localdate()
    figures = hard_soft(region, Period(today.year))
    last_year = hard_soft(region, Period(today.year - 1))
    rows = {r.function.code: r for r in figures.real + last_year.real}
    assert rows["OVD-BZ"].soft.alerted > 0 and rows["OVD-BZ"].hard.alerted > 0
    assert rows["CPG"].soft.alerted > 0
    assert figures.exercise or last_year.exercise

    # two people lent to Hollands Midden, on call there now
    loans = Loan.objects.filter(
        from_region=region,
        to_region__code="VR16",
        starts_at__lte=now,
        ends_at__gt=now,
        ended_at__isnull=True,
    )
    assert loans.count() == 2
    on_call = OnCallShift.objects.filter(
        pool__region__code="VR16",
        person__in=[loan.person for loan in loans],
        starts_at__lte=now,
        ends_at__gt=now,
    )
    assert {s.kind for s in on_call} == {OnCallKind.HARD, OnCallKind.SOFT}

    # the police partner: a partner access, no membership
    partner = User.objects.get(username="partner.politie")
    assert PartnerAccess.objects.filter(user=partner, region=region, revoked_at=None).exists()
    assert not Membership.objects.filter(user=partner).exists()
    _partner_reads_the_reports(partner, region)

    # the description (the national text and Kennemerland's additions) and the contact point
    assert Description.objects.filter(region=None).exists()
    assert Description.objects.filter(region=region).count() == 2
    assert ContactPoint.objects.filter(region=region).exists()

    # checklists for every function, the CGS instruction, the questions for administrators
    for function in Function.objects.all():
        assert ChecklistItem.objects.filter(
            Q(region=None) | Q(region=region), function=function, active=True
        ).exists(), function.code
    assert FunctionInstruction.objects.filter(region=None, function__code="CGS").exists()
    assert ChecklistItem.objects.filter(kind="administrator_question").exists()

    counts = _counts()
    build(lambda line: None)
    assert _counts() == counts


def _partner_reads_the_reports(partner: User, region: Region) -> None:
    """As `partner.politie`: the Velsen-Noord exercise's published situation report (marked
    OEFENING; partners get EDXL-SitRep of real incidents only, so its download is 404 for
    them while staff get it) and the real fire's report with its EDXL-SitRep download."""
    client = Client()
    client.force_login(partner)
    view = client.get(f"/partners/{region.code}/").context["view"]
    exercise = Incident.objects.get(region=region, title=velsen_noord.TITLE, is_exercise=True)
    report = (
        SituationReport.objects.filter(incident=exercise, status=ReportStatus.PUBLISHED)
        .order_by("-version")
        .first()
    )
    assert report is not None
    assert report in view.exercise_reports
    page = client.get(f"/partners/{region.code}/situatierapporten/{exercise.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "OEFENING" in html and "Velsen-Noord" in html and report.summary[:40] in html
    edxl = f"situatierapport/{report.version}.edxl.xml"
    assert edxl not in html
    assert client.get(f"/partners/{region.code}/incidenten/{exercise.pk}/{edxl}").status_code == 404
    assert AuditEntry.objects.filter(
        action=AuditAction.PARTNER_REPORT_READ, actor=partner, object_id=str(report.pk)
    ).exists()

    fire = Incident.objects.get(region=region, title=REAL_FIRE, is_exercise=False)
    assert [r.incident for r in view.reports] == [fire]
    page = client.get(f"/partners/{region.code}/situatierapporten/{fire.pk}/")
    assert page.status_code == 200
    download = f"/partners/{region.code}/incidenten/{fire.pk}/situatierapport/1.edxl.xml"
    assert download in page.content.decode()
    response = client.get(download)
    assert response.status_code == 200
    xml = response.content.decode()
    assert "sitRep" in xml
    assert f"oranje-{region.code}-{fire.pk}-v1" in xml
