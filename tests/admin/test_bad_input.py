"""Bad input is a 404, a form error or a value ignored as the README says: never a 500.
One test per request found to fail (non-ASCII and endless digits, NUL bytes, the
calendar's edges), on every backend."""

import pytest
from django.test import override_settings
from django.urls import reverse
from sqlalchemy import func, select

from sa_orders.models import Customer, Order
from tests.helpers import admin_url, messages_of

pytestmark = pytest.mark.django_db

HUGE = "9" * 5000  # more digits than int() reads by default
ODD_DIGITS = ["²", "①", "١٢", "１２", "12²", "-1", "0", "+3", " 7", HUGE]


@pytest.fixture
def ada(make_customer):
    return make_customer(name="Ada Lovelace", email="ada@example.com")


@pytest.mark.parametrize("pk", ODD_DIGITS)
@pytest.mark.parametrize("view", ["detail", "edit", "delete"])
def test_an_id_that_is_no_id_is_a_404(sa_staff_client, ada, view, pk):
    path = reverse(f"sa_orders:customer_{view}", kwargs={"pk": pk})
    assert sa_staff_client.get(path).status_code == 404


@pytest.mark.parametrize("pk", ODD_DIGITS)
def test_a_filter_id_that_is_no_id_is_ignored(sa_staff_client, ada, pk):
    response = sa_staff_client.get(reverse("sa_orders:order_list"), {"customer": pk})
    assert response.status_code == 200


@pytest.mark.parametrize("pk", ODD_DIGITS)
def test_ticked_ids_that_are_no_ids_change_nothing(sa_staff_client, sa_session, ada, pk):
    response = sa_staff_client.post(
        reverse("sa_orders:customer_list"),
        {"action": "delete_selected", "_selected": [pk], "confirm": "1"},
    )
    assert response.status_code == 302
    assert "Tick the rows" in messages_of(response)[0]
    assert sa_session.scalar(select(func.count()).select_from(Customer)) == 1


@pytest.mark.parametrize("key", ["#²", "#①", f"#{HUGE}", "#-1"])
def test_an_order_forms_odd_keys_are_form_errors(sa_staff_client, sa_session, ada, make_item, key):
    item = make_item(sku="HAMMER")
    base = {
        "customer": ada.email,
        "status": "pending",
        "discount_amount": "0",
        "notes": "",
        "lines-TOTAL_FORMS": "1",
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "100",
        "lines-0-item": item.sku,
        "lines-0-quantity": "1",
    }
    add = reverse("sa_orders:order_add")
    for data in ({**base, "customer": key}, {**base, "lines-0-item": key}):
        response = sa_staff_client.post(add, data)
        assert response.status_code == 400
        assert 'class="errorlist' in response.content.decode()  # next to the field
    assert sa_session.scalar(select(func.count()).select_from(Order)) == 0


NUL_PATHS = [
    ("sa_orders:customer_list", {"q": "ada\x00"}),
    ("sa_orders:customer_list", {"q": "\x00"}),
    ("sa_orders:order_list", {"q": "\x00 12"}),
    ("sa_orders:customer_autocomplete", {"q": "a\x00"}),
    ("sa_orders:customer_export", {"q": "a\x00"}),
    ("sa_orders:item_list", {"q": "\x00", "o": "\x00", "p": "\x00", "per_page": "\x00"}),
]


@pytest.mark.parametrize(("name", "params"), NUL_PATHS)
def test_a_nul_byte_in_a_search_is_no_500(sa_staff_client, ada, name, params):
    response = sa_staff_client.get(reverse(name), params)
    assert response.status_code == 200
    if response.streaming:
        b"".join(response.streaming_content)


def test_a_nul_byte_in_all_matching_changes_nothing(sa_staff_client, sa_session, ada):
    response = sa_staff_client.post(
        reverse("sa_orders:customer_list") + "?q=ada%00",
        {"action": "delete_selected", "select_across": "1", "confirm": "1"},
    )
    assert response.status_code == 302
    assert sa_session.scalar(select(func.count()).select_from(Customer)) == 1


EDGES = [
    {"order_date_to": "9999-12-31"},
    {"order_date_from": "9999-12-31"},
    {"order_date_from": "0001-01-01"},
    {"order_date_to": "0001-01-01"},
    {"order_date_from": "0001-01-01", "order_date_to": "9999-12-31"},
]


@pytest.mark.parametrize("zone", ["America/Chicago", "Asia/Tokyo", "Pacific/Kiritimati", "UTC"])
@pytest.mark.parametrize("params", EDGES)
def test_the_calendars_edges_in_the_date_filter(sa_staff_client, ada, zone, params):
    with override_settings(TIME_ZONE=zone):
        for name in ("sa_orders:order_list", "sa_orders:order_export"):
            response = sa_staff_client.get(reverse(name), params)
            assert response.status_code == 200, (name, params)
            if response.streaming:
                b"".join(response.streaming_content)


def test_odd_ids_in_the_detail_urls_of_other_models(sa_staff_client):
    for name in ("order_detail", "item_edit", "supplier_detail"):
        for pk in ("²", HUGE):
            path = reverse(f"sa_orders:{name}", kwargs={"pk": pk})
            assert sa_staff_client.get(path).status_code == 404


def test_the_detail_of_a_customer_is_still_found(sa_staff_client, ada):
    assert sa_staff_client.get(admin_url("customer_detail", ada)).status_code == 200
