"""One SQLAlchemy engine per Django database alias, built on first use.

The engine is built from ``django.db.connections[alias].settings_dict`` the first time
it is asked for, never at import time: Django's test runner renames the database in
that same dict, so an engine built lazily follows the test database. Engines are
cached per alias and database name.

Each vendor is set up the way Django sets up its own connections:

* SQLite: ``PRAGMA foreign_keys = ON``, the ``init_command`` statements, the
  ``timeout`` and SQLAlchemy emitting ``BEGIN`` itself (with Django's
  ``transaction_mode``), so savepoints and transactions behave.
* PostgreSQL: the driver Django loaded (psycopg 3 or psycopg2), ``OPTIONS`` passed to
  the driver except Django's own keys, ``isolation_level`` and ``assume_role``
  honoured, prepared statements off by default for PgBouncer.
* MySQL/MariaDB: mysqlclient, utf8mb4, READ COMMITTED unless told otherwise, Unix
  sockets, and connections recycled before the server's ``wait_timeout``.

``SA_ORDERS["ENGINE_OPTIONS"]`` overrides any of it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.db import connections
from django.dispatch import receiver
from django.utils.connection import ConnectionDoesNotExist
from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.exc import IntegrityError
from sqlalchemy.pool import QueuePool

from sa_orders.conf import get_config

SUPPORTED_VENDORS = ("sqlite", "postgresql", "mysql")

SQLITE_TRANSACTION_MODES = frozenset({"DEFERRED", "IMMEDIATE", "EXCLUSIVE"})

# OPTIONS keys that Django's PostgreSQL backend consumes itself: none of them may
# reach the driver.
_POSTGRESQL_DJANGO_ONLY = (
    "isolation_level",
    "assume_role",
    "pool",
    "server_side_binding",
    "cursor_factory",
    "context",
)
# OPTIONS keys that Django's SQLite backend sets itself or that SQLAlchemy manages.
_SQLITE_DJANGO_ONLY = (
    "detect_types",
    "isolation_level",
    "uri",
    "check_same_thread",
    "factory",
    "autocommit",
)

MYSQL_POOL_RECYCLE = 3600  # seconds; MySQL/MariaDB's default wait_timeout is 28800
_MYSQL_CLIENT_FOUND_ROWS = 2  # MySQLdb.constants.CLIENT.FOUND_ROWS
# Error codes mysqlclient reports as OperationalError that are constraint violations
# (the same list Django's MySQL backend turns into IntegrityError).
MYSQL_INTEGRITY_ERROR_CODES = frozenset(
    {
        1048,  # column cannot be null
        1690,  # value out of range
        3819,  # CHECK constraint is violated (MySQL)
        4025,  # CHECK constraint failed (MariaDB)
    }
)

OnConnect = Callable[[Any], None]


@dataclass
class EngineSpec:
    """What :func:`create_engine` is called with for one Django database."""

    url: URL
    options: dict[str, Any] = field(default_factory=dict)
    on_connect: list[OnConnect] = field(default_factory=list)
    begin_statement: str | None = None  # SQLite: the statement that opens a transaction
    on_error: list[Callable[[ExceptionContext], Exception | None]] = field(default_factory=list)

    def create_engine(self) -> Engine:
        engine = create_engine(self.url, **self.options)
        for hook in self.on_connect:
            event.listen(engine, "connect", _connect_listener(hook))
        if self.begin_statement is not None:
            event.listen(engine, "begin", _begin_listener(self.begin_statement))
        for handler in self.on_error:
            event.listen(engine, "handle_error", handler)
        return engine


def vendor_of(dialect: Any) -> str:
    """The Django vendor of a SQLAlchemy dialect: ``mysql`` for MariaDB too."""
    name: str = dialect.name
    return "mysql" if name in ("mysql", "mariadb") else name


def _connect_listener(hook: OnConnect) -> Callable[[Any, Any], None]:
    def listener(dbapi_connection: Any, connection_record: Any) -> None:
        hook(dbapi_connection)

    return listener


def _begin_listener(statement: str) -> Callable[[Any], None]:
    def listener(connection: Any) -> None:
        connection.exec_driver_sql(statement)

    return listener


def _merge_options(defaults: dict[str, Any], overrides: Mapping[str, Any]) -> dict[str, Any]:
    merged = {**defaults, **{k: v for k, v in overrides.items() if k != "connect_args"}}
    connect_args = {**defaults.get("connect_args", {}), **overrides.get("connect_args", {})}
    if connect_args:
        merged["connect_args"] = connect_args
    return merged


# --- SQLite -------------------------------------------------------------------------


def _sqlite_spec(settings_dict: Mapping[str, Any]) -> EngineSpec:
    name = settings_dict["NAME"]
    if not name:
        raise ImproperlyConfigured(
            "settings.DATABASES is improperly configured. Please supply the NAME value."
        )
    options = dict(settings_dict.get("OPTIONS") or {})
    init_commands = [c.strip() for c in str(options.pop("init_command", "") or "").split(";")]
    mode = options.pop("transaction_mode", None)
    if mode is not None and str(mode).upper() not in SQLITE_TRANSACTION_MODES:
        raise ImproperlyConfigured(
            f"OPTIONS['transaction_mode'] is {mode!r}; use one of "
            f"{', '.join(sorted(SQLITE_TRANSACTION_MODES))}, or None."
        )
    for key in _SQLITE_DJANGO_ONLY:
        options.pop(key, None)

    def prepare(dbapi_connection: Any) -> None:
        # SQLAlchemy emits BEGIN itself (see begin_statement): switch off the
        # sqlite3 module's own, broken, transaction handling.
        dbapi_connection.isolation_level = None
        # SQLite's lower() folds ASCII only; case-insensitive search ("MÜLLER")
        # should find the same rows as on PostgreSQL and MariaDB.
        dbapi_connection.create_function("lower", 1, _unicode_lower, deterministic=True)
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA foreign_keys = ON")
            for command in init_commands:
                if command:
                    cursor.execute(command)
        finally:
            cursor.close()

    return EngineSpec(
        # Django always opens SQLite with uri=True; so do we. That is also what makes
        # the shared-cache in-memory test database
        # (file:memorydb_default?mode=memory&cache=shared) reachable.
        url=URL.create("sqlite+pysqlite", database=str(name), query={"uri": "true"}),
        options={
            "poolclass": QueuePool,
            "connect_args": {**options, "check_same_thread": False},
        },
        on_connect=[prepare],
        begin_statement=f"BEGIN {str(mode).upper()}" if mode else "BEGIN",
    )


def _unicode_lower(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


# --- PostgreSQL ---------------------------------------------------------------------


def postgresql_driver() -> str:
    """``"psycopg"`` or ``"psycopg2"``: the driver Django's backend loaded."""
    from django.db.backends.postgresql.psycopg_any import is_psycopg3

    return "psycopg" if is_psycopg3 else "psycopg2"


