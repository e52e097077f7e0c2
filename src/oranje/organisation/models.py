"""The crisis organisation: functions, people, districts, pools and on-call rosters (piket)."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oranje.core.models import Municipality, Region
from oranje.organisation.constants import (
    CoverageUnit,
    FunctionGroup,
    OnCallKind,
    PersonKind,
    PoolKind,
    ShiftSource,
    UnavailabilityReason,
)


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


class Function(models.Model):
    """A function of the national catalogue (DOMAIN.md §3), e.g. OVD-BZ."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=150)
    group = models.CharField(_("group"), max_length=20, choices=FunctionGroup.choices)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("function")
        verbose_name_plural = _("functions")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class RegionFunction(models.Model):
    """A region's own name for a function and its on-call minimum (the coverage norm)."""

    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="function_settings", verbose_name=_("region")
    )
    function = models.ForeignKey(
        Function, on_delete=models.CASCADE, related_name="+", verbose_name=_("function")
    )
    local_name = models.CharField(_("regional name"), max_length=150, blank=True)
    coverage_unit = models.CharField(
        _("minimum applies"),
        max_length=20,
        choices=CoverageUnit.choices,
        default=CoverageUnit.DISTRICT,
    )
    min_hard_on_call = models.PositiveSmallIntegerField(
        _("minimum on hard on-call"),
        default=0,
        help_text=_("At every hour; 0 means no minimum and no coverage gaps are reported."),
    )
    min_qualified = models.PositiveSmallIntegerField(
        _("minimum qualified people"),
        default=0,
        help_text=_("How many qualified people the region wants for this function."),
    )
    response_norm_minutes = models.PositiveSmallIntegerField(
        _("response norm (minutes)"),
        null=True,
        blank=True,
        help_text=_("Alert to start; 30 minutes for CoPI functions. Empty: no norm."),
    )
    group_override = models.CharField(
        _("group in this region"),
        max_length=20,
        choices=FunctionGroup.choices,
        blank=True,
        help_text=_(
            "Empty: the national group. E.g. a region that runs a function from the "
            "back office rather than in the field."
        ),
    )

    class Meta:
        verbose_name = _("regional function setting")
        verbose_name_plural = _("regional function settings")
        constraints = [
            models.UniqueConstraint(fields=["region", "function"], name="region_function_unique")
        ]

    def __str__(self) -> str:
        return f"{self.region.code} {self.local_name or self.function.name}"


class District(models.Model):
    """An on-call district (piketdistrict): a group of municipalities within one region."""

    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="districts", verbose_name=_("region")
    )
    name = models.CharField(_("name"), max_length=100)
    municipalities = models.ManyToManyField(
        Municipality, related_name="districts", verbose_name=_("municipalities")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("on-call district")
        verbose_name_plural = _("on-call districts")
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="district_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    """A member of the crisis organisation (functionaris)."""

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="people", verbose_name=_("region")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("home municipality"),
        help_text=_("The municipality the person works for; empty for regional staff."),
    )
    given_name = models.CharField(_("given name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=10, blank=True, help_text=_("e.g. van der"))
    surname = models.CharField(_("surname"), max_length=100)
    email = models.EmailField(_("e-mail"), unique=True)
    phone = models.CharField(
        _("mobile phone"), max_length=20, help_text=_("International format, e.g. +31612345678")
    )
    phone_alt = models.CharField(_("other phone"), max_length=20, blank=True)
    functions = models.ManyToManyField(
        Function, related_name="people", blank=True, verbose_name=_("functions")
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("login"),
    )
    calendar_token = models.CharField(max_length=64, unique=True, default=new_calendar_token)
    active = models.BooleanField(_("active"), default=True)
    kind = models.CharField(
        _("kind"),
        max_length=10,
        choices=PersonKind.choices,
        default=PersonKind.KEY,
        help_text=_(
            "Key-function holders are on a qualification path and on call; other civil "
            "servants may be called without a path."
        ),
    )

    class Meta:
        ordering = ["surname", "given_name"]
        verbose_name = _("functionary")
        verbose_name_plural = _("functionaries")
        indexes = [models.Index(fields=["region", "surname"], name="person_region_surname")]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.given_name, self.prefix, self.surname) if part)

    @property
    def sort_name(self) -> str:
        return f"{self.surname}, {self.given_name} {self.prefix}".strip()


class Pool(models.Model):
    """A group of people who share one on-call rota for one or more functions."""

    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="pools", verbose_name=_("region")
    )
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=20, choices=PoolKind.choices)
    municipalities = models.ManyToManyField(
        Municipality,
        related_name="pools",
        blank=True,
        verbose_name=_("municipalities served"),
        help_text=_("A regional pool serves the whole region; leave empty."),
    )
    functions = models.ManyToManyField(Function, related_name="pools", verbose_name=_("functions"))
    members = models.ManyToManyField(
        Person, related_name="pools", blank=True, verbose_name=_("members")
    )
    coordinator = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coordinated_pools",
        verbose_name=_("pool coordinator"),
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("pool")
        verbose_name_plural = _("pools")
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="pool_name_unique")]

    def __str__(self) -> str:
        return self.name


class OnCallShift(models.Model):
    """One person on hard or soft on-call for one function in one pool, from start to end."""

    pool = models.ForeignKey(
        Pool, on_delete=models.PROTECT, related_name="shifts", verbose_name=_("pool")
    )
    function = models.ForeignKey(
        Function, on_delete=models.PROTECT, related_name="shifts", verbose_name=_("function")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="shifts", verbose_name=_("person")
    )
    kind = models.CharField(_("on-call kind"), max_length=10, choices=OnCallKind.choices)
    starts_at = models.DateTimeField(_("start"))
    ends_at = models.DateTimeField(_("end"))
    source = models.CharField(
        _("source"), max_length=20, choices=ShiftSource.choices, default=ShiftSource.MANUAL
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    qualification_override = models.CharField(
        _("qualification override"),
        max_length=255,
        blank=True,
        help_text=_("Why a person who is not qualified was put on hard on-call anyway."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("on-call shift")
        verbose_name_plural = _("on-call shifts")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="shift_ends_after_start"
            )
        ]
        indexes = [
            models.Index(fields=["starts_at", "ends_at"], name="shift_period"),
            models.Index(fields=["person", "starts_at"], name="shift_person_start"),
            models.Index(fields=["pool", "starts_at"], name="shift_pool_start"),
        ]

    def __str__(self) -> str:
        start = timezone.localtime(self.starts_at)
        return f"{self.function.code} {self.person} {start:%d-%m-%Y %H:%M}"


class Unavailability(models.Model):
    """A period a person cannot be on call (holiday, sickness)."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="unavailabilities", verbose_name=_("person")
    )
    starts_at = models.DateTimeField(_("start"))
    ends_at = models.DateTimeField(_("end"))
    reason = models.CharField(_("reason"), max_length=20, choices=UnavailabilityReason.choices)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("unavailability")
        verbose_name_plural = _("unavailabilities")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="unavailability_ends_after_start"
            )
        ]
        indexes = [models.Index(fields=["person", "starts_at"], name="unavail_person_start")]

    def __str__(self) -> str:
        return f"{self.person} {self.get_reason_display()}"


