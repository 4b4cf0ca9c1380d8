"""Columns of list pages, and how values are shown.

A ``list_display`` entry is one of:

* the name of a mapped column (``"email"``): sortable by that column;
* a hybrid property with a SQL expression (``"subtotal"``): computed in SQL with the
  page's rows, sortable;
* ``"relationship.attribute"`` (``"customer.name"``): the related row is loaded with the
  page (one JOIN), sortable by the related column;
* a relationship (``"categories"``): its rows are loaded for the whole page in one
  query, shown as a list, not sortable;
* a :class:`ListColumn` with an ``expression``: any SQL expression computed with the
  page's rows (a count of related rows, say), sortable.

None of them costs a query per row.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import dateformat, formats, numberformat, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext
from sqlalchemy import Column, ColumnElement, Numeric, UniqueConstraint, case, literal_column
from sqlalchemy.ext.hybrid import HybridExtensionType
from sqlalchemy.orm import (
    MANYTOONE,
    ColumnProperty,
    InstrumentedAttribute,
    Mapper,
    RelationshipProperty,
    joinedload,
    selectinload,
)
from sqlalchemy.orm.interfaces import LoaderOption
from sqlalchemy.types import Integer, TypeDecorator

from sa_orders.db.mapping import mapper_of

EMPTY = "—"


@dataclass(frozen=True)
class ListColumn:
    """A column of a list page that is not simply a mapped attribute.

    ``expression`` receives the model class and returns a SQL expression, computed for
    the page's rows in the same query and sortable::

        ListColumn("order_count", _("Orders"),
                   expression=lambda Customer: select(func.count(Order.id))
                       .where(Order.customer_id == Customer.id).scalar_subquery(),
                   numeric=True)

    Or ``attribute`` names an attribute as ``list_display`` would, and the column only
    changes its label or how its value reads (``formatter``).
    """

    name: str
    label: Any
    expression: Callable[[type], ColumnElement[Any]] | None = None
    attribute: str | None = None
    sortable: bool = True
    numeric: bool = False
    formatter: Callable[[Any], str] | None = None


def verbose_name(mapper: Mapper[Any], name: str) -> Any:
    """A label: ``info["label"]`` of the column or relationship, else its name, capitalised."""
    prop = mapper.attrs.get(name)
    info = {}
    if isinstance(prop, ColumnProperty):
        info = prop.columns[0].info
    elif isinstance(prop, RelationshipProperty):
        info = prop.info
    return info.get("label") or capfirst(name.replace("_", " "))


def nulls_last_flag(expression: Any) -> ColumnElement[int]:
    """1 for NULL, else 0: sorted by first, it puts NULLs last on every backend. The
    constants are written into the SQL, so that an index on the same expression
    (:mod:`sa_orders.models.sort_indexes`) can serve the sort."""
    one, zero = literal_column("1", Integer()), literal_column("0", Integer())
    flag: ColumnElement[int] = case((expression.is_(None), one), else_=zero)
    return flag


def _on_primary_key(mapper: Mapper[Any], prop: RelationshipProperty[Any]) -> bool:
    """Whether ``prop`` joins a row of its own on this row's whole primary key (one
    row each way: the related row's key tells the rows apart)."""
    return not prop.uselist and set(prop.local_columns) == set(mapper.primary_key)


def _unique_not_null(prop: ColumnProperty[Any]) -> bool:
    """Whether the column of ``prop`` holds a different value in every row."""
    if len(prop.columns) != 1:
        return False
    column = prop.columns[0]
    if not isinstance(column, Column) or column.nullable:
        return False
    table = column.table
    unique = getattr(table, "constraints", ())
    return bool(column.unique or column.primary_key) or any(
        isinstance(constraint, UniqueConstraint) and list(constraint.columns) == [column]
        for constraint in unique
    )


def _always_related(prop: RelationshipProperty[Any]) -> bool:
    """Whether every row has the row ``prop`` leads to: a many-to-one whose foreign key
    columns are NOT NULL (the database's constraint keeps them pointing at a row), or a
    relationship whose ``info`` says ``"always": True`` (a one-to-one row the database
    makes for every row, such as the kept figures)."""
    if prop.info.get("always"):
        return True
    return prop.direction is MANYTOONE and not any(column.nullable for column in prop.local_columns)