def _postgresql_isolation_level(value: Any) -> str:
    from django.db.backends.postgresql.psycopg_any import IsolationLevel

    try:
        return IsolationLevel(value).name.replace("_", " ")
    except ValueError:
        raise ImproperlyConfigured(
            f"Invalid transaction isolation level {value!r} specified. "
            "Use one of the psycopg.IsolationLevel values."
        ) from None


def _postgresql_spec(settings_dict: Mapping[str, Any], driver: str | None = None) -> EngineSpec:
    driver = driver or postgresql_driver()
    options = dict(settings_dict.get("OPTIONS") or {})
    name = settings_dict.get("NAME")
    if name == "" and not options.get("service"):
        raise ImproperlyConfigured(
            "settings.DATABASES is improperly configured. "
            "Please supply the NAME or OPTIONS['service'] value."
        )
    if name is None:  # Django connects to the 'postgres' database then
        options.pop("service", None)
        name = "postgres"

    engine_options: dict[str, Any] = {}
    if "isolation_level" in options:
        engine_options["isolation_level"] = _postgresql_isolation_level(options["isolation_level"])
    role = options.get("assume_role")
    for key in _POSTGRESQL_DJANGO_ONLY:
        options.pop(key, None)

    connect_args: dict[str, Any] = {"client_encoding": "UTF8", **options}
    if driver == "psycopg":
        # Server-side prepared statements break PgBouncer in transaction mode; Django
        # switches them off by default too. OPTIONS can switch them back on.
        connect_args.setdefault("prepare_threshold", None)

    host = settings_dict.get("HOST") or None
    if host and host.startswith("/"):  # a Unix socket directory
        connect_args["host"] = host
        host = None
    port = settings_dict.get("PORT")
    engine_options["connect_args"] = connect_args

    on_connect: list[OnConnect] = []
    if role:
        quoted = '"' + str(role).replace('"', '""') + '"'

        def assume_role(dbapi_connection: Any) -> None:
            cursor = dbapi_connection.cursor()
            try:
                cursor.execute(f"SET ROLE {quoted}")
            finally:
                cursor.close()
            dbapi_connection.commit()

        on_connect.append(assume_role)

    return EngineSpec(
        url=URL.create(
            f"postgresql+{driver}",
            username=settings_dict.get("USER") or None,
            password=settings_dict.get("PASSWORD") or None,
            host=host,
            port=int(port) if port else None,
            database=name or None,
        ),
        options=engine_options,
        on_connect=on_connect,
    )


