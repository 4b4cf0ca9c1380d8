"""An order's lines come back in the order they were added (each line's position), on
the pages, in the export and after an import."""

from decimal import Decimal

import pytest
from sqlalchemy import select

from sa_orders.models import Order
from sa_orders.services.orders import add_line, create_order, remove_line
from tests.helpers import run_command

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(make_item):
    # made in this order: their ids are not the order the lines are typed in
    return {sku: make_item(sku=sku, price=Decimal("1.00")) for sku in ("AAA", "BBB", "CCC", "DDD")}


def skus(session, order_id):
    session.expire_all()
    return [line.item.sku for line in session.get(Order, order_id).lines]


def test_lines_come_back_in_the_order_they_were_added(sa_session, make_customer, items):
    order = create_order(
        sa_session, make_customer(), [(items["CCC"], 1), (items["AAA"], 2), (items["BBB"], 3)]
    )
    sa_session.flush()
    assert skus(sa_session, order.id) == ["CCC", "AAA", "BBB"]

    order = sa_session.get(Order, order.id)
    add_line(order, items["DDD"], 1)
    remove_line(order, items["AAA"])
    sa_session.flush()
    order = sa_session.get(Order, order.id)
    add_line(order, items["AAA"], 1)  # added again: now the last
    sa_session.flush()
    assert skus(sa_session, order.id) == ["CCC", "BBB", "DDD", "AAA"]


def test_the_export_lists_the_lines_in_that_order(sa_session, make_customer, items):
    create_order(sa_session, make_customer(), [(items["CCC"], 1), (items["AAA"], 2)])
    sa_session.flush()
    out, _err = run_command("sa_export", "orders", "-")
    assert "1 x CCC @ 1.00 | 2 x AAA @ 1.00" in out


def test_an_import_adds_the_lines_in_the_order_of_its_cell(sa_session, make_customer, items):
    customer = make_customer(email="pos@example.com")
    text = f"customer.email,lines\n{customer.email},1 x DDD | 2 x AAA | 1 x CCC\n"
    out, _err = run_command("sa_import", "orders", "-", stdin=text)
    assert "1 created" in out
    order_id = sa_session.scalar(select(Order.id).where(Order.customer_id == customer.id))
    assert skus(sa_session, order_id) == ["DDD", "AAA", "CCC"]
