"""Importing orders with their lines, one row per order (:data:`~sa_orders.exchange
.contracts.ORDERS`, the ``lines`` cell of :mod:`sa_orders.exchange.order_lines`).

A row with an ``id`` is that order, which must exist: it gets the file's customer,
status, discount, notes and lines (lines not in the cell are removed, a line's quantity
or price changed, new ones added). A row without one is a new order. A column the file
leaves out, or an empty ``status`` or ``order_date``, leaves that field as it is (a new
order: pending, now); an empty discount is none, empty notes are none. ``customer.name``,
``subtotal``, ``total_amount`` and ``updated_at`` are read and ignored: the totals are
always computed from the lines.

The rules are the order form's, through the same services: the customer and every item
must exist, a new line's item must be active, at most 100 lines and at least one, a
discount no larger than the lines, a status the workflow allows, and an order's date
cannot change. Each batch is read
with one query per table (the orders with their lines, the customers, the items), every
row planned in Python (that is where the counts of a dry run come from) and then written
through the unit of work, so the ORM's events keep the totals and versions and the
database's triggers the kept figures and the history.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from sa_orders.db.types import to_money, utcnow
from sa_orders.exceptions import DomainError
from sa_orders.exchange.contracts import Column as ContractColumn
from sa_orders.exchange.order_lines import FIELD as LINES
from sa_orders.exchange.order_lines import Line
from sa_orders.exchange.reading import ImportReport, Row, SeenKeys, by_index, clean_cells
from sa_orders.models import (
    ZERO,
    Customer,
    Item,
    Order,
    OrderItem,
    can_become,
    transition_error,
)
from sa_orders.services import orders as order_services

KEY, CUSTOMER = "id", "customer.email"
# The fields of an order the file sets, by its column (the customer's comes by email).
ORDER_FIELDS = {"status": "status", "discount_amount": "discount_amount", "notes": "notes"}
KEY_LENGTH = 20  # an id as text, in the table of ids already given


class Rejected(Exception):
    """A row that breaks a rule: the field and the message of its problem."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field = field_name
        self.message = message


@dataclass
class _Plan:
    """What a row changes: an order's fields, lines to change, add and remove."""

    row: Row
    order: Order | None  # None: a new order
    values: dict[str, Any] = field(default_factory=dict)  # attribute -> new value
    add: list[tuple[Item, int, Decimal]] = field(default_factory=list)
    change: list[tuple[OrderItem, int, Decimal]] = field(default_factory=list)
    remove: list[OrderItem] = field(default_factory=list)

    @property
    def changes(self) -> bool:
        return bool(self.order is None or self.values or self.add or self.change or self.remove)


