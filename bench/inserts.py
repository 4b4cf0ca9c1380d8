"""sa_seed's insert path against the raw driver's executemany, PostgreSQL's COPY and
Django's bulk_create on equivalent Django models: the same rows into empty tables."""

from __future__ import annotations

from datetime import UTC
from decimal import Decimal
from enum import Enum
from typing import Any

from django.db import connection as django_connection
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from bench import models as django_models
from bench.data import Rows
from bench.timing import heading, median_seconds, ratio_line
from sa_orders.db import bulk
from sa_orders.db.bulk import delete_all_rows
from sa_orders.models import Base
from sa_orders.services import writes
from sa_orders.services.history import COMMAND, Source, acting_as

DJANGO_MODELS = {
    "sa_orders_customer": django_models.Customer,
    "sa_orders_item": django_models.Item,
    "sa_orders_order": django_models.Order,
    "sa_orders_order_item": django_models.OrderItem,
}
# Django model fields for the table columns that are foreign keys
DJANGO_NAMES = {"customer_id": "customer_id", "order_id": "order_id", "item_id": "item_id"}


def empty(engine: Engine) -> None:
    """No rows left; on PostgreSQL no dead ones either (TRUNCATE), so that one method's
    leftovers do not slow the next one down."""
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            names = ", ".join(table.name for table in Base.metadata.sorted_tables)
            connection.execute(text(f"TRUNCATE {names} CASCADE"))
        else:
            delete_all_rows(connection, Base.metadata)


def analyze(engine: Engine) -> None:
    """Fresh planner statistics (and, on PostgreSQL, vacuumed tables), as a database
    has after a bulk load and its autovacuum."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("VACUUM ANALYZE"))
        elif engine.dialect.name in ("mysql", "mariadb"):
            names = ", ".join(table.name for table in Base.metadata.sorted_tables)
            connection.execute(text(f"ANALYZE TABLE {names}"))
        else:
            connection.execute(text("ANALYZE"))


def with_sa_orders(engine: Engine, rows: Rows) -> None:
    """What sa_seed does: writes.insert_rows (bulk.insert_rows, and the history of the
    load) in one transaction."""
    tables = Base.metadata.tables
    with Session(engine) as session, acting_as(Source(COMMAND, "bench")):
        for table, columns, values in rows.tables():
            writes.insert_rows(session, tables[table], columns, values)
        for table in ("sa_orders_customer", "sa_orders_item", "sa_orders_order"):
            bulk.sync_sequence(session.connection(), tables[table])
        session.commit()


def _sqlite_value(value: Any) -> Any:
    """What SQLite stores for sa_orders' types (as the column types would send them)."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return float(value)
    if hasattr(value, "tzinfo"):
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    return value


def _postgresql_value(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


def with_executemany(engine: Engine, rows: Rows) -> None:
    """The driver's executemany, converting values as the driver needs them."""
    convert = _sqlite_value if engine.dialect.name == "sqlite" else _postgresql_value
    mark = "?" if engine.dialect.name == "sqlite" else "%s"
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        if engine.dialect.name == "sqlite":
            cursor.execute("BEGIN")  # sa_orders' connections leave transactions to SQLAlchemy
        for table, columns, values in rows.tables():
            statement = (
                f"INSERT INTO {table} ({', '.join(columns)}) "
                f"VALUES ({', '.join([mark] * len(columns))})"
            )
            cursor.executemany(statement, [tuple(convert(v) for v in row) for row in values])
        raw.commit()
    finally:
        raw.close()


def with_copy(engine: Engine, rows: Rows) -> None:
    """PostgreSQL's COPY through psycopg 3, row by row."""
    raw = engine.raw_connection()
    try:
        with raw.driver_connection.cursor() as cursor:  # type: ignore[union-attr]
            for table, columns, values in rows.tables():
                with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                    for row in values:
                        copy.write_row(tuple(_postgresql_value(v) for v in row))
        raw.commit()
    finally:
        raw.close()


def with_bulk_create(engine: Engine, rows: Rows) -> None:
    """Django's ORM: model instances, then bulk_create (its default batch size)."""
    for table, columns, values in rows.tables():
        model = DJANGO_MODELS[table]
        names = [DJANGO_NAMES.get(column, column) for column in columns]
        objects = [
            model(
                **{name: _postgresql_value(value) for name, value in zip(names, row, strict=True)}
            )
            for row in values
        ]
        model.objects.bulk_create(objects)
    django_connection.close()


def run(engine: Engine, rows: Rows, repeat: int) -> list[tuple[str, float, bool]]:
    vendor = engine.dialect.name
    heading(f"Inserting {len(rows):,} rows ({vendor}), median of {repeat}")
    methods = {"sa_orders (sa_seed's path)": with_sa_orders, "driver executemany": with_executemany}
    if vendor == "postgresql":
        methods["PostgreSQL COPY"] = with_copy
    methods["Django bulk_create"] = with_bulk_create
    seconds = {}
    for label, method in methods.items():
        seconds[label] = median_seconds(
            lambda m=method: m(engine, rows), repeat, lambda: empty(engine)
        )
        print(f"  {label:<30} {seconds[label]:8.2f} s", flush=True)
    empty(engine)
    ours = seconds["sa_orders (sa_seed's path)"]
    results = []
    if vendor == "sqlite":
        checks = [
            (
                "sa_seed path / driver executemany",
                ours / seconds["driver executemany"],
                "<= 1.5",
                lambda r: r <= 1.5,
            ),
            (
                "Django bulk_create / sa_seed path",
                seconds["Django bulk_create"] / ours,
                ">= 5",
                lambda r: r >= 5,
            ),
        ]
    else:
        checks = [
            (
                "sa_seed path / PostgreSQL COPY",
                ours / seconds["PostgreSQL COPY"],
                "<= 1.3",
                lambda r: r <= 1.3,
            ),
            (
                "sa_seed path / driver executemany",
                ours / seconds["driver executemany"],
                "(none)",
                None,
            ),
            (
                "Django bulk_create / sa_seed path",
                seconds["Django bulk_create"] / ours,
                "> 1",
                lambda r: r > 1,
            ),
        ]
    for label, value, target, check in checks:
        met = None if check is None else check(value)
        print(ratio_line(label, value, target, met))
        results.append((f"insert: {label}", value, met))
    return results