# --- MySQL / MariaDB ----------------------------------------------------------------


def _mysql_integrity_error(context: ExceptionContext) -> Exception | None:
    """Raise CHECK and NOT NULL violations as IntegrityError, as on the other backends."""
    original = context.original_exception
    code = original.args[0] if original.args else None
    if code in MYSQL_INTEGRITY_ERROR_CODES and not isinstance(
        context.sqlalchemy_exception, IntegrityError
    ):
        return IntegrityError(context.statement, context.parameters, original)
    return None


def _mysql_spec(settings_dict: Mapping[str, Any]) -> EngineSpec:
    options = dict(settings_dict.get("OPTIONS") or {})
    isolation_level = options.pop("isolation_level", "read committed")
    connect_args: dict[str, Any] = {"charset": "utf8mb4", **options}
    if "client_flag" in connect_args:
        # Version counters rely on "rows matched", not "rows changed".
        connect_args["client_flag"] = int(connect_args["client_flag"]) | _MYSQL_CLIENT_FOUND_ROWS
    host = settings_dict.get("HOST") or None
    if host and host.startswith("/"):
        connect_args["unix_socket"] = host
        host = None
    port = settings_dict.get("PORT")
    engine_options: dict[str, Any] = {
        "pool_recycle": MYSQL_POOL_RECYCLE,
        "connect_args": connect_args,
    }
    if isolation_level:
        engine_options["isolation_level"] = str(isolation_level).upper()
    return EngineSpec(
        url=URL.create(
            "mysql+mysqldb",
            username=settings_dict.get("USER") or None,
            password=settings_dict.get("PASSWORD") or None,
            host=host,
            port=int(port) if port else None,
            database=settings_dict.get("NAME") or None,
        ),
        options=engine_options,
        on_error=[_mysql_integrity_error],
    )


# --- building and caching -----------------------------------------------------------


def engine_spec(
    settings_dict: Mapping[str, Any],
    vendor: str,
    *,
    overrides: Mapping[str, Any] | None = None,
    postgresql_driver: str | None = None,
) -> EngineSpec:
    """The engine specification for a Django ``settings_dict`` of the given vendor."""
    if vendor == "sqlite":
        spec = _sqlite_spec(settings_dict)
    elif vendor == "postgresql":
        spec = _postgresql_spec(settings_dict, postgresql_driver)
    elif vendor == "mysql":
        spec = _mysql_spec(settings_dict)
    else:
        raise ImproperlyConfigured(
            f"sa_orders does not support the database backend "
            f"{settings_dict.get('ENGINE')!r} (vendor {vendor!r}); "
            f"supported vendors: {', '.join(SUPPORTED_VENDORS)}."
        )
    spec.options = _merge_options(
        {"pool_pre_ping": True, **spec.options}, overrides if overrides is not None else {}
    )
    return spec


def resolve_alias(alias: str | None = None) -> str:
    """``alias``, or ``SA_ORDERS["DATABASE"]``; checked against ``settings.DATABASES``."""
    alias = alias or get_config()["DATABASE"]
    try:
        connections[alias]
    except ConnectionDoesNotExist:
        raise ImproperlyConfigured(
            f"sa_orders uses the database alias {alias!r}, which is not in "
            "settings.DATABASES; set SA_ORDERS['DATABASE'] to one that is."
        ) from None
    return alias


_engines: dict[tuple[str, ...], Engine] = {}
_lock = threading.Lock()


def _cache_key(alias: str, settings_dict: Mapping[str, Any]) -> tuple[str, ...]:
    return (alias, *(str(settings_dict.get(key)) for key in ("NAME", "HOST", "PORT", "USER")))


def get_engine(alias: str | None = None) -> Engine:
    """The engine for a Django database alias (default: ``SA_ORDERS["DATABASE"]``).

    Built on first use and cached; no connection is opened until one is needed.
    """
    alias = resolve_alias(alias)
    wrapper = connections[alias]
    key = _cache_key(alias, wrapper.settings_dict)
    engine = _engines.get(key)
    if engine is None:
        with _lock:
            engine = _engines.get(key)
            if engine is None:
                spec = engine_spec(
                    wrapper.settings_dict,
                    wrapper.vendor,
                    overrides=get_config()["ENGINE_OPTIONS"],
                )
                engine = _engines[key] = spec.create_engine()
    return engine


def dispose_engines() -> None:
    """Close every pooled connection and forget every engine.

    Call it before a database is dropped (the test plugin does) or after a fork.
    """
    with _lock:
        engines = list(_engines.values())
        _engines.clear()
    for engine in engines:
        engine.dispose()


@receiver(setting_changed)
def _settings_changed(*, setting: str, **kwargs: Any) -> None:
    if setting == "SA_ORDERS":
        dispose_engines()
