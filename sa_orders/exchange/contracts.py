"""What a CSV file of each kind holds: one contract per kind, stated once.

A :class:`Contract` lists a kind's columns in the order files have them. Each column says
how the export computes it (an attribute, ``"relationship.attribute"``, a hybrid or an
:class:`~sa_orders.exchange.csv_export.ExportColumn`) and, for a kind that can be
imported, how the import reads it back (a cleaner that applies the models' rules) or that
the import reads and ignores it (``id``, counts, timestamps). The same contract feeds the
pages' *Export CSV* (the admins' ``export_fields``), ``sa_export`` and ``sa_import``, so
a file written by one reads back into the other unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from sqlalchemy import Table
from sqlalchemy.orm import Session

from sa_orders.db.mapping import table_of
from sa_orders.db.types import CENT, key_from_text
from sa_orders.exceptions import DomainError
from sa_orders.exchange.csv_export import ExportColumn, unescape_text
from sa_orders.exchange.order_lines import line_list, parse_lines
from sa_orders.models import MAX_AMOUNT, MAX_PRICE, Customer, Item, Order, OrderStatus
from sa_orders.models.base import ZERO, clean_money, clean_text
from sa_orders.models.catalog import clean_sku
from sa_orders.models.customers import clean_email
from sa_orders.models.expressions import category_ids, order_count
from sa_orders.services.catalog import category_paths

# How a list of category paths is written in one cell: "Garden/Seeds | Tools".
CATEGORY_LIST_SEPARATOR = " | "
TRUE, FALSE = {"true", "1", "yes", "y", "t"}, {"false", "0", "no", "n", "f"}


# --- reading cells back: the models' rules, errors naming the field -----------------


def text(name: str, max_length: int, *, required: bool = True) -> Callable[[str], Any]:
    def clean(value: str) -> Any:
        return clean_text(unescape_text(value), name, max_length, required=required)

    return clean


def email(value: str) -> str:
    return clean_email(unescape_text(value))


def sku(value: str) -> str:
    return clean_sku(unescape_text(value))


def money(name: str, maximum: Decimal, *, blank: Decimal | None = None) -> Callable[[str], Decimal]:
    """An amount as exported: a plain number with at most two decimals (an empty cell is
    ``blank``, if given)."""

    def clean(value: str) -> Decimal:
        figure = value.strip()
        if not figure and blank is not None:
            return blank
        try:
            exact = Decimal(figure)
        except InvalidOperation:
            raise DomainError(_("Enter a number."), field=name) from None
        if exact.is_finite() and exact != exact.quantize(CENT):
            raise DomainError(_("Enter a number with at most 2 decimal places."), field=name)
        return clean_money(figure, name, maximum)

    return clean


price = money("price", MAX_PRICE)


def order_id(value: str) -> int | None:
    """An order's id; empty for a new order."""
    figure = value.strip()
    if not figure:
        return None
    key = key_from_text(table_of(Order).c.id.type, figure)
    if key is None or key < 1:
        raise DomainError(
            _("“%(value)s” is not an order's id; leave it empty for a new order.")
            % {"value": figure[:40]},
            field="id",
        )
    return int(key)


def status(value: str) -> OrderStatus | None:
    """An order's status; empty: as it is (a new order's: pending)."""
    word = value.strip().lower()
    if not word:
        return None
    try:
        return OrderStatus(word)
    except ValueError:
        raise DomainError(
            _("“%(value)s” is not a status; the statuses are %(statuses)s.")
            % {"value": value.strip()[:40], "statuses": ", ".join(OrderStatus.values)},
            field="status",
        ) from None


def moment(name: str) -> Callable[[str], datetime | None]:
    """A date and time as exported (ISO 8601 with its UTC offset; without one, in
    ``TIME_ZONE``); empty for none."""

    def clean(value: str) -> datetime | None:
        figure = value.strip()
        if not figure:
            return None
        try:
            parsed = datetime.fromisoformat(figure)
        except ValueError:
            raise DomainError(
                _("“%(value)s” is not a date and time as “2026-12-01T09:30:00+01:00”.")
                % {"value": figure[:40]},
                field=name,
            ) from None
        if timezone.is_naive(parsed):
            parsed = timezone.make_aware(parsed)
        return parsed.astimezone(UTC)

    return clean


