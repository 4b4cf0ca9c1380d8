"""The home page: login, staff only, counts read through request.sa_session."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from sa_orders import services

pytestmark = pytest.mark.django_db


def test_anonymous_users_are_sent_to_the_login_page():
    response = Client().get("/orders/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/orders/"


def test_users_who_are_not_staff_are_refused():
    user = get_user_model().objects.create_user("clerk", password="pw")
    client = Client()
    client.force_login(user)
    assert client.get("/orders/").status_code == 403


def test_staff_see_the_counts(sa_staff_client, sa_session, sa_queries, make_customer, make_item):
    customer = make_customer()
    item = make_item(price=Decimal("3.00"))
    services.create_order(sa_session, customer, [(item, 2)])
    make_item()
    sa_session.flush()
    sa_queries.statements.clear()
    response = sa_staff_client.get("/orders/")
    assert response.status_code == 200
    content = response.content.decode()
    assert '<dd data-count="customers">1</dd>' in content
    assert '<dd data-count="items">2</dd>' in content
    assert '<dd data-count="orders">1</dd>' in content
    assert len(sa_queries) == 1


def test_the_home_page_only_answers_get_and_head(sa_staff_client):
    assert sa_staff_client.head("/orders/").status_code == 200
    assert sa_staff_client.post("/orders/").status_code == 405
