"""The demo's agreements on who communicates in Kennemerland: the municipality at the scene
(GRIP 1, CoPI) and for its own residents, the region once it is beyond one municipality (GRIP
4, RBT) and always for a warning by NL-Alert (the regional centre sends it). Written once."""

from __future__ import annotations

from collections.abc import Callable

from oranje.communication.models import Agreement
from oranje.communication.services.agreements import Cell, agreements_save
from oranje.core.models import Region, User

M, R, B = "municipality", "region", "both"
#: Per level or team: public information, warning, to affected people, to staff and partners,
#: press release.
MATRIX: dict[str, tuple[str, str, str, str, str]] = {
    "grip1": (M, R, M, M, M),
    "grip2": (M, R, M, B, B),
    "grip3": (M, R, M, B, M),
    "grip4": (R, R, B, R, R),
    "grip5": (R, R, B, R, R),
    "copi": (M, R, M, M, M),
    "rot": (B, R, M, B, B),
    "gbt": (M, R, M, M, M),
    "rbt": (R, R, B, R, R),
}
KINDS = ("public", "warning", "affected", "staff", "press")
NOTES = {
    ("grip1", "public"): "Woordvoerder van de gemeente ter plaatse",
    ("grip2", "warning"): "NL-Alert via de regionale meldkamer",
    ("grip4", "press"): "Persconferentie door de voorzitter veiligheidsregio",
}


def build(region: Region, actor: User, log: Callable[[str], None]) -> None:
    if Agreement.objects.filter(region=region).exists():
        return
    cells = {
        (scope, kind): Cell(who, NOTES.get((scope, kind), ""))
        for scope, row in MATRIX.items()
        for kind, who in zip(KINDS, row, strict=True)
    }
    agreements_save(actor=actor, region=region, cells=cells)
    log(f"{region.name}: afspraken over wie communiceert ({len(cells)} vakken).")
