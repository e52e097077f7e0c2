"""The hot phase: shelters opened for an incident, the households and guests checked in,
their stays (a transfer is one stay closed and another opened), needs and supplies, meal
counts and temporary housing."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oranje.care.constants import (
    NAME_MAX,
    PHONE_MAX,
    TEXT_MAX,
    CheckOutReason,
    HousingStatus,
    MealMoment,
    NeedKind,
    NeedStatus,
)
from oranje.care.models.locations import Location
from oranje.core.validation import format_postcode
from oranje.incidents.models import Incident
from oranje.registry.models import Person

_USER = settings.AUTH_USER_MODEL


class IncidentCare(models.Model):
    """Per incident: how many people are involved (the basis of the capacity norm)."""

    incident = models.OneToOneField(Incident, on_delete=models.CASCADE, related_name="care")
    people_involved = models.PositiveIntegerField(_("people involved"), null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("care of an incident")

    def __str__(self) -> str:
        return f"{self.incident_id}: {self.people_involved}"


class Shelter(models.Model):
    """A location opened as a shelter for an incident."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="shelters")
    location = models.ForeignKey(
        Location, on_delete=models.PROTECT, related_name="shelters", verbose_name=_("location")
    )
    decided_by = models.CharField(_("decided by"), max_length=NAME_MAX)
    decided_at = models.DateTimeField(_("decided at"))
    expected = models.PositiveIntegerField(_("expected number of people"), default=0)
    capacity_day = models.PositiveIntegerField(_("capacity by day (seats)"))
    capacity_night = models.PositiveIntegerField(_("capacity by night (beds)"))
    #: When the shelter was ready to receive people (the 3-hour norm is measured to here).
    ready_at = models.DateTimeField(_("ready at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    #: Guests present now; written only under a lock on this row (see the package docstring).
    present = models.PositiveIntegerField(_("present"), default=0)
    opened_at = models.DateTimeField(default=timezone.now)
    opened_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["opened_at", "pk"]
        verbose_name = _("shelter")
        verbose_name_plural = _("shelters")
        constraints = [
            models.CheckConstraint(
                condition=Q(present__lte=F("capacity_day")), name="care_shelter_not_overbooked"
            ),
        ]

    def __str__(self) -> str:
        return self.location.name

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def free_day(self) -> int:
        return max(self.capacity_day - self.present, 0)

    @property
    def free_night(self) -> int:
        return self.capacity_night - self.present

    @property
    def beds_short(self) -> int:
        """More people in than beds: how many sleep without one (0 when there are enough)."""
        return max(self.present - self.capacity_night, 0)


class Household(models.Model):
    """A group that stays together, with the code on its card (QR)."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="households")
    code = models.CharField(_("code"), max_length=16, unique=True)
    name = models.CharField(_("household"), max_length=NAME_MAX)
    phone = models.CharField(_("phone"), max_length=PHONE_MAX, blank=True)
    street = models.CharField(_("street"), max_length=NAME_MAX, blank=True)
    house_number = models.PositiveIntegerField(_("house number"), null=True, blank=True)
    house_addition = models.CharField(_("addition"), max_length=10, blank=True)
    postcode = models.CharField(_("postcode"), max_length=6, blank=True)
    city = models.CharField(_("place"), max_length=NAME_MAX, blank=True)
    #: The shelter the household is in now (None: checked out).
    shelter = models.ForeignKey(
        Shelter, on_delete=models.PROTECT, null=True, blank=True, related_name="households"
    )
    #: The desk's own id for the check-in (a uuid made by the tablet): sent twice, written once.
    client_key = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        constraints = [
            models.UniqueConstraint(
                fields=["incident", "client_key"],
                condition=~Q(client_key=""),
                name="care_household_client_key",
            ),
        ]

    def __str__(self) -> str:
        # Neutral: str() ends up in the audit log.
        return f"huishouden {self.code}"

    @property
    def address_text(self) -> str:
        number = f"{self.house_number or ''}{self.house_addition}".strip()
        first = " ".join(p for p in (self.street, number) if p)
        second = " ".join(p for p in (format_postcode(self.postcode), self.city) if p)
        return ", ".join(p for p in (first, second) if p)


class Guest(models.Model):
    """One person of a household, with their needs; linked to the registry person that the
    check-in created or updated."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="guests")
    person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="shelter_guests"
    )
    given_names = models.CharField(_("given names"), max_length=NAME_MAX, blank=True)
    prefix = models.CharField(_("prefix"), max_length=10, blank=True)
    surname = models.CharField(_("surname"), max_length=NAME_MAX, blank=True)
    birth_year = models.PositiveSmallIntegerField(null=True, blank=True)
    birth_month = models.PositiveSmallIntegerField(null=True, blank=True)
    birth_day = models.PositiveSmallIntegerField(null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=PHONE_MAX, blank=True)
    medication = models.CharField(_("medication"), max_length=NAME_MAX, blank=True)
    diet = models.CharField(_("diet"), max_length=NAME_MAX, blank=True)
    mobility_aid = models.CharField(_("mobility aid"), max_length=NAME_MAX, blank=True)
    language = models.CharField(_("language"), max_length=60, blank=True)
    interpreter = models.BooleanField(_("needs an interpreter"), default=False)
    pets = models.CharField(_("pets"), max_length=NAME_MAX, blank=True)
    care_organisation = models.CharField(
        _("care from a care organisation"), max_length=NAME_MAX, blank=True
    )
    share_whereabouts = models.BooleanField(_("consent to share whereabouts"), null=True)
    #: In the household's shelter now.
    present = models.BooleanField(default=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("guest")

    def __str__(self) -> str:
        return f"gast #{self.pk}"

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.given_names, self.prefix, self.surname) if p)

    @property
    def birth_text(self) -> str:
        if self.birth_year is None:
            return ""
        if self.birth_month is None:
            return str(self.birth_year)
        if self.birth_day is None:
            return f"{self.birth_month}-{self.birth_year}"
        return f"{self.birth_day}-{self.birth_month}-{self.birth_year}"

    @property
    def has_needs(self) -> bool:
        return bool(
            self.medication
            or self.diet
            or self.mobility_aid
            or self.interpreter
            or self.pets
            or self.care_organisation
        )


