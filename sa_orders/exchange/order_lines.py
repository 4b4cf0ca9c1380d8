"""An order's lines in one CSV cell: ``2 x TEA-01 @ 12.50 | 1 x MUG-7 @ 3.00``.

A file of orders has one row per order (so a line number in an import's report names an
order), and its ``lines`` cell lists the order's lines, each as ``QUANTITY x SKU @
PRICE`` (the price paid), in the order the pages show them, separated by `` | ``. A SKU
has no spaces, so the cell reads back unambiguously. When importing, ``@ PRICE`` may be
left out: a new line then costs the item's current price, and a line the order already
has keeps the price it was bought at.

:func:`line_list` writes the cell in SQL, with the order's row (one aggregate per order
in the export's SELECT, never a query per order); :func:`parse_lines` reads it back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _
from sqlalchemy import ColumnElement, Select, String, cast, func, literal, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from sa_orders.db.types import CENT
from sa_orders.exceptions import DomainError
from sa_orders.models import MAX_LINES_PER_ORDER, MAX_PRICE, MAX_QUANTITY, Item, OrderItem
from sa_orders.models.base import clean_money
from sa_orders.models.catalog import clean_sku

SEPARATOR = " | "
TIMES, AT = "x", "@"
FIELD = "lines"

# "2 x TEA-01 @ 12.50", "2 x TEA-01" (also with "×" and any spaces around the signs)
_LINE = re.compile(
    r"^\s*(?P<quantity>\S+?)\s*(?:×\s*|x\s+)(?P<sku>\S+)(?:\s*@\s*(?P<price>\S+))?\s*$"
)
_SPLIT = re.compile(r"\s+\|\s+")


@dataclass(frozen=True)
class Line:
    """One line as a file gives it."""

    sku: str
    quantity: int
    price: Decimal | None  # None: the current price (new line) or the price kept


def parse_lines(value: str) -> list[Line]:
    """The lines of a ``lines`` cell; a :class:`DomainError` (field ``lines``) quotes
    the first one that is not ``QUANTITY x SKU @ PRICE``, or names an item given twice."""
    cell = value.strip()
    if not cell:
        return []
    lines: list[Line] = []
    seen: set[str] = set()
    for part in _SPLIT.split(cell):
        line = _parse_line(part.strip())
        if line.sku in seen:
            raise DomainError(
                _("%(sku)s is on this order twice; give it once, with the whole quantity.")
                % {"sku": line.sku},
                field=FIELD,
            )
        seen.add(line.sku)
        lines.append(line)
    if len(lines) > MAX_LINES_PER_ORDER:
        raise DomainError(
            _("An order can have at most %(max)d lines.") % {"max": MAX_LINES_PER_ORDER},
            field=FIELD,
        )
    return lines


def _parse_line(text: str) -> Line:
    quoted = text[:60]
    match = _LINE.match(text)
    if match is None:
        raise DomainError(
            _(
                "“%(text)s” is not a line written as “QUANTITY x SKU @ PRICE” (e.g. “2 x "
                "TEA-01 @ 12.50”), lines separated by “ | ”."
            )
            % {"text": quoted},
            field=FIELD,
        )
    quantity = match["quantity"]
    if not (quantity.isascii() and quantity.isdigit() and len(quantity) <= 9):
        raise DomainError(
            _("“%(text)s”: the quantity is not a whole number.") % {"text": quoted}, field=FIELD
        )
    if not 1 <= int(quantity) <= MAX_QUANTITY:
        raise DomainError(
            _("“%(text)s”: enter a quantity between 1 and %(max)d.")
            % {"text": quoted, "max": MAX_QUANTITY},
            field=FIELD,
        )
    try:
        sku = clean_sku(match["sku"], FIELD)
        price = None if match["price"] is None else _price(match["price"])
    except DomainError as error:
        raise DomainError(
            _("“%(text)s”: %(message)s") % {"text": quoted, "message": error.message},
            field=FIELD,
        ) from None
    return Line(sku=sku, quantity=int(quantity), price=price)


def _price(text: str) -> Decimal:
    try:
        exact = Decimal(text)
    except InvalidOperation:
        raise DomainError(_("the price is not a number.")) from None
    if exact.is_finite() and exact != exact.quantize(CENT):
        raise DomainError(_("Enter a price with at most 2 decimal places."))
    return clean_money(text, FIELD, MAX_PRICE)


def write_line(line: Line) -> str:
    """A line as :func:`line_list` writes it (for code that writes such files itself)."""
    price = "" if line.price is None else f" {AT} {line.price:f}"
    return f"{line.quantity} {TIMES} {line.sku}{price}"


# --- the cell in SQL ----------------------------------------------------------------


class _money_text(FunctionElement[str]):
    """An amount of money as text with its two decimals (``12.50``)."""

    type = String()
    inherit_cache = True
    name = "money_text"


@compiles(_money_text)
def _money_text_default(element: _money_text, compiler: SQLCompiler, **kw: Any) -> str:
    # NUMERIC(12, 2) is written with its two decimals by PostgreSQL and MariaDB.
    return f"CAST({compiler.process(element.clauses, **kw)} AS CHAR)"


@compiles(_money_text, "postgresql")
def _money_text_postgresql(element: _money_text, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST({compiler.process(element.clauses, **kw)} AS TEXT)"


@compiles(_money_text, "sqlite")
def _money_text_sqlite(element: _money_text, compiler: SQLCompiler, **kw: Any) -> str:
    # SQLite keeps money as a float (sa_orders.db.types.Money), exact to the cent.
    return f"printf('%.2f', {compiler.process(element.clauses, **kw)})"


class _joined_in_order(FunctionElement[str]):
    """``string_agg(text, separator ORDER BY keys)``: the texts of a group, joined in the
    order of the keys that follow them."""

    type = String()
    inherit_cache = True
    name = "joined_in_order"


def _arguments(element: _joined_in_order, compiler: SQLCompiler, **kw: Any) -> list[str]:
    return [compiler.process(clause, **kw) for clause in element.clauses]


@compiles(_joined_in_order, "postgresql")
def _joined_postgresql(element: _joined_in_order, compiler: SQLCompiler, **kw: Any) -> str:
    text, separator, *keys = _arguments(element, compiler, **kw)
    return f"string_agg({text}, {separator} ORDER BY {', '.join(keys)})"


@compiles(_joined_in_order, "mysql")
@compiles(_joined_in_order, "mariadb")
def _joined_mysql(element: _joined_in_order, compiler: SQLCompiler, **kw: Any) -> str:
    text, separator, *keys = _arguments(element, compiler, **kw)
    return f"group_concat({text} ORDER BY {', '.join(keys)} SEPARATOR {separator})"


class _lines_of(FunctionElement[str]):
    """An order's ``lines`` cell, for the order id it is given: a correlated scalar
    subquery that joins the order's lines in the order of their position."""

    type = String()
    inherit_cache = True
    name = "lines_of"


