"""Importing customers and items from CSV files as ``sa_export`` writes them.

Each row is checked with the same rules as the models (an error names the line and the
field), then upserted on the natural key (a customer's email, an item's SKU) a batch at
a time: ``INSERT ... ON CONFLICT DO UPDATE ... WHERE <a value differs>`` on PostgreSQL and
SQLite, ``INSERT ... ON DUPLICATE KEY UPDATE`` on MariaDB, bumping ``version`` and
``updated_at`` only of rows that really change, so importing the same file twice changes
nothing. Every batch is first classified with one SELECT (new, changed, unchanged): that
is where the counts come from, on every backend (MariaDB's affected-row counts cannot
tell an unchanged row from a new one).

The import is one transaction: a bad row, a key that appears twice in the file or a
failing statement leaves the database as it was. Memory does not grow with the file: the
keys seen so far, which catch a key that appears twice, are kept in a temporary table.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any, BinaryIO

from django.utils.translation import gettext as _
from sqlalchemy import (
    Column,
    Connection,
    Integer,
    MetaData,
    String,
    Table,
    and_,
    case,
    delete,
    literal_column,
    or_,
    select,
    tuple_,
    update,
)
from sqlalchemy.dialects import mysql, postgresql, sqlite
from sqlalchemy.orm import Session

from sa_orders import services
from sa_orders.csv_export import unescape_text
from sa_orders.db import bulk
from sa_orders.db.types import CENT, utcnow
from sa_orders.exceptions import DomainError
from sa_orders.models import MAX_PRICE, Customer, Item, item_category
from sa_orders.models.base import clean_money, clean_text
from sa_orders.models.catalog import CATEGORY_LIST_SEPARATOR, clean_sku
from sa_orders.models.customers import clean_email

# A literal: mysqlclient's executemany cannot take parameters after VALUES (...)
ONE = literal_column("1")
MAX_PROBLEMS = 20  # problems kept for the report; the rest are only counted
TRUE, FALSE = {"true", "1", "yes", "y", "t"}, {"false", "0", "no", "n", "f"}


class ImportFailed(Exception):
    """The file cannot be imported (its header, its encoding); the message says why."""


def _text(name: str, max_length: int, *, required: bool = True) -> Callable[[str], Any]:
    def clean(value: str) -> Any:
        return clean_text(unescape_text(value), name, max_length, required=required)

    return clean


def _email(value: str) -> str:
    return clean_email(unescape_text(value))


def _sku(value: str) -> str:
    return clean_sku(unescape_text(value))


def _price(value: str) -> Decimal:
    text = value.strip()
    try:
        exact = Decimal(text)
    except InvalidOperation:
        raise DomainError(_("Enter a number."), field="price") from None
    if exact.is_finite() and exact != exact.quantize(CENT):
        raise DomainError(_("Enter a number with at most 2 decimal places."), field="price")
    return clean_money(text, "price", MAX_PRICE)


def _boolean(value: str) -> bool:
    word = value.strip().lower()
    if word in TRUE:
        return True
    if word in FALSE:
        return False
    raise DomainError(_("Enter true or false."), field="active")


def _paths(value: str) -> list[str]:
    text = unescape_text(value).strip()
    return [path.strip() for path in text.split(CATEGORY_LIST_SEPARATOR.strip())] if text else []


@dataclass(frozen=True)
class Field:
    name: str
    clean: Callable[[str], Any]
    required: bool = False  # the column must be there and the cell not empty
    column: bool = True  # a column of the table (categories are links)


@dataclass(frozen=True)
class Kind:
    """What one kind of file holds."""

    name: str
    model: type
    key: str
    fields: tuple[Field, ...]
    ignored: frozenset[str]  # what sa_export writes besides: read, and left alone

    @property
    def table(self) -> Table:
        return self.model.__table__  # type: ignore[attr-defined, no-any-return]


KINDS = {
    "customers": Kind(
        "customers",
        Customer,
        "email",
        (
            Field("email", _email, required=True),
            Field("name", _text("name", 200), required=True),
            Field("phone", _text("phone", 32, required=False)),
        ),
        frozenset({"id", "orders", "created_at", "updated_at"}),
    ),
    "items": Kind(
        "items",
        Item,
        "sku",
        (
            Field("sku", _sku, required=True),
            Field("name", _text("name", 200), required=True),
            Field("price", _price, required=True),
            Field("active", _boolean),
            Field("categories", _paths, column=False),
        ),
        frozenset({"id", "created_at", "updated_at"}),
    ),
}


@dataclass
class Problem:
    line: int
    field: str | None
    message: str

    def __str__(self) -> str:
        if self.field is None:
            return _("line %(line)d: %(message)s") % {"line": self.line, "message": self.message}
        return _("line %(line)d, field %(field)s: %(message)s") % vars(self)


@dataclass
class ImportReport:
    rows: int = 0  # data rows read
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0  # rows with a problem
    problems: list[Problem] = field(default_factory=list)  # the first MAX_PROBLEMS

    def reject(self, line: int, field_name: str | None, message: str) -> None:
        self.rejected += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(line, field_name, message))


def read_header(reader: Iterator[list[str]], kind: Kind) -> list[str]:
    """The header's column names, checked against ``kind``."""
    names = [f.name for f in kind.fields]
    expected = ", ".join(names)
    header = next(reader, None)
    if not header or not any(cell.strip() for cell in header):
        raise ImportFailed(
            _("The file is empty: its first line must name the columns (%(columns)s).")
            % {"columns": expected}
        )
    columns = [cell.strip().lstrip("\ufeff") for cell in header]
    for index, column in enumerate(columns):
        if column in columns[:index]:
            raise ImportFailed(
                _("line 1: the column “%(column)s” appears twice.") % {"column": column}
            )
        if column not in names and column not in kind.ignored:
            raise ImportFailed(
                _("line 1: unknown column “%(column)s”; the columns are %(columns)s.")
                % {"column": column, "columns": expected}
            )
    for spec in kind.fields:
        if spec.required and spec.name not in columns:
            raise ImportFailed(
                _("line 1: the column “%(column)s” is missing.") % {"column": spec.name}
            )
    return columns


