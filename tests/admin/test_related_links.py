"""Related rows are links wherever the pages show them, for users who may open them."""

from decimal import Decimal

import pytest

from sa_orders.services import create_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def order(sa_session, make_customer, make_item):
    ada = make_customer(name="Ada <King>", email="ada@example.com")
    made = create_order(sa_session, ada, [(make_item(sku="TEA", price=Decimal("4.50")), 2)])
    sa_session.flush()
    return made


@pytest.fixture(scope="session")
def orders_only(sa_users):
    sa_users.create(
        "orders-only", permissions=["sa_orders.view_order", "sa_orders.delete_customer"]
    )
    return sa_users


def test_an_orders_customer_is_a_link(sa_staff_client, order):
    html = sa_staff_client.get(f"/orders/orders/{order.id}/").content.decode()
    name = "Ada &lt;King&gt; &lt;ada@example.com&gt;"  # escaped
    assert f'<a href="/orders/customers/{order.customer.id}/">{name}</a>' in html


def test_the_rows_a_deletion_takes_along_are_links(sa_staff_client, order):
    html = sa_staff_client.get(f"/orders/customers/{order.customer.id}/delete/").content.decode()
    assert f'<li><a href="/orders/orders/{order.id}/">Order {order.id}</a></li>' in html


def test_a_row_the_user_may_not_open_is_text(orders_only, order):
    client = orders_only.client("orders-only")
    html = client.get(f"/orders/orders/{order.id}/").content.decode()
    assert "<dd>Ada &lt;King&gt; &lt;ada@example.com&gt;</dd>" in html
    assert f'href="/orders/customers/{order.customer.id}/"' not in html
