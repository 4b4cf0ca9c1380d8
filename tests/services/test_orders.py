"""sa_orders.services.orders: orders from (item, quantity) pairs, line changes, totals
as SQL and Python compute them; the counts of reports."""

from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, text

from sa_orders import services
from sa_orders.exceptions import DomainError
from sa_orders.models import MAX_LINES_PER_ORDER, Order

pytestmark = pytest.mark.django_db

CHICAGO = ZoneInfo("America/Chicago")  # the tests' TIME_ZONE


def test_create_order_snapshots_prices(sa_session, make_customer, catalog):
    order = services.create_order(
        sa_session, make_customer(), [(catalog["hammer"], 2), (catalog["nails"], 1)]
    )
    sa_session.flush()
    catalog["hammer"].price = Decimal("30.00")  # a later price change
    sa_session.flush()
    sa_session.expire_all()
    assert [(line.item.sku, line.price_paid) for line in order.lines] == [
        ("HAMMER", Decimal("24.90")),
        ("NAILS", Decimal("6.80")),
    ]
    assert order.total_amount == Decimal("56.60")


def test_create_order_with_a_discount(sa_session, make_customer, catalog):
    order = services.create_order(
        sa_session, make_customer(), [(catalog["drill"], 1)], discount_amount=Decimal("9.00")
    )
    assert order.total_amount == Decimal("120.00")  # already before the flush
    sa_session.flush()
    assert sa_session.scalar(select(Order.total_amount)) == Decimal("120.00")


def test_add_change_and_remove_lines(sa_session, make_customer, catalog):
    order = services.create_order(sa_session, make_customer(), [(catalog["hammer"], 1)])
    sa_session.flush()
    services.add_line(order, catalog["nails"], 3)
    assert order.total_amount == Decimal("45.30")
    services.change_quantity(order, catalog["nails"], 5)
    assert order.total_amount == Decimal("58.90")
    services.remove_line(order, catalog["hammer"])
    assert order.total_amount == Decimal("34.00")
    sa_session.flush()
    sa_session.expire_all()
    assert [(line.item.sku, line.quantity) for line in order.lines] == [("NAILS", 5)]
    assert (order.total_amount, order.version) == (Decimal("34.00"), 2)


@pytest.mark.parametrize(
    ("operation", "code"),
    [
        (lambda order, c: services.add_line(order, c["hammer"], 1), "duplicate_item"),
        (lambda order, c: services.change_quantity(order, c["drill"], 1), "missing_item"),
        (lambda order, c: services.remove_line(order, c["drill"]), "missing_item"),
        (lambda order, c: services.add_line(order, c["drill"], 0), "quantity_range"),
        (lambda order, c: services.change_quantity(order, c["hammer"], 1000), "quantity_range"),
    ],
)
def test_bad_line_operations_are_refused(sa_session, make_customer, catalog, operation, code):
    order = services.create_order(sa_session, make_customer(), [(catalog["hammer"], 1)])
    sa_session.flush()
    with pytest.raises(DomainError) as error:
        operation(order, catalog)
    assert error.value.code == code


def test_an_inactive_item_cannot_be_ordered(sa_session, make_customer, catalog):
    catalog["drill"].active = False
    with pytest.raises(DomainError) as error:
        services.create_order(sa_session, make_customer(), [(catalog["drill"], 1)])
    assert error.value.code == "inactive_item"


def test_the_number_of_lines_is_bounded(sa_session, make_customer, make_item):
    items = [make_item(price=Decimal("1.00")) for _ in range(MAX_LINES_PER_ORDER + 1)]
    order = services.create_order(sa_session, make_customer(), [(i, 1) for i in items[:-1]])
    with pytest.raises(DomainError) as error:
        services.add_line(order, items[-1], 1)
    assert error.value.code == "too_many_lines"


def test_the_largest_order_still_fits_the_total_column(sa_session, make_customer, make_item):
    items = [make_item(price=Decimal("99999.99")) for _ in range(MAX_LINES_PER_ORDER)]
    order = services.create_order(sa_session, make_customer(), [(i, 999) for i in items])
    sa_session.flush()
    sa_session.expire_all()
    assert order.total_amount == Decimal("9989999001.00")


def test_counts_in_one_query(sa_session, sa_queries, make_customer, catalog):
    services.create_order(sa_session, make_customer(), [(catalog["hammer"], 1)])
    sa_session.flush()
    sa_queries.statements.clear()
    assert services.counts(sa_session) == {"customers": 1, "items": 3, "orders": 1}
    assert len(sa_queries) == 1


def test_sql_and_python_agree_on_every_order_total(sa_session, make_customer, catalog):
    customer = make_customer()
    for quantity in range(1, 6):
        services.create_order(
            sa_session,
            customer,
            [(catalog["hammer"], quantity), (catalog["nails"], 6 - quantity)],
            discount_amount=Decimal("0.05") * quantity,
        )
    sa_session.flush()
    in_sql = dict(
        sa_session.execute(select(Order.id, Order.subtotal - Order.discount_amount)).all()
    )
    stored = dict(sa_session.execute(text("SELECT id, total_amount FROM sa_orders_order")).all())
    assert {k: Decimal(str(v)).quantize(Decimal("0.01")) for k, v in stored.items()} == {
        k: Decimal(str(v)).quantize(Decimal("0.01")) for k, v in in_sql.items()
    }
