"""Login, CSRF without the middleware, unknown ids, escaping; GET never changes data."""

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from sqlalchemy import select

from sa_orders.models import Customer

pytestmark = pytest.mark.django_db


def test_anonymous_users_go_to_the_login_page_and_come_back(make_customer):
    customer = make_customer()
    path = reverse("sa_orders:customer_edit", kwargs={"pk": customer.id})
    response = Client().get(path, {"x": "1"})
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={path}%3Fx%3D1"


def test_the_login_page_only_redirects_within_the_site(sa_staff_user):
    response = Client().post(
        "/accounts/login/?next=https://evil.example/orders/",
        {"username": sa_staff_user.get_username(), "password": "sa-orders-password"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/profile/"  # LOGIN_REDIRECT_URL, not evil.example


@override_settings(
    MIDDLEWARE=[  # the host removed CsrfViewMiddleware
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
        "sa_orders.middleware.SQLAlchemySessionMiddleware",
    ]
)
def test_csrf_is_checked_even_without_the_middleware(sa_staff_user, sa_session, sa_users):
    client = sa_users.client("sa-orders-staff")
    client.handler.enforce_csrf_checks = True
    response = client.post(
        reverse("sa_orders:customer_add"), {"name": "X", "email": "x@example.com"}
    )
    assert response.status_code == 403
    assert sa_session.scalar(select(Customer.id)) is None


@pytest.mark.parametrize(
    "pk", ["0", "abc", "-1", "1.5", "99999999", "9223372036854775808", "9" * 40, "%20", "1e3"]
)
@pytest.mark.parametrize("view", ["detail", "edit", "delete"])
def test_unknown_or_malformed_ids_are_404(sa_staff_client, view, pk):
    response = sa_staff_client.get(
        f"/orders/customers/{pk}/" + ("" if view == "detail" else f"{view}/")
    )
    assert response.status_code == 404


def test_posting_to_a_missing_row_is_404(sa_staff_client):
    assert sa_staff_client.post("/orders/customers/424242/edit/", {"name": "x"}).status_code == 404
    assert sa_staff_client.post("/orders/customers/424242/delete/").status_code == 404


def test_what_users_typed_is_escaped_everywhere(sa_staff_client, make_customer, make_item):
    evil = '<script>alert("x")</script>'
    customer = make_customer(name=evil, phone="<b>bold</b>")
    make_item(name=evil)
    pages = [
        "/orders/",
        "/orders/customers/",
        "/orders/items/",
        f"/orders/customers/{customer.id}/",
        f"/orders/customers/{customer.id}/edit/",
        f"/orders/customers/{customer.id}/delete/",
    ]
    for page in pages:
        html = sa_staff_client.get(page).content.decode()
        assert "<script>alert" not in html, page
        assert "<b>bold</b>" not in html, page
    assert "&lt;script&gt;" in sa_staff_client.get("/orders/customers/").content.decode()


def test_details_refuse_post_and_a_list_post_needs_an_action(sa_staff_client, make_customer):
    from django.contrib.messages import get_messages

    customer = make_customer()
    response = sa_staff_client.post("/orders/customers/?q=x")  # a bulk action without one
    assert response.status_code == 302
    assert response["Location"] == "/orders/customers/?q=x"
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Choose an action from the list."
    ]
    assert sa_staff_client.post(f"/orders/customers/{customer.id}/").status_code == 405
    assert sa_staff_client.put(f"/orders/customers/{customer.id}/edit/").status_code == 405


def test_pages_are_never_cached(sa_staff_client):
    response = sa_staff_client.get("/orders/customers/")
    assert "no-cache" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
