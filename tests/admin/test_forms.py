"""Add and edit forms: saving, messages, errors next to their fields, versions, bad input."""

from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from sqlalchemy import func, select, update

from sa_orders.models import Customer, Item
from tests.helpers import admin_url

pytestmark = pytest.mark.django_db


def rows(session, model):
    session.expire_all()
    return session.scalars(select(model).order_by(model.id)).all()


def snapshot(session):
    session.expire_all()
    return (
        session.execute(select(Customer.id, Customer.name, Customer.email, Customer.version)).all(),
        session.execute(select(Item.id, Item.sku, Item.price, Item.active, Item.version)).all(),
    )


def field_errors(response, field):
    return response.context["form"].errors.get(field, [])


# --- adding -------------------------------------------------------------------------


def test_add_a_customer(sa_staff_client, sa_session):
    data = {"name": " Ada Lovelace ", "email": "Ada@Example.com", "phone": "", "_save": "1"}
    response = sa_staff_client.post(admin_url("customer_add"), data)
    (ada,) = rows(sa_session, Customer)
    assert (ada.name, ada.email, ada.phone) == ("Ada Lovelace", "ada@example.com", None)
    assert response.status_code == 302
    assert response["Location"] == admin_url("customer_detail", ada)
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert messages == ["The customer “Ada Lovelace <ada@example.com>” was added."]


def test_save_and_add_another(sa_staff_client, sa_session):
    data = {"name": "Ada", "email": "ada@example.com", "_addanother": "1"}
    response = sa_staff_client.post(admin_url("customer_add"), data)
    assert response["Location"] == admin_url("customer_add")
    assert len(rows(sa_session, Customer)) == 1


def test_save_and_continue_editing(sa_staff_client, sa_session):
    data = {"name": "Ada", "email": "ada@example.com", "_continue": "1"}
    response = sa_staff_client.post(admin_url("customer_add"), data)
    (ada,) = rows(sa_session, Customer)
    assert response["Location"] == admin_url("customer_edit", ada)
    follow = sa_staff_client.get(response["Location"])
    assert "was added" in follow.content.decode()  # the message shows on the next page


def test_add_an_item_with_categories(sa_staff_client, sa_session, make_category):
    garden = make_category("Garden")
    seeds = make_category("Seeds", parent=garden)
    data = {
        "sku": " seed-tom ",
        "name": "Tomato seeds",
        "price": "3.955",
        "active": "on",
        "categories": [str(seeds.id), str(garden.id)],
    }
    response = sa_staff_client.post(admin_url("item_add"), data)
    assert response.status_code == 400  # 3 decimal places: a form error
    assert field_errors(response, "price") == [
        "Ensure that there are no more than 2 decimal places."
    ]
    data["price"] = "3.95"
    response = sa_staff_client.post(admin_url("item_add"), data)
    assert response.status_code == 302
    (item,) = rows(sa_session, Item)
    assert (item.sku, item.price, item.active) == ("SEED-TOM", Decimal("3.95"), True)
    assert sorted(c.name for c in item.categories) == ["Garden", "Seeds"]


# --- editing ------------------------------------------------------------------------


@pytest.fixture
def ada(make_customer):
    return make_customer(name="Ada Lovelace", email="ada@example.com")


def edit_data(customer, **changes):
    data = {
        "name": customer.name,
        "email": customer.email,
        "phone": customer.phone or "",
        "version": str(customer.version),
    }
    return {**data, **changes}


def test_edit_a_customer(sa_staff_client, sa_session, ada):
    response = sa_staff_client.post(admin_url("customer_edit", ada), edit_data(ada, phone="+44 20"))
    assert response.status_code == 302
    sa_session.expire_all()
    assert (ada.phone, ada.version) == ("+44 20", 2)
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert messages == ["The customer “Ada Lovelace <ada@example.com>” was changed."]


def test_edit_an_item_removes_and_adds_categories(
    sa_staff_client, sa_session, make_item, make_category
):
    old, new = make_category("Old"), make_category("New")
    item = make_item(categories=[old])
    data = {
        "sku": item.sku,
        "name": item.name,
        "price": "12.50",
        "categories": [str(new.id)],
        "version": "1",
    }
    response = sa_staff_client.post(admin_url("item_edit", item), data)
    assert response.status_code == 302
    sa_session.expire_all()
    assert [c.name for c in item.categories] == ["New"]
    assert (item.price, item.active, item.version) == (Decimal("12.50"), False, 2)


