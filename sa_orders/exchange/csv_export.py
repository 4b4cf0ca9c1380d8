"""CSV export of any mapped class: columns resolved to SQL, rows streamed in chunks.

Shared by the list pages' *Export CSV* and the ``sa_export`` command, so both write the
same file for the same rows:

* UTF-8, one header row of column names (machine names, not translated labels, so a file
  reads back the same whatever the language);
* values as data, not as the pages show them: ``12.50`` and ``-5.00`` for money (never a
  float), ``true``/``false``, ISO 8601 dates and times with their UTC offset (in
  ``TIME_ZONE``), an enum's value, an empty cell for NULL;
* text that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``,
  ``@``, a tab or a carriage return) gets a leading ``'``, as OWASP recommends; text that
  starts with ``'`` gets one too, so :func:`unescape_text` gives back exactly what was
  stored. Numbers are never escaped: ``-5.00`` stays a number.

:func:`stream_csv` runs one SELECT with ``yield_per`` (a server-side cursor on PostgreSQL
and MariaDB), in a session of its own, and yields the text chunk by chunk, so memory does
not grow with the table and a streaming response can outlive the request's session.
"""

from __future__ import annotations

import csv
import datetime
import enum
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import DatabaseError
from django.utils import timezone
from sqlalchemy import ColumnElement, Select, and_, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.hybrid import HybridExtensionType
from sqlalchemy.orm import ColumnProperty, RelationshipProperty, Session, aliased

from sa_orders.db.mapping import mapper_of
from sa_orders.db.session import session_scope

logger = logging.getLogger("sa_orders")

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"
DEFAULT_CHUNK_SIZE = 2000


def escape_text(text: str) -> str:
    """``=1+1`` -> ``'=1+1``: what a spreadsheet shows as text instead of running it."""
    return ESCAPE + text if text.startswith((*FORMULA_STARTS, ESCAPE)) else text


def unescape_text(text: str) -> str:
    """The inverse of :func:`escape_text`."""
    return text[1:] if text.startswith(ESCAPE) else text


def cell(value: Any) -> str:
    """One value as CSV text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, Decimal):
        return format(value, "f")  # never "1E+2"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, datetime.datetime):
        return (timezone.localtime(value) if timezone.is_aware(value) else value).isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return escape_text(str(value))


@dataclass(frozen=True)
class ExportColumn:
    """A column of an export that is not simply an attribute.

    ``expression`` receives the model class and returns a SQL expression computed with
    each row (a count of related rows, say). ``prepare``, if given, is called once per
    export with the export's session and returns a function applied to each value
    before it is written: it can load a small lookup table first (category paths by id)
    instead of querying per row.
    """

    name: str
    expression: Callable[[type], ColumnElement[Any]]
    prepare: Callable[[Session], Callable[[Any], Any]] | None = None


@dataclass(frozen=True)
class BoundExportColumn:
    name: str
    expression: ColumnElement[Any]
    prepare: Callable[[Session], Callable[[Any], Any]] | None = None


def default_export_fields(model: type) -> list[str]:
    """Every mapped column of ``model``, in the mapper's order."""
    return [prop.key for prop in mapper_of(model).column_attrs]


def bind_export_column(model: type, spec: str | ExportColumn) -> BoundExportColumn:
    """Resolve an export field: a column, a hybrid property, ``"relationship.attribute"``
    (a many-to-one relationship's attribute, as a correlated subquery), or an
    :class:`ExportColumn`."""
    if isinstance(spec, ExportColumn):
        return BoundExportColumn(spec.name, spec.expression(model), spec.prepare)
    mapper = mapper_of(model)
    name, _, attribute = spec.partition(".")
    prop = mapper.attrs.get(name)
    if attribute:
        if not isinstance(prop, RelationshipProperty) or prop.uselist:
            raise ValueError(f"{spec!r}: {name!r} is not a many-to-one relationship.")
        target = aliased(prop.mapper.class_)  # aliased, so it also works self-referentially
        joins = [
            getattr(target, prop.mapper.get_property_by_column(remote).key)
            == getattr(model, mapper.get_property_by_column(local).key)
            for local, remote in prop.local_remote_pairs
        ]
        value = select(getattr(target, attribute)).where(and_(*joins)).scalar_subquery()
        return BoundExportColumn(spec, value)
    if isinstance(prop, ColumnProperty):
        return BoundExportColumn(spec, getattr(model, name))
    descriptor = mapper.all_orm_descriptors.get(name)
    if getattr(descriptor, "extension_type", None) is HybridExtensionType.HYBRID_PROPERTY:
        return BoundExportColumn(spec, getattr(model, name))
    raise ValueError(f"{model.__name__}.{spec} cannot be exported.")


