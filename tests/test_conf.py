import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from sa_orders.conf import DEFAULTS, get_config
from sa_orders.db.session import session_factory


def test_defaults_when_the_setting_is_absent(settings):
    del settings.SA_ORDERS
    assert get_config() == DEFAULTS
    assert get_config()["DATABASE"] == "default"


def test_user_values_are_laid_over_the_defaults():
    with override_settings(SA_ORDERS={"DATABASE": "other"}):
        config = get_config()
        assert config["DATABASE"] == "other"
        assert config["ENGINE_OPTIONS"] == {}
    # the cache was cleared again when the override ended
    assert get_config()["DATABASE"] == "default"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"DATABSE": "default"}, "Unknown key.*DATABSE"),
        ({"ENGINE_OPTIONS": ["pool_size", 5]}, "ENGINE_OPTIONS.*wrong type"),
        ({"DATABASE": 1}, "DATABASE.*wrong type"),
        ({"SESSION_OPTIONS": {"expire_on_comit": True}}, "expire_on_comit"),
        ("default", "must be a dict"),
    ],
)
def test_invalid_settings_are_refused_with_a_clear_message(value, message):
    with override_settings(SA_ORDERS=value), pytest.raises(ImproperlyConfigured, match=message):
        get_config()


def test_session_options_reach_the_sessionmaker():
    assert session_factory().kw["expire_on_commit"] is False
    assert session_factory().kw["close_resets_only"] is False
    with override_settings(SA_ORDERS={"SESSION_OPTIONS": {"autoflush": False}}):
        assert session_factory().kw["autoflush"] is False
        assert session_factory().kw["expire_on_commit"] is False
