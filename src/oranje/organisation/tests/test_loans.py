"""Loans of people across regions: the service's rules, rostering and on call in the
borrowing region, the alert ladder, the pages and the API."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from oranje.core.constants import Role
from oranje.core.models import AuditEntry, Region
from oranje.organisation import errors_loans as errors
from oranje.organisation import selectors, services
from oranje.organisation.constants import OnCallKind, PoolKind
from oranje.organisation.models import Loan, OnCallShift, Pool
from oranje.organisation.services.loans import loan_create, loan_end
from oranje.organisation.tests.factories import make_person, make_shift, make_user

pytestmark = pytest.mark.django_db

HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)


def lend(world, person=None, *, start=None, end=None, to=None, functions=None, actor=None):
    start = start or timezone.now() - HOUR
    return loan_create(
        actor=actor or world.coordinator,
        from_region=world.region,
        person=person or world.officers[1],
        to_region=to or world.other_region,
        functions=functions if functions is not None else [world.ovd],
        starts_at=start,
        ends_at=end or start + 3 * DAY,
        reason="Overstroming Utrecht",
    )


def problems(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return exc.value.message_dict


# ---------------------------------------------------------------- the service's rules


def test_lending_records_the_loan_and_audits_it_for_both_regions(world):
    loan = lend(world)

    assert loan.from_region == world.region and loan.to_region == world.other_region
    assert [f.code for f in loan.functions.all()] == ["OVD-BZ"]
    regions = set(AuditEntry.objects.filter(action="loan.create").values_list("region", flat=True))
    assert regions == {world.region.pk, world.other_region.pk}


def test_a_loan_that_ends_before_it_starts_is_refused_naming_the_field(world):
    start = timezone.now()
    with pytest.raises(ValidationError) as exc:
        lend(world, start=start, end=start)
    assert problems(exc)["ends_at"] == ["Tot: de uitlening eindigt vóór ze begint."]


def test_a_region_cannot_lend_to_itself(world):
    with pytest.raises(ValidationError) as exc:
        lend(world, to=world.region)
    assert problems(exc)["to_region"] == [str(errors.LOAN_OWN_REGION)]


def test_only_the_persons_own_region_can_lend_them(world):
    stranger = world.other_pool.members.first()
    with pytest.raises(ValidationError) as exc:
        lend(world, stranger, to=Region.objects.get(code="VR16"))
    assert "hoort niet bij regio" in problems(exc)["person"][0]


def test_overlapping_loans_of_one_person_are_refused(world):
    first = lend(world)
    with pytest.raises(ValidationError) as exc:
        lend(world, start=first.starts_at + DAY, to=Region.objects.get(code="VR16"))
    assert "is al uitgeleend" in problems(exc)["starts_at"][0]


def test_a_loan_ended_early_frees_the_person_after_its_end(world):
    first = lend(world)
    loan_end(actor=world.coordinator, loan=first)
    second = lend(world, start=timezone.now() + HOUR, to=Region.objects.get(code="VR16"))
    assert second.pk != first.pk


def test_the_functions_must_be_held_and_at_least_one_chosen(world):
    with pytest.raises(ValidationError) as exc:
        lend(world, functions=[world.cpg])
    assert "heeft de functie CPG niet" in problems(exc)["functions"][0]
    with pytest.raises(ValidationError) as exc:
        lend(world, functions=[])
    assert problems(exc)["functions"] == [str(errors.LOAN_FUNCTIONS_REQUIRED)]


def test_only_the_lending_regions_managers_may_lend(world):
    for actor in (world.outsider, world.viewer, world.haarlem_coordinator):
        with pytest.raises(PermissionDenied):
            lend(world, actor=actor)
    assert not Loan.objects.exists()


def test_ending_early_keeps_the_row_and_either_regions_manager_may(world):
    loan = lend(world)
    with pytest.raises(PermissionDenied):
        loan_end(actor=world.viewer, loan=loan)
    loan_end(actor=world.outsider, loan=loan, reason="Crisis voorbij")

    loan.refresh_from_db()
    assert loan.ended_at is not None and loan.ended_by == world.outsider
    assert AuditEntry.objects.filter(action="loan.end", note="Crisis voorbij").count() == 2
    with pytest.raises(ValidationError):
        loan_end(actor=world.coordinator, loan=loan)


# ---------------------------------------------------------------- rostering and on call


def test_the_borrowing_region_may_roster_a_lent_person_during_the_loan_only(world):
    person = world.officers[1]
    loan = lend(world, person)
    start = loan.starts_at + HOUR
    shift = services.shift_create(
        actor=world.outsider,
        pool=world.other_pool,
        function=world.ovd,
        person=person,
        kind=OnCallKind.HARD,
        starts_at=start,
        ends_at=start + DAY,
    )
    assert shift.pool.region == world.other_region
    with pytest.raises(ValidationError) as exc:
        services.shift_create(
            actor=world.outsider,
            pool=world.other_pool,
            function=world.ovd,
            person=person,
            kind=OnCallKind.HARD,
            starts_at=loan.ends_at - HOUR,
            ends_at=loan.ends_at + HOUR,
        )
    assert "hoort bij een andere regio" in " ".join(exc.value.messages)


def test_someone_of_another_region_without_a_loan_cannot_be_rostered(world, monday):
    with pytest.raises(ValidationError) as exc:
        services.shift_create(
            actor=world.outsider,
            pool=world.other_pool,
            function=world.ovd,
            person=world.officers[2],
            kind=OnCallKind.HARD,
            starts_at=monday,
            ends_at=monday + DAY,
        )
    assert "hoort bij een andere regio" in exc.value.message_dict["person"][0]


def test_a_lent_person_on_shift_shows_in_both_regions_on_call_views(world):
    person = world.officers[1]
    loan = lend(world, person)
    make_shift(world.other_pool, world.ovd, person, loan.starts_at, hours=24)
    make_shift(world.ovd_pool, world.ovd, world.officers[0], loan.starts_at, hours=24)

    there = [
        e for row in selectors.on_call_at(world.other_region, timezone.now()) for e in row.hard
    ]
    lent = [e for e in there if e.shift.person_id == person.pk]
    assert lent and lent[0].lent_from == world.region and not lent[0].unqualified

    out_rows = selectors.on_call_at(world.region, timezone.now())
    assert all(e.shift.person_id != person.pk for row in out_rows for e in row.hard)


def test_a_lent_persons_hard_shift_covers_the_borrowing_regions_minimum(world):
    from oranje.organisation.models import RegionFunction

    RegionFunction.objects.update_or_create(
        region=world.other_region,
        function=world.ovd,
        defaults={"coverage_unit": "region", "min_hard_on_call": 2},
    )
    person = world.officers[1]
    loan = lend(world, person, start=timezone.now() - HOUR, end=timezone.now() + 3 * DAY)
    start = timezone.now().replace(second=0, microsecond=0)
    end = start + DAY
    make_shift(world.other_pool, world.ovd, world.other_pool.members.first(), start - HOUR, 30)
    before = selectors.coverage_gaps([world.other_region], start, end)
    make_shift(world.other_pool, world.ovd, person, loan.starts_at, 30)
    after = selectors.coverage_gaps([world.other_region], start, end)
    assert before and not after


def test_ending_a_loan_ends_the_borrowing_regions_shifts_of_the_person(world):
    person = world.officers[1]
    loan = lend(world, person)
    running = make_shift(world.other_pool, world.ovd, person, loan.starts_at, hours=24)
    later = make_shift(world.other_pool, world.ovd, person, loan.starts_at + 2 * DAY, hours=12)
    home = make_shift(world.ovd_pool, world.ovd, person, loan.ends_at + DAY, hours=12)

    loan_end(actor=world.coordinator, loan=loan)

    running.refresh_from_db()
    assert running.ends_at <= timezone.now()
    assert not OnCallShift.objects.filter(pk=later.pk).exists()
    assert OnCallShift.objects.filter(pk=home.pk).exists()
    assert AuditEntry.objects.filter(action="loan.shifts_ended", region=world.other_region).exists()


# ---------------------------------------------------------------- pages


def test_both_regions_see_the_loan_and_the_borrower_sees_name_and_phone(client, world):
    person = world.officers[1]
    lend(world, person)
    client.force_login(world.viewer)
    page = client.get(reverse("organisation:loans")).content.decode()
    assert "Uitgeleend" in page and person.full_name in page and world.other_region.name in page

    reader = make_user("utrecht-viewer", Role.VIEWER, region=world.other_region)
    client.force_login(reader)
    page = client.get(reverse("organisation:loans")).content.decode()
    assert person.full_name in page and "06 12345678" in page
    assert "landelijk profiel" in page
    assert AuditEntry.objects.filter(action="loan.read", region=world.other_region).exists()
    # Their other data stays with their own region.
    assert client.get(reverse("organisation:person_detail", args=[person.pk])).status_code == 404


def test_the_loan_form_lends_and_shows_dutch_errors(client, world):
    client.force_login(world.coordinator)
    url = reverse("organisation:loan_new")
    start = timezone.localtime() + HOUR
    data = {
        "person": world.officers[2].pk,
        "to_region": world.other_region.pk,
        "functions": [world.ovd.pk],
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": start.strftime("%Y-%m-%dT%H:%M"),
        "reason": "Bijstand",
    }
    page = client.post(url, data).content.decode()
    assert "Tot: de uitlening eindigt vóór ze begint." in page
    data["ends_at"] = (start + DAY).strftime("%Y-%m-%dT%H:%M")
    assert client.post(url, data).status_code == 302
    assert Loan.objects.get().person == world.officers[2]


def test_a_municipal_coordinator_may_not_lend(client, world):
    client.force_login(world.haarlem_coordinator)
    assert client.get(reverse("organisation:loan_new")).status_code == 403


def test_ending_from_the_page_and_an_outsider_gets_404(client, world):
    loan = lend(world)
    stranger = make_user("vr16", Role.COORDINATOR, region=Region.objects.get(code="VR16"))
    client.force_login(stranger)
    url = reverse("organisation:loan_end", args=[loan.pk])
    assert client.post(url, {"reason": "x"}).status_code == 404
    client.force_login(world.viewer)
    assert client.post(url).status_code == 403
    client.force_login(world.coordinator)
    assert client.post(url, {"reason": "Terug"}).status_code == 302
    loan.refresh_from_db()
    assert loan.ended_at is not None


def test_the_on_call_page_marks_borrowed_and_lent_out_people(client, world):
    person = world.officers[1]
    loan = lend(world, person)
    make_shift(world.other_pool, world.ovd, person, loan.starts_at, hours=24)
    client.force_login(world.coordinator)
    page = client.get(reverse("organisation:oncall_now")).content.decode()
    assert "uitgeleend aan" in page
    client.force_login(world.outsider)
    page = client.get(reverse("organisation:oncall_now")).content.decode()
    assert "geleend van VR12" in page


def test_the_shift_form_offers_lent_people_to_the_borrowing_region(client, world):
    person = world.officers[1]
    lend(world, person)
    client.force_login(world.outsider)
    options = client.get(
        reverse("organisation:pool_people_options"),
        {"pool": world.other_pool.pk, "function": world.ovd.pk},
    ).content.decode()
    assert person.sort_name in options


# ---------------------------------------------------------------- API


def test_the_api_lends_lists_and_ends(client, world):
    client.force_login(world.coordinator)
    start = timezone.now() + HOUR
    body = {
        "person": world.officers[2].pk,
        "to_region": "vr09",
        "functions": ["ovd-bz"],
        "starts_at": start.isoformat(),
        "ends_at": (start - HOUR).isoformat(),
        "reason": "Bijstand",
    }
    refused = client.post("/api/v1/loans/", body, content_type="application/json")
    assert refused.status_code == 400
    assert "Tot: de uitlening eindigt vóór ze begint." in refused.content.decode()
    body["ends_at"] = (start + DAY).isoformat()
    made = client.post("/api/v1/loans/", body, content_type="application/json")
    assert made.status_code == 201, made.content
    loan_id = made.json()["id"]

    client.force_login(world.outsider)
    listed = client.get("/api/v1/loans/", {"region": "VR09"}).json()
    assert [row["id"] for row in listed] == [loan_id] and listed[0]["phone"]
    ended = client.post(f"/api/v1/loans/{loan_id}/end/", {}, content_type="application/json")
    assert ended.status_code == 200 and ended.json()["status"] == "ended_early"


def test_the_api_refuses_lending_someone_of_another_region(client, world):
    client.force_login(world.coordinator)
    stranger = world.other_pool.members.first()
    body = {
        "person": stranger.pk,
        "to_region": "VR16",
        "functions": ["OVD-BZ"],
        "starts_at": timezone.now().isoformat(),
        "ends_at": (timezone.now() + DAY).isoformat(),
        "reason": "x",
    }
    assert client.post("/api/v1/loans/", body, content_type="application/json").status_code == 400


def test_an_unrelated_pool_is_not_needed_for_a_loan(world):
    # A lent person need not be a member of any pool of the borrowing region.
    pool = Pool.objects.create(region=world.other_region, name="Leeg", kind=PoolKind.REGIONAL)
    pool.functions.set([world.ovd])
    person = make_person(world.region, world.ovd)
    loan = lend(world, person)
    shift = services.shift_create(
        actor=world.outsider,
        pool=pool,
        function=world.ovd,
        person=person,
        kind=OnCallKind.SOFT,
        starts_at=loan.starts_at,
        ends_at=loan.starts_at + DAY,
    )
    assert shift.person == person


def test_the_lending_regions_person_page_marks_the_person_as_lent_out(client, world):
    person = world.officers[1]
    lend(world, person)
    client.force_login(world.viewer)
    page = client.get(reverse("organisation:person_detail", args=[person.pk])).content.decode()
    assert f"Uitgeleend aan {world.other_region.name} tot" in page


def test_the_on_call_api_says_who_is_lent_from_where(client, world):
    person = world.officers[1]
    loan = lend(world, person)
    make_shift(world.other_pool, world.ovd, person, loan.starts_at, hours=24)
    client.force_login(world.outsider)
    rows = client.get(f"/api/v1/regions/{world.other_region.code}/on-call-now/").json()
    lent = [p for row in rows for p in row["hard"] if p["person"] == person.pk]
    assert [p["lent_from"] for p in lent] == ["VR12"]


def test_the_loan_form_summarises_its_errors_at_the_top_and_labels_empty_choices(client, world):
    client.force_login(world.coordinator)
    url = reverse("organisation:loan_new")
    page = client.get(url).content.decode()
    assert '<option value="" selected>— kies een persoon —</option>' in page
    assert '<option value="" selected>— kies een regio —</option>' in page
    assert "---------" not in page
    page = client.post(url, {"person": "", "to_region": ""}).content.decode()
    summary = page.split('<div class="error-summary"', 1)[1].split("</div>", 1)[0]
    assert '<a href="#id_person">Persoon: kies wie wordt uitgeleend.</a>' in summary
    assert page.index("error-summary") < page.index('<form method="post" class="stack card"')
    assert "<title>Fout:" in page
