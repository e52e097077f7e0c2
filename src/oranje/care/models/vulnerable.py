"""People with reduced self-reliance (verminderd zelfredzamen): the lists that care
organisations and the municipality deliver, and per incident the worklist of those who live
in the affected area.

A supplier's new delivery replaces its list (residents matched on the supplier's own id are
updated, the rest removed); deleting the supplier deletes its list. A worklist case keeps a
copy of the name and address it was made from, so the incident's record stays whole when a
list is replaced during the operation; it goes with the incident's retention.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oranje.care.constants import NAME_MAX, PHONE_MAX, TEXT_MAX, CaseState, SupplierKind
from oranje.care.models.shelters import Shelter
from oranje.core.models import Region
from oranje.incidents.models import Incident

_USER = settings.AUTH_USER_MODEL


class Supplier(models.Model):
    """Who delivers a list of people with reduced self-reliance to a region."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="care_suppliers")
    name = models.CharField(_("name"), max_length=NAME_MAX)
    kind = models.CharField(
        _("kind"), max_length=20, choices=SupplierKind.choices, default=SupplierKind.OTHER
    )
    contact = models.CharField(_("contact"), max_length=NAME_MAX, blank=True)
    phone = models.CharField(_("phone"), max_length=PHONE_MAX, blank=True)
    delivered_at = models.DateTimeField(_("last delivery"), null=True, blank=True)
    #: The column mapping of the last delivery (header -> field), reused for the next.
    mapping = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("list supplier")
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="care_supplier_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Resident(models.Model):
    """One person on a supplier's list."""

    supplier = models.ForeignKey(Supplier, on_delete=models.CASCADE, related_name="residents")
    #: The supplier's own id for the person (a new delivery updates by it).
    ref = models.CharField(_("supplier's id"), max_length=64, blank=True)
    name = models.CharField(_("name"), max_length=NAME_MAX)
    street = models.CharField(_("street"), max_length=NAME_MAX, blank=True)
    house_number = models.PositiveIntegerField(_("house number"), null=True, blank=True)
    house_addition = models.CharField(_("addition"), max_length=10, blank=True)
    postcode = models.CharField(_("postcode"), max_length=6, blank=True)
    city = models.CharField(_("place"), max_length=NAME_MAX, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    need_mobility = models.BooleanField(_("mobility"), default=False)
    need_devices = models.BooleanField(_("oxygen or electric medical devices"), default=False)
    need_dementia = models.BooleanField(_("dementia"), default=False)
    need_language = models.BooleanField(_("language"), default=False)
    need_note = models.CharField(_("care need"), max_length=TEXT_MAX, blank=True)
    organisation = models.CharField(_("organisation"), max_length=NAME_MAX, blank=True)
    contact = models.CharField(_("contact"), max_length=NAME_MAX, blank=True)
    phone = models.CharField(_("phone"), max_length=PHONE_MAX, blank=True)

    class Meta:
        ordering = ["postcode", "house_number", "pk"]
        verbose_name = _("person with reduced self-reliance")
        indexes = [
            # The bounding box of an incident's area narrows the search before the polygon.
            models.Index(fields=["latitude", "longitude"], name="care_resident_position"),
        ]

    def __str__(self) -> str:
        return f"bewoner #{self.pk}"


class Case(models.Model):
    """A resident of the affected area on an incident's worklist."""

    incident = models.ForeignKey(
        Incident, on_delete=models.CASCADE, related_name="vulnerable_cases"
    )
    resident = models.ForeignKey(
        Resident, on_delete=models.SET_NULL, null=True, blank=True, related_name="cases"
    )
    # A copy of what the list said when the case was made (see the module docstring).
    name = models.CharField(_("name"), max_length=NAME_MAX)
    address = models.CharField(_("address"), max_length=NAME_MAX, blank=True)
    needs = models.CharField(_("care need"), max_length=TEXT_MAX, blank=True)
    phone = models.CharField(_("phone"), max_length=PHONE_MAX, blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=CaseState.choices, default=CaseState.TO_CONTACT
    )
    shelter = models.ForeignKey(
        Shelter, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        _USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["address", "pk"]
        verbose_name = _("worklist case")
        constraints = [
            models.UniqueConstraint(
                fields=["incident", "resident"], name="care_case_once_per_incident"
            ),
        ]

    def __str__(self) -> str:
        return f"melding #{self.pk}"


class CaseEntry(models.Model):
    """One step on a worklist case: who changed the state, when, and what was found."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="entries")
    state = models.CharField(_("state"), max_length=20, choices=CaseState.choices)
    shelter = models.ForeignKey(
        Shelter, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.CharField(_("note"), max_length=TEXT_MAX, blank=True)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")
    by_name = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("worklist step")

    def __str__(self) -> str:
        return f"{self.case_id}: {self.state}"


class ListUpload(models.Model):
    """A supplier's delivery between its upload and its column mapping, found again by a
    random token that belongs to the user who uploaded it (never by a path). Deleted when
    imported; uploads older than `care.services.vulnerable.UPLOAD_TTL` are dropped by the
    worker's hourly upkeep `care.stale_uploads` (and at every upload)."""

    token = models.CharField(max_length=64, unique=True)
    supplier = models.ForeignKey(Supplier, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(_USER, on_delete=models.CASCADE, related_name="+")
    file_name = models.CharField(max_length=255)
    data = models.BinaryField()
    headers = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"levering #{self.pk}"
