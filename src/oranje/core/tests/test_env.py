import pytest
from django.core.exceptions import ImproperlyConfigured

from oranje.env import env_bool, env_choices, env_int, env_list, env_rate


def test_booleans_are_read_strictly(monkeypatch):
    monkeypatch.setenv("X_FLAG", "yes")
    assert env_bool("X_FLAG", False) is True
    monkeypatch.setenv("X_FLAG", "jawel")
    with pytest.raises(ImproperlyConfigured, match="X_FLAG"):
        env_bool("X_FLAG", False)


def test_numbers_are_read_strictly(monkeypatch):
    monkeypatch.setenv("X_PORT", "25x")
    with pytest.raises(ImproperlyConfigured, match="whole number"):
        env_int("X_PORT", 25)
    monkeypatch.setenv("X_PORT", "0")
    with pytest.raises(ImproperlyConfigured, match="at least 1"):
        env_int("X_PORT", 25, minimum=1)


def test_lists_split_on_commas(monkeypatch):
    monkeypatch.setenv("X_HOSTS", "a.nl, b.nl,,")
    assert env_list("X_HOSTS", []) == ["a.nl", "b.nl"]
    monkeypatch.delenv("X_HOSTS")
    assert env_list("X_HOSTS", ["c"]) == ["c"]


def test_choices_refuse_an_unknown_item(monkeypatch):
    monkeypatch.setenv("X_ROLES", "coordinator, registry_officer")
    assert env_choices("X_ROLES", [], allowed=["coordinator", "registry_officer"]) == [
        "coordinator",
        "registry_officer",
    ]
    monkeypatch.setenv("X_ROLES", "coordinator,boss")
    with pytest.raises(ImproperlyConfigured, match="boss"):
        env_choices("X_ROLES", [], allowed=["coordinator"])


def test_rates_are_read_strictly(monkeypatch):
    monkeypatch.setenv("X_RATE", "100/hour")
    assert env_rate("X_RATE", "1/second") == "100/hour"
    for bad in ("100", "100/week", "0/minute", "-1/minute", "veel/minute"):
        monkeypatch.setenv("X_RATE", bad)
        with pytest.raises(ImproperlyConfigured, match="X_RATE"):
            env_rate("X_RATE", "1/second")