class ShiftHandover(models.Model):
    """A shift (or its remainder) handed from one person to another: the swap history."""

    shift = models.ForeignKey(
        OnCallShift, on_delete=models.CASCADE, related_name="handovers", verbose_name=_("shift")
    )
    original_shift = models.ForeignKey(
        OnCallShift,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("original shift"),
        help_text=_("Set when only part of a shift was handed over."),
    )
    from_person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="handovers_given", verbose_name=_("from")
    )
    to_person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="handovers_taken", verbose_name=_("to")
    )
    from_at = models.DateTimeField(_("handed over from"))
    at = models.DateTimeField(_("recorded at"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    reason = models.CharField(_("reason"), max_length=255, blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("shift handover")
        verbose_name_plural = _("shift handovers")

    def __str__(self) -> str:
        return f"{self.from_person} → {self.to_person}"


class PersonKindChange(models.Model):
    """A person moved from key-function holder to civil servant or back; kept as history."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="kind_changes")
    from_kind = models.CharField(max_length=10, choices=PersonKind.choices)
    to_kind = models.CharField(max_length=10, choices=PersonKind.choices)
    at = models.DateTimeField(_("changed at"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=255, blank=True)

    class Meta:
        ordering = ["person", "-at"]
        verbose_name = _("change of kind")
        verbose_name_plural = _("changes of kind")

    def __str__(self) -> str:
        return f"{self.person}: {self.from_kind} → {self.to_kind}"


class Loan(models.Model):
    """A region lends one of its people to another region for a period (a crisis beyond one
    region). The borrowing region sees them in its on-call view and alert ladder; both regions
    see the loan. Ending a loan early sets `ended_at`; the row is kept."""

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="loans", verbose_name=_("person")
    )
    from_region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="loans_out", verbose_name=_("lending region")
    )
    to_region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="loans_in",
        verbose_name=_("borrowing region"),
    )
    functions = models.ManyToManyField(
        Function, related_name="+", blank=True, verbose_name=_("functions")
    )
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))
    reason = models.CharField(_("reason"), max_length=255)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    ended_at = models.DateTimeField(_("ended early"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("loan")
        verbose_name_plural = _("loans")
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="loan_period"),
            models.CheckConstraint(
                condition=~Q(from_region=F("to_region")), name="loan_other_region"
            ),
        ]
        indexes = [
            models.Index(fields=["to_region", "starts_at", "ends_at"], name="loan_borrower"),
            models.Index(fields=["from_region", "starts_at", "ends_at"], name="loan_lender"),
        ]

    def __str__(self) -> str:
        return f"{self.person} → {self.to_region.code}"
