"""Django settings_dict -> SQLAlchemy URL and options, per backend and driver."""

from decimal import Decimal

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.db.backends.postgresql.psycopg_any import IsolationLevel
from django.test import override_settings
from sqlalchemy import event, text
from sqlalchemy.pool import QueuePool

from sa_orders.db.engine import (
    MYSQL_POOL_RECYCLE,
    dispose_engines,
    engine_spec,
    get_engine,
)


def settings_dict(engine, **values):
    base = {
        "ENGINE": f"django.db.backends.{engine}",
        "NAME": "shop",
        "USER": "",
        "PASSWORD": "",
        "HOST": "",
        "PORT": "",
        "OPTIONS": {},
    }
    return {**base, **values}


# --- SQLite -------------------------------------------------------------------------


def test_sqlite_file_database():
    spec = engine_spec(settings_dict("sqlite3", NAME="/srv/shop/db.sqlite3"), "sqlite")
    assert spec.url.drivername == "sqlite+pysqlite"
    assert spec.url.database == "/srv/shop/db.sqlite3"
    assert spec.url.query == {"uri": "true"}  # as Django opens it
    assert spec.options["poolclass"] is QueuePool
    assert spec.options["pool_pre_ping"] is True
    assert spec.options["connect_args"] == {"check_same_thread": False}
    assert spec.begin_statement == "BEGIN"


def test_sqlite_options_are_honoured():
    spec = engine_spec(
        settings_dict(
            "sqlite3",
            OPTIONS={
                "timeout": 7,
                "init_command": "PRAGMA cache_size = -123; PRAGMA temp_store = MEMORY",
                "transaction_mode": "immediate",
                "detect_types": 3,  # Django's business, not ours
            },
        ),
        "sqlite",
    )
    assert spec.options["connect_args"] == {"timeout": 7, "check_same_thread": False}
    assert spec.begin_statement == "BEGIN IMMEDIATE"


