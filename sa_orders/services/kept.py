"""The kept figures (:mod:`sa_orders.models.kept`) against a fresh computation: checked,
rebuilt, and the recent window moved.

The database's triggers keep the figures; nothing here is needed for them to be right.
This is for proving that they are (:func:`differences`, which the consistency tests
run), for repairing them after something went around the triggers (a restore of some
tables only, a load with triggers disabled: :func:`rebuild`, run by ``sa_recalc_totals
--kept``), and for moving the window of days the customers' recent figures cover
(:func:`move_recent_window`, which the dashboard calls when a new day has begun).

Every figure has one fresh computation here (:func:`fresh_customer_figures` and
friends), which the check, the repair and the migration that created the figures share.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    case,
    delete,
    func,
    insert,
    literal,
    or_,
    select,
    type_coerce,
    update,
)
from sqlalchemy.orm import Session

from sa_orders.db import bulk
from sa_orders.db.mapping import table_of
from sa_orders.db.types import MoneySum, cents
from sa_orders.models import Customer, Order, OrderItem
from sa_orders.models.kept import (
    REVENUE_STATUSES,
    CustomerFigures,
    OrderFigures,
    order_rollup,
    quarter_hour,
    recent_window,
    status_counts,
)
from sa_orders.services import writes
from sa_orders.services.calendar import local_midnight
from sa_orders.services.maintenance import id_ranges

Rows = Select[*tuple[Any, ...]]  # a SELECT of any columns

WINDOW_ID = 1
RECENT_DAYS = 90  # the dashboard's window: the last 90 days, today included

customers_table = CustomerFigures.__table__
orders_figures_table = OrderFigures.__table__


# --- the window of the recent figures ---------------------------------------------


def window_for(today: date, days: int = RECENT_DAYS) -> tuple[datetime, datetime]:
    """The recent window ending with ``today`` (in ``TIME_ZONE``): from the midnight that
    starts its first day to the one that ends ``today``."""
    return local_midnight(today - timedelta(days=days - 1)), local_midnight(
        today + timedelta(days=1)
    )


def current_window(
    session: Session, *, lock: bool = False, nowait: bool = False
) -> tuple[datetime, datetime] | None:
    """The window the kept recent figures cover now, or None before the first one;
    ``lock`` locks its row (raising at once if another transaction holds it, with
    ``nowait``)."""
    stmt = select(recent_window.c.starts_at, recent_window.c.ends_at).where(
        recent_window.c.id == WINDOW_ID
    )
    if lock:
        stmt = stmt.with_for_update(nowait=nowait)
    row = session.execute(stmt).first()
    if row is None or row.starts_at is None or row.ends_at is None:
        return None
    return row.starts_at, row.ends_at


def _recent(order: Any, window: tuple[datetime, datetime] | None) -> ColumnElement[bool]:
    if window is None:
        return literal(False)
    return and_(
        order.status.in_([status.value for status in REVENUE_STATUSES]),
        order.order_date >= window[0],
        order.order_date < window[1],
    )


def _add_recent(session: Session, starts: datetime, ends: datetime, sign: int) -> None:
    """Add (``sign`` 1) or take away (-1) the recent figures of the orders dated from
    ``starts`` to ``ends`` to their customers'."""
    if starts >= ends:
        return
    recent = (
        select(
            Order.customer_id.label("customer_id"),
            func.count().label("orders"),
            _money_sum(Order.total_amount).label("revenue"),
        )
        .where(_recent(Order, (starts, ends)))
        .group_by(Order.customer_id)
        .subquery("moving")
    )
    session.execute(
        update(CustomerFigures)
        .where(CustomerFigures.customer_id == recent.c.customer_id)
        .values(
            recent_orders=(
                CustomerFigures.recent_orders + recent.c.orders
                if sign > 0
                else CustomerFigures.recent_orders - recent.c.orders
            ),
            # no literal sign: it would be bound as money (in cents, on SQLite)
            recent_revenue=(
                CustomerFigures.recent_revenue + recent.c.revenue
                if sign > 0
                else CustomerFigures.recent_revenue - recent.c.revenue
            ),
        )
        .execution_options(synchronize_session=False)
    )


