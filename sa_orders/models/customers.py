"""Customers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from sqlalchemy import CheckConstraint, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from sa_orders.exceptions import DomainError
from sa_orders.models.base import (
    MYSQL_TABLE_OPTIONS,
    Base,
    IdType,
    Timestamped,
    clean_text,
    version_counter,
)

if TYPE_CHECKING:
    from sa_orders.models.kept import CustomerFigures
    from sa_orders.models.orders import Order


class Customer(Timestamped, Base):
    __tablename__ = "sa_orders_customer"
    __table_args__ = (
        CheckConstraint("name <> ''", name="name_not_empty"),
        # Every order the list sorts by, ties by id, straight from an index (so that a page
        # costs the same on any number of customers).
        Index(None, "name", "id"),  # the default order
        Index(None, "created_at", "id"),
        MYSQL_TABLE_OPTIONS,
    )

    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), info={"label": _("Name")})
    email: Mapped[str] = mapped_column(String(254), unique=True, info={"label": _("Email")})
    phone: Mapped[str | None] = mapped_column(String(32), info={"label": _("Phone")})
    version: Mapped[int] = version_counter("sa_orders_customer")

    orders: Mapped[list[Order]] = relationship(
        back_populates="customer",
        cascade="all, delete-orphan",
        passive_deletes=True,  # the database's ON DELETE CASCADE removes unloaded rows
        order_by="[Order.order_date.desc(), Order.id.desc()]",
    )
    # Kept by the database (sa_orders.models.kept): read only.
    figures: Mapped[CustomerFigures] = relationship(
        viewonly=True,
        info={"label": _("Orders"), "always": True},  # made by a trigger
    )

    __mapper_args__ = {"version_id_col": version}

    def __repr__(self) -> str:
        return f"<Customer {self.id} {self.email!r}>"

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"

    @validates("name")
    def _validate_name(self, key: str, value: Any) -> str | None:
        return clean_text(value, key, 200)

    @validates("email")
    def _validate_email(self, key: str, value: Any) -> str:
        return clean_email(value, key)

    @validates("phone")
    def _validate_phone(self, key: str, value: Any) -> str | None:
        return clean_text(value, key, 32, required=False)


def clean_email(value: Any, field: str = "email") -> str:
    """A customer's email as stored: trimmed, lower case, valid."""
    email = (clean_text(value, field, 254) or "").lower()
    try:
        validate_email(email)
    except ValidationError:
        raise DomainError(
            gettext("Enter a valid email address."), field=field, code="invalid"
        ) from None
    return email
