"""Unit-of-work operations on the order domain, shared by pages and commands.

Functions take a ``Session`` and leave committing to the caller (the request's
middleware, or ``session_scope()`` in a command). A total is never taken from input:
it is always computed from the lines.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext
from sqlalchemy import ColumnElement, case, delete, func, select, true, update
from sqlalchemy.orm import Session

from sa_orders.db.types import round_money, utcnow
from sa_orders.exceptions import DomainError
from sa_orders.models import (
    MAX_LINES_PER_ORDER,
    ZERO,
    Category,
    Customer,
    Item,
    Order,
    OrderItem,
    OrderStatus,
    compute_total,
)

DEFAULT_BATCH_SIZE = 1000


# --- one order ----------------------------------------------------------------------


def _line_for(order: Order, item: Item) -> OrderItem | None:
    for line in order.lines:
        if line.item is item or (item.id is not None and line.item_id == item.id):
            return line
    return None


def _existing_line(order: Order, item: Item) -> OrderItem:
    line = _line_for(order, item)
    if line is None:
        raise DomainError(
            gettext("%(item)s is not on this order.") % {"item": item},
            field="item",
            code="missing_item",
        )
    return line


def add_line(order: Order, item: Item, quantity: int) -> OrderItem:
    """Add ``item`` to ``order`` at the item's current price."""
    if not item.active:
        raise DomainError(
            gettext("%(item)s is inactive and cannot be ordered.") % {"item": item},
            field="item",
            code="inactive_item",
        )
    if _line_for(order, item) is not None:
        raise DomainError(
            gettext("%(item)s is already on this order; change its quantity instead.")
            % {"item": item},
            field="item",
            code="duplicate_item",
        )
    if len(order.lines) >= MAX_LINES_PER_ORDER:
        raise DomainError(
            gettext("An order can have at most %(max)d lines.") % {"max": MAX_LINES_PER_ORDER},
            field="lines",
            code="too_many_lines",
        )
    line = OrderItem(item=item, quantity=quantity)
    order.lines.append(line)
    recalculate_total(order)
    return line


def change_quantity(order: Order, item: Item, quantity: int) -> OrderItem:
    line = _existing_line(order, item)
    line.quantity = quantity
    recalculate_total(order)
    return line


def remove_line(order: Order, item: Item) -> None:
    """Remove ``item``'s line; orphan removal deletes it at the next flush."""
    order.lines.remove(_existing_line(order, item))
    recalculate_total(order)


def recalculate_total(order: Order) -> Decimal:
    """Set and return ``order.total_amount`` from its lines and discount."""
    total = compute_total(order.lines, order.discount_amount)
    if order.total_amount != total:
        order.total_amount = total
    return total


def create_order(
    session: Session,
    customer: Customer,
    lines: Iterable[tuple[Item, int]],
    *,
    discount_amount: Decimal = ZERO,
    notes: str | None = None,
    status: OrderStatus = OrderStatus.PENDING,
    order_date: datetime | None = None,
) -> Order:
    """Create an order for ``customer`` from (item, quantity) pairs, prices as of now."""
    order = Order(
        customer=customer,
        discount_amount=discount_amount,
        notes=notes,
        status=status,
        order_date=order_date or utcnow(),
    )
    for item, quantity in lines:
        add_line(order, item, quantity)
    session.add(order)
    return order


# --- many orders, set-based ---------------------------------------------------------


def subtotal_expression() -> ColumnElement[Decimal]:
    """An order's subtotal in SQL (the sum of its lines, 0 without lines), correlated to
    the ``Order`` of the enclosing statement."""
    # round_money keeps SQLite's floating point sums on whole cents.
    return round_money(Order.subtotal)


def _total_from(subtotal: ColumnElement[Any]) -> ColumnElement[Decimal]:
    """The total an order with ``subtotal`` should have: less the discount, never below 0."""
    # round_money keeps SQLite's floating point arithmetic on whole cents.
    return round_money(
        case((subtotal > Order.discount_amount, subtotal - Order.discount_amount), else_=0)
    )


def _computed_total_expression() -> ColumnElement[Decimal]:
    return _total_from(subtotal_expression())


def _in_range(between: tuple[int, int] | None) -> ColumnElement[bool]:
    return Order.id.between(*between) if between is not None else true()


def _expire_orders(session: Session, *names: str) -> None:
    for obj in list(session.identity_map.values()):
        if isinstance(obj, Order):
            session.expire(obj, list(names))


