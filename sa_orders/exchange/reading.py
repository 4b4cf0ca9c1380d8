"""What every CSV import reads first, whatever the kind: the text, the header, the records.

* :func:`decoded_lines`: a file's lines as UTF-8, a line that is not named by its number;
* :func:`read_header`: the header, checked against a kind's contract (an unknown or a
  missing column, a column given twice);
* :func:`records`: the records with the line each starts on; the cut-off line of an
  export the database stopped half way is refused;
* :class:`ImportReport`: the counts and the problems kept for the report, a page of them;
* :class:`SeenKeys`: the keys of the rows read so far, in a temporary table, so that a
  key given twice is caught and memory does not grow with the file;
* :func:`by_index`: the planner told to look keys up through their unique index.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from django.utils.translation import gettext as _
from sqlalchemy import Column, Connection, Integer, MetaData, String, Table, select, text
from sqlalchemy.orm import Session

from sa_orders.db import bulk
from sa_orders.exceptions import DomainError
from sa_orders.exchange.contracts import Column as ContractColumn
from sa_orders.exchange.contracts import Contract
from sa_orders.exchange.csv_export import CUT_OFF

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

    # the problems of the batch being read, numbered in the order of their lines when
    # the batch is settled (a row's problem may be found when it is read or when its
    # batch is written)
    pending: list[Problem] = field(default_factory=list)
    settled: int = 0

    def reject(self, line: int, field_name: str | None, message: str) -> None:
        self.rejected += 1
        self.pending.append(Problem(line, field_name, message))

    def settle(self) -> None:
        """Keep the problems of the batch that fall in the report's window, by line."""
        for problem in sorted(self.pending, key=lambda problem: problem.line):
            if self.first_problem <= self.settled < self.first_problem + self.max_problems:
                self.problems.append(problem)
            self.settled += 1
        self.pending.clear()


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


def records(reader: Any) -> Iterator[tuple[int, list[str]]]:
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


def clean_cells(
    report: ImportReport,
    fields: Sequence[ContractColumn],
    line: int,
    header: list[str],
    record: list[str],
) -> dict[str, Any] | None:
    """The values of a record's ``fields``, each read by its column's cleaner; or None,
    with the record's first problem reported."""
    if len(record) != len(header):
        report.reject(
            line,
            None,
            _("%(found)d fields where the header has %(expected)d.")
            % {"found": len(record), "expected": len(header)},
        )
        return None
    cells = dict(zip(header, record, strict=True))
    values: dict[str, Any] = {}
    for spec in fields:
        assert spec.clean is not None
        try:
            values[spec.name] = spec.clean(cells[spec.name])
        except DomainError as error:
            report.reject(line, spec.name, error.message)
            return None
    return values


@dataclass
class Row:
    line: int
    values: dict[str, Any]


class SeenKeys:
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


_PLANNER = (
    "SELECT set_config('enable_seqscan', '%(value)s', true), "
    "set_config('enable_bitmapscan', '%(value)s', true)"
)


@contextmanager
def by_index(session: Session) -> Iterator[None]:
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
