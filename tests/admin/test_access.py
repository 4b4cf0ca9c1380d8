"""No dead ends: the site's own login and logout where the project has none, a 403 page in
the site's layout that says what is missing and offers the way out, a favicon."""

from urllib.parse import urlsplit

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from sa_orders.testing import STAFF_PASSWORD
from tests.helpers import messages_of

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="session")
def access_users(sa_users):
    sa_users.create("not-staff", staff=False)
    sa_users.create("no-customers", permissions=["sa_orders.view_order"])
    sa_users.create(
        "orders-viewer", permissions=["sa_orders.view_order", "sa_orders.view_customer"]
    )
    return sa_users


@pytest.mark.urls("tests.urls_bare")
def test_a_project_without_login_urls_uses_the_sites_own(access_users, settings):
    settings.LOGIN_URL = "/accounts/login/"  # Django's default, which this project lacks
    anonymous = Client()
    response = anonymous.get("/orders/customers/?q=ada")
    assert response.status_code == 302
    assert response["Location"] == "/orders/login/?next=/orders/customers/%3Fq%3Dada"
    page = anonymous.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert 'action="/orders/login/"' in html
    assert 'class="site-header"' in html  # in the site's layout
    user = access_users.user("orders-viewer")
    logged_in = anonymous.post(
        "/orders/login/",
        {"username": user.get_username(), "password": STAFF_PASSWORD, "next": "/orders/orders/"},
    )
    assert logged_in["Location"] == "/orders/orders/"
    orders = anonymous.get("/orders/orders/").content.decode()
    assert 'action="/orders/logout/"' in orders
    out = anonymous.post("/orders/logout/")
    assert out["Location"] == "/orders/login/"
    assert messages_of(anonymous.get(out["Location"])) == ["You have logged out."]
    assert anonymous.get("/orders/orders/")["Location"].startswith("/orders/login/")


@pytest.mark.urls("tests.urls_bare")
def test_the_sites_login_goes_to_the_dashboard_and_refuses_wrong_passwords(access_users):
    client = Client()
    user = access_users.user("orders-viewer")
    wrong = client.post("/orders/login/", {"username": user.get_username(), "password": "x"})
    assert wrong.status_code == 200
    assert "Please enter a correct" in wrong.content.decode()
    right = client.post(
        "/orders/login/", {"username": user.get_username(), "password": STAFF_PASSWORD}
    )
    assert right["Location"] == "/orders/"
    elsewhere = client.post(
        "/orders/login/",
        {
            "username": user.get_username(),
            "password": STAFF_PASSWORD,
            "next": "https://evil.example/",
        },
    )
    assert urlsplit(elsewhere["Location"]).netloc == ""  # never off the site


def test_a_project_with_its_own_login_keeps_it(access_users):
    response = Client().get("/orders/")
    assert response["Location"] == "/accounts/login/?next=/orders/"


def test_a_user_without_staff_status_gets_a_page_with_the_way_out(access_users):
    response = access_users.client("not-staff").get("/orders/orders/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "<h1>Access denied</h1>" in html
    assert "The account “not-staff” may not use these pages: it is not a staff account." in html
    assert 'class="site-header"' in html
    assert 'action="/accounts/logout/"' in html  # the project's own logout
    assert "Log in with another account" in html
    assert "/accounts/login/?next=%2Forders%2Forders%2F" in html
    assert "Back to the dashboard" not in html  # it would be a 403 too
    assert 'class="site-nav"' not in html


def test_a_staff_user_without_a_permission_is_told_which(access_users):
    response = access_users.client("no-customers").get("/orders/customers/")
    assert response.status_code == 403
    html = response.content.decode()
    assert (
        "You may not view customers. Ask an administrator for the permission "
        "“sa_orders.view_customer”." in html
    )
    assert 'href="/orders/">Back to the dashboard' in html
    assert 'href="/orders/orders/"' in html  # the pages it may use stay in the menu


def test_a_permission_a_page_checks_itself_gets_the_same_page(access_users):
    response = access_users.client("orders-viewer").get("/orders/customers/import/")
    assert response.status_code == 403
    assert "<h1>Access denied</h1>" in response.content.decode()


def test_every_page_has_a_favicon(sa_staff_client):
    html = sa_staff_client.get("/orders/").content.decode()
    assert 'rel="icon" href="/static/sa_orders/favicon.svg"' in html
    assert finders.find("sa_orders/favicon.svg")