def recalculate_all_totals(session: Session, between: tuple[int, int] | None = None) -> int:
    """Set every order's total to the sum of its lines minus its discount, in one UPDATE
    (of the orders whose ids are ``between`` two values, both included, if given).

    Orders without lines get 0 (less discount, never below 0). Only the orders whose
    total was wrong are updated (their version bumps); their number is returned.
    """
    # The subtotals come from one pass over the orders and their lines, grouped (a
    # derived table the UPDATE joins: UPDATE ... FROM on PostgreSQL and SQLite, a
    # multi-table UPDATE on MariaDB, which materialises it because of the GROUP BY);
    # a subtotal per order in a correlated subquery would be computed twice per row.
    orders = Order.__table__.alias("each_order")
    lines = OrderItem.__table__
    subtotals = (
        select(
            orders.c.id.label("order_id"),
            round_money(func.coalesce(func.sum(lines.c.quantity * lines.c.price_paid), 0)).label(
                "subtotal"
            ),
        )
        .select_from(orders.outerjoin(lines, lines.c.order_id == orders.c.id))
        .where(orders.c.id.between(*between) if between is not None else true())
        .group_by(orders.c.id)
        .subquery("subtotals")
    )
    computed = _total_from(subtotals.c.subtotal)
    result = session.execute(
        update(Order)
        .where(Order.id == subtotals.c.order_id, Order.total_amount != computed)
        .values(total_amount=computed, version=Order.version + 1, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    _expire_orders(session, "total_amount", "version", "updated_at")
    return int(result.rowcount)  # type: ignore[attr-defined]


def wrong_totals(
    session: Session, between: tuple[int, int] | None = None
) -> list[tuple[int, Decimal, Decimal]]:
    """(order id, stored total, computed total) for every order whose total is wrong."""
    computed = _computed_total_expression()
    rows = session.execute(
        select(Order.id, Order.total_amount, computed)
        .where(_in_range(between), Order.total_amount != computed)
        .order_by(Order.id)
    )
    return [(order_id, stored, expected) for order_id, stored, expected in rows]


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
    return local_midnight(today - timedelta(days=days))


def local_midnight(day: date) -> datetime:
    """The instant ``day`` begins in ``TIME_ZONE``, as an aware UTC datetime.

    Days are cut in Python, never with the database's time zone functions (SQLite has
    none, MariaDB's need time zone tables loaded): a day is the UTC range between two
    of these instants, 23 or 25 hours long when the clocks change.
    """
    zone = timezone.get_default_timezone()
    return datetime.combine(day, time.min, tzinfo=zone).astimezone(UTC)


def cancel_orders_older_than(
    session: Session,
    days: int,
    *,
    statuses: Sequence[OrderStatus] = (OrderStatus.PENDING,),
    now: datetime | None = None,
) -> int:
    """Cancel the orders in ``statuses`` dated before :func:`cutoff_for_days`; return how many."""
    cutoff = cutoff_for_days(days, now)
    result = session.execute(
        update(Order)
        .where(Order.order_date < cutoff, Order.status.in_(list(statuses)))
        .values(status=OrderStatus.CANCELLED, version=Order.version + 1, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    _expire_orders(session, "status", "version", "updated_at")
    return int(result.rowcount)  # type: ignore[attr-defined]


def purge_orders_older_than(
    session: Session,
    days: int,
    *,
    statuses: Sequence[OrderStatus] = (OrderStatus.CANCELLED, OrderStatus.SHIPPED),
    batch_size: int = DEFAULT_BATCH_SIZE,
    now: datetime | None = None,
) -> int:
    """Delete the orders in ``statuses`` dated before the cutoff, with their lines.

    Works in batches of ids (MariaDB refuses ``LIMIT`` inside ``IN (subquery)``);
    the lines go through ``ON DELETE CASCADE``. Returns the number of orders deleted.
    """
    if batch_size < 1:
        raise DomainError(gettext("The batch size must be at least 1."), field="batch_size")
    cutoff = cutoff_for_days(days, now)
    deleted = 0
    while True:
        ids = purge_batch(session, cutoff, statuses, batch_size)
        deleted += len(ids)
        if len(ids) < batch_size:
            return deleted


def purge_batch(
    session: Session, cutoff: datetime, statuses: Sequence[OrderStatus], limit: int
) -> list[int]:
    """Delete up to ``limit`` of the oldest matching orders; return their ids."""
    ids = list(
        session.scalars(
            select(Order.id)
            .where(Order.order_date < cutoff, Order.status.in_(list(statuses)))
            .order_by(Order.id)
            .limit(limit)
        )
    )
    if ids:
        session.execute(
            delete(Order).where(Order.id.in_(ids)).execution_options(synchronize_session=False)
        )
        purged = set(ids)
        for obj in list(session.identity_map.values()):
            gone = (isinstance(obj, Order) and obj.id in purged) or (
                isinstance(obj, OrderItem) and obj.order_id in purged
            )
            if gone and obj in session:  # expunging an order expunges its lines too
                session.expunge(obj)
    return ids


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


# --- the catalog --------------------------------------------------------------------


def category_paths(session: Session) -> dict[int, str]:
    """Every category's path (``"Garden/Seeds"``) by id, from one query of the table.

    A category whose chain of parents loops (which the models refuse, but a hand-edited
    database may hold) stops at the repeat.
    """
    nodes = {
        pk: (name, parent)
        for pk, name, parent in session.execute(
            select(Category.id, Category.name, Category.parent_id)
        )
    }
    paths: dict[int, str] = {}
    for pk in nodes:
        chain: list[int] = []
        node: int | None = pk
        while node is not None and node in nodes and node not in chain:
            chain.append(node)
            node = nodes[node][1]
        paths[pk] = "/".join(nodes[each][0] for each in reversed(chain))
    return paths
