"""Schema through migrate: forwards, backwards, sqlmigrate, routers, no migrations, drift.

Migrations are run on the ``other`` database, which holds sa_orders' tables only, so
that the ``default`` test database stays as the rest of the suite expects it.
"""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connections
from django.test import override_settings
from sqlalchemy import func, insert, inspect, select

from sa_orders.apps import create_tables_if_unmigrated
from sa_orders.db.drift import schema_differences
from sa_orders.db.engine import get_engine
from sa_orders.models import Base, Customer, CustomerFigures

OUR_TABLES = set(Base.metadata.tables)
other_database = pytest.mark.django_db(databases=["default", "other"], transaction=True)


def tables(alias):
    return set(inspect(get_engine(alias)).get_table_names()) & OUR_TABLES


def differences(alias):
    with get_engine(alias).connect() as connection:
        return schema_differences(connection, Base.metadata)


def migrate(*args, **options):
    call_command("migrate", *args, verbosity=0, **options)


@pytest.mark.django_db
def test_the_migrated_test_database_matches_the_models():
    assert tables("default") == OUR_TABLES
    assert differences("default") == []


@pytest.mark.django_db
def test_check_constraints_exist_with_stable_names():
    inspector = inspect(get_engine())
    for table in Base.metadata.sorted_tables:
        expected = {c.name for c in table.constraints if c.__class__.__name__ == "CheckConstraint"}
        found = {c["name"] for c in inspector.get_check_constraints(table.name)}
        assert expected <= found, table.name


@pytest.mark.django_db
def test_every_foreign_key_leads_an_index():
    inspector = inspect(get_engine())
    for table in Base.metadata.sorted_tables:
        leading = {index["column_names"][0] for index in inspector.get_indexes(table.name)}
        leading.add(inspector.get_pk_constraint(table.name)["constrained_columns"][0])
        for fk in inspector.get_foreign_keys(table.name):
            assert fk["constrained_columns"][0] in leading, (table.name, fk)


@other_database
def test_migrate_backwards_and_forwards():
    assert tables("other") == OUR_TABLES
    try:
        migrate("sa_orders", "zero", database="other")
        assert tables("other") == set()
    finally:
        migrate("sa_orders", database="other")
    assert tables("other") == OUR_TABLES
    assert differences("other") == []


@pytest.mark.django_db(transaction=True)  # SQLite's schema editor refuses atomic blocks
def test_sqlmigrate_prints_the_sql():
    forwards, backwards = StringIO(), StringIO()
    call_command("sqlmigrate", "sa_orders", "0001", stdout=forwards)
    call_command("sqlmigrate", "sa_orders", "0001", backwards=True, stdout=backwards)
    sql = forwards.getvalue()
    initial = {name for name in OUR_TABLES if not Base.metadata.tables[name].info.get("kept")}
    for table in initial:
        assert f"CREATE TABLE {table} (" in sql
    assert "CREATE INDEX ix_sa_orders_order_status ON sa_orders_order (status);" in sql
    assert "ON DELETE CASCADE" in sql
    assert "ON DELETE RESTRICT" in sql
    drops = [line for line in backwards.getvalue().splitlines() if line.startswith("DROP TABLE")]
    assert drops.index("DROP TABLE sa_orders_order_item;") < drops.index(
        "DROP TABLE sa_orders_order;"
    )
    assert len(drops) == len(initial)


@pytest.mark.django_db(transaction=True)
def test_sqlmigrate_prints_the_triggers_of_the_kept_figures():
    forwards, backwards = StringIO(), StringIO()
    call_command("sqlmigrate", "sa_orders", "0004", stdout=forwards)
    call_command("sqlmigrate", "sa_orders", "0004", backwards=True, stdout=backwards)
    sql = forwards.getvalue()
    for name, table in Base.metadata.tables.items():
        if table.info.get("kept") and name not in HISTORY_TABLES:
            assert f"CREATE TABLE {name} (" in sql
    assert "CREATE TRIGGER sa_orders_order_after_insert" in sql
    assert "INSERT INTO sa_orders_customer_figures (customer_id, order_count) SELECT" in sql
    assert "DROP TRIGGER sa_orders_order_after_insert" in backwards.getvalue()


@other_database
def test_migrations_honour_the_routers():
    try:
        migrate("sa_orders", "zero", database="other")
        routers = ["tests.routers.RefuseSaOrdersRouter", "tests.routers.OtherDatabaseRouter"]
        with override_settings(DATABASE_ROUTERS=routers):
            migrate("sa_orders", database="other")
            assert tables("other") == set()  # recorded as applied, nothing created
            migrate("sa_orders", "zero", database="other")
    finally:
        migrate("sa_orders", database="other")
    assert tables("other") == OUR_TABLES


@other_database
def test_tables_are_created_when_migrations_are_switched_off():
    config = apps.get_app_config("sa_orders")
    try:
        migrate("sa_orders", "zero", database="other")
        create_tables_if_unmigrated(config, using="other")
        assert tables("other") == set()  # migrations are on: nothing to do
        with override_settings(MIGRATION_MODULES={"sa_orders": None}):
            create_tables_if_unmigrated(config, using="other")
            assert tables("other") == OUR_TABLES
            assert differences("other") == []
            with get_engine("other").connect() as connection, connection.begin() as transaction:
                connection.execute(insert(Customer).values(name="Ada", email="ada@example.com"))
                # the triggers came with the tables: the customer has its figures row
                assert connection.scalar(select(func.count()).select_from(CustomerFigures)) == 1
                transaction.rollback()
            create_tables_if_unmigrated(config, using="other")  # idempotent
    finally:
        if tables("other"):
            migrate("sa_orders", database="other", fake=True)
        else:
            migrate("sa_orders", database="other")
    assert tables("other") == OUR_TABLES


@other_database
def test_drift_is_reported_and_fixed_by_migrating():
    engine = get_engine("other")
    try:
        with engine.begin() as connection:
            index = next(
                i
                for i in Base.metadata.tables["sa_orders_customer_figures"].indexes
                if i.name == "ix_sa_orders_customer_figures_recent_revenue_customer_id"
            )
            index.drop(connection)
        assert differences("other") == [
            "index ix_sa_orders_customer_figures_recent_revenue_customer_id on "
            "sa_orders_customer_figures is missing"
        ]
    finally:
        migrate("sa_orders", "zero", database="other")
        migrate("sa_orders", database="other")
    assert differences("other") == []
    assert connections["other"].vendor == connections["default"].vendor


HISTORY_TABLES = ("sa_orders_history_context", "sa_orders_change", "sa_orders_history_now")


@pytest.mark.django_db(transaction=True)
def test_sqlmigrate_prints_the_history_and_its_triggers():
    forwards, backwards = StringIO(), StringIO()
    call_command("sqlmigrate", "sa_orders", "0008", stdout=forwards)
    call_command("sqlmigrate", "sa_orders", "0008", backwards=True, stdout=backwards)
    for name in HISTORY_TABLES:
        assert f"CREATE TABLE {name} (" in forwards.getvalue()
        assert f"DROP TABLE {name};" in backwards.getvalue()
    assert "CREATE TRIGGER sa_orders_order_history_after_update" in forwards.getvalue()
    assert "DROP TRIGGER IF EXISTS sa_orders_order_history_after_update" in backwards.getvalue()
