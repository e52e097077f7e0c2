import pytest
from django.core.exceptions import ImproperlyConfigured

from oranje.env import env_bool, env_int, env_list


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
