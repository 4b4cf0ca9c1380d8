"""Orders and their lines (OrderItem, the association object between Order and Item)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import TextChoices
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from sqlalchemy import (
    CheckConstraint,
    ColumnElement,
    Enum,
    ForeignKey,
    Index,
    Text,
    func,
    inspect,
    select,
    text,
    type_coerce,
)
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from sa_orders.db.types import Money, to_money, utcnow
from sa_orders.exceptions import DomainError
from sa_orders.models.base import (
    MAX_AMOUNT,
    MAX_PRICE,
    MAX_QUANTITY,
    MYSQL_TABLE_OPTIONS,
    ZERO,
    Base,
    IdType,
    Timestamped,
    clean_money,
    clean_text,
    version_counter,
)

if TYPE_CHECKING:
    from sa_orders.models.catalog import Item
    from sa_orders.models.customers import Customer
    from sa_orders.models.kept import OrderFigures


class OrderStatus(TextChoices):
    PENDING = "pending", _("Pending")
    PAID = "paid", _("Paid")
    SHIPPED = "shipped", _("Shipped")
    CANCELLED = "cancelled", _("Cancelled")


# The status workflow: pending -> paid -> shipped, and pending or paid -> cancelled. A new
# order may start in any status (an import of old orders); a status stays what it is.
TRANSITIONS: dict[OrderStatus, frozenset[OrderStatus]] = {
    OrderStatus.PENDING: frozenset({OrderStatus.PAID, OrderStatus.CANCELLED}),
    OrderStatus.PAID: frozenset({OrderStatus.SHIPPED, OrderStatus.CANCELLED}),
    OrderStatus.SHIPPED: frozenset(),
    OrderStatus.CANCELLED: frozenset(),
}


def can_become(current: OrderStatus, new: OrderStatus) -> bool:
    """Whether an order in ``current`` may move to ``new`` (staying is always allowed)."""
    return new == current or new in TRANSITIONS[current]


def statuses_before(new: OrderStatus) -> list[OrderStatus]:
    """The statuses an order can move to ``new`` from."""
    return [status for status in OrderStatus if new in TRANSITIONS[status]]


def transition_error(current: OrderStatus, new: OrderStatus) -> str:
    """Why an order in ``current`` cannot become ``new``."""
    nexts = sorted(TRANSITIONS[current], key=list(OrderStatus).index)
    if not nexts:
        return gettext("A %(current)s order cannot change its status.") % {
            "current": current.label.lower()
        }
    return gettext("A %(current)s order cannot become %(new)s; it can become %(nexts)s.") % {
        "current": current.label.lower(),
        "new": new.label.lower(),
        "nexts": gettext(" or ").join(str(status.label).lower() for status in nexts),
    }


class Order(Timestamped, Base):
    __tablename__ = "sa_orders_order"
    __verbose_name_plural__ = _("orders")
    __table_args__ = (
        CheckConstraint(
            f"discount_amount >= 0 AND discount_amount <= {MAX_AMOUNT}",
            name="discount_amount_range",
        ),
        CheckConstraint(
            f"total_amount >= 0 AND total_amount <= {MAX_AMOUNT}", name="total_amount_range"
        ),
        # Every order the list sorts by, ties by id, from an index: the newest first (the
        # default), by customer (the customer's own name and id first), total, status;
        # and the newest of a status, for the status filter.
        Index(None, "order_date", "id"),
        Index(None, "customer_id", "id"),
        Index(None, "total_amount", "id"),
        Index(None, "status", "id"),
        Index(None, "status", "order_date", "id"),
        MYSQL_TABLE_OPTIONS,
    )

    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    customer_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("sa_orders_customer.id", ondelete="CASCADE")
    )
    # Indexed with the id: the list's default order (newest first, ties by id) then
    # comes straight from the index, on deep pages too.
    order_date: Mapped[datetime] = mapped_column(
        default=utcnow, info={"label": _("Date"), "editable": False}
    )
    status: Mapped[OrderStatus] = mapped_column(
        Enum(
            OrderStatus,
            # a string with a CHECK: compiled CREATE TABLE cannot create native types
            native_enum=False,
            create_constraint=True,
            length=16,
            name="status",
            values_callable=lambda choices: [member.value for member in choices],
            validate_strings=True,
        ),
        server_default=OrderStatus.PENDING.value,
        info={"label": _("Status")},
        active_history=True,  # the status before a change is loaded: the workflow checks it
    )
    discount_amount: Mapped[Decimal] = mapped_column(
        server_default="0",
        info={"label": _("Discount"), "min_value": ZERO, "max_value": MAX_AMOUNT},
    )
    total_amount: Mapped[Decimal] = mapped_column(
        server_default="0", info={"label": _("Total"), "editable": False}
    )
    notes: Mapped[str | None] = mapped_column(Text, info={"label": _("Notes")})
    version: Mapped[int] = version_counter("sa_orders_order")

    customer: Mapped[Customer] = relationship(
        back_populates="orders", info={"label": _("Customer")}
    )
    lines: Mapped[list[OrderItem]] = relationship(
        back_populates="order",
        cascade="all, delete-orphan",  # removing a line from the list deletes it
        passive_deletes=True,
        order_by="(OrderItem.position, OrderItem.item_id)",
    )
    # Kept by the database (sa_orders.models.kept): read only.
    figures: Mapped[OrderFigures] = relationship(
        viewonly=True,
        info={"label": _("Lines"), "always": True},  # made by a trigger
    )

    __mapper_args__ = {"version_id_col": version}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("order_date", utcnow())
        kwargs.setdefault("status", OrderStatus.PENDING)
        kwargs.setdefault("discount_amount", ZERO)
        super().__init__(**kwargs)
        self.total_amount = compute_total(self.lines, self.discount_amount)

    def __repr__(self) -> str:
        return f"<Order {self.id} {self.status}>"

    def __str__(self) -> str:
        return gettext("Order %(id)s") % {"id": self.id if self.id is not None else "(new)"}

    @hybrid_property
    def subtotal(self) -> Decimal:
        """The sum of the line totals, before the discount."""
        return sum((line.line_total for line in self.lines), ZERO)

    @subtotal.inplace.expression
    @classmethod
    def _subtotal_expression(cls) -> ColumnElement[Decimal]:
        return type_coerce(
            select(func.coalesce(func.sum(OrderItem.line_total), 0))
            .where(OrderItem.order_id == cls.id)
            .correlate_except(OrderItem)
            .scalar_subquery(),
            Money(),
        )

    @validates("status")
    def _validate_status(self, key: str, value: Any) -> OrderStatus:
        try:
            status = OrderStatus(value)
        except ValueError:
            raise DomainError(
                gettext("“%(value)s” is not a valid status.") % {"value": value},
                field=key,
                code="invalid_choice",
            ) from None
        current = self.stored_status
        if current is not None and not can_become(current, status):
            raise DomainError(transition_error(current, status), field=key, code="transition")
        return status

    @property
    def stored_status(self) -> OrderStatus | None:
        """The status the database has for this order (None for a new one)."""
        state = inspect(self)
        if not state.has_identity:
            return None
        if "status" in state.committed_state:
            stored = state.committed_state["status"]
        else:
            stored = state.dict.get("status")
        return None if stored is None else OrderStatus(stored)

    @validates("discount_amount")
    def _validate_discount(self, key: str, value: Any) -> Decimal:
        return clean_money(value, key, MAX_AMOUNT)

    @validates("notes")
    def _validate_notes(self, key: str, value: Any) -> str | None:
        return clean_text(value, key, 10_000, required=False)


class OrderItem(Base):
    """A line of an order: the association object between Order and Item."""

    __tablename__ = "sa_orders_order_item"
    __verbose_name_plural__ = _("order lines")
    __table_args__ = (
        CheckConstraint(f"quantity > 0 AND quantity <= {MAX_QUANTITY}", name="quantity_range"),
        CheckConstraint(f"price_paid >= 0 AND price_paid <= {MAX_PRICE}", name="price_paid_range"),
        MYSQL_TABLE_OPTIONS,
    )

    # The primary key's index leads with order_id, so it serves that foreign key.
    order_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("sa_orders_order.id", ondelete="CASCADE"), primary_key=True
    )
    item_id: Mapped[int] = mapped_column(
        IdType,
        ForeignKey("sa_orders_item.id", ondelete="RESTRICT"),
        primary_key=True,
        index=True,
    )
    quantity: Mapped[int]
    price_paid: Mapped[Decimal]
    # The line's place on its order: lines are listed in the order they were added
    # (sa_orders.models.events numbers each line appended to an order). Lines written by
    # a statement without one have 0 and come first, by item. Not in the history: it is
    # set once, when the line is added.
    position: Mapped[int] = mapped_column(
        default=0, server_default=text("0"), info={"editable": False, "recorded": False}
    )

    order: Mapped[Order] = relationship(back_populates="lines")
    # Lines are shown with their item nearly everywhere: load it in the same query.
    item: Mapped[Item] = relationship(lazy="joined", innerjoin=True)

    def __init__(
        self,
        item: Item | None = None,
        quantity: int = 1,
        price_paid: Decimal | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        if item is not None:
            self.item = item
        self.quantity = quantity
        if price_paid is None and item is not None:
            price_paid = item.price  # the price at the time the line is added
        if price_paid is not None:
            self.price_paid = price_paid

    def __repr__(self) -> str:
        return f"<OrderItem order={self.order_id} item={self.item_id} x{self.quantity}>"

    def __str__(self) -> str:
        return gettext("%(quantity)s × %(item)s on order %(order)s") % {
            "quantity": self.quantity,
            "item": self.item,
            "order": self.order_id,
        }

    @hybrid_property
    def line_total(self) -> Decimal:
        return to_money(self.price_paid * self.quantity)

    @line_total.inplace.expression
    @classmethod
    def _line_total_expression(cls) -> ColumnElement[Decimal]:
        return type_coerce(cls.price_paid * cls.quantity, Money())

    @validates("quantity")
    def _validate_quantity(self, key: str, value: Any) -> int:
        if isinstance(value, int) and not isinstance(value, bool):
            quantity = value
        else:
            try:
                quantity = int(str(value).strip())
            except ValueError:
                raise DomainError(
                    gettext("Enter a whole number."), field=key, code="invalid"
                ) from None
        if not 1 <= quantity <= MAX_QUANTITY:
            raise DomainError(
                gettext("Enter a quantity between 1 and %(max)d.") % {"max": MAX_QUANTITY},
                field=key,
                code="quantity_range",
            )
        return quantity

    @validates("price_paid")
    def _validate_price_paid(self, key: str, value: Any) -> Decimal:
        return clean_money(value, key, MAX_PRICE)

    @validates("item")
    def _validate_item(self, key: str, item: Item) -> Item:
        state = inspect(self)
        if state.persistent and self.item is not None and self.item is not item:
            raise DomainError(
                gettext("The item of an existing order line cannot be changed."),
                field="item",
                code="item_locked",
            )
        return item


def compute_total(lines: Iterable[OrderItem], discount: Decimal | None) -> Decimal:
    """Sum of the lines minus the discount, never below zero."""
    subtotal = sum((line.line_total for line in lines), ZERO)
    return max(subtotal - (discount or ZERO), ZERO)
