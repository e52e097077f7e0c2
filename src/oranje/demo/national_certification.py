"""Demo, issue 17, part "certification" (see demo/national.py): Kennemerland's list of
training institutes and providers with their accredited courses, providers and certificate
numbers on the demo people's courses and exams, and the national OvD-BZ profile requiring an
accredited provider for the basic course. One refresher course from a provider that is not
accredited for it shows, in the passport, a record that does not count. Tops up: run twice,
it adds nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from oranje.demo.national import DemoContext
from oranje.organisation.models import Function, Person
from oranje.readiness import services
from oranje.readiness.constants import ActivityKind, ProviderKind, RequirementKind
from oranje.readiness.evaluation import add_months
from oranje.readiness.models import Accreditation, Activity, Provider
from oranje.readiness.selectors import current_requirements
from oranje.readiness.services import certification

#: The IFV became the NIPV on 1 January 2022: courses before then count through the IFV.
NIPV_SINCE = dt.date(2022, 1, 1)
IFV = "IFV (Instituut Fysieke Veiligheid)"
NIPV = "NIPV (Nederlands Instituut Publieke Veiligheid)"
CENTRE = "Opleidingscentrum Veiligheidsregio Kennemerland"
COMMERCIAL = "Crisiscoach Opleidingen B.V."
NATIONAL_CODES = ("BZ-OVD-BASIS", "PVB-OVD", "BZ-AC-BASIS", "PVB-AC", "CC-BASIS")
REGIONAL_CODES = ("KEN-ORIENT", "CPG-BASIS")

#: name: (kind, website, note, [(code, label, from, until)])
PROVIDERS: dict[str, tuple[str, str, str, list[tuple[str, str, dt.date, dt.date | None]]]] = {
    IFV: (
        ProviderKind.INSTITUTE,
        "",
        "Sinds 1 januari 2022 het NIPV; hier voor de cursussen en proeven van daarvóór.",
        [
            (code, "", dt.date(2012, 1, 1), NIPV_SINCE - dt.timedelta(days=1))
            for code in NATIONAL_CODES
        ],
    ),
    NIPV: (
        ProviderKind.INSTITUTE,
        "https://www.nipv.nl",
        "Landelijk instituut; examens en proeven van bekwaamheid.",
        [(code, "", NIPV_SINCE, None) for code in NATIONAL_CODES],
    ),
    CENTRE: (
        ProviderKind.INSTITUTE,
        "",
        "Regionaal opleidingscentrum van de veiligheidsregio.",
        [
            ("KEN-ORIENT", "Oriëntatie veiligheidsregio Kennemerland", dt.date(2012, 1, 1), None),
            ("CPG-BASIS", "Introductie contactpersoon gemeente", dt.date(2012, 1, 1), None),
        ],
    ),
    COMMERCIAL: (
        ProviderKind.PROVIDER,
        "",
        "Commerciële aanbieder; geaccrediteerd voor crisiscommunicatie, niet voor OvD-BZ.",
        [("CC-BASIS", "Opleiding crisiscommunicatie", dt.date(2023, 1, 1), None)],
    ),
}
PREFIX = {IFV: "IFV", NIPV: "NIPV", CENTRE: "VRK", COMMERCIAL: "CCO"}
SHOWCASE_ID = "demo-cert-opfriscursus-ovd"


def _providers(ctx: DemoContext) -> dict[str, Provider]:
    found = {}
    for name, (kind, website, note, accreditations) in PROVIDERS.items():
        provider = Provider.objects.filter(name=name).first()
        if provider is None:
            provider = certification.provider_save(
                actor=ctx.admin, name=name, kind=kind, website=website, note=note
            )
        for code, label, start, end in accreditations:
            if not Accreditation.objects.filter(provider=provider, code=code).exists():
                certification.accreditation_save(
                    actor=ctx.admin,
                    provider=provider,
                    code=code,
                    label=label,
                    valid_from=start,
                    valid_until=end,
                )
        found[name] = provider
    if found[IFV].active:
        certification.provider_set_active(actor=ctx.admin, provider=found[IFV], active=False)
    return found


def _provider_for(activity: Activity, providers: dict[str, Provider]) -> Provider | None:
    code = activity.code.upper()
    if code in REGIONAL_CODES:
        return providers[CENTRE]
    if code in NATIONAL_CODES:
        return providers[IFV] if activity.completed_on < NIPV_SINCE else providers[NIPV]
    return None


def _certificates(providers: dict[str, Provider]) -> int:
    """Provider and certificate number on every course and exam that has none yet (every
    region's: the national profile applies everywhere); a practical test's certificate
    expires with its validity of three years."""
    changed = []
    for activity in Activity.objects.filter(
        provider__isnull=True,
        kind__in=[ActivityKind.COURSE, ActivityKind.EXAM, ActivityKind.PRACTICAL_TEST],
    ).exclude(code=""):
        provider = _provider_for(activity, providers)
        if provider is None:
            continue
        activity.provider = provider
        name = next(n for n, p in providers.items() if p.pk == provider.pk)
        activity.certificate_number = f"{PREFIX[name]}-{activity.completed_on:%Y}-{activity.pk:06d}"
        if activity.code.upper().startswith("PVB-"):
            activity.certificate_expires_on = add_months(activity.completed_on, 36) - dt.timedelta(
                days=1
            )
        changed.append(activity)
    Activity.objects.bulk_update(
        changed, ["provider", "certificate_number", "certificate_expires_on"], batch_size=1000
    )
    return len(changed)


def _require_accredited(ctx: DemoContext, function: Function) -> bool:
    """A new version of the national OvD-BZ profile: its basic course only from an
    accredited provider (the people are recomputed by the publication)."""
    current = current_requirements([function.pk]).get((function.pk, None), [])
    if not current or any(r.requires_accredited for r in current):
        return False
    requirements: list[dict[str, Any]] = [
        {
            "kind": r.kind,
            "code": r.code,
            "label": r.label,
            "valid_months": r.valid_months,
            "min_count": r.min_count,
            "min_hours": r.min_hours,
            "window_months": r.window_months,
            "requires_accredited": r.kind == RequirementKind.COURSE and r.code == "BZ-OVD-BASIS",
        }
        for r in current
    ]
    services.profile_publish(
        actor=ctx.admin,
        function=function,
        region=None,
        requirements=requirements,
        note="Opleiding OvD-BZ alleen van een geaccrediteerde aanbieder (certificering)",
    )
    return True


def _showcase(ctx: DemoContext, providers: dict[str, Provider], ovd: Function) -> str:
    """A refresher course from the commercial provider, which is not accredited for the
    OvD-BZ course: the passport shows it does not count."""
    existing = Activity.objects.filter(external_id=SHOWCASE_ID).select_related("person").first()
    if existing is not None:
        return existing.person.full_name
    person = (
        Person.objects.filter(region=ctx.region, functions=ovd, user__isnull=True, active=True)
        .order_by("surname", "given_name", "pk")
        .first()
    )
    if person is None:
        return ""
    activity = services.activity_record(
        actor=ctx.coordinator,
        persons=[person],
        kind=ActivityKind.COURSE,
        title="Opfriscursus OvD-BZ",
        code="BZ-OVD-BASIS",
        completed_on=ctx.today - dt.timedelta(days=45),
        hours=Decimal(8),
        provider=providers[COMMERCIAL],
        certificate_number="CCO-OPF-0117",
    )[0]
    activity.external_id = SHOWCASE_ID
    activity.save(update_fields=["external_id"])
    return person.full_name


def build(ctx: DemoContext) -> None:
    providers = _providers(ctx)
    certificates = _certificates(providers)
    ovd = Function.objects.filter(code="OVD-BZ").first()
    if ovd is None:
        return
    published = _require_accredited(ctx, ovd)
    showcase = _showcase(ctx, providers, ovd)
    ctx.log(
        f"Certificering: {len(providers)} opleiders op de landelijke lijst, "
        f"{certificates} certificaten aangevuld"
        + (", profiel OvD-BZ vraagt een geaccrediteerde aanbieder" if published else "")
        + (f", opfriscursus zonder accreditatie bij {showcase}" if showcase else "")
    )
