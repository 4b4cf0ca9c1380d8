"""ORM events that keep the domain's invariants, for every session using these classes.

Timestamps, order dates and versions are not kept here but by the columns themselves
(defaults and ``onupdate``, see :mod:`sa_orders.models.base`), so that statements keep
them as the unit of work does. What only the unit of work can see is kept here:

* a change to a versioned row's many-to-many links (an item's categories) bumps the
  row's version, as a change of its columns would: a form opened before gets the
  conflict page instead of putting the old links back;
* an order's ``total_amount`` is recomputed whenever its lines or discount change, and
  any change to its lines bumps the order's ``version``;
* categories form a tree: no cycles, and deleting one moves its children to its parent;
* a line appended to an order is numbered after the order's other lines.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext
from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, UOWTransaction
from sqlalchemy.orm.attributes import flag_modified

from sa_orders.db.types import utcnow
from sa_orders.exceptions import DomainError
from sa_orders.models.base import MAX_LINES_PER_ORDER, Timestamped
from sa_orders.models.catalog import Category, cycle_error
from sa_orders.models.orders import Order, OrderItem, compute_total


@event.listens_for(Session, "before_flush")
def _keep_invariants(session: Session, flush_context: UOWTransaction, instances: Any) -> None:
    with session.no_autoflush:
        _reparent_children_of_deleted_categories(session)
        _check_category_cycles(session)
        _refresh_changed_orders(session)
        _bump_rows_whose_links_changed(session)


def touch(obj: Any) -> None:
    """Make the next flush UPDATE ``obj``'s row, and so bump its version (and its
    ``updated_at``), although none of its columns changed."""
    if isinstance(obj, Timestamped):
        obj.updated_at = utcnow()
        return
    mapper = inspect(obj).mapper
    if mapper.version_id_col is not None:
        flag_modified(obj, mapper.get_property_by_column(mapper.version_id_col).key)


def _bump_rows_whose_links_changed(session: Session) -> None:
    for obj in list(session.dirty):
        state = inspect(obj)
        mapper = state.mapper
        if mapper.version_id_col is None or state.deleted:
            continue
        if any(
            relationship.secondary is not None
            and not relationship.viewonly
            and state.attrs[relationship.key].history.has_changes()
            for relationship in mapper.relationships
        ):
            touch(obj)


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


@event.listens_for(Order.lines, "append")
def _number_the_line(order: Order, line: OrderItem, initiator: Any) -> None:
    """A line appended to an order comes after its other lines (its ``position``)."""
    if line.position is None:
        taken = [other.position or 0 for other in order.lines if other is not line]
        line.position = max(taken, default=0) + 1


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
            touch(order)  # a line change bumps the order's version, the total or not