def move_recent_window(
    session: Session, starts: datetime, ends: datetime, *, nowait: bool = False
) -> bool:
    """Make the customers' recent figures cover the orders dated from ``starts``
    (included) to ``ends`` (excluded); return whether the window moved.

    The window row is locked first, so that no trigger reads the old window while its
    orders are moved (with ``nowait``, a window another transaction is using raises
    :class:`sqlalchemy.exc.OperationalError` at once instead of waiting): the orders that
    leave are taken away and those that enter added, a day's worth each when one day
    follows the next; a window that does not overlap the old one is computed afresh.
    """
    old = current_window(session, lock=True, nowait=nowait)
    if old == (starts, ends):
        return False
    if (
        old is None
        and session.execute(
            select(recent_window.c.id).where(recent_window.c.id == WINDOW_ID)
        ).first()
        is None
    ):
        session.execute(insert(recent_window).values(id=WINDOW_ID))
        current_window(session, lock=True)
    if old is None or starts >= old[1] or ends <= old[0]:
        session.execute(
            update(CustomerFigures)
            .where(or_(CustomerFigures.recent_orders != 0, CustomerFigures.recent_revenue != 0))
            .values(recent_orders=0, recent_revenue=0)
            .execution_options(synchronize_session=False)
        )
        _add_recent(session, starts, ends, 1)
    else:
        old_starts, old_ends = old
        _add_recent(session, old_starts, starts, -1)  # days that left (if it moved on)
        _add_recent(session, starts, old_starts, 1)  # days that came in at the start
        _add_recent(session, old_ends, ends, 1)  # days that came in at the end
        _add_recent(session, ends, old_ends, -1)  # days that left at the end
    session.execute(
        update(recent_window)
        .where(recent_window.c.id == WINDOW_ID)
        .values(starts_at=starts, ends_at=ends)
    )
    writes.forget_loaded(session, CustomerFigures, ["recent_orders", "recent_revenue"])
    return True


# --- fresh computations ---------------------------------------------------------------


def _money_sum(amount: Any) -> ColumnElement[Decimal]:
    """The sum of ``amount`` (0 for no rows) as a kept sum stores it."""
    return type_coerce(func.coalesce(func.sum(cents(amount)), 0), MoneySum())


def fresh_customer_figures(
    window: tuple[datetime, datetime] | None, between: tuple[int, int] | None = None
) -> Rows:
    """(customer_id, order_count, recent_orders, recent_revenue) of every customer (or of
    those whose ids are ``between`` two, both included), from the orders themselves."""
    recent = _recent(Order, window)
    joined = Order.customer_id == Customer.id
    if between is not None:  # on both sides: no database carries a range across a join
        joined = and_(joined, Order.customer_id.between(*between))
    stmt = (
        select(
            Customer.id.label("customer_id"),
            func.count(Order.id).label("order_count"),
            func.coalesce(func.sum(case((recent, 1), else_=0)), 0).label("recent_orders"),
            _money_sum(case((recent, Order.total_amount), else_=0)).label("recent_revenue"),
        )
        .select_from(Customer)
        .outerjoin(Order, joined)
        .group_by(Customer.id)
    )
    return stmt.where(Customer.id.between(*between)) if between is not None else stmt


def fresh_order_figures(between: tuple[int, int] | None = None) -> Rows:
    """(order_id, line_count) of every order (or of those whose ids are ``between`` two),
    from its lines."""
    joined = OrderItem.order_id == Order.id
    if between is not None:
        joined = and_(joined, OrderItem.order_id.between(*between))
    stmt = (
        select(Order.id.label("order_id"), func.count(OrderItem.item_id).label("line_count"))
        .select_from(Order)
        .outerjoin(OrderItem, joined)
        .group_by(Order.id)
    )
    return stmt.where(Order.id.between(*between)) if between is not None else stmt


def fresh_rollup() -> Rows:
    """(bucket, status, orders, revenue) of every quarter hour and status with orders."""
    bucket = quarter_hour(Order.order_date)
    return select(
        bucket.label("bucket"),
        Order.status.label("status"),
        func.count().label("orders"),
        _money_sum(Order.total_amount).label("revenue"),
    ).group_by(bucket, Order.status)


def fresh_status_counts() -> Rows:
    return select(Order.status.label("status"), func.count().label("orders")).group_by(Order.status)


# --- checking ------------------------------------------------------------------------


@dataclass(frozen=True)
class Difference:
    figure: str  # "order count of customer 12", "orders of quarter hour 1985133/paid", ...
    kept: Any
    fresh: Any
    key: tuple[Any, ...] = ()  # the row's key: (12,), (1985133, "paid"), ...

    def __str__(self) -> str:
        return f"{self.figure}: kept {self.kept}, fresh {self.fresh}"


def _compare(
    label: str,
    names: Sequence[str],
    keys: int,
    kept: Rows,
    fresh: Rows,
    session: Session,
    zero: tuple[Any, ...],
) -> list[Difference]:
    """Rows of ``kept`` and ``fresh`` (their first ``keys`` columns the key, then the
    figures ``names``) that differ; a row one has and the other lacks counts as zeros."""
    have = {tuple(row[:keys]): tuple(row[keys:]) for row in session.execute(kept)}
    want = {tuple(row[:keys]): tuple(row[keys:]) for row in session.execute(fresh)}
    found = []
    for key in sorted(set(have) | set(want), key=repr):
        for name, value, expected in zip(
            names, have.get(key, zero), want.get(key, zero), strict=True
        ):
            if value != expected:
                found.append(
                    Difference(f"{name} of {label} {'/'.join(map(str, key))}", value, expected, key)
                )
    return found


