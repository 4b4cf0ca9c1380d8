"""ORM events that keep the domain's invariants, for every session using these classes.

* ``created_at``/``updated_at`` are set on insert and update (statements that change
  many rows get them, with ``version = version + 1``, from
  :mod:`sa_orders.services.writes`);
* an order's ``total_amount`` is recomputed whenever its lines or discount change, and
  any change to its lines bumps the order's ``version``;
* categories form a tree: no cycles, and deleting one moves its children to its parent.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext
from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, UOWTransaction

from sa_orders.db.types import utcnow
from sa_orders.exceptions import DomainError
from sa_orders.models.base import MAX_LINES_PER_ORDER, Timestamped
from sa_orders.models.catalog import Category, cycle_error
from sa_orders.models.orders import Order, OrderItem, compute_total


@event.listens_for(Timestamped, "before_insert", propagate=True)
def _stamp_insert(mapper: Any, connection: Any, target: Timestamped) -> None:
    now = utcnow()
    if target.created_at is None:
        target.created_at = now
    if target.updated_at is None:
        target.updated_at = now


@event.listens_for(Timestamped, "before_update", propagate=True)
def _stamp_update(mapper: Any, connection: Any, target: Timestamped) -> None:
    state = inspect(target)
    session = state.session
    if (
        session is not None
        and session.is_modified(target, include_collections=False)
        and not state.attrs.updated_at.history.added  # set explicitly: keep it
    ):
        target.updated_at = utcnow()


@event.listens_for(Session, "before_flush")
def _keep_invariants(session: Session, flush_context: UOWTransaction, instances: Any) -> None:
    with session.no_autoflush:
        _reparent_children_of_deleted_categories(session)
        _check_category_cycles(session)
        _refresh_changed_orders(session)


def _reparent_children_of_deleted_categories(session: Session) -> None:
    for category in list(session.deleted):
        if not isinstance(category, Category):
            continue
        new_parent = category.parent
        while new_parent is not None and new_parent in session.deleted:
            new_parent = new_parent.parent
        for child in list(category.children):
            if child not in session.deleted:
                child.parent = new_parent


def _parent_of(session: Session, category: Category) -> Category | None:
    attrs = inspect(category).attrs
    if attrs.parent_id.history.has_changes() and not attrs.parent.history.has_changes():
        # parent_id was assigned directly; the relationship does not know yet.
        return session.get(Category, category.parent_id) if category.parent_id else None
    return category.parent


def _check_category_cycles(session: Session) -> None:
    for category in (*session.new, *session.dirty):
        if not isinstance(category, Category) or category in session.deleted:
            continue
        seen: set[int] = {id(category)}
        node = _parent_of(session, category)
        while node is not None:
            if node is category:
                raise cycle_error()
            if id(node) in seen:
                break
            seen.add(id(node))
            node = _parent_of(session, node)


def _orders_touched_by_line(line: OrderItem) -> list[Order]:
    orders = [order for order in inspect(line).attrs.order.history.deleted if order is not None]
    if line.order is not None:
        orders.append(line.order)
    return orders


def _refresh_changed_orders(session: Session) -> None:
    orders: dict[int, Order] = {}
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, OrderItem):
            if obj in session.dirty and not session.is_modified(obj):
                continue  # values assigned but none changed
            for order in _orders_touched_by_line(obj):
                orders[id(order)] = order
        elif isinstance(obj, Order) and obj not in session.deleted:
            attrs = inspect(obj).attrs
            if obj in session.new or any(
                attrs[name].history.has_changes()
                for name in ("lines", "discount_amount", "total_amount")
            ):
                orders[id(obj)] = obj
    for order in orders.values():
        state = inspect(order)
        if order in session.deleted or state.deleted or state.detached:
            continue
        lines = [line for line in order.lines if line not in session.deleted]
        if len(lines) > MAX_LINES_PER_ORDER:
            raise DomainError(
                gettext("An order can have at most %(max)d lines.") % {"max": MAX_LINES_PER_ORDER},
                field="lines",
                code="too_many_lines",
            )
        total = compute_total(lines, order.discount_amount)
        if order.total_amount != total:
            order.total_amount = total
        if state.persistent:
            # A line change must bump the order's version even when the total stays.
            order.updated_at = utcnow()
