"""sa_orders.db.bulk: COPY on PostgreSQL, multi-row INSERTs elsewhere; values as the ORM
stores them; explicit keys and the sequence after them."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.db import connections
from sqlalchemy import select

from sa_orders import services
from sa_orders.db import bulk
from sa_orders.db.engine import engine_spec
from sa_orders.db.types import utcnow
from sa_orders.models import Customer, Item, Order, OrderItem, OrderStatus

pytestmark = pytest.mark.django_db

AWKWARD = ["plain", "tab\there", "new\nline", "back\\slash", "quote ' and \"", "\\N", "Zoë 日本"]


def insert_customers(connection, rows, **options):
    columns = ["id", "name", "email", "phone", "created_at", "updated_at"]
    return bulk.insert_rows(connection, Customer.__table__, columns, rows, **options)


def test_values_come_back_as_written(sa_session):
    connection = sa_session.connection()
    moment = datetime(2026, 3, 29, 1, 30, 15, 123456, tzinfo=UTC)
    rows = [
        (n + 1, name, f"c{n}@example.com", None if n % 2 else "+1 555", moment, moment)
        for n, name in enumerate(AWKWARD)
    ]
    assert insert_customers(connection, rows, batch_size=3) == len(AWKWARD)
    stored = sa_session.execute(
        select(Customer.id, Customer.name, Customer.phone, Customer.created_at, Customer.version)
        .order_by(Customer.id)
    ).all()  # fmt: skip
    assert [tuple(row) for row in stored] == [
        (n + 1, name, None if n % 2 else "+1 555", moment, 1) for n, name in enumerate(AWKWARD)
    ]


def test_money_enums_and_booleans(sa_session):
    connection = sa_session.connection()
    now = utcnow()
    bulk.insert_rows(
        connection,
        Item.__table__,
        ["id", "sku", "name", "price", "active", "created_at", "updated_at"],
        [(1, "A", "A", Decimal("0.10"), True, now, now), (2, "B", "B", Decimal("99999.99"), False, now, now)],
    )  # fmt: skip
    bulk.insert_rows(
        connection,
        Customer.__table__,
        ["id", "name", "email", "created_at", "updated_at"],
        [(1, "Ada", "ada@example.com", now, now)],
    )
    bulk.insert_rows(
        connection,
        Order.__table__,
        ["id", "customer_id", "order_date", "status", "discount_amount", "total_amount",
         "created_at", "updated_at"],
        [(1, 1, now, OrderStatus.SHIPPED, Decimal("0.00"), Decimal("0.30"), now, now)],
    )  # fmt: skip
    bulk.insert_rows(
        connection, OrderItem.__table__, ["order_id", "item_id", "quantity", "price_paid"],
        [(1, 1, 3, Decimal("0.10"))],
    )  # fmt: skip
    items = sa_session.execute(select(Item.sku, Item.price, Item.active).order_by(Item.id)).all()
    assert [tuple(row) for row in items] == [
        ("A", Decimal("0.10"), True),
        ("B", Decimal("99999.99"), False),
    ]
    order = sa_session.get(Order, 1)
    assert (order.status, order.total_amount, order.subtotal) == (
        OrderStatus.SHIPPED,
        Decimal("0.30"),
        Decimal("0.30"),
    )
    assert services.wrong_totals(sa_session) == []


def test_large_batches_are_split(sa_session):
    now = utcnow()
    rows = [(n, f"C{n}", f"c{n}@example.com", None, now, now) for n in range(1, 12_001)]
    assert insert_customers(sa_session.connection(), rows, batch_size=5000) == 12_000
    assert services.counts(sa_session)["customers"] == 12_000


def test_keys_continue_after_explicit_ones(sa_session, make_customer):
    connection = sa_session.connection()
    first = bulk.next_id(connection, Customer.__table__)
    now = utcnow()
    insert_customers(connection, [(first + 9, "Late", "late@example.com", None, now, now)])
    bulk.sync_sequence(connection, Customer.__table__)
    assert bulk.next_id(connection, Customer.__table__) == first + 10
    made = make_customer()  # the database picks the key: after the explicit one
    assert made.id > first + 9


def test_a_bad_row_fails_the_whole_statement(sa_session):
    from sqlalchemy.exc import IntegrityError

    now = utcnow()
    rows = [
        (1, "A", "same@example.com", None, now, now),
        (2, "B", "same@example.com", None, now, now),
    ]
    with pytest.raises(IntegrityError), sa_session.begin_nested():
        insert_customers(sa_session.connection(), rows)
    assert services.counts(sa_session)["customers"] == 0


@pytest.mark.backends("postgresql")
def test_copy_through_psycopg2_for_real(sa_session):
    pytest.importorskip("psycopg2")
    values = dict(connections["default"].settings_dict)
    engine = engine_spec(values, "postgresql", postgresql_driver="psycopg2").create_engine()
    moment = utcnow() - timedelta(days=1)
    try:
        with engine.begin() as connection:
            rows = [
                (9001 + n, name, f"p{n}@example.com", None, moment, moment)
                for n, name in enumerate(AWKWARD)
            ]
            assert insert_customers(connection, rows) == len(AWKWARD)
            names = connection.scalars(
                select(Customer.name).where(Customer.id > 9000).order_by(Customer.id)
            ).all()
            assert names == AWKWARD
            # booleans, NULLs, money and times in COPY's text format, many rows
            items = [
                (9001 + n, f"PG2-{n}", "tab\there", Decimal("1.50"), n % 2 == 0, moment, moment)
                for n in range(3000)
            ]
            columns = ["id", "sku", "name", "price", "active", "created_at", "updated_at"]
            assert bulk.insert_rows(connection, Item.__table__, columns, items) == 3000
            loaded = connection.execute(
                select(Item.sku, Item.name, Item.price, Item.active, Item.created_at)
                .where(Item.id > 9000)
                .order_by(Item.id)
            ).all()
            assert [tuple(row) for row in loaded] == [
                (sku, name, price, active, at) for _id, sku, name, price, active, at, _ in items
            ]
            connection.execute(Item.__table__.delete().where(Item.id > 9000))
            connection.execute(Customer.__table__.delete().where(Customer.id > 9000))
    finally:
        engine.dispose()
