"""Money is Decimal end to end; timestamps are aware UTC datetimes; on every backend."""

from datetime import UTC, datetime, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, func, literal, select, text
from sqlalchemy.exc import StatementError

from sa_orders.db.types import Money, UTCDateTime, round_money, scale_money, to_money
from sa_orders.models import Item

pytestmark = pytest.mark.django_db

CENT = Decimal("0.01")


# --- in Python ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0.005", "0.01"),
        ("0.004", "0.00"),
        ("2.675", "2.68"),  # 2.675 as a float is 2.67499999...
        ("1.005", "1.01"),
        ("-0.005", "-0.01"),
        (7, "7.00"),
        ("9999999999.99", "9999999999.99"),
    ],
)
def test_to_money_rounds_half_up(value, expected):
    assert to_money(value) == Decimal(expected)
    assert str(to_money(value)) == expected


@pytest.mark.parametrize("value", [True, None, b"1.5"])
def test_to_money_refuses_booleans_and_what_is_no_number(value):
    with pytest.raises(TypeError, match=f"not {type(value).__name__}"):
        to_money(value)


@pytest.mark.parametrize("value", ["abc", "NaN", "Infinity", float("nan"), float("-inf")])
def test_to_money_refuses_what_is_not_money(value):
    with pytest.raises(ValueError, match="not an amount of money"):
        to_money(value)


def test_to_money_reads_floats_by_their_shortest_repr():
    assert to_money(1.5) == Decimal("1.50")
    assert to_money(2.675) == Decimal("2.68")  # the float is 2.67499999...; its repr is 2.675
    assert to_money(1e-3) == Decimal("0.00")


# --- round trips through the database -----------------------------------------------


@pytest.mark.parametrize("price", ["0.00", "0.01", "0.10", "12345.67", "99999.99", "19.99", "0.07"])
def test_item_price_round_trip(sa_session, make_item, price):
    item = make_item(price=Decimal(price))
    sa_session.expire_all()
    assert item.price == Decimal(price)
    assert isinstance(item.price, Decimal)
    assert str(item.price) == price


@pytest.fixture
def money_table(sa_session):
    """A scratch table of Money values, created inside the test's transaction where the
    backend allows transactional DDL; on MariaDB a temporary table (no implicit commit)."""
    metadata = MetaData()
    table = Table(
        "sa_orders_test_money",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("amount", Money()),
        prefixes=["TEMPORARY"],
    )
    connection = sa_session.connection()
    metadata.create_all(connection)
    yield table
    # A plain DROP TABLE commits implicitly on MariaDB, even for a temporary table.
    temporary = "TEMPORARY " if connection.dialect.name == "mysql" else ""
    connection.execute(text(f"DROP {temporary}TABLE sa_orders_test_money"))


@pytest.mark.parametrize(
    "amount",
    ["9999999999.99", "-9999999999.99", "1234567890.12", "0.01", "1000000000.05", "0.00"],
)
def test_full_declared_precision_round_trips(sa_session, money_table, amount):
    sa_session.execute(money_table.insert().values(id=1, amount=Decimal(amount)))
    stored = sa_session.scalar(select(money_table.c.amount))
    assert stored == Decimal(amount)
    assert str(stored) == amount


@pytest.mark.parametrize(
    ("amount", "stored"),
    [("2.675", "2.68"), ("0.005", "0.01"), ("10.605", "10.61"), ("1.115", "1.12")],
)
def test_half_cents_are_rounded_up_when_written(sa_session, money_table, amount, stored):
    sa_session.execute(money_table.insert().values(id=1, amount=Decimal(amount)))
    assert sa_session.scalar(select(money_table.c.amount)) == Decimal(stored)


@pytest.mark.parametrize(
    ("price", "factor"),
    [
        ("10.10", "1.05"),  # 10.605
        ("2.50", "0.5"),  # 1.25
        ("19.99", "1.075"),  # 21.48925
        ("0.01", "0.5"),  # 0.005
        ("1.01", "0.5"),  # 0.505
        ("99999.99", "1.1"),  # 109999.989
        ("33.33", "0.15"),  # 4.9995
        ("4.45", "1.5"),  # 6.675
    ],
)
def test_sql_money_arithmetic_rounds_like_python(sa_session, money_table, price, factor):
    expected = (Decimal(price) * Decimal(factor)).quantize(CENT, rounding=ROUND_HALF_UP)
    sa_session.execute(money_table.insert().values(id=1, amount=Decimal(price)))
    in_sql = sa_session.scalar(select(scale_money(money_table.c.amount, Decimal(factor))))
    assert in_sql == expected


def test_round_money_on_sums(sa_session, money_table):
    values = ["0.10", "0.20", "0.30", "33.33", "33.33", "33.34"]
    sa_session.execute(
        money_table.insert(), [{"id": i, "amount": Decimal(v)} for i, v in enumerate(values, 1)]
    )
    total = sa_session.scalar(select(round_money(func.sum(money_table.c.amount))))
    assert total == Decimal("100.60")


def test_scale_money_refuses_float_factors():
    with pytest.raises(TypeError):
        scale_money(literal(1), 1.1)


def test_money_takes_floats_on_the_way_in_as_they_read(sa_session, make_item):
    item = make_item(price=Decimal("19.99"))
    assert sa_session.scalar(select(Item.id).where(Item.price == 19.99)) == item.id
    assert sa_session.scalar(select(Item.id).where(Item.price > 19.98)) == item.id
    with pytest.raises(StatementError, match="not list"):
        sa_session.execute(select(Item.id).where(Item.price > [1])).all()


# --- timestamps ---------------------------------------------------------------------


def test_timestamps_come_back_aware_in_utc(sa_session, make_customer):
    berlin = timezone(timedelta(hours=2))
    moment = datetime(2026, 7, 1, 14, 30, 15, 123456, tzinfo=berlin)
    customer = make_customer(created_at=moment)
    sa_session.expire_all()
    assert customer.created_at == moment
    assert customer.created_at.tzinfo is UTC
    assert customer.created_at.hour == 12
    assert customer.created_at.microsecond == 123456  # DATETIME(6) on MySQL/MariaDB


def test_timestamps_are_stored_in_utc(sa_session, make_customer):
    new_york_evening = datetime(2026, 1, 1, 23, 0, tzinfo=timezone(timedelta(hours=-5)))
    customer = make_customer(created_at=new_york_evening)
    raw = sa_session.execute(
        text("SELECT created_at FROM sa_orders_customer WHERE id = :id"), {"id": customer.id}
    ).scalar()
    if isinstance(raw, str):  # SQLite keeps text
        raw = datetime.fromisoformat(raw)
    if raw.tzinfo is not None:  # PostgreSQL answers in the connection's time zone
        raw = raw.astimezone(UTC).replace(tzinfo=None)
    assert raw == datetime(2026, 1, 2, 4, 0)


def test_naive_datetimes_are_refused(sa_session, make_customer):
    customer = make_customer()
    customer.created_at = datetime(2026, 1, 1, 12, 0)
    with pytest.raises(Exception, match="Naive datetime"):
        sa_session.flush()


def test_utc_datetime_type_compiles_per_backend():
    from sqlalchemy.dialects import mysql, postgresql, sqlite

    column = Column("at", UTCDateTime())
    assert column.type.compile(dialect=postgresql.dialect()) == "TIMESTAMP WITH TIME ZONE"
    assert column.type.compile(dialect=mysql.dialect()) == "DATETIME(6)"
    assert column.type.compile(dialect=sqlite.dialect()) == "DATETIME"
