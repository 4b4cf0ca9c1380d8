"""manage.py sa_seed: a small deterministic data set, idempotent, --reset, bad input."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from sqlalchemy import func, select

from sa_orders import services
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
    real_create_order = services.create_order

    def failing_create_order(*args, **kwargs):
        calls.append(1)
        if len(calls) == 10:
            raise RuntimeError("disk full")
        return real_create_order(*args, **kwargs)

    monkeypatch.setattr(services, "create_order", failing_create_order)
    with pytest.raises(CommandError, match="nothing was written: disk full"):
        seed()
    data = snapshot(sa_session)
    assert (data["customers"], data["items"], data["lines"]) == ([], [], 0)


def test_seeded_prices_are_exact(sa_session):
    seed("--customers", "1")
    prices = dict(sa_session.execute(select(Item.sku, Item.price)).all())
    assert prices["KT-DUTCH-OVEN"] == Decimal("119.00")
    assert prices["GD-SEED-BASIL"] == Decimal("2.49")
