"""The rules a norm and its in-growth path are checked against, with Dutch messages that
name the field (`services.norms` raises them together): ranges, required fields, and the
regional rule (stricter, never weaker than the national norm)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext as _

from oranje.organisation.models import Function
from oranje.quality.constants import (
    CODE_MAX,
    FIRST_YEAR,
    LAST_YEAR,
    TEXT_MAX,
    TITLE_MAX,
    Indicator,
    Measure,
    Process,
)
from oranje.quality.models import GrowthStep, Norm


@dataclass(frozen=True)
class NormInput:
    """What a norm form or the API hands over."""

    code: str
    title: str
    text: str
    process: str
    measure: str
    waterlijn: Decimal
    bandbreedte: Decimal = Decimal(0)
    indicator: str = ""
    function_id: int | None = None
    question: str = ""
    valid_from: dt.date = dt.date(2014, 4, 1)
    valid_until: dt.date | None = None
    national_norm_id: int | None = None
    source: str = ""
    sort_order: int = 0


@dataclass(frozen=True)
class StepInput:
    due_on: dt.date
    waterlijn: Decimal
    note: str = ""


@dataclass
class Problems:
    """Messages per field, raised together as one ValidationError."""

    errors: dict[str, list[str]] = field(default_factory=dict)

    def add(self, name: str, message: str) -> None:
        self.errors.setdefault(name, []).append(message)

    def raise_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


def as_decimal(value: object) -> Decimal:
    """A number as a Decimal (an int or float from a caller too)."""
    return value if isinstance(value, Decimal) else Decimal(str(value))


def pct(value: Decimal | float | int) -> str:
    """A percentage as people write it, in the language of the page: 95, 97,5."""
    number = as_decimal(value).quantize(Decimal("0.1"))
    if number == number.to_integral_value():
        return str(int(number))
    return formats.number_format(number, 1)


def check_text(problems: Problems, name: str, label: str, value: str, limit: int) -> None:
    if len(value) > limit:
        problems.add(
            name,
            _("%(field)s: at most %(max)s characters.") % {"field": label, "max": limit},
        )


def check_date(problems: Problems, name: str, label: str, value: dt.date | None) -> None:
    if value is not None and not FIRST_YEAR <= value.year <= LAST_YEAR:
        problems.add(
            name,
            _("%(field)s: choose a date from %(first)s to %(last)s.")
            % {"field": label, "first": FIRST_YEAR, "last": LAST_YEAR},
        )


def check_percent(
    problems: Problems, name: str, label: str, value: Decimal, *, points: bool = False
) -> bool:
    """A percentage (or, `points`, percentage points) from 0 to 100 with at most one decimal;
    whether it is one."""
    if not value.is_finite():
        problems.add(name, _("%(field)s: fill in a number.") % {"field": label})
        return False
    if value < 0:
        if points:
            problems.add(
                name,
                _(
                    "%(field)s: %(value)s is below zero; give the percentage points a "
                    "municipality may be below the waterlijn (0 or more)."
                )
                % {"field": label, "value": pct(value) if abs(value) < 1000 else value},
            )
        else:
            problems.add(
                name,
                _("%(field)s: %(value)s%% is outside 0–100%%.")
                % {"field": label, "value": pct(value) if abs(value) < 1000 else value},
            )
        return False
    if value > 100:
        if points:
            problems.add(
                name,
                _("%(field)s: %(value)s is above 100 percentage points.")
                % {"field": label, "value": pct(value) if value < 1000 else value},
            )
        else:
            problems.add(
                name,
                _("%(field)s: %(value)s%% is outside 0–100%%.")
                % {"field": label, "value": pct(value) if value < 1000 else value},
            )
        return False
    if value != value.quantize(Decimal("0.1")):
        problems.add(name, _("%(field)s: a number with at most one decimal.") % {"field": label})
        return False
    return True


def check_fields(problems: Problems, data: NormInput) -> None:
    code = data.code.strip()
    if not code:
        problems.add("code", _("code: fill in a code, e.g. ORG-CPG."))
    check_text(problems, "code", _("code"), code, CODE_MAX)
    if not data.title.strip():
        problems.add("title", _("short name: fill in a short name."))
    check_text(problems, "title", _("short name"), data.title, TITLE_MAX)
    if not data.text.strip():
        problems.add("text", _("norm: describe what the norm asks."))
    check_text(problems, "text", _("norm"), data.text, TEXT_MAX)
    check_text(problems, "question", _("self-assessment question"), data.question, TEXT_MAX)
    check_text(problems, "source", _("source"), data.source, TITLE_MAX)
    if data.process not in Process.values:
        problems.add("process", _("process: choose one of the processes."))
    if data.measure not in Measure.values:
        problems.add("measure", _("measured by: choose an indicator or a self-assessment."))
    if data.measure == Measure.INDICATOR and not data.indicator:
        problems.add(
            "indicator", _("indicator: a norm measured by an indicator needs an indicator.")
        )
    if data.indicator and data.indicator not in Indicator.values:
        problems.add("indicator", _("indicator: choose one of the indicators."))
    if data.measure == Measure.SELF_ASSESSMENT and not data.question.strip():
        problems.add(
            "question",
            _("self-assessment question: a norm measured by self-assessment needs a question."),
        )
    if data.function_id is not None and not Function.objects.filter(pk=data.function_id).exists():
        problems.add("function", _("function: choose a function of the catalogue."))
    check_percent(problems, "waterlijn", _("waterlijn"), data.waterlijn)
    check_percent(problems, "bandbreedte", _("bandbreedte"), data.bandbreedte, points=True)
    check_date(problems, "valid_from", _("in force from"), data.valid_from)
    check_date(problems, "valid_until", _("in force until"), data.valid_until)
    if data.valid_until is not None and data.valid_until < data.valid_from:
        problems.add(
            "valid_until",
            _("in force until: %(until)s is before in force from (%(from)s).")
            % {"until": day_text(data.valid_until), "from": day_text(data.valid_from)},
        )


def day_text(day: dt.date) -> str:
    """A date as the norms write it: 1-1-2026."""
    return f"{day.day}-{day.month}-{day.year}"


def weaker_problems(norm: Norm | NormInput, national: Norm) -> dict[str, str]:
    """Why `norm` is weaker than the national norm, per field (empty: not weaker)."""
    found: dict[str, str] = {}
    if norm.waterlijn < national.waterlijn:
        found["waterlijn"] = _(
            "waterlijn: %(value)s%% is lower than the national norm %(code)s (%(national)s%%); "
            "a region may be stricter, never weaker."
        ) % {
            "value": pct(norm.waterlijn),
            "code": national.code,
            "national": pct(national.waterlijn),
        }
    if norm.bandbreedte > national.bandbreedte:
        found["bandbreedte"] = _(
            "bandbreedte: %(value)s is wider than the national norm %(code)s (%(national)s); "
            "a region may be stricter, never weaker."
        ) % {
            "value": pct(norm.bandbreedte),
            "code": national.code,
            "national": pct(national.bandbreedte),
        }
    return found


def check_against_steps(problems: Problems, norm: Norm, data: NormInput) -> None:
    for step in norm.growth_steps.all():
        if data.valid_until is not None and step.due_on > data.valid_until:
            problems.add(
                "valid_until",
                _(
                    "in force until: the in-growth step until %(date)s lies after it; change the "
                    "in-growth path first."
                )
                % {"date": day_text(step.due_on)},
            )
        if step.waterlijn > data.waterlijn:
            problems.add(
                "waterlijn",
                _(
                    "waterlijn: %(value)s%% is below the in-growth step until %(date)s "
                    "(%(step)s%%); change the in-growth path first."
                )
                % {
                    "value": pct(data.waterlijn),
                    "date": day_text(step.due_on),
                    "step": pct(step.waterlijn),
                },
            )


def _level(steps: list[StepInput] | list[GrowthStep], final: Decimal, day: dt.date) -> Decimal:
    for step in steps:
        if step.due_on > day:
            return step.waterlijn
    return final


def weaker_path(
    steps: list[StepInput], waterlijn: Decimal, start: dt.date, national: Norm
) -> tuple[dt.date, Decimal, Decimal] | None:
    """The first day from `start` on which a regional in-growth path (`steps`, then
    `waterlijn`) would be below the national norm's waterlijn in force: (day, regional level,
    national level); None when it never is. Both levels change only on a step's date, so
    those days (and the first) are the ones to compare."""
    ours = sorted(steps, key=lambda s: s.due_on)
    theirs = sorted(national.growth_steps.all(), key=lambda s: s.due_on)
    days = {start, *(s.due_on for s in ours), *(s.due_on for s in theirs)}
    for day in sorted(d for d in days if d >= start):
        mine = _level(ours, waterlijn, day)
        floor = _level(theirs, national.waterlijn, day)
        if mine < floor:
            return day, mine, floor
    return None
