"""The cold phase: the region's care norms and each municipality's shelter locations."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oranje.care.constants import NAME_MAX, PHONE_MAX, TEXT_MAX, LocationKind
from oranje.core.models import Municipality, Region
from oranje.core.validation import format_postcode


class CareNorms(models.Model):
    """The shelter norms of a region (BZOO 2012 p.42 by default): data, never constants.
    A region without a row has the national defaults (`CareNorms.for_region`)."""

    region = models.OneToOneField(Region, on_delete=models.CASCADE, related_name="care_norms")
    shelter_hours = models.PositiveSmallIntegerField(_("shelter ready within (hours)"), default=3)
    capacity_percent = models.PositiveSmallIntegerField(
        _("capacity for share of those involved (%)"), default=10
    )
    capacity_max = models.PositiveIntegerField(_("capacity at most (persons)"), default=200)
    housing_hours = models.PositiveSmallIntegerField(
        _("temporary housing within (hours)"), default=48
    )
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("care norms")
        constraints = [
            models.CheckConstraint(
                condition=Q(shelter_hours__gte=1, capacity_percent__lte=100, housing_hours__gte=1),
                name="care_norms_sane",
            )
        ]

    def __str__(self) -> str:
        return f"{self.region_id}: {self.shelter_hours} h / {self.capacity_percent}%"

    @classmethod
    def for_region(cls, region_id: int) -> CareNorms:
        found = cls.objects.filter(region_id=region_id).first()
        return found if found is not None else cls(region_id=region_id)

    def capacity_needed(self, involved: int | None) -> int | None:
        """The shelter capacity the norm asks for `involved` people (10%, at most 200)."""
        if involved is None:
            return None
        share = -(-involved * self.capacity_percent // 100)  # rounded up
        return min(share, self.capacity_max)

    @property
    def shelter_delta(self) -> dt.timedelta:
        return dt.timedelta(hours=self.shelter_hours)

    @property
    def housing_delta(self) -> dt.timedelta:
        return dt.timedelta(hours=self.housing_hours)


class Location(models.Model):
    """A pre-agreed shelter location of a municipality (a sports hall, a community centre)."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="shelter_locations",
        verbose_name=_("municipality"),
    )
    #: The municipality's own key for the location; an import updates by it.
    code = models.CharField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=NAME_MAX)
    kind = models.CharField(
        _("kind"), max_length=20, choices=LocationKind.choices, default=LocationKind.OTHER
    )
    street = models.CharField(_("street"), max_length=NAME_MAX, blank=True)
    house_number = models.PositiveIntegerField(_("house number"), null=True, blank=True)
    house_addition = models.CharField(_("addition"), max_length=10, blank=True)
    postcode = models.CharField(_("postcode"), max_length=6, blank=True)
    city = models.CharField(_("place"), max_length=NAME_MAX, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=6, null=True, blank=True
    )
    capacity_day = models.PositiveIntegerField(_("capacity by day (seats)"), default=0)
    capacity_night = models.PositiveIntegerField(_("capacity by night (beds)"), default=0)
    kitchen = models.BooleanField(_("kitchen"), default=False)
    showers = models.BooleanField(_("showers"), default=False)
    wheelchair = models.BooleanField(_("wheelchair access"), default=False)
    pets = models.BooleanField(_("pets allowed"), default=False)
    medical_room = models.BooleanField(_("medical room"), default=False)
    power_backup = models.BooleanField(_("power backup"), default=False)
    owner = models.CharField(_("owner"), max_length=NAME_MAX, blank=True)
    agreement_until = models.DateField(_("agreement until"), null=True, blank=True)
    available = models.BooleanField(_("available"), default=True)
    unavailable_until = models.DateField(_("not available until"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=TEXT_MAX, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["municipality__name", "name"]
        verbose_name = _("shelter location")
        verbose_name_plural = _("shelter locations")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "code"], name="care_location_code"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def address_text(self) -> str:
        number = f"{self.house_number or ''}{self.house_addition}".strip()
        first = " ".join(p for p in (self.street, number) if p)
        second = " ".join(p for p in (format_postcode(self.postcode), self.city) if p)
        return ", ".join(p for p in (first, second) if p)

    def available_on(self, day: dt.date) -> bool:
        if self.available:
            return True
        return self.unavailable_until is not None and day > self.unavailable_until


class LocationContact(models.Model):
    """A key holder or contact person of a location, in calling order."""

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=NAME_MAX)
    role = models.CharField(_("role"), max_length=NAME_MAX, blank=True)
    phone = models.CharField(_("phone"), max_length=PHONE_MAX, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("contact")

    def __str__(self) -> str:
        return self.name