def test_a_stale_version_is_refused_and_nothing_is_written(sa_staff_client, sa_session, ada):
    sa_session.execute(  # someone else saved in the meantime
        update(Customer).where(Customer.id == ada.id).values(name="Countess", version=2)
    )
    before = snapshot(sa_session)
    response = sa_staff_client.post(
        admin_url("customer_edit", ada), edit_data(ada, phone="+1", version="1")
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "was changed while you were editing it" in html  # the conflict page
    assert 'value="+1"' in html  # the user's input is kept
    assert snapshot(sa_session) == before


@pytest.mark.parametrize("version", ["", None, "abc"])
def test_a_missing_or_broken_version_is_refused(sa_staff_client, sa_session, ada, version):
    data = edit_data(ada, phone="+1")
    if version is None:
        del data["version"]
    else:
        data["version"] = version
    before = snapshot(sa_session)
    response = sa_staff_client.post(admin_url("customer_edit", ada), data)
    assert response.status_code == 400
    assert snapshot(sa_session) == before
    errors = response.context["form"].errors
    assert errors.get("version") or errors.get("__all__")


# --- bad input ----------------------------------------------------------------------


def test_a_duplicate_email_is_a_form_error(sa_staff_client, sa_session, ada, make_customer):
    make_customer(email="grace@example.com")
    before = snapshot(sa_session)
    response = sa_staff_client.post(
        admin_url("customer_edit", ada), edit_data(ada, email="GRACE@example.com")
    )
    assert response.status_code == 400
    assert field_errors(response, "email") == ["Customer with this email already exists."]
    assert snapshot(sa_session) == before
    response = sa_staff_client.post(
        admin_url("customer_add"), {"name": "G", "email": "grace@example.com"}
    )
    assert field_errors(response, "email") == ["Customer with this email already exists."]
    assert snapshot(sa_session) == before


def test_a_duplicate_sku_is_a_form_error(sa_staff_client, sa_session, make_item):
    make_item(sku="HAMMER")
    before = snapshot(sa_session)
    data = {"sku": "hammer ", "name": "Another hammer", "price": "1.00"}
    response = sa_staff_client.post(admin_url("item_add"), data)
    assert response.status_code == 400
    assert field_errors(response, "sku") == ["Item with this SKU already exists."]
    assert snapshot(sa_session) == before


def test_keeping_ones_own_email_is_fine(sa_staff_client, ada):
    response = sa_staff_client.post(
        admin_url("customer_edit", ada), edit_data(ada, email="ADA@example.com")
    )
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"price": "abc"}, "price", "Enter a number."),
        ({"price": "-1.00"}, "price", "Ensure this value is greater than or equal to 0.00."),
        ({"price": "100000.00"}, "price", "Ensure this value is less than or equal to 99999.99."),
        ({"price": "1e400"}, "price", "Ensure that there are no more than 12 digits in total."),
        ({"price": "NaN"}, "price", "Enter a number."),
        ({"price": ""}, "price", "This field is required."),
        ({"sku": "A" * 65}, "sku", "Ensure this value has at most 64 characters (it has 65)."),
        ({"sku": "   "}, "sku", "This field is required."),
        ({"sku": "TWO WORDS"}, "sku", "A SKU cannot contain spaces."),
        ({"name": "n" * 10_000}, "name", "Ensure this value has at most 200 characters (it has 10000)."),
        ({"categories": ["999999"]}, "categories", "Select a valid choice. 999999 is not one of the available choices."),
        ({"categories": ["x"]}, "categories", "Select a valid choice. x is not one of the available choices."),
    ],
)  # fmt: skip
def test_bad_item_input_is_a_clear_error_and_writes_nothing(
    sa_staff_client, sa_session, data, field, message
):
    before = snapshot(sa_session)
    response = sa_staff_client.post(
        admin_url("item_add"), {"sku": "NEW", "name": "New", "price": "1.00", **data}
    )
    assert response.status_code == 400
    assert message in field_errors(response, field)
    html = response.content.decode()
    if field != "categories":  # a group of checkboxes is described by its fieldset
        assert 'aria-invalid="true"' in html
    assert snapshot(sa_session) == before


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"email": "not-an-email"}, "email", "Enter a valid email address."),
        ({"name": ""}, "name", "This field is required."),
        ({"phone": "1" * 33}, "phone", "Ensure this value has at most 32 characters (it has 33)."),
    ],
)
def test_bad_customer_input_is_a_clear_error(
    sa_staff_client, sa_session, ada, data, field, message
):
    before = snapshot(sa_session)
    response = sa_staff_client.post(admin_url("customer_edit", ada), edit_data(ada, **data))
    assert response.status_code == 400
    assert field_errors(response, field) == [message]
    assert snapshot(sa_session) == before


def test_errors_are_shown_next_to_their_fields(sa_staff_client, ada):
    response = sa_staff_client.post(admin_url("customer_edit", ada), edit_data(ada, email="nope"))
    html = response.content.decode()
    field_start = html.index('id="id_email"')
    error = html.index("Enter a valid email address.")
    assert 0 < error - field_start < 600
    assert 'aria-describedby="id_email_error"' in html
    assert "Please correct the errors below." in html


def test_nothing_is_added_by_a_refused_form(sa_staff_client, sa_session):
    sa_staff_client.post(admin_url("customer_add"), {"name": "A", "email": "bad"})
    assert sa_session.scalar(select(func.count()).select_from(Customer)) == 0
