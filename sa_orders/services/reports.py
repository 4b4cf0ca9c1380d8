"""Figures about the business, for the dashboard and the commands, on every backend.

Revenue is what paid and shipped orders brought in (their totals, after discounts);
pending orders have not paid yet and cancelled ones never will.

Each figure is read from what the database keeps ahead of time
(:mod:`sa_orders.models.kept`), so that it costs the same on any number of orders, and
can also be computed afresh from the orders (``fresh=True``): the same numbers, at a
cost that grows with the orders. The kept figures are used whenever they can answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from sa_orders.models import ZERO, Customer, CustomerFigures, Item, Order, OrderStatus
from sa_orders.models.kept import (
    BUCKET_SECONDS,
    EPOCH,
    REVENUE_STATUSES,
    bucket_of,
    order_rollup,
    status_counts,
)
from sa_orders.services import kept
from sa_orders.services.calendar import local_midnight

DAYS = kept.RECENT_DAYS
TOP_CUSTOMERS = 5
_REVENUE = [status.value for status in REVENUE_STATUSES]


@dataclass(frozen=True)
class DayRevenue:
    day: date
    orders: int
    revenue: Decimal


def revenue_per_day(
    session: Session, *, today: date, days: int = DAYS, fresh: bool = False
) -> list[DayRevenue]:
    """Revenue (a ``Decimal``) and paying orders for each of the ``days`` days up to
    ``today``, in ``TIME_ZONE``, a day without orders included as zero.

    The days' boundaries (local midnights as UTC instants) are computed in Python; one
    query sorts each quarter hour of the kept rollup into its day with a CASE over those
    boundaries and sums per day: at most 96 rows a day and status are read, whatever the
    number of orders, and the database needs no time zone support. A time zone whose
    midnights are not on a quarter hour of UTC (some before 1980) is answered from the
    orders, as ``fresh`` is.
    """
    first = today - timedelta(days=days - 1)
    bounds = [local_midnight(first + timedelta(days=n)) for n in range(days + 1)]
    if fresh or not all(_on_quarter_hour(bound) for bound in bounds):
        sums = _revenue_from_orders(session, bounds)
    else:
        sums = _revenue_from_rollup(session, bounds)
    return [DayRevenue(first + timedelta(days=n), *sums.get(n, (0, ZERO))) for n in range(days)]


def _on_quarter_hour(moment: datetime) -> bool:
    return (moment - EPOCH) % timedelta(seconds=BUCKET_SECONDS) == timedelta(0)


def _day_index(moment: Any, bounds: Sequence[Any]) -> ColumnElement[int]:
    """Which day (0 for the first) ``moment`` falls in, the days ending at ``bounds``."""
    return case(*((moment < bound, index) for index, bound in enumerate(bounds)))


def _bucket_day(bucket: Any, buckets: Sequence[int]) -> ColumnElement[int]:
    """Which day (0 for the first) quarter hour ``bucket`` is in, the days starting at
    ``buckets`` (and the last one ending at the last of them): by arithmetic over each run
    of days of the same length (96 quarter hours; 92 or 100 when the clocks change), so
    that a row costs one or two comparisons rather than one per day."""
    runs: list[tuple[int, int, int]] = []  # (first day, its first quarter hour, day length)
    for day in range(len(buckets) - 1):
        length = buckets[day + 1] - buckets[day]
        if not runs or runs[-1][2] != length:
            runs.append((day, buckets[day], length))
    formulas: list[ColumnElement[int]] = [
        first + (bucket - start) // length for first, start, length in runs
    ]
    if len(runs) == 1:
        return formulas[0]
    return case(
        *((bucket < runs[n + 1][1], formulas[n]) for n in range(len(runs) - 1)),
        else_=formulas[-1],
    )


def _revenue_from_rollup(
    session: Session, bounds: list[datetime]
) -> dict[int, tuple[int, Decimal]]:
    rollup = order_rollup.c
    buckets = [bucket_of(bound) for bound in bounds]
    dated = (
        select(
            _bucket_day(rollup.bucket, buckets).label("day_index"), rollup.orders, rollup.revenue
        )
        .where(
            rollup.bucket >= buckets[0],
            rollup.bucket < buckets[-1],
            rollup.status.in_(_REVENUE),
        )
        .subquery()
    )
    return {
        index: (int(count), total)
        for index, count, total in session.execute(
            select(dated.c.day_index, func.sum(dated.c.orders), func.sum(dated.c.revenue))
            .group_by(dated.c.day_index)
            .having(func.sum(dated.c.orders) > 0)
        )
    }


def _revenue_from_orders(
    session: Session, bounds: list[datetime]
) -> dict[int, tuple[int, Decimal]]:
    dated = (
        select(_day_index(Order.order_date, bounds[1:]).label("day_index"), Order.total_amount)
        .where(
            Order.order_date >= bounds[0],
            Order.order_date < bounds[-1],
            Order.status.in_(REVENUE_STATUSES),
        )
        .subquery()
    )
    return {
        index: (count, total)
        for index, count, total in session.execute(
            select(dated.c.day_index, func.count(), func.sum(dated.c.total_amount)).group_by(
                dated.c.day_index
            )
        )
    }


@dataclass(frozen=True)
class CustomerRevenue:
    id: int
    name: str
    email: str
    orders: int
    revenue: Decimal


def top_customers(
    session: Session,
    *,
    first: date,
    last: date,
    limit: int = TOP_CUSTOMERS,
    fresh: bool = False,
) -> list[CustomerRevenue]:
    """The customers whose paid and shipped orders from day ``first`` to day ``last``
    (both included, in ``TIME_ZONE``) add up to the most (more than nothing), biggest
    first; ties by name.

    A span of :data:`DAYS` days that does not go back in time from the kept one is read
    from the customers' kept recent figures, the window they cover moved to it first (a
    day's orders in and a day's out, on the first view of a day). Any other span, or a
    window another transaction is moving right now, is computed from the orders, as
    ``fresh`` is.
    """
    starts, ends = local_midnight(first), local_midnight(last + timedelta(days=1))
    if not fresh and (last - first).days + 1 == DAYS and _kept_window_moved(session, starts, ends):
        return _top_from_figures(session, limit)
    revenue = func.sum(Order.total_amount).label("revenue")
    rows = session.execute(
        select(Customer.id, Customer.name, Customer.email, func.count(Order.id), revenue)
        .join(Order, Order.customer_id == Customer.id)
        .where(
            Order.order_date >= starts,
            Order.order_date < ends,
            Order.status.in_(REVENUE_STATUSES),
        )
        .group_by(Customer.id, Customer.name, Customer.email)
        .having(revenue > 0)
        .order_by(revenue.desc(), Customer.name, Customer.id)
        .limit(limit)
    )
    return [CustomerRevenue(*row) for row in rows]


def _kept_window_moved(session: Session, starts: datetime, ends: datetime) -> bool:
    """Whether the kept recent figures cover ``starts`` to ``ends`` now (moving them
    there when that goes forward in time)."""
    window = kept.current_window(session)
    if window == (starts, ends):
        return True
    if window is not None and starts < window[0]:
        return False  # an older span: moving back and forth would cost more than it saves
    try:
        with session.begin_nested():
            kept.move_recent_window(session, starts, ends, nowait=True)
    except (OperationalError, IntegrityError):
        return False  # another request is moving it (or made it) at this moment
    return True


def _top_from_figures(session: Session, limit: int) -> list[CustomerRevenue]:
    """The top customers by their kept recent revenue: the ``limit``-th largest revenue
    is read from the index on it first (its own query, so that the planner sees the
    bound as a value and reads the customers at or above it from the same index), then
    those customers are sorted by revenue and name, as the fresh query breaks ties."""
    figures = CustomerFigures
    threshold = session.scalar(
        select(figures.recent_revenue)
        .where(figures.recent_revenue > 0)
        .order_by(figures.recent_revenue.desc())
        .offset(limit - 1)
        .limit(1)
    )
    rows = session.execute(
        select(
            Customer.id,
            Customer.name,
            Customer.email,
            figures.recent_orders,
            figures.recent_revenue,
        )
        .join(figures, figures.customer_id == Customer.id)
        .where(
            figures.recent_revenue >= threshold
            if threshold is not None
            else figures.recent_revenue > 0  # fewer than ``limit`` customers
        )
        .order_by(figures.recent_revenue.desc(), Customer.name, Customer.id)
        .limit(limit)
    )
    return [CustomerRevenue(*row) for row in rows]


def orders_by_status(session: Session, *, fresh: bool = False) -> dict[OrderStatus, int]:
    """How many orders each status has, every status listed (zero too); from the kept
    counts unless ``fresh``."""
    if fresh:
        stmt = select(Order.status, func.count()).group_by(Order.status)
    else:
        stmt = select(status_counts.c.status, status_counts.c.orders)
    counts = {OrderStatus(status): int(count) for status, count in session.execute(stmt)}
    return {status: counts.get(status, 0) for status in OrderStatus}


def counts(session: Session) -> dict[str, int]:
    """How many customers, items and orders there are (one query)."""
    row = session.execute(
        select(
            select(func.count()).select_from(Customer).scalar_subquery().label("customers"),
            select(func.count()).select_from(Item).scalar_subquery().label("items"),
            select(func.count()).select_from(Order).scalar_subquery().label("orders"),
        )
    ).one()
    return {"customers": row.customers, "items": row.items, "orders": row.orders}
