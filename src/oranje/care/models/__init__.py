"""The care room's data (issue 12): shelter locations (cold phase), shelters opened for an
incident with their households, guests and stays, needs and meals, temporary housing,
people with reduced self-reliance, and the surroundings (outages, road closures, clean-up).

`Shelter.present` is a counter of the guests in the shelter, written only in the transaction
that checks people in or out, under a lock on the shelter's row: that lock is what keeps a
shelter from being overbooked by desks checking in at the same moment.
"""

from oranje.care.models.locations import CareNorms, Location, LocationContact
from oranje.care.models.shelters import (
    Guest,
    Household,
    Housing,
    IncidentCare,
    MealCount,
    Need,
    Shelter,
    Stay,
)
from oranje.care.models.surroundings import CleanupTask, Outage, RoadClosure
from oranje.care.models.vulnerable import Case, CaseEntry, ListUpload, Resident, Supplier

__all__ = [
    "CareNorms",
    "Case",
    "CaseEntry",
    "CleanupTask",
    "Guest",
    "Household",
    "Housing",
    "IncidentCare",
    "ListUpload",
    "Location",
    "LocationContact",
    "MealCount",
    "Need",
    "Outage",
    "Resident",
    "RoadClosure",
    "Shelter",
    "Stay",
    "Supplier",
]
