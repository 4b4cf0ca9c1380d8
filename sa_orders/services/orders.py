"""Unit-of-work operations on one order, shared by the order form and by code.

Functions take a ``Session`` (or the objects in one) and leave committing to the caller
(the request's middleware, or ``session_scope()`` in a command). A total is never taken
from input: it is always computed from the lines.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.utils.translation import gettext, ngettext
from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session

from sa_orders import signals
from sa_orders.db.types import utcnow
from sa_orders.exceptions import DomainError
from sa_orders.models import (
    MAX_LINES_PER_ORDER,
    ZERO,
    Customer,
    Item,
    Order,
    OrderItem,
    OrderStatus,
    compute_total,
    statuses_before,
    transition_error,
)
from sa_orders.services import writes


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


@dataclass
class StatusChange:
    """What :func:`change_status_where` did: how many orders moved, and how many could
    not, by the status they are in."""

    status: OrderStatus
    changed: int
    skipped: dict[OrderStatus, int] = field(default_factory=dict)

    @property
    def skipped_count(self) -> int:
        return sum(self.skipped.values())

    def reasons(self) -> list[str]:
        """Why the skipped orders stayed, a sentence per status they are in."""
        return [
            ngettext(
                "%(count)d order skipped: %(reason)s",
                "%(count)d orders skipped: %(reason)s",
                count,
            )
            % {"count": count, "reason": transition_error(current, self.status)}
            for current, count in sorted(
                self.skipped.items(), key=lambda pair: list(OrderStatus).index(pair[0])
            )
        ]


def change_status_where(
    session: Session, condition: ColumnElement[bool], status: OrderStatus
) -> StatusChange:
    """Move the orders ``condition`` picks to ``status``, set-based, where the workflow
    allows it (:data:`~sa_orders.models.TRANSITIONS`); the others stay, and are counted
    by the status they are in. Orders already in ``status`` are neither."""
    stuck = session.execute(
        select(Order.status, func.count())
        .where(condition, Order.status.not_in([status, *statuses_before(status)]))
        .group_by(Order.status)
    ).all()
    moving = and_(condition, Order.status.in_(statuses_before(status)))
    previous: dict[int, OrderStatus] = {}
    if signals.order_status_changed.receivers:  # which ones, for the host's receivers
        previous = {
            pk: OrderStatus(old)
            for pk, old in session.execute(select(Order.id, Order.status).where(moving))
        }
    changed = writes.update_rows(session, Order, moving, {"status": status})
    signals.send_status_changed(session, previous, status)
    return StatusChange(status, changed, {OrderStatus(current): n for current, n in stuck})


def check_order(line_count: int, subtotal: Decimal, discount: Decimal) -> None:
    """The rules of a whole order, which its lines decide (the form and the import keep
    them): at least one line, and a discount no larger than the lines."""
    if line_count == 0:
        raise DomainError(
            gettext("An order needs at least one line."), field="lines", code="no_lines"
        )
    if discount > subtotal:
        raise DomainError(
            gettext("The discount cannot be larger than the lines (%(subtotal)s).")
            % {"subtotal": subtotal},
            field="discount_amount",
            code="discount_too_large",
        )


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