def _cell_text() -> ColumnElement[str]:
    return (
        cast(OrderItem.quantity, String)
        + literal(f" {TIMES} ", String)
        + Item.sku
        + literal(f" {AT} ", String)
        + _money_text(OrderItem.price_paid)
    )


def _lines_select(order_id: Any) -> Select[Any]:
    return (
        select(OrderItem)
        .join(Item, Item.id == OrderItem.item_id)
        .where(OrderItem.order_id == order_id)
        .correlate(order_id.table)
    )


@compiles(_lines_of)
def _lines_in_one_aggregate(element: _lines_of, compiler: SQLCompiler, **kw: Any) -> str:
    (order_id,) = element.clauses
    joined = _joined_in_order(
        _cell_text(), literal(SEPARATOR, String), OrderItem.position, OrderItem.item_id
    )
    stmt = _lines_select(order_id).with_only_columns(joined, maintain_column_froms=True)
    return str(compiler.process(stmt.scalar_subquery(), **kw))


@compiles(_lines_of, "sqlite")
def _lines_sqlite(element: _lines_of, compiler: SQLCompiler, **kw: Any) -> str:
    # SQLite before 3.44 has no ORDER BY in an aggregate: the lines come from an ordered
    # subquery, whose order SQLite's group_concat keeps.
    (order_id,) = element.clauses
    ordered = (
        _lines_select(order_id)
        .with_only_columns(_cell_text().label("cell"), maintain_column_froms=True)
        .order_by(OrderItem.position, OrderItem.item_id)
        .subquery()
    )
    stmt = select(func.group_concat(ordered.c.cell, literal(SEPARATOR, String)))
    return str(compiler.process(stmt.scalar_subquery(), **kw))


def line_list(order: Any) -> ColumnElement[str]:
    """The order's ``lines`` cell, as a correlated scalar subquery (NULL without lines)."""
    return _lines_of(order.id)