def export_statement(query: Select[Any], columns: Sequence[BoundExportColumn]) -> Select[Any]:
    """``query`` (its FROM, WHERE and ORDER BY) selecting the export's columns instead."""
    return query.with_only_columns(
        *(column.expression.label(f"c{index}") for index, column in enumerate(columns))
    )


class _Buffer:
    """What ``csv.writer`` writes to: collects the text until it is taken."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def write(self, text: str) -> None:
        self.parts.append(text)

    def take(self) -> str:
        text = "".join(self.parts)
        self.parts.clear()
        return text


def write_rows(
    columns: Sequence[BoundExportColumn],
    chunks: Iterable[Sequence[Sequence[Any]]],
    converters: Sequence[Callable[[Any], Any] | None] | None = None,
    on_rows: Callable[[int], None] | None = None,
) -> Iterator[str]:
    """The CSV text: the header and the first chunk of rows, then one string per chunk;
    ``on_rows(n)`` is told how many rows each chunk had."""
    buffer = _Buffer()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([column.name for column in columns])
    convert = list(converters or [None] * len(columns))
    for rows in chunks:
        for row in rows:
            writer.writerow(
                [
                    cell(value if function is None else function(value))
                    for function, value in zip(convert, row, strict=True)
                ]
            )
        if on_rows is not None:
            on_rows(len(rows))
        yield buffer.take()
    if buffer.parts:  # no rows at all: the header alone
        yield buffer.take()


def stream_csv(
    statement: Select[Any],
    columns: Sequence[BoundExportColumn],
    *,
    alias: str | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    on_rows: Callable[[int], None] | None = None,
) -> Iterator[str]:
    """Run ``statement`` (from :func:`export_statement`) in a session of its own and
    yield its CSV text, ``chunk_size`` rows at a time.

    If the database fails after rows went out, the last line says the file was cut off
    there (:data:`CUT_OFF`, a line no export of data begins with), and the error is raised
    again, so that a server aborts the response and a command leaves no file behind.
    """
    written = 0

    def count(rows: int) -> None:
        nonlocal written
        written += rows
        if on_rows is not None:
            on_rows(rows)

    started = False
    try:
        with session_scope(alias) as session:
            converters = [column.prepare(session) if column.prepare else None for column in columns]
            result = session.execute(statement, execution_options={"yield_per": chunk_size})
            try:
                for text in write_rows(columns, result.partitions(), converters, count):
                    started = True
                    yield text
            finally:
                _close(result)
    except (SQLAlchemyError, DatabaseError) as error:
        if started:
            logger.error("An export was cut off after %d rows: %s", written, error)
            yield cut_off_line(written)
        raise


def _close(result: Any) -> None:
    """Close a result's cursor (a server-side one on PostgreSQL and MariaDB), also when
    its connection broke: then the cursor only forgets it was open."""
    try:
        result.close()
    except (SQLAlchemyError, DatabaseError) as error:
        logger.debug("Closing an export's cursor failed: %s", error)


CUT_OFF = "#sa_orders: this export was cut off"


def cut_off_line(rows: int) -> str:
    """The last line of an export the database stopped half way: it begins with
    :data:`CUT_OFF`, says how many rows came before it, and ``sa_import`` refuses a file
    that holds it."""
    return (
        f"{CUT_OFF} after {rows} rows because the database stopped answering; "
        "the file is incomplete.\r\n"
    )
