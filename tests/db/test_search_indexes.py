"""The trigram indexes of the searches (PostgreSQL with pg_trgm): frozen in a migration,
used by the lists' searches, optional where the extension cannot be created, and
reported by ``manage.py check`` while they are missing."""

from importlib import import_module

import pytest
from django.core.management import call_command
from django.test import override_settings
from sqlalchemy import select, text

from sa_orders import checks as sa_checks
from sa_orders.admin.search import search_condition
from sa_orders.db.engine import get_engine
from sa_orders.models import Customer, search_indexes
from tests.helpers import check_ids

MIGRATION = import_module("sa_orders.migrations.0006_search_indexes")
NAMES = [search_indexes.index_name(table, column) for table, column in search_indexes.SEARCHED]


def test_the_migration_froze_what_the_models_say():
    """A change to sa_orders.models.search_indexes needs a migration of its own."""
    assert search_indexes.create_statements("postgresql") == MIGRATION.CREATE
    assert search_indexes.drop_statements("postgresql") == MIGRATION.DROP
    assert search_indexes.create_statements("mysql") == []
    assert search_indexes.create_statements("sqlite") == []
    assert all(search_indexes.is_search_index(name) for name in NAMES)
    assert not search_indexes.is_search_index("ix_sa_orders_customer_created_at_id")


@pytest.mark.backends("postgresql")
@pytest.mark.django_db
def test_a_search_is_answered_by_the_index(sa_session):
    with get_engine().connect() as connection:
        assert search_indexes.missing_indexes(connection) == []
    condition = search_condition(Customer, ["name", "email", "phone"], "Petrov")
    stmt = select(Customer.id).where(condition)
    sa_session.execute(text("SET LOCAL enable_seqscan = off"))
    compiled = stmt.compile(sa_session.get_bind(), compile_kwargs={"literal_binds": True})
    plan = "\n".join(sa_session.execute(text(f"EXPLAIN {compiled}")).scalars())
    assert "ix_sa_orders_customer_name_trgm" in plan, plan
    assert "ix_sa_orders_customer_email_trgm" in plan, plan


@pytest.mark.backends("postgresql")
@pytest.mark.django_db
def test_without_the_right_to_create_the_extension_the_migration_still_succeeds(sa_session):
    """As a role that may not create extensions, in a transaction that is rolled back."""
    sa_session.execute(text("DROP EXTENSION pg_trgm CASCADE"))  # takes the indexes along
    # no CREATE on the database: not even a trusted extension such as pg_trgm
    sa_session.execute(text("CREATE ROLE sa_orders_no_extensions NOSUPERUSER"))
    sa_session.execute(text("SET LOCAL ROLE sa_orders_no_extensions"))
    for sql in MIGRATION.CREATE:
        sa_session.execute(text(sql.replace(":", r"\:")))
    sa_session.execute(text("RESET ROLE"))
    assert (
        sa_session.execute(
            text("SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'")
        ).scalar_one()
        == 0
    )
    assert search_indexes.missing_indexes(sa_session.connection()) == NAMES


@pytest.mark.backends("postgresql")
@pytest.mark.django_db(databases=["default", "other"], transaction=True)
def test_missing_search_indexes_are_reported_with_the_way_to_add_them():
    with override_settings(SA_ORDERS={"DATABASE": "other"}):
        assert sa_checks.check_schema() == []
        try:
            with get_engine("other").begin() as connection:
                connection.execute(text("DROP EXTENSION pg_trgm CASCADE"))
            found = sa_checks.check_schema()
            assert check_ids(found) == ["sa_orders.W005"]  # and no drift (W001)
            assert all(name in found[0].msg for name in NAMES)
            assert "CREATE EXTENSION pg_trgm" in found[0].hint
            call_command("migrate", "sa_orders", "0005", database="other", verbosity=0)
            call_command("migrate", "sa_orders", database="other", verbosity=0)
            assert sa_checks.check_schema() == []  # the hint's way works
        finally:
            call_command("migrate", "sa_orders", database="other", verbosity=0)


@pytest.mark.backends("postgresql")
@pytest.mark.django_db
def test_a_search_through_a_related_row_uses_the_foreign_key_index(sa_session):
    """Orders by their customer's name or email, or by number: the customers are found
    once, then their orders through the index on customer_id (an EXISTS ORed with the
    number would make PostgreSQL test every order)."""
    from sa_orders.models import Order

    condition = search_condition(Order, ["=id", "customer.name", "customer.email"], "216626")
    stmt = select(Order.id).where(condition).order_by(Order.order_date.desc()).limit(25)
    sa_session.execute(text("SET LOCAL enable_seqscan = off"))
    compiled = stmt.compile(sa_session.get_bind(), compile_kwargs={"literal_binds": True})
    assert "= ANY (ARRAY(SELECT" in str(compiled)
    # on tables this small the planner may as well walk the orders by date: with plain
    # index scans off, what is left shows that the foreign key's index can answer it
    sa_session.execute(text("SET LOCAL enable_indexscan = off"))
    plan = "\n".join(sa_session.execute(text(f"EXPLAIN {compiled}")).scalars())
    assert "ix_sa_orders_order_customer_id_id" in plan, plan