@dataclass
class BoundColumn:
    """A list column resolved against a model."""

    name: str
    label: Any
    sort_expression: ColumnElement[Any] | None = None
    select_expression: ColumnElement[Any] | None = None  # computed with the rows
    path: tuple[str, ...] = ()  # attribute path on the object
    join: InstrumentedAttribute[Any] | None = None  # relationship joined for sorting
    # whether every row has the related row, so that sorting may join it with an inner
    # join, which lets the database read the order from the related table's index
    inner_join: bool = False
    # whether the sort keys alone tell the rows apart (a unique NOT NULL column, a row of
    # its own joined on the primary key), so that the list needs no id after them: an
    # ORDER BY that an index gives as it is (MariaDB sorts a page whose last key is not
    # in the index it reads)
    identifies_row: bool = False
    # a related column's ties are broken by the related row first, then by the row: the
    # order an index of (related key, id) gives without a sort
    tie: ColumnElement[Any] | None = None
    loader: LoaderOption | None = None  # eager loading for display
    numeric: bool = False
    formatter: Callable[[Any], str] | None = None
    extras_key: str | None = None

    @property
    def sortable(self) -> bool:
        return self.sort_expression is not None

    def sort_keys(self, descending: bool = False) -> list[tuple[ColumnElement[Any], bool]]:
        """What sorting by this column sorts by, as (expression, descending): NULLs last
        on every backend (a flag first, for a nullable column), then the value, then the
        related row's key for a related column's ties."""
        expression = self.sort_expression
        if expression is None:
            raise ValueError(f"The list column {self.name!r} cannot be sorted.")
        keys: list[tuple[ColumnElement[Any], bool]] = []
        prop = getattr(expression, "property", None)
        if isinstance(prop, ColumnProperty) and any(column.nullable for column in prop.columns):
            keys.append((nulls_last_flag(expression), False))
        keys.append((expression, descending))
        if self.tie is not None:
            keys.append((self.tie, descending))
        return keys

    def order_by(self, descending: bool = False) -> list[ColumnElement[Any]]:
        """The ORDER BY clauses that sort by this column (:meth:`sort_keys`)."""
        return [key.desc() if desc else key.asc() for key, desc in self.sort_keys(descending)]

    def value(self, obj: Any, extras: dict[str, Any]) -> Any:
        if self.extras_key is not None:
            return extras.get(self.extras_key)
        value = obj
        for name in self.path:
            if value is None:
                return None
            value = getattr(value, name)
        return value

    def display(self, obj: Any, extras: dict[str, Any], shown: Display | None = None) -> str:
        value = self.value(obj, extras)
        if self.formatter:
            return self.formatter(value)
        return (shown or Display())(value)


def _is_numeric(expression: Any) -> bool:
    type_ = getattr(expression, "type", None)
    if isinstance(type_, TypeDecorator):
        type_ = type_.impl_instance
    return isinstance(type_, Numeric | Integer)


def bind_column(model: type, spec: str | ListColumn) -> BoundColumn:
    mapper = mapper_of(model)
    if isinstance(spec, ListColumn) and spec.attribute is not None:
        bound = bind_column(model, spec.attribute)
        bound.name, bound.label = spec.name, spec.label
        bound.formatter = spec.formatter or bound.formatter
        bound.numeric = spec.numeric or bound.numeric
        if not spec.sortable:
            bound.sort_expression = None
        return bound
    if isinstance(spec, ListColumn):
        if spec.expression is None:
            raise ValueError(f"ListColumn {spec.name!r} needs an expression or an attribute.")
        expression = spec.expression(model)
        return BoundColumn(
            name=spec.name,
            label=spec.label,
            sort_expression=expression if spec.sortable else None,
            select_expression=expression.label(f"sa_column_{spec.name}"),
            extras_key=f"sa_column_{spec.name}",
            numeric=spec.numeric,
            formatter=spec.formatter,
        )
    name, _, attribute = spec.partition(".")
    descriptor = mapper.all_orm_descriptors.get(name)
    if descriptor is None:
        raise ValueError(f"{model.__name__} has no attribute {name!r} for list_display.")
    prop = mapper.attrs.get(name)
    if attribute:
        if not isinstance(prop, RelationshipProperty) or prop.uselist:
            raise ValueError(f"{spec!r}: {name!r} is not a many-to-one relationship.")
        relationship: InstrumentedAttribute[Any] = getattr(model, name)
        target = getattr(prop.mapper.class_, attribute)
        (related_key,) = prop.mapper.primary_key
        return BoundColumn(
            name=spec,
            label=verbose_name(mapper, name),
            sort_expression=target,
            tie=getattr(prop.mapper.class_, prop.mapper.get_property_by_column(related_key).key),
            path=(name, attribute),
            join=relationship,
            inner_join=_always_related(prop),
            identifies_row=_always_related(prop) and _on_primary_key(mapper, prop),
            loader=joinedload(relationship),
            numeric=_is_numeric(target),
        )
    if isinstance(prop, ColumnProperty):
        column = getattr(model, name)
        return BoundColumn(
            name=spec,
            label=verbose_name(mapper, name),
            sort_expression=column,
            identifies_row=_unique_not_null(prop),
            path=(name,),
            numeric=_is_numeric(column) and not name.endswith("id"),
        )
    if isinstance(prop, RelationshipProperty):
        relationship = getattr(model, name)
        loader = selectinload(relationship) if prop.uselist else joinedload(relationship)
        return BoundColumn(name=spec, label=verbose_name(mapper, name), path=(name,), loader=loader)
    if getattr(descriptor, "extension_type", None) is HybridExtensionType.HYBRID_PROPERTY:
        expression = getattr(model, name)
        return BoundColumn(
            name=spec,
            label=verbose_name(mapper, name),
            sort_expression=expression,
            select_expression=expression.label(f"sa_column_{name}"),
            extras_key=f"sa_column_{name}",
            numeric=_is_numeric(expression),
        )
    raise ValueError(f"{model.__name__}.{name} cannot be a list column.")


