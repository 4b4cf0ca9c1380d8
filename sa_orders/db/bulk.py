"""Inserting many rows at the speed of the database, inside the caller's transaction.

:func:`insert_rows` takes rows of Python values as the models use them (``Decimal``,
aware ``datetime``, enums, ``bool``), runs them through the columns' own bind processors
(so money is rounded and stored exactly as the ORM would store it), and sends them the
fastest correct way each backend has:

* **PostgreSQL**: ``COPY ... FROM STDIN`` (psycopg 3's ``Cursor.copy``; psycopg2's
  ``copy_expert`` with the text format);
* **SQLite**: multi-row ``INSERT ... VALUES (...), (...)``, as many rows per statement as
  SQLite's limit on parameters allows (2 to 3 times faster than ``executemany``);
* **MariaDB/MySQL**: ``executemany``, which mysqlclient rewrites into multi-row INSERTs
  sized to ``max_allowed_packet``.

No ORM objects, no events: the caller computes what events would (totals, timestamps)
and gives explicit primary keys from :func:`next_id`, then calls :func:`sync_sequence`
so PostgreSQL's sequence continues after them. Meant for bulk loads while nobody else
inserts into the same tables. :func:`delete_all_rows` empties tables, children first.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime
from itertools import chain, islice
from typing import Any

from sqlalchemy import (
    Connection,
    CursorResult,
    MetaData,
    Result,
    Table,
    func,
    select,
    text,
)
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

SQLITE_MAX_PARAMETERS = 32_766  # SQLITE_MAX_VARIABLE_NUMBER since SQLite 3.32
DEFAULT_BATCH_SIZE = 5000


def rowcount(result: Result[Any]) -> int:
    """How many rows an INSERT, UPDATE or DELETE matched (on MySQL/MariaDB too, where
    sa_orders' engine asks for matched rather than changed rows)."""
    if not isinstance(result, CursorResult):
        raise TypeError(f"{type(result).__name__} has no row count.")
    return int(result.rowcount)


def next_id(connection: Connection, table: Table) -> int:
    """The first free primary key after every existing one."""
    (key,) = table.primary_key.columns
    return int(connection.scalar(select(func.coalesce(func.max(key), 0))) or 0) + 1


def sync_sequence(connection: Connection, table: Table) -> None:
    """After explicit keys, make PostgreSQL's sequence continue after the largest one
    (SQLite and MariaDB follow explicit keys by themselves)."""
    if connection.dialect.name != "postgresql":
        return
    (key,) = table.primary_key.columns
    sequence = connection.scalar(
        text("SELECT pg_get_serial_sequence(:table, :column)"),
        {"table": table.name, "column": key.name},
    )
    if sequence is None:
        return
    largest = connection.scalar(select(func.max(key)))
    if largest is not None:
        connection.execute(
            text("SELECT setval(:sequence, :value)"), {"sequence": sequence, "value": largest}
        )


def analyze(connection: Connection, tables: Sequence[Table]) -> None:
    """Fresh planner statistics after a bulk load, on PostgreSQL (whose autovacuum would
    get there only later: until then it plans with what it knew before the load).
    SQLite plans without statistics unless asked to keep them; InnoDB keeps its own."""
    if connection.dialect.name != "postgresql":
        return
    preparer = connection.dialect.identifier_preparer
    for table in tables:
        connection.exec_driver_sql(f"ANALYZE {preparer.format_table(table)}")


def _processors(
    connection: Connection, table: Table, columns: Sequence[str]
) -> list[Callable[[Any], Any] | None]:
    dialect = connection.dialect
    return [table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in columns]


def _processed(
    rows: Iterable[Sequence[Any]], processors: list[Callable[[Any], Any] | None], size: int
) -> Iterator[list[tuple[Any, ...]]]:
    """``rows`` in chunks of ``size``, their values as the driver takes them. A chunk is
    processed column by column: one comprehension per column is much cheaper in Python
    than a test per value."""
    iterator = iter(rows)
    while chunk := list(islice(iterator, size)):
        if not any(processors):
            yield [tuple(row) for row in chunk]
            continue
        columns: list[Sequence[Any]] = list(zip(*chunk, strict=True))
        for index, process in enumerate(processors):
            if process is not None:
                columns[index] = [None if v is None else process(v) for v in columns[index]]
        yield list(zip(*columns, strict=True))


def insert_rows(
    connection: Connection,
    table: Table,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> int:
    """Insert ``rows`` (tuples in the order of ``columns``); return how many."""
    processors = _processors(connection, table, columns)
    name = connection.dialect.name
    if name == "postgresql":
        return _copy(connection, table, columns, _processed(rows, processors, batch_size))
    preparer = connection.dialect.identifier_preparer
    target = f"{preparer.format_table(table)} ({', '.join(preparer.quote(c) for c in columns)})"
    count = 0
    if name == "sqlite":
        placeholders = "(" + ", ".join("?" * len(columns)) + ")"
        per_statement = max(1, min(batch_size, SQLITE_MAX_PARAMETERS // len(columns)))
        statements: dict[int, str] = {}
        for chunk in _processed(rows, processors, per_statement):
            size = len(chunk)
            if size not in statements:
                statements[size] = f"INSERT INTO {target} VALUES " + ", ".join(
                    [placeholders] * size
                )
            connection.exec_driver_sql(statements[size], tuple(chain.from_iterable(chunk)))
            count += size
        return count
    statement = f"INSERT INTO {target} VALUES ({', '.join(['%s'] * len(columns))})"
    for chunk in _processed(rows, processors, batch_size):
        connection.exec_driver_sql(statement, chunk)
        count += len(chunk)
    return count


def _copy(
    connection: Connection,
    table: Table,
    columns: Sequence[str],
    chunks: Iterable[list[tuple[Any, ...]]],
) -> int:
    preparer = connection.dialect.identifier_preparer
    statement = (
        f"COPY {preparer.format_table(table)} "
        f"({', '.join(preparer.quote(c) for c in columns)}) FROM STDIN"
    )
    driver_connection = connection.connection.driver_connection
    assert driver_connection is not None  # an open connection of the pool
    dbapi_error = connection.dialect.loaded_dbapi.Error
    counted = _Counting(chain.from_iterable(chunks))
    try:
        with driver_connection.cursor() as cursor:
            if hasattr(cursor, "copy"):  # psycopg 3
                with cursor.copy(statement) as copy:
                    for row in counted:
                        copy.write_row(row)
            else:  # psycopg2
                cursor.copy_expert(statement, _CopyText(counted))
    except dbapi_error as error:
        # The same exceptions as any statement run through SQLAlchemy (IntegrityError...)
        raise DBAPIError.instance(statement, None, error, dbapi_error) from error
    return counted.count


class _Counting:
    def __init__(self, rows: Iterable[tuple[Any, ...]]) -> None:
        self.rows = iter(rows)
        self.count = 0

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        for row in self.rows:
            self.count += 1
            yield row


def _copy_value(value: Any) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, datetime | date):
        return value.isoformat()
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace("\t", "\\t")
        .replace("\n", "\\n")
        .replace("\r", "\\r")
    )


class _CopyText(io.TextIOBase):
    """A file psycopg2's ``copy_expert`` reads COPY's text format from, row by row."""

    def __init__(self, rows: Iterable[tuple[Any, ...]]) -> None:
        self.rows = iter(rows)
        self.buffer = ""

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1, /) -> str:
        while size is None or size < 0 or len(self.buffer) < size:
            row = next(self.rows, None)
            if row is None:
                break
            self.buffer += "\t".join(_copy_value(value) for value in row) + "\n"
        if size is None or size < 0:
            size = len(self.buffer)
        chunk, self.buffer = self.buffer[:size], self.buffer[size:]
        return chunk

    def readline(self, size: int | None = -1, /) -> str:  # type: ignore[override]  # text, as psycopg2 reads it
        return self.read(size)


def delete_all_rows(connection: Connection | Session, metadata: MetaData) -> None:
    """Empty every table of ``metadata``, children first (in the caller's transaction),
    tables of figures kept by triggers (``info["kept"]``) last."""
    tables = reversed(metadata.sorted_tables)
    for table in sorted(tables, key=lambda table: bool(table.info.get("kept"))):
        _delete_leaves_first(connection, table)
        connection.execute(table.delete())


def _delete_leaves_first(connection: Connection | Session, table: Table) -> None:
    """Delete a self-referencing table's rows level by level, the rows nobody points at first.

    ``ON DELETE RESTRICT`` is checked row by row, so one ``DELETE`` of a tree can fail.
    """
    self_references = [fk.parent for fk in table.foreign_keys if fk.column.table is table]
    if not self_references:
        return
    (key,) = (fk.column for fk in table.foreign_keys if fk.column.table is table)
    for column in self_references:
        # DISTINCT keeps MySQL from merging the derived table into the DELETE, which it
        # would then refuse ("can't specify target table for update").
        referenced = select(column.label("ref")).where(column.is_not(None)).distinct().subquery()
        while True:
            result = connection.execute(table.delete().where(key.not_in(select(referenced.c.ref))))
            if not rowcount(result):
                break
