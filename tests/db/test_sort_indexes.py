"""The indexes of the sorts by a nullable column, NULLs last: frozen in a migration, and
used by the list's sort on PostgreSQL and SQLite (MariaDB indexes no expression)."""

from importlib import import_module

import pytest
from sqlalchemy import select, text

from sa_orders.admin import site
from sa_orders.models import Customer, sort_indexes

MIGRATION = import_module("sa_orders.migrations.0007_nulls_last_indexes")


def test_the_migration_froze_what_the_models_say():
    for vendor in sort_indexes.VENDORS:
        assert sort_indexes.create_statements(vendor) == MIGRATION.CREATE
        assert sort_indexes.drop_statements(vendor) == MIGRATION.DROP
    assert sort_indexes.create_statements("mysql") == []
    assert all(sort_indexes.is_sort_index(name) for name in sort_indexes.index_names(
        "sa_orders_customer", "phone"))  # fmt: skip


@pytest.mark.backends("postgresql", "sqlite")
@pytest.mark.django_db
@pytest.mark.parametrize("descending", [False, True])
def test_sorting_by_phone_reads_the_index(sa_session, descending):
    phone = next(c for c in site.admin_for(Customer).bound_columns if c.name == "phone")
    keys = [*phone.order_by(descending), Customer.id.desc() if descending else Customer.id]
    stmt = select(Customer.id).order_by(*keys).limit(25)
    dialect = sa_session.get_bind().dialect.name
    compiled = stmt.compile(sa_session.get_bind(), compile_kwargs={"literal_binds": True})
    if dialect == "postgresql":
        sa_session.execute(text("SET LOCAL enable_seqscan = off"))
        plan = "\n".join(sa_session.execute(text(f"EXPLAIN {compiled}")).scalars())
    else:
        plan = "\n".join(
            row[-1] for row in sa_session.execute(text(f"EXPLAIN QUERY PLAN {compiled}"))
        )
    up, down = sort_indexes.index_names("sa_orders_customer", "phone")
    if dialect == "sqlite":
        assert (down if descending else up) in plan, plan
        assert "TEMP B-TREE" not in plan, plan  # no sort of its own
    else:  # on a table this small the planner may take either and sort what follows
        assert up in plan or down in plan, plan
