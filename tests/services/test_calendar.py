"""sa_orders.services.calendar: "older than N days" as local midnights in TIME_ZONE."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import override_settings

from sa_orders.exceptions import DomainError
from sa_orders.services.calendar import cutoff_for_days

CHICAGO = ZoneInfo("America/Chicago")  # the tests' TIME_ZONE


def test_cutoff_counts_days_in_time_zone():
    now = datetime(2026, 3, 10, 3, 30, tzinfo=UTC)  # still March 9th in Chicago
    cutoff = cutoff_for_days(2, now)
    assert cutoff == datetime(2026, 3, 7, 0, 0, tzinfo=CHICAGO)
    assert cutoff.tzinfo is UTC
    with override_settings(TIME_ZONE="UTC"):
        assert cutoff_for_days(2, now) == datetime(2026, 3, 8, tzinfo=UTC)


def test_cutoff_across_a_daylight_saving_change():
    # Chicago moved its clocks forward on 2026-03-08: local midnight is still midnight.
    now = datetime(2026, 3, 9, 12, 0, tzinfo=UTC)
    assert cutoff_for_days(1, now).astimezone(CHICAGO) == datetime(2026, 3, 8, tzinfo=CHICAGO)
    assert cutoff_for_days(0, now) - cutoff_for_days(1, now) == timedelta(hours=23)


@pytest.mark.parametrize("days", [-1, 1.5, "3", True])
def test_cutoff_refuses_bad_days(days):
    with pytest.raises(DomainError):
        cutoff_for_days(days)
