"""The loan form and API against input that must never become a 500, and the audit of the
borrowing region's reads through the API (the page's `loan.read`)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from oranje.core.models import AuditEntry
from oranje.organisation.models import Loan
from oranje.organisation.services.loans import loan_create, loan_end

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999999"


def test_the_loan_form_refuses_an_out_of_range_function_id_naming_the_field(world):
    client = Client(raise_request_exception=False)
    client.force_login(world.coordinator)
    start = timezone.localtime() + dt.timedelta(hours=1)
    data = {
        "person": world.officers[1].pk,
        "to_region": world.other_region.pk,
        "functions": [HUGE],
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
        "reason": "Hulp bij Velsen-Noord",
    }
    response = client.post(reverse("organisation:loan_new"), data)
    assert response.status_code in (200, 400)
    assert "Functies: " in response.content.decode()
    data["functions"] = ["abc"]
    response = client.post(reverse("organisation:loan_new"), data)
    assert response.status_code in (200, 400)
    assert "Functies: " in response.content.decode()
    assert not Loan.objects.exists()


def _lend(world):
    person = world.officers[1]
    person.phone = "0612345678"
    person.save()
    now = timezone.now()
    return loan_create(
        actor=world.coordinator,
        from_region=world.region,
        person=person,
        to_region=world.other_region,
        functions=[world.ovd],
        starts_at=now - dt.timedelta(hours=1),
        ends_at=now + dt.timedelta(days=2),
        reason="Hulp bij overstroming",
    )


def _reads(user) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action="loan.read", actor=user).order_by("pk"))


def test_the_borrowing_region_reading_a_lent_persons_phone_through_the_api_is_audited(world):
    loan = _lend(world)
    client = Client()
    client.force_login(world.outsider)  # a coordinator of the borrowing region only
    for url in ("/api/v1/loans/", f"/api/v1/loans/{loan.pk}/"):
        before = len(_reads(world.outsider))
        response = client.get(url)
        assert response.status_code == 200
        assert "0612345678" in response.content.decode()
        reads = _reads(world.outsider)
        assert len(reads) == before + 1
        assert reads[-1].region == world.other_region
        assert reads[-1].changes["loans"] == [None, [loan.pk]]


def test_the_lending_regions_own_read_and_an_ended_loan_are_not_audited_as_borrowed(world):
    loan = _lend(world)
    lender = Client()
    lender.force_login(world.coordinator)
    assert lender.get("/api/v1/loans/").status_code == 200
    assert lender.get(f"/api/v1/loans/{loan.pk}/").status_code == 200
    assert _reads(world.coordinator) == []
    loan_end(actor=world.coordinator, loan=loan, reason="Klaar")
    borrower = Client()
    borrower.force_login(world.outsider)
    response = borrower.get(f"/api/v1/loans/{loan.pk}/")
    assert response.status_code == 200
    assert "0612345678" not in response.content.decode()
    assert _reads(world.outsider) == []


def test_a_function_code_with_a_nul_is_refused_on_the_field_not_a_500(world):
    # PostgreSQL refuses NUL in a query; the fuzzer found it as a 500 on POST /api/v1/loans/.
    client = Client(raise_request_exception=False)
    client.force_login(world.coordinator)
    start = timezone.now() + dt.timedelta(hours=1)
    response = client.post(
        "/api/v1/loans/",
        {
            "person": world.officers[1].pk,
            "to_region": world.other_region.code,
            "functions": ["\x00", "OVD\x00BZ"],
            "starts_at": start.isoformat(),
            "ends_at": (start + dt.timedelta(days=1)).isoformat(),
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "functions" in response.json()
    assert not Loan.objects.exists()
