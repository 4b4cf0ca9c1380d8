"""One set of rules, whatever writes: the ORM unit of work, the SQLAlchemy tutorial's own
bulk statements, and many-to-many changes keep timestamps, order dates and versions."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from sqlalchemy import insert, select, update

from sa_orders.db.types import to_money
from sa_orders.exceptions import DomainError
from sa_orders.models import Category, Customer, Item, Order, OrderStatus

pytestmark = pytest.mark.django_db

LONG_AGO = datetime(2020, 1, 1, tzinfo=UTC)


def test_the_tutorials_bulk_insert(sa_session):
    before = datetime.now(UTC)
    sa_session.execute(
        insert(Customer),
        [
            {"name": "Spongebob Squarepants", "email": "spongebob@sqlalchemy.org"},
            {"name": "Sandy Cheeks", "email": "sandy@sqlalchemy.org"},
        ],
    )
    rows = sa_session.execute(
        select(Customer.email, Customer.created_at, Customer.updated_at, Customer.version)
    ).all()
    assert {email for email, *_ in rows} == {"spongebob@sqlalchemy.org", "sandy@sqlalchemy.org"}
    for _email, created, updated, version in rows:
        assert created >= before
        assert updated == created
        assert version == 1


def test_the_tutorials_insert_with_returning(sa_session):
    (customer,) = sa_session.scalars(
        insert(Customer).returning(Customer), [{"name": "Patrick", "email": "pat@example.com"}]
    ).all()
    assert customer.created_at is not None
    assert customer.version == 1


def test_a_bulk_insert_of_orders_gets_its_date(sa_session, make_customer):
    customer = make_customer()
    sa_session.execute(insert(Order), [{"customer_id": customer.id}])
    order = sa_session.scalars(select(Order)).one()
    assert order.order_date is not None
    assert order.created_at is not None
    assert (order.status, order.total_amount, order.version) == (
        OrderStatus.PENDING,
        Decimal("0.00"),
        1,
    )


def test_the_tutorials_bulk_update_bumps_versions(sa_session, make_item):
    cheap = make_item(price=Decimal("10.00"), updated_at=LONG_AGO)
    dear = make_item(price=Decimal("500.00"), updated_at=LONG_AGO)
    sa_session.execute(
        update(Item).where(Item.price < 100).values(price=Item.price * Decimal("1.1"))
    )
    sa_session.expire_all()
    assert (cheap.price, cheap.version) == (Decimal("11.00"), 2)
    assert cheap.updated_at > LONG_AGO
    assert (dear.price, dear.version, dear.updated_at) == (Decimal("500.00"), 1, LONG_AGO)


def test_a_core_update_of_the_table_bumps_versions_too(sa_session, make_customer):
    ada = make_customer(name="Ada")
    sa_session.execute(
        update(Customer.__table__).where(Customer.id == ada.id).values(name="Ada King")
    )
    sa_session.expire_all()
    assert (ada.name, ada.version) == ("Ada King", 2)


def test_the_orm_still_bumps_a_version_once(sa_session, make_customer):
    ada = make_customer()
    ada.phone = "+1 555"
    sa_session.flush()
    sa_session.expire_all()
    assert ada.version == 2


def test_changing_only_an_items_categories_bumps_its_version(sa_session, make_item):
    garden, tools = Category(name="Garden"), Category(name="Tools")
    hose = make_item(categories=[garden], updated_at=LONG_AGO)
    sa_session.add(tools)
    sa_session.flush()
    assert hose.version == 1
    hose.categories.append(tools)
    sa_session.flush()
    assert hose.version == 2
    assert hose.updated_at > LONG_AGO
    hose.categories.remove(garden)
    sa_session.flush()
    assert hose.version == 3


def test_changing_the_categories_of_a_category_bumps_the_items_not_the_category(
    sa_session, make_item
):
    garden = Category(name="Garden")
    hose = make_item(categories=[garden])
    sa_session.flush()
    garden.items.remove(hose)  # from the other side of the many-to-many
    sa_session.flush()
    assert hose.version == 2


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (19.99, Decimal("19.99")),  # the tutorial's float, by its shortest repr
        (0.1 + 0.2, Decimal("0.30")),
        (5, Decimal("5.00")),
        ("12.345", Decimal("12.35")),
        (Decimal("1.005"), Decimal("1.01")),
    ],
)
def test_money_takes_decimals_ints_strings_and_floats(value, expected):
    assert to_money(value) == expected
    assert Item(sku="X", name="X", price=value).price == expected


@pytest.mark.parametrize("value", [True, None, [1], {"a": 1}, object(), b"1.00"])
def test_money_refuses_anything_else_and_says_what_it_got(value):
    with pytest.raises(TypeError, match=type(value).__name__):
        to_money(value)
    with pytest.raises(DomainError) as refused:
        Item(sku="X", name="X", price=value)
    assert type(value).__name__ in refused.value.message


@pytest.mark.parametrize("value", [float("nan"), float("inf"), "NaN", "-Infinity", "abc"])
def test_money_refuses_what_is_not_an_amount(value):
    with pytest.raises(ValueError, match="not an amount of money"):
        to_money(value)
