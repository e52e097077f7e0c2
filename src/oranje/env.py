"""Strict readers for settings from the environment.

A setting that is present but malformed is an error at start-up, never a silent default:
a crisis system that quietly runs with the wrong database or mail server is worse than one
that refuses to start.
"""

import os
import re

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0/true/false/yes/no/on/off, got {raw!r}")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, got {raw!r}") from exc
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, got {value}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_choices(name: str, default: list[str], *, allowed: list[str]) -> list[str]:
    """A comma-separated list whose every item must be one of `allowed`."""
    values = env_list(name, default)
    unknown = [value for value in values if value not in allowed]
    if unknown:
        raise ImproperlyConfigured(
            f"{name}: unknown value(s) {', '.join(unknown)}; choose from {', '.join(allowed)}"
        )
    return values


_RATE = re.compile(r"^[1-9][0-9]{0,8}/(second|minute|hour|day)$")


def env_rate(name: str, default: str) -> str:
    """A request rate as DRF reads it: a number of requests per second, minute, hour or day."""
    value = os.environ.get(name, default).strip()
    if not _RATE.match(value):
        raise ImproperlyConfigured(
            f"{name} must look like 60/minute (per second, minute, hour or day), got {value!r}"
        )
    return value
