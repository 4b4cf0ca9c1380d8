"""Schema through ``manage.py migrate``: SQLAlchemy DDL run by Django's schema editor.

Migrations in ``sa_orders/migrations`` freeze their table definitions as SQLAlchemy
``Table`` objects and use :class:`CreateTables`, which compiles ``CREATE TABLE`` and
``CREATE INDEX`` for the database being migrated and hands the SQL to the migration's
``schema_editor``. So ``migrate``, ``migrate sa_orders zero``, ``sqlmigrate`` and the
test database all work as they do for Django models, and routers are honoured.

Host projects import these operations as ``sa_orders.schema`` (a re-export of this
module), the path their migrations froze.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from django.db import router
from django.db.migrations.operations.base import Operation
from sqlalchemy import Index, MetaData, Table
from sqlalchemy.engine import Dialect
from sqlalchemy.schema import CreateIndex, CreateTable, DropIndex, DropTable

if TYPE_CHECKING:
    from django.db.backends.base.base import BaseDatabaseWrapper
    from django.db.backends.base.schema import BaseDatabaseSchemaEditor
    from django.db.migrations.state import ProjectState


def sqlalchemy_dialect(connection: BaseDatabaseWrapper) -> Dialect:
    """A SQLAlchemy dialect that compiles DDL for a Django connection's database.

    Built without connecting through SQLAlchemy: during a migration the database may
    be locked by Django's own transaction.
    """
    vendor = connection.vendor
    if vendor == "sqlite":
        from sqlalchemy.dialects.sqlite import pysqlite

        return pysqlite.dialect()
    if vendor == "postgresql":
        from sqlalchemy.dialects.postgresql import psycopg

        return psycopg.dialect()  # type: ignore[no-untyped-call]  # its __init__ is unannotated
    if vendor == "mysql":
        from django.db.backends.mysql.base import DatabaseWrapper as MySQLWrapper
        from sqlalchemy.dialects.mysql import mysqldb

        assert isinstance(connection, MySQLWrapper)  # the vendor says so
        dialect = mysqldb.dialect(is_mariadb=connection.mysql_is_mariadb)
        dialect.server_version_info = connection.mysql_version
        return dialect
    from sa_orders.db.engine import SUPPORTED_VENDORS

    raise NotImplementedError(
        f"sa_orders cannot create its tables on {vendor!r}; supported: "
        f"{', '.join(SUPPORTED_VENDORS)}."
    )


def create_statements(tables: Iterable[Table], dialect: Dialect) -> list[str]:
    statements = []
    for table in tables:
        statements.append(str(CreateTable(table).compile(dialect=dialect)).strip())
        for index in sorted(table.indexes, key=lambda index: str(index.name)):
            statements.append(str(CreateIndex(index).compile(dialect=dialect)).strip())
    return statements


def drop_statements(tables: Iterable[Table], dialect: Dialect) -> list[str]:
    return [str(DropTable(table).compile(dialect=dialect)).strip() for table in tables]


class CreateTables(Operation):
    """Create SQLAlchemy ``Table`` objects; drop them when migrating backwards.

    Pass the tables in dependency order (``MetaData.sorted_tables``): they are created
    in that order and dropped in the reverse one.
    """

    reduces_to_sql = True
    reversible = True

    def __init__(self, tables: Sequence[Table]) -> None:
        self.tables = list(tables)

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        return (self.__class__.__qualname__, [self.tables], {})

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        """These tables have no Django model state."""

    def _allowed(self, schema_editor: BaseDatabaseSchemaEditor, app_label: str) -> bool:
        return router.allow_migrate(
            schema_editor.connection.alias,
            app_label,
            sa_tables=[table.name for table in self.tables],
        )

    def _execute(
        self, app_label: str, schema_editor: BaseDatabaseSchemaEditor, *, drop: bool
    ) -> None:
        if not self._allowed(schema_editor, app_label):
            return
        dialect = sqlalchemy_dialect(schema_editor.connection)
        if drop:
            statements = drop_statements(reversed(self.tables), dialect)
        else:
            statements = create_statements(self.tables, dialect)
        for sql in statements:
            schema_editor.execute(sql, params=None)

    def database_forwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        self._execute(app_label, schema_editor, drop=False)

    def database_backwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        self._execute(app_label, schema_editor, drop=True)

    def describe(self) -> str:
        return "Create SQLAlchemy tables " + ", ".join(table.name for table in self.tables)

    @property
    def migration_name_fragment(self) -> str:
        return "create_tables"


class CreateIndexes(Operation):
    """Create SQLAlchemy ``Index`` objects (of frozen tables); drop them backwards."""

    reduces_to_sql = True
    reversible = True
    drop = False

    def __init__(self, indexes: Sequence[Index]) -> None:
        self.indexes = list(indexes)

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        return (self.__class__.__qualname__, [self.indexes], {})

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        """Indexes of SQLAlchemy tables have no Django model state."""

    def _run(self, app_label: str, schema_editor: BaseDatabaseSchemaEditor, *, drop: bool) -> None:
        if not router.allow_migrate(schema_editor.connection.alias, app_label):
            return
        dialect = sqlalchemy_dialect(schema_editor.connection)
        for index in reversed(self.indexes) if drop else self.indexes:
            ddl = DropIndex(index) if drop else CreateIndex(index)
            schema_editor.execute(str(ddl.compile(dialect=dialect)).strip(), params=None)

    def database_forwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        self._run(app_label, schema_editor, drop=self.drop)

    def database_backwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        self._run(app_label, schema_editor, drop=not self.drop)

    def describe(self) -> str:
        verb = "Drop" if self.drop else "Create"
        return f"{verb} indexes " + ", ".join(str(index.name) for index in self.indexes)

    @property
    def migration_name_fragment(self) -> str:
        return "drop_indexes" if self.drop else "create_indexes"


class DropIndexes(CreateIndexes):
    """Drop SQLAlchemy ``Index`` objects; create them backwards."""

    drop = True


class VendorSQL(Operation):
    """Run SQL written for each database vendor (triggers, functions, extensions), and
    its reverse when migrating backwards.

    ``forwards`` and ``backwards`` map a Django vendor (``postgresql``, ``mysql``,
    ``sqlite``) to its statements; a vendor without an entry is one sa_orders does not
    support. Each statement is run as it is, without parameters.
    """

    reduces_to_sql = True
    reversible = True

    def __init__(
        self,
        forwards: Mapping[str, Sequence[str]],
        backwards: Mapping[str, Sequence[str]],
        description: str = "Run SQL",
    ) -> None:
        self.forwards = {vendor: list(sql) for vendor, sql in forwards.items()}
        self.backwards = {vendor: list(sql) for vendor, sql in backwards.items()}
        self.description = description

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        return (
            self.__class__.__qualname__,
            [self.forwards, self.backwards],
            {"description": self.description},
        )

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        """SQL of SQLAlchemy tables has no Django model state."""

    def _run(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        statements: Mapping[str, Sequence[str]],
    ) -> None:
        if not router.allow_migrate(schema_editor.connection.alias, app_label):
            return
        vendor = schema_editor.connection.vendor
        if vendor not in statements:
            sqlalchemy_dialect(schema_editor.connection)  # says which vendors are supported
            raise NotImplementedError(f"No SQL for {vendor!r} in this migration.")
        for sql in statements[vendor]:
            schema_editor.execute(sql, params=None)

    def database_forwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        self._run(app_label, schema_editor, self.forwards)

    def database_backwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        self._run(app_label, schema_editor, self.backwards)

    def describe(self) -> str:
        return self.description


def extra_ddl(metadata: MetaData, vendor: str) -> list[str]:
    """What ``metadata.info["ddl"]`` adds to its tables on ``vendor`` (triggers, ...): a
    callable of the vendor returning statements."""
    make = metadata.info.get("ddl")
    return list(make(vendor)) if make is not None else []


def create_missing_tables(connection: BaseDatabaseWrapper, metadata: MetaData) -> list[str]:
    """Create the tables of ``metadata`` that a database lacks; return their names.

    Used when migrations are switched off for sa_orders (``pytest --no-migrations``,
    ``TEST: {"MIGRATE": False}``), the way Django's run_syncdb treats unmigrated apps.
    Made from nothing (no table of ``metadata`` existed), the tables get their extra DDL
    too (:func:`extra_ddl`: sa_orders' triggers).
    """
    existing = set(connection.introspection.table_names())
    missing = [table for table in metadata.sorted_tables if table.name not in existing]
    if missing:
        dialect = sqlalchemy_dialect(connection)
        statements = create_statements(missing, dialect)
        if len(missing) == len(metadata.sorted_tables):
            statements += extra_ddl(metadata, connection.vendor)
        with connection.schema_editor() as editor:
            for sql in statements:
                editor.execute(sql, params=None)
    return [table.name for table in missing]