def decoded_lines(stream: BinaryIO) -> Iterator[str]:
    """The lines of a UTF-8 file (a byte order mark is allowed), decoded one by one so
    that a byte that is not UTF-8 is reported on its own line."""
    for number, raw in enumerate(stream, start=1):
        try:
            yield raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            raise ImportFailed(
                _("line %(line)d: the file is not UTF-8 text.") % {"line": number}
            ) from None


def _records(reader: Any) -> Iterator[tuple[int, list[str]]]:
    """(the line a record starts on, its cells); blank lines are skipped."""
    line = reader.line_num + 1
    try:
        for record in reader:
            if record and any(cell.strip() for cell in record):
                yield line, record
            line = reader.line_num + 1
    except csv.Error as error:
        raise ImportFailed(_("line %(line)d: %(error)s") % {"line": line, "error": error}) from None


@dataclass
class _Row:
    line: int
    values: dict[str, Any]


class _SeenKeys:
    """The keys of the rows already read, in a temporary table (not in memory)."""

    def __init__(self, connection: Connection, length: int) -> None:
        self.connection = connection
        self.table = Table(
            "sa_orders_import_seen",
            MetaData(),
            Column("key", String(length), primary_key=True),
            Column("line", Integer, nullable=False),
            prefixes=["TEMPORARY"],
        )
        self.drop()
        self.table.create(connection)

    def drop(self) -> None:
        temporary = "TEMPORARY " if self.connection.dialect.name == "mysql" else ""
        # On MariaDB only DROP TEMPORARY TABLE leaves the transaction open.
        self.connection.exec_driver_sql(f"DROP {temporary}TABLE IF EXISTS {self.table.name}")

    def earlier(self, keys: Sequence[str]) -> dict[str, int]:
        """The keys among ``keys`` seen before, with the line they were first on."""
        rows = self.connection.execute(
            select(self.table.c.key, self.table.c.line).where(self.table.c.key.in_(keys))
        )
        return {key: line for key, line in rows}

    def add(self, rows: Iterable[tuple[str, int]]) -> None:
        bulk.insert_rows(self.connection, self.table, ["key", "line"], rows)


