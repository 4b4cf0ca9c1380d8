"""Indexes that answer the lists' substring searches (``ILIKE '%word%'``) on PostgreSQL.

The lists search with ``column ILIKE '%word%'`` (:mod:`sa_orders.admin.search`), which no
B-tree index can answer: without help every search reads the whole table. PostgreSQL's
``pg_trgm`` extension indexes the three-letter pieces (trigrams) of a column in a GIN
index, and the planner answers ``ILIKE`` with it for any word of three letters or more;
the rows it finds are checked against the pattern again, so a search finds exactly the
rows a scan would.

Creating an extension can need rights the database user lacks (a managed database, a
least-privilege role). The migration that creates these indexes therefore creates the
extension only if it may and the indexes only if the extension is there, and says so;
``manage.py check`` warns (``sa_orders.W005``) while they are missing, and tells how to
add them later. Searches work either way, only slower. MariaDB and SQLite keep the scan.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import text
from sqlalchemy.engine import Connection

# (table, column) of every column a list of sa_orders searches by substring
SEARCHED = (
    ("sa_orders_customer", "name"),
    ("sa_orders_customer", "email"),
    ("sa_orders_customer", "phone"),
    ("sa_orders_item", "sku"),
    ("sa_orders_item", "name"),
)
SUFFIX = "_trgm"


def index_name(table: str, column: str) -> str:
    return f"ix_{table}_{column}{SUFFIX}"


def is_search_index(name: str | None) -> bool:
    """Whether ``name`` is one of these indexes (which the models do not declare, being
    optional: the schema drift check leaves them out)."""
    return name is not None and name.startswith("ix_sa_orders_") and name.endswith(SUFFIX)


def _creates() -> str:
    return "\n".join(
        f"    CREATE INDEX IF NOT EXISTS {index_name(table, column)} ON {table} "
        f"USING gin ({column} gin_trgm_ops);"
        for table, column in SEARCHED
    )


def create_statements(vendor: str) -> list[str]:
    """The statements that create the indexes on ``vendor`` (none but on PostgreSQL)."""
    if vendor != "postgresql":
        return []
    return [
        # the extension if this user may create it; a notice (not an error) if not
        "DO $$\nBEGIN\n"
        "    CREATE EXTENSION IF NOT EXISTS pg_trgm;\n"
        "EXCEPTION WHEN insufficient_privilege OR undefined_file OR feature_not_supported THEN\n"
        "    RAISE NOTICE 'sa_orders: pg_trgm could not be created (%), searches are not "
        "indexed; see manage.py check', SQLERRM;\n"
        "END $$",
        "DO $$\nBEGIN\n"
        "  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN\n"
        f"{_creates()}\n"
        "  END IF;\n"
        "END $$",
    ]


def drop_statements(vendor: str) -> list[str]:
    """The statements that drop them (the extension stays: others may use it)."""
    if vendor != "postgresql":
        return []
    return [
        f"DROP INDEX IF EXISTS {index_name(table, column)}" for table, column in reversed(SEARCHED)
    ]


def missing_indexes(connection: Connection) -> Sequence[str]:
    """The search indexes a PostgreSQL database lacks (all of them without pg_trgm)."""
    have = set(
        connection.execute(
            text("SELECT indexname FROM pg_indexes WHERE schemaname = ANY (current_schemas(false))")
        ).scalars()
    )
    return [
        index_name(table, column)
        for table, column in SEARCHED
        if index_name(table, column) not in have
    ]
