"""Days as the shop counts them: calendar days in ``TIME_ZONE``, turned into UTC instants.

Days are cut in Python, never with the database's time zone functions (SQLite has none,
MariaDB's need time zone tables loaded): a day is the UTC range between two local
midnights, 23 or 25 hours long when the clocks change.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from django.utils import timezone
from django.utils.translation import gettext

from sa_orders.exceptions import DomainError


def local_midnight(day: date) -> datetime:
    """The instant ``day`` begins in ``TIME_ZONE``, as an aware UTC datetime."""
    zone = timezone.get_default_timezone()
    return datetime.combine(day, time.min, tzinfo=zone).astimezone(UTC)


def day_range(first: date | None, last: date | None) -> tuple[datetime | None, datetime | None]:
    """The instants from the start of day ``first`` (included) to the start of the day after
    ``last`` (excluded), in ``TIME_ZONE``; None for no bound: a day not given, or one at
    the calendar's edge, whose start a datetime cannot hold (0001-01-01 east of UTC, the
    day after 9999-12-31), which every stored instant is after or before."""
    return _start_of(first), _start_of(last, days_after=1)


def _start_of(day: date | None, *, days_after: int = 0) -> datetime | None:
    if day is None:
        return None
    try:
        return local_midnight(day + timedelta(days=days_after))
    except OverflowError:
        return None


def cutoff_for_days(days: int, now: datetime | None = None) -> datetime:
    """Midnight, ``days`` days before today in ``TIME_ZONE``, as an aware UTC datetime.

    "Older than 30 days" means an order date before this instant.
    """
    if isinstance(days, bool) or not isinstance(days, int) or days < 0:
        raise DomainError(
            gettext("The number of days must be a whole number of 0 or more."),
            field="days",
            code="invalid",
        )
    zone = timezone.get_default_timezone()
    today = (now or timezone.now()).astimezone(zone).date()
    try:
        return local_midnight(today - timedelta(days=days))
    except OverflowError:
        raise DomainError(
            gettext("The number of days must be at most %(max)d.")
            % {"max": (today - date.min).days - 1},
            field="days",
            code="invalid",
        ) from None
