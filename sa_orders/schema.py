"""The migration operations, at the path host migrations import them from.

A re-export of :mod:`sa_orders.db.schema`: ``from sa_orders.schema import CreateTables``
keeps working in migrations that froze it.
"""

from sa_orders.db.schema import (
    CreateIndexes,
    CreateTables,
    DropIndexes,
    VendorSQL,
    create_missing_tables,
    create_statements,
    drop_statements,
    sqlalchemy_dialect,
)

__all__ = [
    "CreateIndexes",
    "CreateTables",
    "DropIndexes",
    "VendorSQL",
    "create_missing_tables",
    "create_statements",
    "drop_statements",
    "sqlalchemy_dialect",
]
