from __future__ import annotations

import pytest

from oranje.registry.services import merges, persons


@pytest.fixture(autouse=True)
def _matching_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests run inside one transaction that never commits: the registry's after-commit
    matching (a check-in writes the registry) runs at once instead."""
    monkeypatch.setattr(persons, "after_commit", lambda fn: fn())
    monkeypatch.setattr(merges, "after_commit", lambda fn: fn())


@pytest.fixture(autouse=True)
def _fresh_indexes() -> None:
    from oranje.registry import matching

    matching._persons.clear()
    matching._inquiries.clear()