def test_sqlite_options_take_effect_on_a_real_connection(tmp_path):
    spec = engine_spec(
        settings_dict(
            "sqlite3",
            NAME=str(tmp_path / "shop.sqlite3"),
            OPTIONS={"init_command": "PRAGMA cache_size = -123", "transaction_mode": "EXCLUSIVE"},
        ),
        "sqlite",
    )
    engine = spec.create_engine()
    statements = []
    event.listen(engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    try:
        with engine.begin() as connection:
            assert connection.scalar(text("PRAGMA cache_size")) == -123
            assert connection.scalar(text("PRAGMA foreign_keys")) == 1
        assert statements[0] == "BEGIN EXCLUSIVE"
    finally:
        engine.dispose()


def test_sqlite_shared_memory_database_is_shared_between_connections():
    name = "file:sa_orders_engine_test?mode=memory&cache=shared"
    engine = engine_spec(settings_dict("sqlite3", NAME=name), "sqlite").create_engine()
    try:
        with engine.connect() as first, engine.connect() as second:
            first.execute(text("CREATE TABLE t (x INTEGER)"))
            first.execute(text("INSERT INTO t VALUES (1)"))
            first.commit()
            assert second.scalar(text("SELECT x FROM t")) == 1
    finally:
        engine.dispose()


def test_sqlite_rejects_an_unknown_transaction_mode():
    with pytest.raises(ImproperlyConfigured, match="transaction_mode"):
        engine_spec(settings_dict("sqlite3", OPTIONS={"transaction_mode": "LAZY"}), "sqlite")


def test_sqlite_needs_a_name():
    with pytest.raises(ImproperlyConfigured, match="NAME"):
        engine_spec(settings_dict("sqlite3", NAME=""), "sqlite")


# --- PostgreSQL ---------------------------------------------------------------------


def test_postgresql_with_psycopg3():
    spec = engine_spec(
        settings_dict(
            "postgresql",
            USER="shop",
            PASSWORD="s3cret",
            HOST="db.internal",
            PORT="6432",
            OPTIONS={
                "sslmode": "require",
                "isolation_level": IsolationLevel.SERIALIZABLE,
                "pool": {"min_size": 2},
                "server_side_binding": True,
                "assume_role": "shop_owner",
            },
        ),
        "postgresql",
        postgresql_driver="psycopg",
    )
    url = spec.url
    assert (url.drivername, url.username, url.password) == ("postgresql+psycopg", "shop", "s3cret")
    assert (url.host, url.port, url.database) == ("db.internal", 6432, "shop")
    assert spec.options["isolation_level"] == "SERIALIZABLE"
    assert spec.options["connect_args"] == {
        "client_encoding": "UTF8",
        "sslmode": "require",
        "prepare_threshold": None,
    }
    assert len(spec.on_connect) == 1  # SET ROLE


def test_postgresql_with_psycopg2_gets_no_psycopg3_options():
    spec = engine_spec(settings_dict("postgresql"), "postgresql", postgresql_driver="psycopg2")
    assert spec.url.drivername == "postgresql+psycopg2"
    assert spec.options["connect_args"] == {"client_encoding": "UTF8"}


def test_postgresql_options_can_switch_prepared_statements_back_on():
    spec = engine_spec(
        settings_dict("postgresql", OPTIONS={"prepare_threshold": 5}),
        "postgresql",
        postgresql_driver="psycopg",
    )
    assert spec.options["connect_args"]["prepare_threshold"] == 5


def test_postgresql_unix_socket_directory():
    spec = engine_spec(
        settings_dict("postgresql", HOST="/var/run/postgresql"),
        "postgresql",
        postgresql_driver="psycopg",
    )
    assert spec.url.host is None
    assert spec.options["connect_args"]["host"] == "/var/run/postgresql"


def test_postgresql_name_none_means_the_postgres_database():
    spec = engine_spec(
        settings_dict("postgresql", NAME=None), "postgresql", postgresql_driver="psycopg"
    )
    assert spec.url.database == "postgres"


def test_postgresql_service_without_name():
    spec = engine_spec(
        settings_dict("postgresql", NAME="", OPTIONS={"service": "shop"}),
        "postgresql",
        postgresql_driver="psycopg",
    )
    assert spec.url.database is None
    assert spec.options["connect_args"]["service"] == "shop"


def test_postgresql_needs_a_name_or_a_service():
    with pytest.raises(ImproperlyConfigured, match="NAME or OPTIONS"):
        engine_spec(settings_dict("postgresql", NAME=""), "postgresql", postgresql_driver="psycopg")


def test_postgresql_rejects_an_unknown_isolation_level():
    with pytest.raises(ImproperlyConfigured, match="isolation level"):
        engine_spec(
            settings_dict("postgresql", OPTIONS={"isolation_level": 99}),
            "postgresql",
            postgresql_driver="psycopg",
        )


# --- MySQL / MariaDB ----------------------------------------------------------------


def test_mysql_defaults_follow_django():
    spec = engine_spec(settings_dict("mysql", USER="root", HOST="127.0.0.1", PORT="3306"), "mysql")
    assert spec.url.drivername == "mysql+mysqldb"
    assert (spec.url.host, spec.url.port, spec.url.database) == ("127.0.0.1", 3306, "shop")
    assert spec.options["isolation_level"] == "READ COMMITTED"
    assert spec.options["pool_recycle"] == MYSQL_POOL_RECYCLE
    assert spec.options["connect_args"] == {"charset": "utf8mb4"}


def test_mysql_options():
    spec = engine_spec(
        settings_dict(
            "mysql",
            HOST="/run/mysqld/mysqld.sock",
            OPTIONS={
                "isolation_level": "repeatable read",
                "init_command": "SET sql_mode='STRICT_TRANS_TABLES'",
                "client_flag": 1,
            },
        ),
        "mysql",
    )
    assert spec.url.host is None
    assert spec.options["isolation_level"] == "REPEATABLE READ"
    assert spec.options["connect_args"] == {
        "charset": "utf8mb4",
        "unix_socket": "/run/mysqld/mysqld.sock",
        "init_command": "SET sql_mode='STRICT_TRANS_TABLES'",
        "client_flag": 1 | 2,  # FOUND_ROWS stays on: version counters need it
    }


def test_mysql_isolation_level_none_leaves_the_server_default():
    spec = engine_spec(settings_dict("mysql", OPTIONS={"isolation_level": None}), "mysql")
    assert "isolation_level" not in spec.options


# --- everywhere ---------------------------------------------------------------------


def test_engine_options_override_the_defaults():
    spec = engine_spec(
        settings_dict("sqlite3"),
        "sqlite",
        overrides={"pool_size": 3, "pool_pre_ping": False, "connect_args": {"timeout": 1}},
    )
    assert spec.options["pool_size"] == 3
    assert spec.options["pool_pre_ping"] is False
    assert spec.options["connect_args"] == {"check_same_thread": False, "timeout": 1}


def test_any_other_backend_is_refused_by_name():
    with pytest.raises(ImproperlyConfigured, match=r"django\.db\.backends\.oracle"):
        engine_spec(settings_dict("oracle"), "oracle")


def test_get_engine_refuses_the_unsupported_alias():
    with pytest.raises(ImproperlyConfigured, match="dummy"):
        get_engine("unsupported")


def test_get_engine_names_an_unknown_alias():
    with (
        override_settings(SA_ORDERS={"DATABASE": "nope"}),
        pytest.raises(ImproperlyConfigured, match="'nope'"),
    ):
        get_engine()


def test_engine_options_setting_reaches_the_engine():
    with override_settings(SA_ORDERS={"ENGINE_OPTIONS": {"pool_size": 2, "echo": False}}):
        engine = get_engine()
        if connections["default"].vendor != "sqlite" or isinstance(engine.pool, QueuePool):
            assert engine.pool.size() == 2
    assert get_engine() is not engine  # a new engine once the setting is back


@pytest.mark.django_db
def test_the_engine_follows_the_test_database():
    engine = get_engine()
    assert engine is get_engine()  # cached
    name = connections["default"].settings_dict["NAME"]
    assert engine.url.database == name
    assert "memorydb" in name or name.startswith("test_")


@pytest.mark.django_db
def test_dispose_engines_forgets_them():
    engine = get_engine()
    dispose_engines()
    assert get_engine() is not engine


# --- real connections, per backend --------------------------------------------------


@pytest.mark.django_db
def test_a_real_connection_works():
    with get_engine().connect() as connection:
        assert connection.scalar(text("SELECT 1")) == 1


@pytest.mark.backends("sqlite")
@pytest.mark.django_db
def test_sqlite_connections_enforce_foreign_keys():
    with get_engine().connect() as connection:
        assert connection.scalar(text("PRAGMA foreign_keys")) == 1


@pytest.mark.backends("postgresql")
@pytest.mark.django_db
def test_postgresql_uses_the_driver_django_loaded():
    assert get_engine().url.drivername == "postgresql+psycopg"
    assert connections["default"].Database.__name__ == "psycopg"


def _postgresql_engine(**changes):
    values = {**connections["default"].settings_dict, **changes}
    return engine_spec(values, "postgresql", postgresql_driver=changes.pop("driver", None))


@pytest.mark.backends("postgresql")
@pytest.mark.django_db
def test_postgresql_over_the_unix_socket():
    engine = _postgresql_engine(HOST="/var/run/postgresql").create_engine()
    try:
        with engine.connect() as connection:
            assert connection.scalar(text("SELECT inet_server_addr()")) is None  # a socket
    finally:
        engine.dispose()


@pytest.mark.backends("postgresql")
@pytest.mark.django_db
def test_postgresql_with_psycopg2_for_real():
    pytest.importorskip("psycopg2")
    values = dict(connections["default"].settings_dict)
    engine = engine_spec(values, "postgresql", postgresql_driver="psycopg2").create_engine()
    try:
        with engine.connect() as connection:
            assert connection.scalar(text("SELECT CAST('12.34' AS NUMERIC(12, 2))")) == Decimal(
                "12.34"
            )
    finally:
        engine.dispose()


@pytest.mark.backends("postgresql")
@pytest.mark.django_db
def test_postgresql_isolation_level_and_assume_role_for_real():
    role = "sa_orders_test_role"
    setup = _postgresql_engine().create_engine()
    try:
        with setup.connect() as connection:
            connection.execute(
                text(
                    f"DO $$ BEGIN CREATE ROLE {role} NOLOGIN; "
                    "EXCEPTION WHEN duplicate_object THEN NULL; END $$"
                )
            )
            connection.commit()
    finally:
        setup.dispose()
    options = {"isolation_level": IsolationLevel.SERIALIZABLE, "assume_role": role}
    engine = _postgresql_engine(OPTIONS=options).create_engine()
    try:
        with engine.connect() as connection:
            assert connection.scalar(text("SHOW transaction_isolation")) == "serializable"
            assert connection.scalar(text("SELECT current_user")) == role
    finally:
        engine.dispose()


@pytest.mark.backends("mysql")
@pytest.mark.django_db
def test_mysql_session_settings_for_real():
    with get_engine().connect() as connection:
        assert connection.scalar(text("SELECT @@tx_isolation")) == "READ-COMMITTED"
        assert connection.scalar(text("SELECT @@character_set_client")) == "utf8mb4"
        assert "MariaDB" in connection.scalar(text("SELECT VERSION()"))


@pytest.mark.backends("mysql")
@pytest.mark.django_db
def test_mysql_over_the_unix_socket():
    values = {**connections["default"].settings_dict, "HOST": "/run/mysqld/mysqld.sock", "PORT": ""}
    engine = engine_spec(values, "mysql").create_engine()
    try:
        with engine.connect() as connection:
            assert connection.scalar(text("SELECT 1")) == 1
    finally:
        engine.dispose()
