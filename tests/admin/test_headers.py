"""Every response of the site, error pages included, is never cached and carries a strict
Content-Security-Policy; the pages run no inline script or style, so the policy holds."""

import re

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from sqlalchemy import update

from sa_orders.backoffice.customers import CustomerAdmin
from sa_orders.conf import DEFAULTS
from sa_orders.models import Customer
from tests.helpers import admin_url, form_data

pytestmark = pytest.mark.django_db

POLICY = DEFAULTS["CONTENT_SECURITY_POLICY"]


@pytest.fixture(scope="session")
def onlooker(sa_users):
    sa_users.create("onlooker")  # staff, without any permission
    return sa_users


@pytest.fixture
def ada(make_customer):
    return make_customer(name="Ada Lovelace", email="ada@example.com")


def assert_secured(response):
    assert response["Content-Security-Policy"] == POLICY, response.status_code
    assert "no-store" in response["Cache-Control"], response.status_code


def test_the_policy_forbids_everything_from_elsewhere_and_inline():
    directives = dict(part.strip().split(" ", 1) for part in POLICY.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == directives["style-src"] == "'self'"
    assert "unsafe-inline" not in POLICY
    assert directives["frame-ancestors"] == "'none'"


def test_pages_of_every_kind(sa_staff_client, sa_session, ada):
    for name in ["sa_orders:index", "sa_orders:customer_list", "sa_orders:customer_add"]:
        assert_secured(sa_staff_client.get(reverse(name)))
    for page in ["customer_detail", "customer_edit", "customer_delete"]:
        assert_secured(sa_staff_client.get(admin_url(page, ada)))
    assert_secured(sa_staff_client.get(reverse("sa_orders:customer_autocomplete"), {"q": "a"}))
    export = sa_staff_client.get(reverse("sa_orders:customer_export"))
    assert_secured(export)
    b"".join(export.streaming_content)


def test_error_pages_too(sa_staff_client, onlooker, sa_session, ada):
    missing = reverse("sa_orders:customer_detail", kwargs={"pk": "999999"})
    assert sa_staff_client.get(missing).status_code == 404
    assert_secured(sa_staff_client.get(missing))
    refused = onlooker.client("onlooker").get(reverse("sa_orders:customer_list"))
    assert refused.status_code == 403
    assert_secured(refused)
    login = Client().get(reverse("sa_orders:customer_list"))  # anonymous: to the login page
    assert login.status_code == 302
    assert_secured(login)
    not_allowed = sa_staff_client.put(reverse("sa_orders:customer_list"))
    assert not_allowed.status_code == 405
    assert_secured(not_allowed)
    bad = sa_staff_client.post(reverse("sa_orders:customer_add"), {"name": "", "email": "x"})
    assert bad.status_code == 400
    assert_secured(bad)
    edit = admin_url("customer_edit", ada)
    mine = form_data(sa_staff_client.get(edit).content.decode())
    sa_session.execute(update(Customer).values(phone="+1 555"))
    sa_session.flush()
    conflict = sa_staff_client.post(
        edit, mine.urlencode(), content_type="application/x-www-form-urlencoded"
    )
    assert conflict.status_code == 409
    assert_secured(conflict)


def test_a_500_too(sa_staff_client, ada, monkeypatch):
    def broken(self, request, session, obj):
        raise RuntimeError("a bug")

    monkeypatch.setattr(CustomerAdmin, "get_detail_context", broken)
    sa_staff_client.raise_request_exception = False
    response = sa_staff_client.get(admin_url("customer_detail", ada))
    assert response.status_code == 500
    assert_secured(response)


def test_a_hosts_own_pages_are_left_alone(sa_staff_client):
    response = sa_staff_client.get("/t/untouched/")
    assert "Content-Security-Policy" not in response
    assert "Cache-Control" not in response


def test_the_policy_is_a_setting(sa_staff_client):
    with override_settings(SA_ORDERS={"CONTENT_SECURITY_POLICY": "default-src 'self'"}):
        response = sa_staff_client.get(reverse("sa_orders:index"))
        assert response["Content-Security-Policy"] == "default-src 'self'"
    with override_settings(SA_ORDERS={"CONTENT_SECURITY_POLICY": None}):
        assert "Content-Security-Policy" not in sa_staff_client.get(reverse("sa_orders:index"))


INLINE = [
    re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I),  # a script without src
    re.compile(r"<style\b", re.I),
    re.compile(r"\sstyle\s*=", re.I),
    re.compile(r"\son[a-z]+\s*=", re.I),  # event handler attributes
    re.compile(r"javascript:", re.I),
]


def test_no_page_holds_an_inline_script_or_style(sa_staff_client, sa_session, ada, make_item):
    from sa_orders import services

    item = make_item()
    order = services.create_order(sa_session, ada, [(item, 1)])
    sa_session.flush()
    paths = [reverse("sa_orders:index")]
    for model_admin, obj in [("customer", ada), ("item", item), ("order", order)]:
        paths += [reverse(f"sa_orders:{model_admin}_list"), reverse(f"sa_orders:{model_admin}_add")]
        paths += [admin_url(f"{model_admin}_{page}", obj) for page in ("detail", "edit", "delete")]
    for path in paths:
        html = sa_staff_client.get(path).content.decode()
        for pattern in INLINE:
            assert not pattern.search(html), (path, pattern.pattern)
