"""Builders for the tests of people with reduced self-reliance: a care world with a registry
officer, a supplier of Kennemerland, an incident whose affected area is a square in
Velsen-Noord, and lists as CSV."""

from __future__ import annotations

from dataclasses import dataclass

from oranje.care import vulnerable_rows
from oranje.care.models import Supplier
from oranje.care.services import vulnerable as services
from oranje.care.tests.factories import CareWorld, build_care, care_user
from oranje.core.constants import Role
from oranje.core.models import User
from oranje.core.tabular import read_header
from oranje.organisation.tests.factories import World

#: A square of about 1.1 by 1.4 km in Velsen-Noord, as [lat, lon] points (closed).
AREA = [[52.47, 4.62], [52.47, 4.64], [52.48, 4.64], [52.48, 4.62], [52.47, 4.62]]
INSIDE = (52.475, 4.63)
OUTSIDE = (52.49, 4.63)

HEADER = [
    "Cliëntnummer",
    "Naam",
    "Straat",
    "Huisnummer",
    "Postcode",
    "Woonplaats",
    "Breedtegraad",
    "Lengtegraad",
    "Zorgbehoefte",
    "Telefoon",
]


@dataclass
class VulnerableWorld:
    cw: CareWorld
    registry: User
    supplier: Supplier

    @property
    def coordinator(self) -> User:
        return self.cw.coordinator


def build_vulnerable(world: World, *, area: list[list[float]] | None = AREA) -> VulnerableWorld:
    cw = build_care(world)
    if area is not None:
        cw.incident.area = area
        cw.incident.save(update_fields=["area"])
    registry = care_user("reg_vera", Role.REGISTRY_OFFICER, world.region)
    supplier = Supplier.objects.create(region=world.region, name="Zorggroep Velsen", kind="care")
    return VulnerableWorld(cw=cw, registry=registry, supplier=supplier)


def row(
    ref: str,
    name: str,
    point: tuple[float, float] | None = INSIDE,
    *,
    number: str = "12",
    need: str = "rolstoel",
    phone: str = "0612345678",
) -> list[str]:
    lat, lon = point if point is not None else ("", "")
    return [
        ref,
        name,
        "Wijkerstraatweg",
        number,
        "1951 AB",
        "Velsen-Noord",
        str(lat),
        str(lon),
        need,
        phone,
    ]


def csv_of(rows: list[list[str]], header: list[str] = HEADER) -> bytes:
    return "\n".join(";".join(r) for r in [header, *rows]).encode()


def deliver(
    vw: VulnerableWorld, rows: list[list[str]], *, actor: User | None = None
) -> services.DeliveryResult:
    data = csv_of(rows)
    mapping = vulnerable_rows.guess_mapping(read_header(data, "lijst.csv"), vw.supplier.mapping)
    return services.list_deliver(
        actor=actor or vw.coordinator,
        supplier=vw.supplier,
        file_name="lijst.csv",
        data=data,
        mapping=mapping,
    )