class DateFormatter:
    """``dateformat.format(value, format_string)`` with the format parsed once, not for
    every value (half the time per cell on a list page)."""

    def __init__(self, format_string: str) -> None:
        self.format_string = format_string
        self.pieces: list[tuple[bool, str]] = []  # (a format character?, text)
        for index, piece in enumerate(dateformat.re_formatchars.split(str(format_string))):
            if index % 2:
                self.pieces.append((True, piece))
            elif piece:
                self.pieces.append((False, dateformat.re_escaped.sub(r"\1", piece)))
        self.has_time = any(
            is_char and hasattr(dateformat.TimeFormat, text) for is_char, text in self.pieces
        )

    def __call__(self, value: datetime.date) -> str:
        if self.has_time and type(value) is datetime.date:
            return dateformat.format(value, self.format_string)  # Django's TypeError
        formatter = dateformat.DateFormat(value)
        return "".join(
            str(getattr(formatter, text)()) if is_char else text for is_char, text in self.pieces
        )


@dataclass
class Row:
    """One object of a list page with the values computed for it in SQL."""

    obj: Any
    extras: dict[str, Any] = field(default_factory=dict)


class Display:
    """How values read on a page, in the active language (templates escape the result).

    The language's formats are looked up once, when it is made: a list page makes one for
    all its cells rather than looking them up again for each.
    """

    def __init__(self) -> None:
        self.yes, self.no = gettext("Yes"), gettext("No")
        self.decimal_separator = formats.get_format("DECIMAL_SEPARATOR")
        self.thousand_separator = formats.get_format("THOUSAND_SEPARATOR")
        self.grouping = formats.get_format("NUMBER_GROUPING")
        # Python's own "," formatting, then the language's separators (money: exact cents)
        self.separators = str.maketrans({",": self.thousand_separator, ".": self.decimal_separator})
        # The language's long formats ("Dec. 1, 2026, 6:35 a.m.", "1. Dezember 2026 06:35"):
        # its short ones put the day and the month in numbers, in an order that differs
        # from language to language ("12/01/2026").
        self.datetime_format = DateFormatter(formats.get_format("DATETIME_FORMAT"))
        self.date_format = DateFormatter(formats.get_format("DATE_FORMAT"))
        self.zone = timezone.get_current_timezone()
        self.labels: dict[enum.Enum, str] = {}  # a choice's label, translated once

    def __call__(self, value: Any) -> str:
        if value is None or value == "":
            return EMPTY
        if isinstance(value, enum.Enum):  # first: TextChoices are strings too
            label = self.labels.get(value)
            if label is None:
                label = self.labels[value] = str(getattr(value, "label", value.value))
            return label
        if isinstance(value, str):
            return value
        if isinstance(value, bool):
            return self.yes if value else self.no
        if isinstance(value, int):  # grouped, as every count on the pages
            return numberformat.format(
                value,
                self.decimal_separator,
                grouping=self.grouping,
                thousand_sep=self.thousand_separator,
                force_grouping=True,
            )
        if isinstance(value, Decimal):
            if self.grouping == 3 and value and value.as_tuple().exponent == -2:
                return f"{value:,}".translate(self.separators)
            return numberformat.format(
                value,
                self.decimal_separator,
                decimal_pos=2,
                grouping=self.grouping,
                thousand_sep=self.thousand_separator,
                force_grouping=True,
            )
        if isinstance(value, datetime.datetime):
            if timezone.is_aware(value):
                value = value.astimezone(self.zone)
            return self.datetime_format(value)
        if isinstance(value, datetime.date):
            return self.date_format(value)
        if isinstance(value, Iterable):
            return ", ".join(self(item) for item in value) or EMPTY
        return str(value)


def display(value: Any) -> str:
    """How a value reads on a page (templates escape the result)."""
    return Display()(value)