def import_csv(
    session: Session,
    kind: Kind,
    lines: Iterable[str],
    *,
    batch_size: int = 1000,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Import the CSV text ``lines`` (see :func:`decoded_lines`) into the session's
    transaction; the caller commits, or rolls
    back when the report has rejected rows (they are not written, but the rows around
    them are, so the transaction must not be kept)."""
    reader = csv.reader(lines)
    columns = read_header(reader, kind)
    present = [spec for spec in kind.fields if spec.name in columns]
    connection = session.connection()
    key_length = kind.table.c[kind.key].type.length  # type: ignore[attr-defined]
    seen = _SeenKeys(connection, key_length)
    importer = _Importer(
        connection=connection,
        kind=kind,
        fields=present,
        categories=(
            {path: pk for pk, path in services.category_paths(session).items()}
            if any(not spec.column for spec in present)
            else None
        ),
        dry_run=dry_run,
        stamp=utcnow(),
        seen=seen,
    )
    batch: list[_Row] = []
    for line, record in _records(reader):
        importer.report.rows += 1
        row = importer.clean(line, columns, record)
        if row is not None:
            batch.append(row)
        if len(batch) >= batch_size:
            importer.write(batch)
            batch = []
            if progress is not None:
                progress(importer.report.rows)
    importer.write(batch)
    if progress is not None:
        progress(importer.report.rows)
    # Not on failure: the rollback takes the table along (or, on MariaDB, where temporary
    # tables outlive transactions, the next import drops it before making its own).
    seen.drop()
    return importer.report


@dataclass
class _Importer:
    connection: Connection
    kind: Kind
    fields: list[Field]
    categories: dict[str, int] | None  # path -> id, when the file has categories
    dry_run: bool
    stamp: datetime
    seen: _SeenKeys
    report: ImportReport = field(default_factory=ImportReport)

    @property
    def columns(self) -> list[str]:
        return [spec.name for spec in self.fields if spec.column]

    def clean(self, line: int, header: list[str], record: list[str]) -> _Row | None:
        if len(record) != len(header):
            self.report.reject(
                line,
                None,
                _("%(found)d fields where the header has %(expected)d.")
                % {"found": len(record), "expected": len(header)},
            )
            return None
        cells = dict(zip(header, record, strict=True))
        values: dict[str, Any] = {}
        problem = None
        for spec in self.fields:
            try:
                values[spec.name] = spec.clean(cells[spec.name])
            except DomainError as error:
                problem = problem or (spec.name, error.message)
                continue
            if spec.name == "categories" and self.categories is not None:
                unknown = [path for path in values[spec.name] if path not in self.categories]
                if unknown:
                    problem = problem or (
                        spec.name,
                        _("there is no category “%(path)s”.") % {"path": unknown[0]},
                    )
        if problem is not None:
            self.report.reject(line, *problem)
            return None
        return _Row(line, values)

    # --- one batch --------------------------------------------------------------------

    def write(self, batch: list[_Row]) -> None:
        if not batch:
            return
        batch = self._without_repeated_keys(batch)
        table, key = self.kind.table, self.kind.key
        keys = [row.values[key] for row in batch]
        compared = [table.c[name] for name in self.columns if name != key]
        existing = {
            found[0]: found
            for found in self.connection.execute(
                select(table.c[key], *compared, table.c.id).where(table.c[key].in_(keys))
            )
        }
        links = self._links_of([found.id for found in existing.values()])
        changed_rows, links_only = [], []
        for row in batch:
            found = existing.get(row.values[key])
            if found is None:
                self.report.created += 1
                changed_rows.append(row)
                continue
            differs = any(
                row.values[column.name] != value
                for column, value in zip(compared, found[1:-1], strict=True)
            )
            relinked = links is not None and links.get(found.id, set()) != {
                self.categories[path]  # type: ignore[index]
                for path in row.values["categories"]
            }
            if differs:
                changed_rows.append(row)
            elif relinked:
                links_only.append(found.id)
            if differs or relinked:
                self.report.updated += 1
            else:
                self.report.unchanged += 1
        if self.dry_run or self.report.rejected:
            return  # nothing is written: a dry run, or the transaction will be rolled back
        if changed_rows:
            self.connection.execute(self._upsert(), [self._parameters(row) for row in changed_rows])
        if links_only:
            self.connection.execute(
                update(table)
                .where(table.c.id.in_(links_only))
                .values(version=table.c.version + 1, updated_at=self.stamp)
            )
        if links is not None:
            self._relink(batch, existing)

    def _without_repeated_keys(self, batch: list[_Row]) -> list[_Row]:
        """Reject a row whose key came earlier in the file; remember the others."""
        key = self.kind.key
        earlier = self.seen.earlier([row.values[key] for row in batch])
        kept: list[_Row] = []
        for row in batch:
            value = row.values[key]
            if value in earlier:
                self.report.reject(
                    row.line,
                    key,
                    _("“%(value)s” is already on line %(first)d.")
                    % {"value": value, "first": earlier[value]},
                )
                continue
            earlier[value] = row.line
            kept.append(row)
        self.seen.add((row.values[key], row.line) for row in kept)
        return kept

    def _parameters(self, row: _Row) -> dict[str, Any]:
        values = {name: row.values[name] for name in self.columns}
        values.update(created_at=self.stamp, updated_at=self.stamp)
        return values

    def _upsert(self) -> Any:
        """INSERT, or UPDATE the row with the same key if one of its values differs."""
        table, key = self.kind.table, self.kind.key
        changing = [name for name in self.columns if name != key]
        dialect = self.connection.dialect.name
        if dialect == "mysql":
            statement = mysql.insert(table)
            new = statement.inserted
            same = and_(*(table.c[name].is_not_distinct_from(new[name]) for name in changing))
            # MariaDB assigns left to right, each seeing the ones before: the version and
            # the time are decided while the old values are still there.
            return statement.on_duplicate_key_update(
                [
                    ("version", case((same, table.c.version), else_=table.c.version + ONE)),
                    ("updated_at", case((same, table.c.updated_at), else_=new.updated_at)),
                    *((name, new[name]) for name in changing),
                ]
            )
        module = postgresql if dialect == "postgresql" else sqlite
        statement = module.insert(table)
        new = statement.excluded
        return statement.on_conflict_do_update(
            index_elements=[table.c[key]],
            set_={
                **{name: new[name] for name in changing},
                "version": table.c.version + ONE,
                "updated_at": new.updated_at,
            },
            where=or_(*(table.c[name].is_distinct_from(new[name]) for name in changing)),
        )

    # --- an item's categories ---------------------------------------------------------

    def _links_of(self, item_ids: list[int]) -> dict[int, set[int]] | None:
        if self.categories is None:
            return None
        links: dict[int, set[int]] = {}
        if item_ids:
            rows = self.connection.execute(
                select(item_category.c.item_id, item_category.c.category_id).where(
                    item_category.c.item_id.in_(item_ids)
                )
            )
            for item_id, category_id in rows:
                links.setdefault(item_id, set()).add(category_id)
        return links

    def _relink(self, batch: list[_Row], existing: dict[str, Any]) -> None:
        """Make each item's categories those of its row (the new items' too)."""
        assert self.categories is not None
        table, key = self.kind.table, self.kind.key
        ids = dict(
            self.connection.execute(
                select(table.c[key], table.c.id).where(
                    table.c[key].in_([row.values[key] for row in batch])
                )
            ).all()
        )
        wanted = {
            (ids[row.values[key]], self.categories[path])
            for row in batch
            for path in row.values["categories"]
        }
        current = self._links_of(list(ids.values())) or {}
        have = {(item, category) for item, categories in current.items() for category in categories}
        extra = have - wanted
        if extra:
            self.connection.execute(
                delete(item_category).where(
                    tuple_(item_category.c.item_id, item_category.c.category_id).in_(extra)
                )
            )
        bulk.insert_rows(
            self.connection, item_category, ["item_id", "category_id"], sorted(wanted - have)
        )