def boolean(value: str) -> bool:
    word = value.strip().lower()
    if word in TRUE:
        return True
    if word in FALSE:
        return False
    raise DomainError(_("Enter true or false."), field="active")


def category_list(value: str) -> list[str]:
    """``"Garden/Seeds | Tools"`` -> the paths."""
    cell = unescape_text(value).strip()
    return [path.strip() for path in cell.split(CATEGORY_LIST_SEPARATOR.strip())] if cell else []


def category_path_list(session: Session) -> Callable[[str | None], str]:
    """For an export: the category tree, loaded once, turns ids into sorted paths."""
    paths = category_paths(session)

    def convert(ids: str | None) -> str:
        names = (paths.get(int(pk), "") for pk in (ids or "").split(",") if pk)
        return CATEGORY_LIST_SEPARATOR.join(sorted(names, key=str.casefold))

    return convert


# --- the contracts ------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One column of a kind's files."""

    name: str  # in the header
    export: str | ExportColumn | None = None  # how the export computes it; None: ``name``
    clean: Callable[[str], Any] | None = None  # how the import reads it; None: ignored
    required: bool = False  # the import needs the column, and a value in it
    stored: bool = True  # the import writes it to the table's column of that name

    @property
    def export_field(self) -> str | ExportColumn:
        return self.export if self.export is not None else self.name

    @property
    def imported(self) -> bool:
        return self.clean is not None


@dataclass(frozen=True)
class Contract:
    """The columns of one kind of file; ``key`` (the natural key) for a kind that can be
    imported."""

    name: str
    model: type
    columns: tuple[Column, ...]
    key: str | None = None

    @property
    def export_fields(self) -> list[str | ExportColumn]:
        """The columns as the admins' ``export_fields``."""
        return [column.export_field for column in self.columns]

    @property
    def importable(self) -> bool:
        return self.key is not None

    @property
    def fields(self) -> list[Column]:
        """The columns an import reads."""
        return [column for column in self.columns if column.imported]

    @property
    def ignored(self) -> frozenset[str]:
        """The columns an import reads and leaves alone."""
        return frozenset(column.name for column in self.columns if not column.imported)

    @property
    def table(self) -> Table:
        return table_of(self.model)


CUSTOMERS = Contract(
    "customers",
    Customer,
    (
        Column("id"),
        Column("email", clean=email, required=True),
        Column("name", clean=text("name", 200), required=True),
        Column("phone", clean=text("phone", 32, required=False)),
        Column("orders", ExportColumn("orders", order_count)),
        Column("created_at"),
        Column("updated_at"),
    ),
    key="email",
)

ITEMS = Contract(
    "items",
    Item,
    (
        Column("id"),
        Column("sku", clean=sku, required=True),
        Column("name", clean=text("name", 200), required=True),
        Column("price", clean=price, required=True),
        Column("active", clean=boolean),
        Column(
            "categories",
            ExportColumn("categories", category_ids, prepare=category_path_list),
            clean=category_list,
            stored=False,  # links to categories, not a column
        ),
        Column("created_at"),
        Column("updated_at"),
    ),
    key="sku",
)

ORDERS = Contract(
    "orders",
    Order,
    (
        Column("id", clean=order_id),  # empty: a new order
        Column("customer.email", clean=email, required=True),
        Column("customer.name"),
        Column("status", clean=status),
        Column("order_date", clean=moment("order_date")),
        Column("lines", ExportColumn("lines", line_list), clean=parse_lines, required=True),
        Column("subtotal"),
        Column("discount_amount", clean=money("discount_amount", MAX_AMOUNT, blank=ZERO)),
        Column("total_amount"),
        Column("notes", clean=text("notes", 10_000, required=False)),
        Column("updated_at"),
    ),
    key="id",
)

CONTRACTS: dict[str, Contract] = {
    contract.name: contract for contract in (CUSTOMERS, ITEMS, ORDERS)
}


def importable() -> dict[str, Contract]:
    """The kinds ``sa_import`` reads, by name."""
    return {name: contract for name, contract in CONTRACTS.items() if contract.importable}
