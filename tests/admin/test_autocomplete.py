"""Autocomplete: a JSON search endpoint per model, and lookup fields that work without it."""

from decimal import Decimal

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

CUSTOMERS = reverse("sa_orders:customer_autocomplete")
ITEMS = reverse("sa_orders:item_autocomplete")


@pytest.fixture
def people(make_customer):
    for n in range(30):
        make_customer(name=f"Ada {n:02}", email=f"ada{n:02}@example.com")
    return make_customer(name="Grace Hopper", email="grace@navy.example")


def test_results_are_keys_and_labels(sa_staff_client, sa_queries, people):
    sa_queries.statements.clear()
    response = sa_staff_client.get(CUSTOMERS, {"q": "GRACE"})
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "results": [{"value": "grace@navy.example", "label": "Grace Hopper <grace@navy.example>"}],
        "more": False,
    }
    assert len(sa_queries) == 1


def test_items_are_named_by_sku(sa_staff_client, make_item):
    make_item(sku="HAMMER", name="Claw hammer", price=Decimal("24.90"))
    make_item(sku="NAILS", name="Nails")
    results = sa_staff_client.get(ITEMS, {"q": "claw"}).json()["results"]
    # with its current price, for the order form's totals as typed
    assert results == [{"value": "HAMMER", "label": "HAMMER Claw hammer", "price": "24.90"}]


@pytest.mark.parametrize(
    ("params", "count", "more"),
    [
        ({"q": "ada"}, 20, True),  # the default limit
        ({"q": "ada", "limit": "5"}, 5, True),
        ({"q": "ada", "limit": "500"}, 30, False),  # capped at 50: all 30 fit
        ({"q": "ada", "limit": "abc"}, 20, True),
        ({"q": "ada", "limit": "-3"}, 1, True),
        ({"q": "ada 2"}, 12, False),  # words ANDed, as in the list's search: 02, 12, 20-29
        ({"q": "%"}, 0, False),  # taken literally
        ({}, 20, True),  # no text: the first rows, in the list's order
    ],
)
def test_limits(sa_staff_client, people, params, count, more):
    data = sa_staff_client.get(CUSTOMERS, params).json()
    assert (len(data["results"]), data["more"]) == (count, more)


def test_results_follow_the_lists_order(sa_staff_client, people):
    labels = [
        r["value"]
        for r in sa_staff_client.get(CUSTOMERS, {"q": "ada", "limit": "3"}).json()["results"]
    ]
    assert labels == ["ada00@example.com", "ada01@example.com", "ada02@example.com"]


@pytest.fixture(scope="session")
def order_clerk(sa_users):
    """Made once, before any test's transaction (see sa_orders.testing.Users)."""
    sa_users.create("order-clerk", permissions=["sa_orders.view_order", "sa_orders.change_order"])
    return "order-clerk"


def test_it_needs_the_view_permission(sa_users, order_clerk, people):
    assert Client().get(CUSTOMERS, {"q": "ada"}).status_code == 302
    clerk = sa_users.client(order_clerk)
    assert clerk.get(CUSTOMERS, {"q": "ada"}).status_code == 403
    assert clerk.get(ITEMS, {"q": "ada"}).status_code == 403


def test_the_order_form_uses_lookup_inputs(sa_staff_client):
    html = sa_staff_client.get(reverse("sa_orders:order_add")).content.decode()
    assert f'data-autocomplete-url="{CUSTOMERS}"' in html
    assert 'list="id_customer-options"' in html
    assert '<datalist id="id_customer-options">' in html
    assert f'data-autocomplete-url="{ITEMS}"' in html
    assert 'src="/static/sa_orders/autocomplete.js"' in html
    assert finders.find("sa_orders/autocomplete.js")


def test_the_order_form_shows_the_customers_key(sa_staff_client, sa_session, people, make_item):
    from sa_orders import services

    order = services.create_order(sa_session, people, [(make_item(), 1)])
    sa_session.flush()
    html = sa_staff_client.get(
        reverse("sa_orders:order_edit", kwargs={"pk": order.id})
    ).content.decode()
    assert 'value="grace@navy.example"' in html


@pytest.mark.parametrize("typed", ["grace@navy.example", " GRACE@Navy.Example ", "#{id}"])
def test_without_javascript_a_typed_key_works(
    sa_staff_client, sa_session, people, make_item, typed
):
    item = make_item(sku="SPADE")
    data = {
        "customer": typed.format(id=people.id),
        "status": "pending",
        "discount_amount": "0",
        "lines-TOTAL_FORMS": "1",
        "lines-INITIAL_FORMS": "0",
        "lines-0-item": "spade ",
        "lines-0-quantity": "2",
    }
    response = sa_staff_client.post(reverse("sa_orders:order_add"), data)
    assert response.status_code == 302
    from sqlalchemy import select

    from sa_orders.models import Order

    order = sa_session.scalars(select(Order)).one()
    assert (order.customer_id, order.lines[0].item_id) == (people.id, item.id)
