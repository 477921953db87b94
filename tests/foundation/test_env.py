"""Settings are read through one typed helper that refuses what it cannot read."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list, env_str


@pytest.mark.parametrize("value", ["1", "true", "Yes", " on "])
def test_yes_values_read_as_true(monkeypatch, value):
    monkeypatch.setenv("X_FLAG", value)
    assert env_bool("X_FLAG", False) is True


@pytest.mark.parametrize("value", ["0", "false", "NO", "off"])
def test_no_values_read_as_false(monkeypatch, value):
    monkeypatch.setenv("X_FLAG", value)
    assert env_bool("X_FLAG", True) is False


def test_a_typo_in_a_yes_no_value_is_refused_not_read_as_false(monkeypatch):
    monkeypatch.setenv("X_FLAG", "flase")
    with pytest.raises(ImproperlyConfigured, match="X_FLAG='flase'"):
        env_bool("X_FLAG", True)


def test_unset_or_empty_values_take_the_default(monkeypatch):
    monkeypatch.delenv("X_NUMBER", raising=False)
    assert env_int("X_NUMBER", 7) == 7
    monkeypatch.setenv("X_NUMBER", "")
    assert env_int("X_NUMBER", 7) == 7
    assert env_str("X_UNSET_SETTING", "d") == "d"


def test_numbers_are_checked_for_form_and_range(monkeypatch):
    monkeypatch.setenv("X_NUMBER", "12")
    assert env_int("X_NUMBER", 0, minimum=0, maximum=23) == 12
    monkeypatch.setenv("X_NUMBER", "12h")
    with pytest.raises(ImproperlyConfigured, match="not a whole number"):
        env_int("X_NUMBER", 0)
    monkeypatch.setenv("X_NUMBER", "25")
    with pytest.raises(ImproperlyConfigured, match="out of range"):
        env_int("X_NUMBER", 0, minimum=0, maximum=23)


def test_lists_drop_empty_items(monkeypatch):
    monkeypatch.setenv("X_HOSTS", "a.example, ,b.example,")
    assert env_list("X_HOSTS") == ["a.example", "b.example"]