@dataclass
class OrderImporter:
    session: Session
    fields: list[ContractColumn]  # the imported columns the file has
    dry_run: bool
    seen: SeenKeys
    report: ImportReport

    @classmethod
    def start(
        cls,
        session: Session,
        fields: list[ContractColumn],
        *,
        dry_run: bool,
        report: ImportReport,
    ) -> OrderImporter:
        return cls(
            session=session,
            fields=fields,
            dry_run=dry_run,
            seen=SeenKeys(session.connection(), KEY_LENGTH),
            report=report,
        )

    @cached_property
    def columns(self) -> frozenset[str]:
        return frozenset(spec.name for spec in self.fields)

    def finish(self) -> None:
        self.seen.drop()  # as the other kinds' import does

    def clean(self, line: int, header: list[str], record: list[str]) -> Row | None:
        values = clean_cells(self.report, self.fields, line, header, record)
        return None if values is None else Row(line, values)

    # --- one batch --------------------------------------------------------------------

    def write(self, batch: list[Row]) -> None:
        if not batch:
            return
        batch = self._without_repeated_ids(batch)
        ids = [row.values[KEY] for row in batch if row.values.get(KEY) is not None]
        emails = {row.values[CUSTOMER] for row in batch}
        skus = {line.sku for row in batch for line in row.values[LINES]}
        session = self.session
        with session.no_autoflush, by_index(session):
            found = {
                order.id: order
                for order in session.scalars(
                    select(Order).where(Order.id.in_(ids)).options(selectinload(Order.lines))
                )
            }
            customers = dict(
                session.execute(
                    select(Customer.email, Customer.id).where(Customer.email.in_(emails))
                ).all()
            )
            items = {
                item.sku: item for item in session.scalars(select(Item).where(Item.sku.in_(skus)))
            }
        plans = []
        for row in batch:
            try:
                plan = self._plan(row, found, customers, items)
            except Rejected as problem:
                self.report.reject(row.line, problem.field, problem.message)
                continue
            if plan.order is None:
                self.report.created += 1
            elif plan.changes:
                self.report.updated += 1
            else:
                self.report.unchanged += 1
            plans.append(plan)
        if not self.dry_run and not self.report.rejected:
            # Not when a row was rejected: the transaction will be rolled back.
            self._apply([plan for plan in plans if plan.changes])
        # Flushed, the batch's objects are clean: the session holds them weakly, and they
        # go with this frame, so memory does not grow with the file.

    def _plan(
        self,
        row: Row,
        found: dict[int, Order],
        customers: dict[str, int],
        items: dict[str, Item],
    ) -> _Plan:
        values = row.values
        order_id = values.get(KEY)
        order = None
        if order_id is not None:
            order = found.get(order_id)
            if order is None:
                raise Rejected(
                    KEY,
                    _("there is no order %(id)s; leave the id empty to create a new order.")
                    % {"id": order_id},
                )
        customer_id = customers.get(values[CUSTOMER])
        if customer_id is None:
            raise Rejected(
                CUSTOMER,
                _("there is no customer with the email “%(email)s”.") % {"email": values[CUSTOMER]},
            )
        plan = _Plan(row, order)
        wanted: dict[str, Any] = {"customer_id": customer_id}
        for column, attribute in ORDER_FIELDS.items():
            if column not in self.columns:
                continue  # left out: as it is
            if values[column] is None and column == "status":
                continue  # empty: as it is (empty notes are none)
            wanted[attribute] = values[column]
        status = wanted.get("status")
        if order is not None and status is not None and not can_become(order.status, status):
            raise Rejected("status", transition_error(order.status, status))
        when = values.get("order_date")
        if order is None:
            wanted["order_date"] = when or utcnow()
        elif when is not None and when != order.order_date:
            raise Rejected(
                "order_date",
                _("the date of an existing order cannot be changed (it is %(date)s).")
                % {"date": timezone.localtime(order.order_date).isoformat()},
            )
        plan.values = (
            wanted
            if order is None
            else {name: value for name, value in wanted.items() if getattr(order, name) != value}
        )
        self._plan_lines(plan, values[LINES], items)
        kept = {line.item_id: line for line in (order.lines if order is not None else [])}
        changed = {line.item_id: (quantity, price) for line, quantity, price in plan.change}
        removed = {line.item_id for line in plan.remove}
        final = [(quantity, price) for _item, quantity, price in plan.add] + [
            changed.get(item_id, (line.quantity, line.price_paid))
            for item_id, line in kept.items()
            if item_id not in removed
        ]
        discount = plan.values.get(
            "discount_amount", order.discount_amount if order is not None else ZERO
        )
        try:
            order_services.check_order(
                len(final), sum((to_money(q * p) for q, p in final), ZERO), discount
            )
        except DomainError as error:
            raise Rejected(error.field or LINES, error.message) from None
        return plan

    def _plan_lines(self, plan: _Plan, lines: list[Line], items: dict[str, Item]) -> None:
        kept = {line.item_id: line for line in (plan.order.lines if plan.order else [])}
        given: set[int] = set()
        for line in lines:
            item = items.get(line.sku)
            if item is None:
                raise Rejected(LINES, _("there is no item “%(sku)s”.") % {"sku": line.sku})
            given.add(item.id)
            existing = kept.get(item.id)
            if existing is None:
                if not item.active:
                    raise Rejected(
                        LINES,
                        _("%(item)s is inactive and cannot be ordered.") % {"item": item},
                    )
                plan.add.append(
                    (item, line.quantity, item.price if line.price is None else line.price)
                )
                continue
            price = existing.price_paid if line.price is None else line.price
            if (existing.quantity, existing.price_paid) != (line.quantity, price):
                plan.change.append((existing, line.quantity, price))
        plan.remove = [line for item_id, line in kept.items() if item_id not in given]

    def _apply(self, plans: list[_Plan]) -> None:
        session = self.session
        for plan in plans:
            order = plan.order
            if order is None:
                order = Order(**plan.values)
                session.add(order)
            else:
                for name, value in plan.values.items():
                    setattr(order, name, value)
            for line in plan.remove:
                order.lines.remove(line)
            for line, quantity, price in plan.change:
                line.quantity, line.price_paid = quantity, price
            for item, quantity, price in plan.add:
                order.lines.append(OrderItem(item=item, quantity=quantity, price_paid=price))
        session.flush()

    def _without_repeated_ids(self, batch: list[Row]) -> list[Row]:
        """Reject a row whose order came earlier in the file; remember the others."""
        given = [row for row in batch if row.values.get(KEY) is not None]
        earlier = self.seen.earlier([str(row.values[KEY]) for row in given])
        kept: list[Row] = []
        for row in batch:
            order_id = row.values.get(KEY)
            if order_id is not None:
                if str(order_id) in earlier:
                    self.report.reject(
                        row.line,
                        KEY,
                        _("order %(id)s is already on line %(first)d.")
                        % {"id": order_id, "first": earlier[str(order_id)]},
                    )
                    continue
                earlier[str(order_id)] = row.line
            kept.append(row)
        self.seen.add((str(row.values[KEY]), row.line) for row in kept if row.values.get(KEY))
        return kept
