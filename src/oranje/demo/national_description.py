"""Demo, issue 17, part "description" (see demo/national.py): the national text (version 1,
from the data migration), Kennemerland's own additions in two versions, and Kennemerland's
regional point of contact for population care (the coordinator persona, Marieke de Graaf)."""

from __future__ import annotations

from oranje.demo.national import DemoContext
from oranje.partners.models import ContactPoint, Description
from oranje.partners.services_description import contact_point_save, description_publish

FIRST = {
    "will_do": (
        "In Kennemerland staan per gemeente een of meer opvanglocaties klaar; de coördinator "
        "opvang opent de eerste binnen 2 uur na het besluit.\n\n"
        "Bij een storing in gas, water of stroom richt bevolkingszorg een informatiepunt in "
        "de wijk in, zoals in Velsen-Noord in 2015."
    ),
}
SECOND = {
    **FIRST,
    "boundary": (
        "Voor de tien gemeenten van Kennemerland: de gemeentesecretaris van de getroffen "
        "gemeente is de coördinerend gemeentesecretaris zolang één gemeente is getroffen; "
        "bij meer gemeenten wijst het regionaal beleidsteam er een aan."
    ),
    "will_not_do": (
        "Bevolkingszorg Kennemerland regelt geen vervoer van niet-zelfredzamen uit "
        "zorginstellingen: dat doet de instelling zelf, met de GHOR."
    ),
}


def build(ctx: DemoContext) -> None:
    """Tops up: adds the regional versions and the point of contact only when missing."""
    region = ctx.region
    if not Description.objects.filter(region=region).exists():
        description_publish(
            actor=ctx.coordinator,
            region=region,
            texts=FIRST,
            note="Opvanglocaties en informatiepunt bij storingen",
        )
        description_publish(
            actor=ctx.coordinator,
            region=region,
            texts=SECOND,
            note="Coördinerend gemeentesecretaris en vervoer uit zorginstellingen",
        )
        ctx.log("description: Kennemerland's additions, versions 1 and 2")
    if not ContactPoint.objects.filter(region=region).exists():
        contact_point_save(
            actor=ctx.coordinator,
            region=region,
            # The coordinator persona (Marieke de Graaf) is the point of contact: the person
            # a partner reaches is the one who logs in as the coordinator.
            name=ctx.coordinator.get_full_name() or ctx.coordinator.username,
            role="Regionaal coördinator bevolkingszorg",
            phone="023 789 0123",
            email="bevolkingszorg@vrk.example.nl",
            note="Buiten kantoortijd: de piketdienstdoende AC-BZ via de meldkamer.",
        )
        ctx.log("description: Kennemerland's point of contact")
