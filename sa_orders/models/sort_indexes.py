"""Indexes for sorting by a nullable column with NULLs last (PostgreSQL and SQLite).

The lists put NULLs last on every backend by sorting first by a flag, ``CASE WHEN
phone IS NULL THEN 1 ELSE 0 END`` (:func:`sa_orders.admin.columns.nulls_last_flag`),
which no index on the column itself serves. PostgreSQL and SQLite index that very
expression: one index per direction, since the flag goes up in both (NULLs last) while
the column and the id go up or down. MariaDB has no index on an expression (only on a
generated column), and sorts such a list by reading every row.

The models do not declare these indexes (SQLAlchemy's ``Index`` on an expression would
be emitted on MariaDB too); migration 0007 creates them, and the schema drift check
leaves them out (:func:`is_sort_index`).
"""

from __future__ import annotations

# (table, nullable column) of every nullable column a list of sa_orders sorts by
SORTED = (("sa_orders_customer", "phone"),)
SUFFIX = "_nulls_last"
VENDORS = ("postgresql", "sqlite")


def index_names(table: str, column: str) -> tuple[str, str]:
    """The names of the ascending and descending indexes of ``column``."""
    return f"ix_{table}_{column}{SUFFIX}", f"ix_{table}_{column}_desc{SUFFIX}"


def is_sort_index(name: str | None) -> bool:
    return name is not None and name.startswith("ix_sa_orders_") and name.endswith(SUFFIX)


def create_statements(vendor: str) -> list[str]:
    if vendor not in VENDORS:
        return []
    statements = []
    for table, column in SORTED:
        flag = f"(CASE WHEN {column} IS NULL THEN 1 ELSE 0 END)"
        up, down = index_names(table, column)
        statements += [
            f"CREATE INDEX {up} ON {table} ({flag}, {column}, id)",
            f"CREATE INDEX {down} ON {table} ({flag}, {column} DESC, id DESC)",
        ]
    return statements


def drop_statements(vendor: str) -> list[str]:
    if vendor not in VENDORS:
        return []
    return [
        f"DROP INDEX {name}"
        for table, column in reversed(SORTED)
        for name in reversed(index_names(table, column))
    ]
