"""Self-assessment: opening a round, answering, submitting, the region's review, evidence
(files recognised by their content, links http/https only) and the cross-object checks."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.test import Client
from django.urls import reverse

from oranje.core.models import AuditEntry, Municipality, User
from oranje.organisation.tests.factories import World
from oranje.quality import evidence
from oranje.quality.models import AssessmentRound, Evidence, SelfAssessment
from oranje.quality.services import assessment as services
from oranje.quality.tests.assessment_helpers import haarlem_monitor, media, monitor, norms

__all__ = ["haarlem_monitor", "media", "monitor", "norms"]

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _open(world: World, monitor: User) -> AssessmentRound:
    return services.round_open(
        actor=monitor, region=world.region, year=2026, deadline=dt.date(2026, 11, 30)
    )


def _answer(
    r: AssessmentRound, mun: Municipality, user: User, value: str = "yes", **kw: object
) -> list[SelfAssessment]:
    items = [
        services.AnswerIn(a.pk, value, "Toelichting")
        for a in SelfAssessment.objects.filter(round=r, municipality=mun)
    ]
    return services.answers_save(actor=user, round_=r, municipality=mun, answers=items, **kw)  # type: ignore[arg-type]


def test_a_round_asks_every_current_municipality_each_self_norm(world, monitor, norms) -> None:
    r = _open(world, monitor)
    municipalities = Municipality.objects.current().filter(region=world.region).count()
    assert SelfAssessment.objects.filter(round=r).count() == 2 * municipalities
    assert not SelfAssessment.objects.filter(round=r, norm__measure="indicator").exists()
    assert AuditEntry.objects.filter(action="assessment.round").count() == 1
    with pytest.raises(ValidationError) as exc:
        _open(world, monitor)
    assert "year" in exc.value.message_dict


def test_only_the_regions_monitors_open_a_round(world, norms, haarlem_monitor) -> None:
    for user in (world.haarlem_coordinator, haarlem_monitor, world.viewer, world.outsider):
        with pytest.raises(PermissionDenied):
            services.round_open(
                actor=user, region=world.region, year=2026, deadline=dt.date(2026, 11, 30)
            )


def test_round_open_refuses_bad_years(world, monitor, norms) -> None:
    with pytest.raises(ValidationError) as exc:
        services.round_open(
            actor=monitor, region=world.region, year=2200, deadline=dt.date(1990, 1, 1)
        )
    assert set(exc.value.message_dict) == {"year", "deadline"}


def test_municipality_answers_submits_region_returns_and_accepts(
    world, monitor, norms, haarlem_monitor
) -> None:
    r = _open(world, monitor)
    saved = _answer(r, world.haarlem, haarlem_monitor, "partly")
    assert {a.status for a in saved} == {"open"}
    saved = _answer(r, world.haarlem, world.haarlem_coordinator, "yes", submit=True)
    assert {a.status for a in saved} == {"submitted"}
    first, second = saved
    with pytest.raises(ValidationError):  # submitted answers are locked until reviewed
        _answer(r, world.haarlem, haarlem_monitor, "no")
    with pytest.raises(ValidationError) as exc:  # returning needs a note
        services.assessment_review(
            actor=monitor,
            round_=r,
            municipality=world.haarlem,
            assessment_id=first.pk,
            accept=False,
        )
    assert "note" in exc.value.message_dict
    returned = services.assessment_review(
        actor=monitor,
        round_=r,
        municipality=world.haarlem,
        assessment_id=first.pk,
        accept=False,
        note="Bewijs ontbreekt",
    )
    assert returned.status == "returned"
    services.assessment_review(
        actor=monitor, round_=r, municipality=world.haarlem, assessment_id=second.pk, accept=True
    )
    # the returned answer can be changed and submitted again; the accepted one cannot
    services.answers_save(
        actor=haarlem_monitor,
        round_=r,
        municipality=world.haarlem,
        answers=[services.AnswerIn(first.pk, "no", "Nog niet herzien")],
        submit=True,
    )
    first.refresh_from_db()
    assert (first.answer, first.status) == ("no", "submitted")
    with pytest.raises(ValidationError):
        services.answers_save(
            actor=haarlem_monitor,
            round_=r,
            municipality=world.haarlem,
            answers=[services.AnswerIn(second.pk, "no", "")],
        )
    assert AuditEntry.objects.filter(action="assessment.review").count() == 2
    assert AuditEntry.objects.filter(action="assessment.save").count() >= 3


def test_submitting_needs_every_answer(world, monitor, norms) -> None:
    r = _open(world, monitor)
    with pytest.raises(ValidationError) as exc:
        _answer(r, world.haarlem, monitor, "", submit=True)
    assert all(key.endswith("-answer") for key in exc.value.message_dict)
    with pytest.raises(ValidationError):
        _answer(r, world.haarlem, monitor, "maybe")


def test_cross_object_checks(world, monitor, norms, haarlem_monitor) -> None:
    r = _open(world, monitor)
    velsen_question = SelfAssessment.objects.filter(round=r, municipality=world.velsen).first()
    assert velsen_question is not None
    # Haarlem's people cannot answer for Velsen, nor smuggle Velsen's question into Haarlem's
    with pytest.raises(PermissionDenied):
        _answer(r, world.velsen, haarlem_monitor)
    with pytest.raises(Http404):
        services.answers_save(
            actor=haarlem_monitor,
            round_=r,
            municipality=world.haarlem,
            answers=[services.AnswerIn(velsen_question.pk, "yes", "")],
        )
    # a question of another round
    other = services.round_open(
        actor=monitor, region=world.region, year=2025, deadline=dt.date(2025, 12, 1)
    )
    with pytest.raises(Http404):
        services.assessment_review(
            actor=monitor,
            round_=other,
            municipality=world.velsen,
            assessment_id=velsen_question.pk,
            accept=True,
        )
    # a municipality of another region with this round
    utrecht = Municipality.objects.current().filter(region=world.other_region).first()
    assert utrecht is not None
    with pytest.raises(Http404):
        services.evidence_add(
            actor=monitor,
            round_=r,
            municipality=utrecht,
            assessment_id=velsen_question.pk,
            description="x",
            link="https://a.nl/",
        )
    # only the region's monitors review
    with pytest.raises(PermissionDenied):
        services.assessment_review(
            actor=haarlem_monitor,
            round_=r,
            municipality=world.velsen,
            assessment_id=velsen_question.pk,
            accept=True,
        )
    with pytest.raises(PermissionDenied):
        services.assessment_review(
            actor=world.outsider,
            round_=r,
            municipality=world.velsen,
            assessment_id=velsen_question.pk,
            accept=True,
        )


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (PDF, "pdf"),
        (PNG, "png"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 10, "jpg"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 10, "doc"),
        (_zip({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<w/>"}), "docx"),
        (_zip({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<w/>"}), "xlsx"),
        (
            _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}),
            "odt",
        ),
        (
            _zip(
                {
                    "[Content_Types].xml": b"<x/>",
                    "word/document.xml": b"<w/>",
                    "word/vbaProject.bin": b"x",
                }
            ),
            None,
        ),
        (_zip({"evil.exe": b"MZ"}), None),
        (b"MZ\x90\x00", None),
        (b"<html><script>alert(1)</script>", None),
        (b"PK\x03\x04broken", None),
        (b"", None),
    ],
)
def test_sniffing_reads_the_content(data: bytes, kind: str | None) -> None:
    found = evidence.sniff(data)
    assert (found.extension if found else None) == kind


def test_safe_name() -> None:
    assert evidence.safe_name('../../etc/pass"wd.exe', "pdf") == "pass_wd.pdf"
    assert evidence.safe_name("C:\\Docs\\Opvangplan ënkel.docx", "docx") == "Opvangplan enkel.docx"
    assert evidence.safe_name("", "png") == "bewijs.png"


def test_evidence_file_and_link(
    world, monitor, norms, haarlem_monitor, media, django_capture_on_commit_callbacks
) -> None:
    r = _open(world, monitor)
    q = SelfAssessment.objects.filter(round=r, municipality=world.haarlem).first()
    assert q is not None

    def add(**kw: object) -> Evidence:
        return services.evidence_add(
            actor=haarlem_monitor,
            round_=r,
            municipality=world.haarlem,
            assessment_id=q.pk,
            description="Plan",
            **kw,
        )  # type: ignore[arg-type]

    item = add(upload=io.BytesIO(PDF), upload_name="plan.html")
    assert (item.content_type, item.file_name, item.size) == (
        "application/pdf",
        "plan.pdf",
        len(PDF),
    )
    assert item.file.name.endswith(".pdf") and "plan" not in item.file.name
    assert add(link="https://example.org/plan").link == "https://example.org/plan"
    for bad in (
        {"link": "javascript:alert(1)"},
        {"link": "ftp://x.nl/a"},
        {},
        {"link": "https://x.nl", "upload": io.BytesIO(PDF)},
        {"upload": io.BytesIO(b"<html>")},
        {"upload": io.BytesIO(b"")},
        {"upload": io.BytesIO(b"%PDF-" + b"x" * evidence.MAX_BYTES)},
    ):
        with pytest.raises(ValidationError):
            add(**bad)
    assert AuditEntry.objects.filter(action="evidence.add").count() == 2
    stored = item.file.name
    assert item.file.storage.exists(stored)
    with pytest.raises(Http404):  # Velsen's round page is not the place to remove Haarlem's
        services.evidence_remove(
            actor=monitor, round_=r, municipality=world.velsen, evidence_id=item.pk
        )
    with pytest.raises(PermissionDenied):
        services.evidence_remove(
            actor=world.viewer, round_=r, municipality=world.haarlem, evidence_id=item.pk
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.evidence_remove(
            actor=haarlem_monitor, round_=r, municipality=world.haarlem, evidence_id=item.pk
        )
    assert not item.file.storage.exists(stored)
    assert AuditEntry.objects.filter(action="evidence.remove").count() == 1
    _answer(r, world.haarlem, haarlem_monitor, "yes", submit=True)
    link = Evidence.objects.get()
    with pytest.raises(ValidationError):  # submitted: no longer changed
        services.evidence_remove(
            actor=haarlem_monitor, round_=r, municipality=world.haarlem, evidence_id=link.pk
        )


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_pages_answer_and_submit(world, monitor, norms, haarlem_monitor) -> None:
    client = _client(monitor)
    assert client.get(reverse("quality:assessments")).status_code == 200
    response = client.post(
        reverse("quality:assessment_round_new"), {"year": "2026", "deadline": "2026-11-30"}
    )
    assert response.status_code == 302
    r = AssessmentRound.objects.get(region=world.region, year=2026)
    assert client.get(reverse("quality:assessment_round", args=[r.pk])).status_code == 200
    url = reverse("quality:assessment_municipality", args=[r.pk, world.haarlem.pk])
    own = _client(haarlem_monitor)
    page = own.get(url)
    assert page.status_code == 200
    assert "Is het opvangplan herzien?" in page.content.decode()
    data = {}
    for a in SelfAssessment.objects.filter(round=r, municipality=world.haarlem):
        data[f"a{a.pk}-answer"] = "yes"
        data[f"a{a.pk}-explanation"] = "Herzien in 2025"
    bad = own.post(url, {**data, next(iter(data)): "", "submit": "1"})
    assert bad.status_code == 400
    assert own.post(url, {**data, "submit": "1"}).status_code == 302
    assert set(
        SelfAssessment.objects.filter(round=r, municipality=world.haarlem).values_list(
            "status", flat=True
        )
    ) == {"submitted"}
    # Haarlem's people see only Haarlem; they may not review
    assert (
        own.get(
            reverse("quality:assessment_municipality", args=[r.pk, world.velsen.pk])
        ).status_code
        == 403
    )
    q = SelfAssessment.objects.filter(round=r, municipality=world.haarlem).first()
    review_url = reverse("quality:assessment_review", args=[r.pk, world.haarlem.pk])
    assert own.post(review_url, {"assessment": q.pk, "decision": "accept"}).status_code == 403
    assert client.post(review_url, {"assessment": q.pk, "decision": "accept"}).status_code == 302
    q.refresh_from_db()
    assert q.status == "accepted"
    assert _client(world.outsider).get(url).status_code == 404


def test_evidence_download_is_checked_audited_and_not_cached(
    world, monitor, norms, haarlem_monitor, media
) -> None:
    r = _open(world, monitor)
    q = SelfAssessment.objects.filter(round=r, municipality=world.haarlem).first()
    assert q is not None
    own = _client(haarlem_monitor)
    add_url = reverse("quality:assessment_evidence_add", args=[r.pk, world.haarlem.pk])
    upload = io.BytesIO(PDF)
    upload.name = "Opvang plan.exe"
    assert (
        own.post(add_url, {"assessment": q.pk, "description": "Plan", "file": upload}).status_code
        == 302
    )
    html = io.BytesIO(b"<html><script>alert(1)</script></html>")
    html.name = "plan.pdf"
    response = own.post(add_url, {"assessment": q.pk, "description": "Plan", "file": html})
    assert response.status_code == 400
    item = Evidence.objects.get()
    url = reverse("quality:assessment_evidence", args=[item.pk])
    assert not url.startswith("/media/")
    assert own.get(f"/media/{item.file.name}").status_code == 404  # never served as media
    response = own.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF  # type: ignore[attr-defined]
    assert "no-store" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == 'attachment; filename="Opvang plan.pdf"'
    assert AuditEntry.objects.filter(action="evidence.read").count() == 1
    assert _client(world.viewer).get(url).status_code == 403
    assert _client(world.outsider).get(url).status_code == 404
    velsen = User.objects.create_user("velsen-q")
    from oranje.core.models import Membership

    Membership.objects.create(user=velsen, role="quality_monitor", municipality=world.velsen)
    assert _client(velsen).get(url).status_code == 403
    # A record whose file is gone (restored without the media folder) answers 404, unaudited.
    item.file.storage.delete(item.file.name)
    assert own.get(url).status_code == 404
    assert AuditEntry.objects.filter(action="evidence.read").count() == 1