class Stay(models.Model):
    """A household's stay in one shelter: checked in, and later out (or transferred)."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="stays")
    shelter = models.ForeignKey(Shelter, on_delete=models.PROTECT, related_name="stays")
    people = models.PositiveSmallIntegerField(_("people"))
    checked_in_at = models.DateTimeField(default=timezone.now)
    checked_in_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")
    checked_out_at = models.DateTimeField(null=True, blank=True)
    checked_out_by = models.ForeignKey(
        _USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    out_reason = models.CharField(
        _("left for"), max_length=20, choices=CheckOutReason.choices, blank=True
    )
    out_note = models.CharField(_("note"), max_length=NAME_MAX, blank=True)

    class Meta:
        ordering = ["checked_in_at", "pk"]
        verbose_name = _("stay")
        indexes = [models.Index(fields=["shelter", "checked_out_at"], name="care_stay_open")]

    def __str__(self) -> str:
        return f"{self.household_id} @ {self.shelter_id}"


class Need(models.Model):
    """A request for supplies or help (beds, meals, an interpreter), with who handles it."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="care_needs")
    shelter = models.ForeignKey(
        Shelter, on_delete=models.CASCADE, null=True, blank=True, related_name="needs"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NeedKind.choices)
    quantity = models.PositiveIntegerField(_("quantity"), null=True, blank=True)
    description = models.CharField(_("description"), max_length=TEXT_MAX, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=NeedStatus.choices, default=NeedStatus.OPEN
    )
    handler = models.CharField(_("handled by"), max_length=NAME_MAX, blank=True)
    requested_at = models.DateTimeField(default=timezone.now)
    requested_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["requested_at", "pk"]
        verbose_name = _("need")
        verbose_name_plural = _("needs and supplies")

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"


class MealCount(models.Model):
    """How many meals a shelter needs (or served) at one meal moment of one day."""

    shelter = models.ForeignKey(Shelter, on_delete=models.CASCADE, related_name="meals")
    day = models.DateField(_("day"))
    moment = models.CharField(_("meal"), max_length=20, choices=MealMoment.choices)
    count = models.PositiveIntegerField(_("meals"))
    special = models.PositiveIntegerField(_("of which special diets"), default=0)
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["day", "moment"]
        verbose_name = _("meal count")
        constraints = [
            models.UniqueConstraint(fields=["shelter", "day", "moment"], name="care_meal_once"),
        ]

    def __str__(self) -> str:
        return f"{self.shelter_id} {self.day} {self.moment}"


class Housing(models.Model):
    """Temporary housing for a household that cannot go home; the 48-hour norm runs from
    `needed_since` to `placed_at`."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="housing")
    status = models.CharField(
        _("status"), max_length=20, choices=HousingStatus.choices, default=HousingStatus.NEEDED
    )
    needed_since = models.DateTimeField(_("needs housing since"))
    placed_at = models.DateTimeField(_("placed at"), null=True, blank=True)
    address = models.CharField(_("where"), max_length=NAME_MAX, blank=True)
    until = models.DateField(_("until"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=TEXT_MAX, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["needed_since", "pk"]
        verbose_name = _("temporary housing")

    def __str__(self) -> str:
        return f"huisvesting #{self.pk}"
