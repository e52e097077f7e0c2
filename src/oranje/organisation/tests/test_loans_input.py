"""The loan form and API against input that must never become a 500, and the audit of the
borrowing region's reads through the API (the page's `loan.read`)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from oranje.organisation.models import Loan

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