def customer_differences(session: Session) -> list[Difference]:
    missing = (None, None, None)  # a customer without its figures row
    return _compare(
        "customer", ("order count", "recent orders", "recent revenue"), 1,
        select(CustomerFigures.customer_id, CustomerFigures.order_count,
               CustomerFigures.recent_orders, CustomerFigures.recent_revenue),
        fresh_customer_figures(current_window(session)), session, missing,
    )  # fmt: skip


def order_differences(session: Session) -> list[Difference]:
    return _compare(
        "order", ("line count",), 1,
        select(OrderFigures.order_id, OrderFigures.line_count), fresh_order_figures(),
        session, (None,),
    )  # fmt: skip


def rollup_differences(session: Session) -> list[Difference]:
    rollup = order_rollup.c
    return _compare(
        "quarter hour", ("orders", "revenue"), 2,
        select(rollup.bucket, rollup.status, rollup.orders, rollup.revenue)
        .where(or_(rollup.orders != 0, rollup.revenue != 0)),
        fresh_rollup(), session, (0, Decimal("0.00")),
    )  # fmt: skip


def status_differences(session: Session) -> list[Difference]:
    counts = status_counts.c
    return _compare(
        "status", ("orders",), 1,
        select(counts.status, counts.orders).where(counts.orders != 0),
        fresh_status_counts(), session, (0,),
    )  # fmt: skip


def differences(session: Session) -> list[Difference]:
    """Every kept figure that differs from a fresh computation (none, when the triggers
    did their work), a row missing from the figures tables included. Reads every order
    and line: a check for tests and repairs, not for pages."""
    return [
        *customer_differences(session),
        *order_differences(session),
        *rollup_differences(session),
        *status_differences(session),
    ]


# --- repairing -------------------------------------------------------------------------


@dataclass(frozen=True)
class Rebuilt:
    customers: int  # figures rows made or corrected
    orders: int
    rollup: int  # quarter hours (and statuses) whose figures were wrong
    statuses: int


def _fix(
    session: Session,
    figures: type,
    key: str,
    fresh: Rows,
    names: Sequence[str],
    between: tuple[int, int],
) -> int:
    """Insert the figures rows ``fresh`` has and ``figures`` lacks, with their fresh
    values, then correct the rows whose figures ``names`` differ (those with keys
    ``between`` two, which ``fresh`` covers); return how many."""
    rows = fresh.subquery("fresh")
    kept_key = getattr(figures, key)
    missing = ~select(kept_key).where(kept_key == rows.c[key]).exists()
    made = bulk.rowcount(
        session.execute(
            insert(table_of(figures))
            .from_select(
                [key, *names], select(rows.c[key], *(rows.c[name] for name in names)).where(missing)
            )
            .execution_options(preserve_rowcount=True)  # an INSERT's is not kept otherwise
        )
    )
    fixed = bulk.rowcount(
        session.execute(
            update(figures)
            .where(
                kept_key == rows.c[key],
                kept_key.between(*between),  # else PostgreSQL reads every figures row
                or_(*(getattr(figures, name) != rows.c[name] for name in names)),
            )
            .values({name: rows.c[name] for name in names})
            .execution_options(synchronize_session=False)
        )
    )
    return made + fixed


def rebuild(session: Session, batch_size: int = 10_000, *, commit: bool = False) -> Rebuilt:
    """Make every kept figure what a fresh computation says, set-based: the customers'
    and orders' figures range of ids by range (committing after each when ``commit``),
    then the rollups in one statement each. Only wrong or missing figures are written;
    how many there were is returned.

    Run it while nothing else writes orders: a figure being recomputed here does not
    see the orders another transaction adds meanwhile.
    """
    window = current_window(session)
    customers = 0
    for between in id_ranges(session, Customer.id, literal(True), batch_size):
        fresh = fresh_customer_figures(window, between)
        customers += _fix(
            session, CustomerFigures, "customer_id", fresh,
            ("order_count", "recent_orders", "recent_revenue"), between,
        )  # fmt: skip
        if commit:
            session.commit()
    orders = 0
    for between in id_ranges(session, Order.id, literal(True), batch_size):
        fresh = fresh_order_figures(between)
        orders += _fix(session, OrderFigures, "order_id", fresh, ("line_count",), between)
        if commit:
            session.commit()
    rollup = len({d.key for d in rollup_differences(session)})
    statuses = len({d.key for d in status_differences(session)})
    if rollup:
        session.execute(delete(order_rollup))
        session.execute(insert(order_rollup).from_select(
            ["bucket", "status", "orders", "revenue"], fresh_rollup()))  # fmt: skip
    if statuses:
        session.execute(delete(status_counts))
        session.execute(insert(status_counts).from_select(
            ["status", "orders"], fresh_status_counts()))  # fmt: skip
    if commit:
        session.commit()
    writes.forget_loaded(
        session, CustomerFigures, ["order_count", "recent_orders", "recent_revenue"]
    )
    writes.forget_loaded(session, OrderFigures, ["line_count"])
    return Rebuilt(customers, orders, rollup, statuses)
