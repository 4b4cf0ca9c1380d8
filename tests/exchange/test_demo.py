"""manage.py sa_seed: a small deterministic data set, idempotent, --reset, bad input."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from sqlalchemy import func, select

from sa_orders import services
from sa_orders.db import bulk
from sa_orders.models import Category, Customer, Item, Order, OrderItem

pytestmark = pytest.mark.django_db


def seed(*args):
    out = StringIO()
    call_command("sa_seed", *args, stdout=out)
    return out.getvalue()


def snapshot(session):
    session.expire_all()

    def rows(*columns):
        return sorted(session.execute(select(*columns)).all())

    return {
        "customers": rows(Customer.email, Customer.name, Customer.version),
        "categories": sorted(category.path for category in session.scalars(select(Category))),
        "items": rows(Item.sku, Item.price, Item.active, Item.version),
        "orders": rows(Order.status, Order.total_amount, Order.discount_amount, Order.version),
        "lines": session.scalar(select(func.count()).select_from(OrderItem)),
    }


def test_seed_creates_a_realistic_data_set(sa_session):
    output = seed()
    data = snapshot(sa_session)
    assert len(data["customers"]) == 30
    assert len(data["categories"]) == 10
    assert len(data["items"]) == 24
    assert len(data["orders"]) > 30
    assert f"Created 30 customers, 10 categories, 24 items, {len(data['orders'])} orders" in output
    assert f"with {data['lines']} lines" in output
    assert services.wrong_totals(sa_session) == []
    assert {status for status, *_ in data["orders"]} == {"pending", "paid", "shipped", "cancelled"}


def test_running_it_again_changes_nothing(sa_session):
    seed()
    before = snapshot(sa_session)
    output = seed()
    assert "nothing changed" in output
    assert snapshot(sa_session) == before


def test_the_same_seed_gives_the_same_data(sa_session):
    seed("--seed", "7", "--customers", "5")
    first = snapshot(sa_session)
    seed("--seed", "7", "--customers", "5", "--reset")
    assert snapshot(sa_session) == first
    seed("--seed", "8", "--customers", "5", "--reset")
    assert snapshot(sa_session)["customers"] != first["customers"]


def test_reset_replaces_the_data(sa_session, make_customer):
    make_customer(email="someone@else.example")
    seed("--customers", "3", "--reset")
    emails = sa_session.scalars(select(Customer.email)).all()
    assert len(emails) == 3
    assert "someone@else.example" not in emails


def test_bad_input_is_a_clear_error(sa_session):
    with pytest.raises(CommandError, match="--customers"):
        seed("--customers", "-3")
    with pytest.raises(CommandError, match="--seed"):
        seed("--seed", "abc")
    assert snapshot(sa_session)["customers"] == []


def test_a_failure_half_way_writes_nothing(sa_session, monkeypatch):
    calls = []
    real_insert_rows = bulk.insert_rows

    def failing_insert_rows(*args, **kwargs):
        calls.append(1)
        if len(calls) == 6:  # after the catalog, the customers and a batch of orders
            raise RuntimeError("disk full")
        return real_insert_rows(*args, **kwargs)

    monkeypatch.setattr(bulk, "insert_rows", failing_insert_rows)
    with pytest.raises(CommandError, match=r"nothing was written: disk full\. Run the same"):
        seed("--batch-size", "5")
    assert len(calls) == 6
    data = snapshot(sa_session)
    assert (data["customers"], data["items"], data["categories"], data["lines"]) == ([], [], [], 0)


def test_seeded_prices_are_exact(sa_session):
    seed("--customers", "1")
    prices = dict(sa_session.execute(select(Item.sku, Item.price)).all())
    assert prices["KT-DUTCH-OVEN"] == Decimal("119.00")
    assert prices["GD-SEED-BASIL"] == Decimal("2.49")


# --- sizes --------------------------------------------------------------------------

SIZED = ["--customers", "50", "--items", "40", "--categories", "14", "--orders", "200",
         "--lines-per-order", "3"]  # fmt: skip


def test_a_data_set_of_given_sizes(sa_session):
    errors = StringIO()
    out = StringIO()
    call_command("sa_seed", *SIZED, "--batch-size", "7", stdout=out, stderr=errors, verbosity=2)
    assert (
        "Created 50 customers, 14 categories, 40 items, 200 orders with 600 lines" in out.getvalue()
    )
    # a line per batch at verbosity 2, on standard error
    assert "Orders: 200 of 200 (100%)" in errors.getvalue()
    data = snapshot(sa_session)
    assert (len(data["customers"]), len(data["items"]), len(data["orders"]), data["lines"]) == (
        50, 40, 200, 600,
    )  # fmt: skip
    assert "Hardware/Range 1" in data["categories"]
    assert len(data["categories"]) == 14
    assert services.wrong_totals(sa_session) == []
    lines = sa_session.execute(
        select(OrderItem.order_id, func.count(), func.count(OrderItem.item_id.distinct()))
        .group_by(OrderItem.order_id)
    ).all()  # fmt: skip
    assert {(count, distinct) for _order, count, distinct in lines} == {(3, 3)}
    paid_what_they_cost = (
        select(func.count())
        .select_from(OrderItem)
        .join(Item, Item.id == OrderItem.item_id)
        .where(OrderItem.price_paid != Item.price)
    )
    assert sa_session.scalar(paid_what_they_cost) == 0
    inactive_sold = select(func.count()).select_from(OrderItem).join(Item).where(~Item.active)
    assert sa_session.scalar(inactive_sold) == 0
    assert sa_session.scalar(select(func.count()).where(Item.sku.like("GEN-%"))) == 16


def test_sizes_are_repeatable_whatever_the_batch_size(sa_session):
    seed(*SIZED)
    first = snapshot(sa_session)
    assert "already there; nothing changed" in seed(*SIZED)
    assert snapshot(sa_session) == first
    seed(*SIZED, "--reset", "--batch-size", "3")
    assert snapshot(sa_session) == first


def test_a_dry_run_says_what_it_would_create_and_writes_nothing(sa_session):
    output = seed(*SIZED, "--dry-run")
    assert "Would create 50 customers, 14 categories, 40 items, 200 orders with 600 lines" in output
    assert "dry run: nothing was written" in output
    data = snapshot(sa_session)
    assert (data["customers"], data["categories"], data["lines"]) == ([], [], 0)
    seed(*SIZED)
    assert "Would create 0 customers" not in seed(*SIZED, "--dry-run")


def test_fewer_categories_than_the_demo_tree(sa_session):
    seed("--categories", "2", "--customers", "3")
    assert snapshot(sa_session)["categories"] == ["Hardware", "Hardware/Hand tools"]
    # the items of the categories that were not made have none; the others keep theirs
    tools = sa_session.scalar(select(Item).where(Item.sku == "HT-HAMMER-16"))
    assert [c.path for c in tools.categories] == ["Hardware/Hand tools"]
    drill = sa_session.scalar(select(Item).where(Item.sku == "PT-DRILL-18V"))
    assert [c.path for c in drill.categories] == ["Hardware"]
    seeds = sa_session.scalar(select(Item).where(Item.sku == "GD-SEED-TOM"))
    assert seeds.categories == []


def test_new_rows_get_keys_after_the_seeded_ones(sa_session, make_customer, make_item):
    seed("--customers", "5")
    customer = make_customer()
    order = services.create_order(sa_session, customer, [(make_item(), 1)])
    sa_session.flush()
    assert customer.id > 5
    assert order.id > sa_session.scalar(select(func.min(Order.id)))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--customers", "0", "--orders", "5"], "orders need customers"),
        (["--items", "0"], "orders need items"),
        (["--lines-per-order", "101"], "--lines-per-order must be between 1 and 100"),
        (["--categories", "0"], "items need categories"),
        (["--batch-size", "0"], "--batch-size"),
        (["--orders", "x"], "--orders"),
    ],
)
def test_impossible_sizes_are_refused(sa_session, args, message):
    with pytest.raises(CommandError, match=message):
        seed(*args)
    assert snapshot(sa_session)["customers"] == []


@pytest.mark.backends("postgresql")
def test_postgresql_plans_with_fresh_statistics_after_a_load(sa_session):
    from sqlalchemy import text

    seed(*SIZED)
    for table, count in [("sa_orders_customer", 50), ("sa_orders_order", 200)]:
        known = sa_session.scalar(
            text("SELECT reltuples FROM pg_class WHERE relname = :table"), {"table": table}
        )
        assert known == count  # ANALYZE ran in the same transaction as the load


def test_a_larger_set_on_top_of_the_demo_data_says_exactly_what_it_did(sa_session):
    seed()
    demo_orders = services.counts(sa_session)["orders"]
    with_orders = sa_session.scalar(select(func.count(func.distinct(Order.customer_id))))
    output = seed("--customers", "200", "--orders", "600")
    counts = services.counts(sa_session)
    created = counts["orders"] - demo_orders
    assert created < 600  # some of the 600 went to the demo's customers, who have orders
    assert (
        f"Created 170 customers, 0 categories, 0 items, {created:,} of the 600 orders asked "
        f"for with" in output
    )
    assert (
        f"{600 - created} orders were left out: they were for the {with_orders} customers who "
        "already had orders" in output
    )
    assert (
        f"The database now holds 200 customers, 24 items and {counts['orders']:,} orders" in output
    )
