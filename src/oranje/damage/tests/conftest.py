"""Fixtures of the damage room's tests."""

from oranje.damage.tests.public_fixtures import handler, incident, media, open_form

__all__ = ["handler", "incident", "media", "open_form"]
