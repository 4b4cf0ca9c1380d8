"""Figures about the business, for the dashboard and the commands: one query each, on
every backend.

Revenue is what paid and shipped orders brought in (their totals, after discounts);
pending orders have not paid yet and cancelled ones never will.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from sa_orders.models import ZERO, Customer, Item, Order, OrderStatus
from sa_orders.services.calendar import local_midnight

REVENUE_STATUSES = (OrderStatus.PAID, OrderStatus.SHIPPED)
DAYS = 90
TOP_CUSTOMERS = 5


@dataclass(frozen=True)
class DayRevenue:
    day: date
    orders: int
    revenue: Decimal


def revenue_per_day(session: Session, *, today: date, days: int = DAYS) -> list[DayRevenue]:
    """Revenue (a ``Decimal``) and paying orders for each of the ``days`` days up to
    ``today``, in ``TIME_ZONE``, a day without orders included as zero.

    The days' boundaries (local midnights as UTC instants) are computed in Python; one
    query sorts each order into its day with a CASE over those boundaries and sums per
    day, so the database needs no time zone support and sends back at most ``days`` rows.
    """
    first = today - timedelta(days=days - 1)
    bounds = [local_midnight(first + timedelta(days=n)) for n in range(days + 1)]
    day_index = case(
        *((Order.order_date < bound, index) for index, bound in enumerate(bounds[1:])),
    )
    dated = (
        select(day_index.label("day_index"), Order.total_amount)
        .where(
            Order.order_date >= bounds[0],
            Order.order_date < bounds[-1],
            Order.status.in_(REVENUE_STATUSES),
        )
        .subquery()
    )
    sums = {
        index: (count, total)
        for index, count, total in session.execute(
            select(dated.c.day_index, func.count(), func.sum(dated.c.total_amount)).group_by(
                dated.c.day_index
            )
        )
    }
    return [DayRevenue(first + timedelta(days=n), *sums.get(n, (0, ZERO))) for n in range(days)]


@dataclass(frozen=True)
class CustomerRevenue:
    id: int
    name: str
    email: str
    orders: int
    revenue: Decimal


def top_customers(
    session: Session, *, first: date, last: date, limit: int = TOP_CUSTOMERS
) -> list[CustomerRevenue]:
    """The customers whose paid and shipped orders from day ``first`` to day ``last``
    (both included, in ``TIME_ZONE``) add up to the most, biggest first; ties by name."""
    revenue = func.sum(Order.total_amount).label("revenue")
    rows = session.execute(
        select(Customer.id, Customer.name, Customer.email, func.count(Order.id), revenue)
        .join(Order, Order.customer_id == Customer.id)
        .where(
            Order.order_date >= local_midnight(first),
            Order.order_date < local_midnight(last + timedelta(days=1)),
            Order.status.in_(REVENUE_STATUSES),
        )
        .group_by(Customer.id, Customer.name, Customer.email)
        .order_by(revenue.desc(), Customer.name, Customer.id)
        .limit(limit)
    )
    return [CustomerRevenue(*row) for row in rows]


def orders_by_status(session: Session) -> dict[OrderStatus, int]:
    """How many orders each status has, every status listed (zero too)."""
    counts = dict(session.execute(select(Order.status, func.count()).group_by(Order.status)).all())
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
