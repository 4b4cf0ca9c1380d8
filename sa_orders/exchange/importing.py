"""Importing customers and items from CSV files as ``sa_export`` writes them.

Each row is checked with the rules of its kind's contract (:mod:`sa_orders.exchange
.contracts`, the models' own rules; an error names the line and the field), then upserted
on the natural key (a customer's email, an item's SKU) a batch at a time through
:func:`sa_orders.services.writes.upsert_rows`, which bumps ``version`` and ``updated_at``
only of rows that really change, so importing the same file twice changes nothing. Every
batch is first classified with one SELECT (new, changed, unchanged): that is where the
counts come from, on every backend (MariaDB's affected-row counts cannot tell an
unchanged row from a new one).

The import is one transaction: a bad row, a key that appears twice in the file or a
failing statement leaves the database as it was. Memory does not grow with the file: the
keys seen so far, which catch a key that appears twice, are kept in a temporary table.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, BinaryIO

from django.utils.translation import gettext as _
from sqlalchemy import Column, Connection, Integer, MetaData, String, Table, select, text
from sqlalchemy.orm import Session

from sa_orders.db import bulk
from sa_orders.db.types import utcnow
from sa_orders.exceptions import DomainError
from sa_orders.exchange.contracts import Column as ContractColumn
from sa_orders.exchange.contracts import Contract
from sa_orders.exchange.csv_export import CUT_OFF
from sa_orders.services import catalog, writes
from sa_orders.services.history import IMPORT, acting_within

MAX_PROBLEMS = 20  # problems kept for the report; the rest are only counted


class ImportFailed(Exception):
    """The file cannot be imported (its header, its encoding); the message says why."""


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
    # the problems kept: MAX_PROBLEMS of them from the first (a page of them, for a preview)
    problems: list[Problem] = field(default_factory=list)
    first_problem: int = 0
    max_problems: int = MAX_PROBLEMS

    def reject(self, line: int, field_name: str | None, message: str) -> None:
        index = self.rejected
        self.rejected += 1
        if self.first_problem <= index < self.first_problem + self.max_problems:
            self.problems.append(Problem(line, field_name, message))


def read_header(reader: Iterator[list[str]], kind: Contract) -> list[str]:
    """The header's column names, checked against the contract of ``kind``."""
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
            if record and record[0].startswith(CUT_OFF):
                raise ImportFailed(
                    _(
                        "line %(line)d: this file is an export that was cut off there; export "
                        "again, and import the whole file."
                    )
                    % {"line": line}
                )
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
    kind: Contract,
    lines: Iterable[str],
    *,
    batch_size: int = 1000,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
    source_name: str = "",
    report: ImportReport | None = None,
) -> ImportReport:
    """Import the CSV text ``lines`` (see :func:`decoded_lines`) of a ``kind`` that can be
    imported into the session's transaction. The caller commits, or rolls back when the
    report has rejected rows (they are not written, but the rows around them are, so the
    transaction must not be kept)."""
    if kind.key is None:
        raise ImportFailed(_("%(kind)s cannot be imported.") % {"kind": kind.name})
    reader = csv.reader(lines)
    columns = read_header(reader, kind)
    present = [spec for spec in kind.fields if spec.name in columns]
    key_type = kind.table.c[kind.key].type
    assert isinstance(key_type, String)  # natural keys are strings of a given length
    assert key_type.length is not None
    seen = _SeenKeys(session.connection(), key_type.length)
    importer = _Importer(
        session=session,
        kind=kind,
        key=kind.key,
        fields=present,
        categories=(
            {path: pk for pk, path in catalog.category_paths(session).items()}
            if any(not spec.stored for spec in present)
            else None
        ),
        dry_run=dry_run,
        now=utcnow(),
        seen=seen,
        report=report or ImportReport(),
    )
    with acting_within(IMPORT, f"{kind.name} {source_name}".strip()):
        _import_rows(importer, reader, columns, batch_size, progress)
    # Not on failure: the rollback takes the table along (or, on MariaDB, where temporary
    # tables outlive transactions, the next import drops it before making its own).
    seen.drop()
    return importer.report


def _import_rows(
    importer: _Importer,
    reader: Any,
    columns: list[str],
    batch_size: int,
    progress: Callable[[int], None] | None,
) -> None:
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


_PLANNER = (
    "SELECT set_config('enable_seqscan', '%(value)s', true), "
    "set_config('enable_bitmapscan', '%(value)s', true)"
)


@contextmanager
def _by_index(session: Session) -> Iterator[None]:
    """Look the batch's keys up through their unique index on PostgreSQL, whatever the
    statistics say. Of a table emptied or loaded since it was last analysed, the planner
    took the trigram index of the searches (a bitmap scan, 4 s for 1,000 emails) or a
    scan of the whole table for ``key IN (...)``, and a large import grew with the
    square of its rows (20,000 customers: 235 s instead of 5 s)."""
    postgresql = session.get_bind().dialect.name == "postgresql"
    if postgresql:
        session.execute(text(_PLANNER % {"value": "off"}))
    try:
        yield
    finally:
        if postgresql:
            session.execute(text(_PLANNER % {"value": "on"}))


@dataclass
class _Importer:
    session: Session
    kind: Contract
    key: str
    fields: list[ContractColumn]
    categories: dict[str, int] | None  # path -> id, when the file has categories
    dry_run: bool
    now: datetime
    seen: _SeenKeys
    report: ImportReport = field(default_factory=ImportReport)

    @property
    def columns(self) -> list[str]:
        """The table's columns the file gives."""
        return [spec.name for spec in self.fields if spec.stored]

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
            assert spec.clean is not None
            try:
                values[spec.name] = spec.clean(cells[spec.name])
            except DomainError as error:
                problem = problem or (spec.name, error.message)
                continue
            if not spec.stored and self.categories is not None:
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
        table, key = self.kind.table, self.key
        keys = [row.values[key] for row in batch]
        compared = [table.c[name] for name in self.columns if name != key]
        with _by_index(self.session):
            existing = {
                found[0]: found
                for found in self.session.execute(
                    select(table.c[key], *compared, table.c.id).where(table.c[key].in_(keys))
                )
            }
        links = (
            catalog.item_category_ids(self.session, [found.id for found in existing.values()])
            if self.categories is not None
            else None
        )
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
            relinked = links is not None and links.get(found.id, set()) != self._wanted(row)
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
        model = self.kind.model
        writes.upsert_rows(
            self.session,
            model,
            key,
            [{name: row.values[name] for name in self.columns} for row in changed_rows],
            now=self.now,
        )
        if links_only:  # only the links change: the rows get a new version all the same
            writes.touch_rows(self.session, model, table.c.id.in_(links_only))
        if links is not None:
            ids = dict(
                self.session.execute(
                    select(table.c[key], table.c.id).where(table.c[key].in_(keys))
                ).all()
            )
            catalog.set_item_categories(
                self.session, {ids[row.values[key]]: self._wanted(row) for row in batch}
            )

    def _wanted(self, row: _Row) -> set[int]:
        """The ids of the categories ``row`` names (in the column that is not stored: an
        item's links to its categories)."""
        assert self.categories is not None
        (links,) = (spec.name for spec in self.fields if not spec.stored)
        return {self.categories[path] for path in row.values[links]}

    def _without_repeated_keys(self, batch: list[_Row]) -> list[_Row]:
        """Reject a row whose key came earlier in the file; remember the others."""
        key = self.key
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
