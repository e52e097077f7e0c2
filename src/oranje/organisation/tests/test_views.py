"""Every page of the organisation room, for every persona: may see and may not see."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from oranje.core.models import AuditEntry
from oranje.organisation.models import OnCallShift
from oranje.organisation.tests.factories import make_shift

pytestmark = pytest.mark.django_db
WEEK = dt.timedelta(days=7)


@pytest.fixture
def shift(world, monday):
    return make_shift(world.ovd_pool, world.ovd, world.officers[0], monday)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def urls(world, shift) -> dict[str, str]:
    return {
        "oncall": reverse("organisation:oncall_now"),
        "gaps": reverse("organisation:gaps"),
        "roster": reverse("organisation:roster"),
        "roster_month": reverse("organisation:roster") + "?weergave=maand",
        "people": reverse("organisation:people"),
        "person": reverse("organisation:person_detail", args=[world.officers[0].pk]),
        "person_edit": reverse("organisation:person_edit", args=[world.officers[0].pk]),
        "contact_edit": reverse("organisation:person_edit", args=[world.contacts[0].pk]),
        "pools": reverse("organisation:pools"),
        "pool": reverse("organisation:pool_detail", args=[world.ovd_pool.pk]),
        "pool_edit": reverse("organisation:pool_edit", args=[world.ovd_pool.pk]),
        "cpg_pool_edit": reverse("organisation:pool_edit", args=[world.cpg_haarlem.pk]),
        "shift": reverse("organisation:shift_detail", args=[shift.pk]),
        "shift_new": reverse("organisation:shift_new"),
        "pattern": reverse("organisation:pattern_new"),
        "import": reverse("organisation:roster_import"),
        "functions": reverse("organisation:functions"),
        "function_edit": reverse("organisation:function_edit", args=["OVD-BZ"]),
        "district_new": reverse("organisation:district_new"),
        "municipalities": reverse("core:municipalities"),
        "audit": reverse("core:audit"),
        "mine": reverse("organisation:my_shifts"),
    }


# persona -> pages answering 200; every other page of the list answers 403 or 404 as noted
EXPECTED = {
    "coordinator": {"*"},
    "admin": {"*"},
    "haarlem_coordinator": {
        "oncall",
        "gaps",
        "roster",
        "roster_month",
        "people",
        "person",
        "contact_edit",
        "pools",
        "pool",
        "cpg_pool_edit",
        "shift",
        "shift_new",
        "pattern",
        "import",
        "functions",
        "municipalities",
        "audit",
        "mine",
    },
    "functionary": {
        "oncall",
        "gaps",
        "roster",
        "roster_month",
        "people",
        "person",
        "pools",
        "pool",
        "shift",
        "functions",
        "municipalities",
        "mine",
    },
    "viewer": {
        "oncall",
        "gaps",
        "roster",
        "roster_month",
        "people",
        "person",
        "pools",
        "pool",
        "shift",
        "functions",
        "municipalities",
        "mine",
    },
    "outsider": {
        "oncall",
        "gaps",
        "roster",
        "roster_month",
        "people",
        "pools",
        "functions",
        "municipalities",
        "pattern",
        "shift_new",
        "import",
        "district_new",
        "function_edit",
        "audit",
        "mine",
    },
}
# Pages about one Kennemerland object: outsiders get 404 (existence not revealed).
OBJECT_PAGES = {
    "person",
    "person_edit",
    "contact_edit",
    "pool",
    "pool_edit",
    "cpg_pool_edit",
    "shift",
}


@pytest.mark.parametrize("persona", list(EXPECTED))
def test_each_persona_sees_exactly_what_it_may(world, shift, persona):
    client = client_for(world.personas[persona])
    allowed = EXPECTED[persona]
    for name, url in urls(world, shift).items():
        status = client.get(url).status_code
        if "*" in allowed or name in allowed:
            assert status == 200, (persona, name, status)
        elif persona == "outsider" and name in OBJECT_PAGES:
            assert status == 404, (persona, name, status)
        else:
            assert status in (403, 404), (persona, name, status)


def test_an_outsider_works_in_their_own_region_and_never_sees_kennemerland(world, shift):
    client = client_for(world.outsider)
    for url in (
        reverse("organisation:oncall_now"),
        reverse("organisation:people"),
        reverse("organisation:pools"),
        reverse("organisation:roster"),
    ):
        body = client.get(url).content.decode()
        assert "Kennemerland" not in body
        assert "Visser" not in body
    assert client.post(reverse("core:choose_region"), {"region": "VR12"}).status_code == 404


def test_anonymous_visitors_are_sent_to_the_login_page(world, shift):
    for url in urls(world, shift).values():
        response = Client().get(url)
        assert response.status_code == 302 and response["Location"].startswith(
            reverse("core:login")
        )


def test_on_call_now_shows_names_and_phone_numbers(world, shift, monday, settings):
    client = client_for(world.viewer)
    from unittest import mock

    with mock.patch("django.utils.timezone.now", return_value=monday + dt.timedelta(hours=2)):
        body = client.get(reverse("organisation:oncall_now")).content.decode()
    assert "Test Visser" in body
    assert "06 12345678" in body
    assert 'href="tel:+31612345678"' in body


def test_a_coordinator_adds_a_shift_through_the_form(world, monday):
    client = client_for(world.coordinator)
    response = client.post(
        reverse("organisation:shift_new"),
        {
            "pool": world.ovd_pool.pk,
            "function": world.ovd.pk,
            "person": world.officers[1].pk,
            "kind": "hard",
            "starts_at": monday.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (monday + WEEK).strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert response.status_code == 302
    shift = OnCallShift.objects.get()
    assert shift.person == world.officers[1] and shift.starts_at == monday


def test_the_form_shows_the_rule_that_was_broken_in_dutch(world, shift, monday):
    client = client_for(world.coordinator)
    response = client.post(
        reverse("organisation:shift_new"),
        {
            "pool": world.ovd_pool.pk,
            "function": world.ovd.pk,
            "person": world.officers[0].pk,
            "kind": "hard",
            "starts_at": monday.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": "2020-01-01T00:00",
        },
    )
    assert response.status_code == 200
    assert "Het einde moet na het begin liggen." in response.content.decode()
    assert OnCallShift.objects.count() == 1


def test_the_holder_hands_over_their_own_shift_and_both_see_it(world, shift):
    client = client_for(world.functionary)
    response = client.post(
        reverse("organisation:shift_detail", args=[shift.pk]),
        {"to_person": world.officers[1].pk, "reason": "ruil"},
    )
    assert response.status_code == 302
    shift.refresh_from_db()
    assert shift.person == world.officers[1]
    mine = client.get(reverse("organisation:my_shifts")).content.decode()
    assert "Door u overgedragen" in mine
    detail = (
        client_for(world.coordinator)
        .get(reverse("organisation:shift_detail", args=[shift.pk]))
        .content.decode()
    )
    assert "droeg over van Test Visser" in detail


def test_forms_refuse_a_post_without_csrf_token(world, shift):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.coordinator)
    assert client.post(reverse("organisation:shift_delete", args=[shift.pk])).status_code == 403
    assert OnCallShift.objects.filter(pk=shift.pk).exists()


def test_the_audit_log_shows_old_and_new_values(world, shift):
    client = client_for(world.coordinator)
    client.post(reverse("organisation:shift_delete", args=[shift.pk]))
    assert AuditEntry.objects.filter(action="shift.delete").exists()
    body = client.get(reverse("core:audit")).content.decode()
    assert "shift.delete" in body and "Test Visser" in body


def test_an_import_with_errors_lists_them_and_keeps_nothing(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(world.coordinator)
    upload = SimpleUploadedFile(
        "rooster.csv",
        b"email;functie;pool;soort;begin;einde\nx@y.nl;OVD-BZ;P;hard;1-1-2027 08:00;2-1-2027 08:00\n",
    )
    body = client.post(reverse("organisation:roster_import"), {"file": upload}).content.decode()
    assert "Niets geïmporteerd: 2 problemen." in body
    assert OnCallShift.objects.count() == 0


def test_the_interface_switches_to_english(world):
    client = client_for(world.viewer)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "On call now" in client.get(reverse("organisation:oncall_now")).content.decode()


def test_the_interface_is_dutch_whatever_the_browser_prefers(world):
    client = client_for(world.viewer)
    body = client.get(
        reverse("organisation:oncall_now"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9"
    ).content.decode()
    assert "Nu piket" in body


def test_a_regional_coordinator_sets_the_readiness_minimum_and_response_norm(world):
    client = client_for(world.coordinator)
    response = client.post(
        reverse("organisation:function_edit", args=["OVD-BZ"]),
        {
            "local_name": "OvD Bevolkingszorg",
            "coverage_unit": "region",
            "min_hard_on_call": "1",
            "min_qualified": "6",
            "response_norm_minutes": "20",
        },
    )
    assert response.status_code == 302
    setting = world.region.function_settings.get(function=world.ovd)
    assert (setting.min_qualified, setting.response_norm_minutes) == (6, 20)
    entry = AuditEntry.objects.get(action="region_function.update")
    assert entry.changes["response_norm_minutes"] == [30, 20]


def test_the_shift_form_names_the_override_in_plain_dutch(world):
    page = client_for(world.coordinator).get(reverse("organisation:shift_new")).content.decode()
    assert "Reden om toch in te roosteren" in page
    assert "Overrulen" not in page
