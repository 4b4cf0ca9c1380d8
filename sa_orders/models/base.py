"""The declarative base, shared column conventions, domain limits and validation helpers."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from sqlalchemy import BigInteger, Integer, MetaData, literal_column
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from sa_orders.db.types import MONEY_TYPES, Money, UTCDateTime, to_money, utcnow
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


def _same_as_created(context: Any) -> datetime:
    """A new row's ``updated_at``: its ``created_at``, to the microsecond."""
    created = context.get_current_parameters().get("created_at")
    return created if isinstance(created, datetime) else utcnow()


class Timestamped:
    """``created_at`` and ``updated_at``, kept by column defaults, so that every write
    sets them: the ORM's unit of work, ``insert()`` and ``update()`` statements (the
    SQLAlchemy tutorial's bulk statements included), and sa_orders' own set-based writes.
    A statement that names them itself keeps what it names."""

    created_at: Mapped[datetime] = mapped_column(
        default=utcnow, sort_order=100, info={"label": _("Created"), "editable": False}
    )
    updated_at: Mapped[datetime] = mapped_column(
        default=_same_as_created,
        onupdate=utcnow,
        sort_order=101,
        info={"label": _("Updated"), "editable": False},
    )


def version_counter(table_name: str) -> Any:
    """The ``version`` column of a versioned table: 1 for a new row, and one more on every
    change. The ORM's version counter (``version_id_col``) sets it for the objects it
    flushes; the ``onupdate`` sets it for any ``update()`` statement that does not set it
    itself, so a form opened before a bulk change ends on the conflict page."""
    return mapped_column(
        server_default="1",
        # literals, not parameters: an upsert's UPDATE clause takes none on MariaDB
        onupdate=literal_column(f"{table_name}.version") + literal_column("1"),
        sort_order=102,
        info={"label": _("Version")},
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
    except TypeError:
        raise DomainError(
            gettext("Enter an amount of money (%(kinds)s), not %(type)s.")
            % {"kinds": MONEY_TYPES, "type": type(value).__name__},
            field=field,
            code="invalid",
        ) from None
    except ValueError:
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
