"""The declarative base, shared column conventions, domain limits and validation helpers."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from sqlalchemy import BigInteger, Integer, MetaData
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from sa_orders.db.types import Money, UTCDateTime, to_money
from sa_orders.exceptions import DomainError

# Constraint names that are the same on every backend (and short enough for MySQL).
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Foreign keys need InnoDB; and never latin1, whatever the server's default.
MYSQL_TABLE_OPTIONS: dict[str, Any] = {"mysql_engine": "InnoDB", "mysql_charset": "utf8mb4"}

# 64-bit keys, except on SQLite where only INTEGER PRIMARY KEY aliases the rowid.
IdType = BigInteger().with_variant(Integer(), "sqlite")

# Bounds that keep any order total inside NUMERIC(12, 2):
# 99,999.99 x 999 x 100 lines = 9,989,999,001.00 < 9,999,999,999.99.
MAX_PRICE = Decimal("99999.99")
MAX_QUANTITY = 999
MAX_LINES_PER_ORDER = 100
MAX_AMOUNT = Decimal("9999999999.99")
ZERO = Decimal("0.00")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {Decimal: Money(), datetime: UTCDateTime()}


class Timestamped:
    """``created_at`` and ``updated_at``, kept by the ORM events of
    :mod:`sa_orders.models.events` (and by :mod:`sa_orders.services.writes` for statements
    that change many rows)."""

    created_at: Mapped[datetime] = mapped_column(
        sort_order=100, info={"label": _("Created"), "editable": False}
    )
    updated_at: Mapped[datetime] = mapped_column(
        sort_order=101, info={"label": _("Updated"), "editable": False}
    )


def clean_text(value: Any, field: str, max_length: int, *, required: bool = True) -> str | None:
    text = "" if value is None else str(value).strip()
    if not text:
        if required:
            raise DomainError(gettext("This field is required."), field=field, code="required")
        return None
    if len(text) > max_length:
        raise DomainError(
            gettext("Ensure this value has at most %(max)d characters (it has %(length)d).")
            % {"max": max_length, "length": len(text)},
            field=field,
            code="max_length",
        )
    return text


def clean_money(value: Any, field: str, maximum: Decimal) -> Decimal:
    try:
        amount = to_money(value)
    except (TypeError, ValueError):
        raise DomainError(gettext("Enter a number."), field=field, code="invalid") from None
    if amount < 0:
        raise DomainError(gettext("Enter an amount of 0 or more."), field=field, code="min_value")
    if amount > maximum:
        raise DomainError(
            gettext("Enter an amount of %(max)s or less.") % {"max": maximum},
            field=field,
            code="max_value",
        )
    return amount
