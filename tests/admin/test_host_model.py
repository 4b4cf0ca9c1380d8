"""A host project's own SQLAlchemy model gets the same pages (tests/hostapp)."""

from decimal import Decimal

import pytest
from django.urls import reverse
from sqlalchemy import select

from tests.hostapp.models import Supplier

pytestmark = pytest.mark.django_db


@pytest.fixture
def acme(sa_session):
    supplier = Supplier(name="Acme", country="US", rating=4, credit_limit=Decimal("1000.00"))
    sa_session.add(supplier)
    sa_session.flush()
    return supplier


def test_its_pages_have_the_same_urls(acme):
    assert reverse("sa_orders:supplier_list") == "/orders/suppliers/"
    assert (
        reverse("sa_orders:supplier_detail", kwargs={"pk": acme.id})
        == f"/orders/suppliers/{acme.id}/"
    )


def test_list_search_filter_and_detail(sa_staff_client, sa_queries, acme, sa_session):
    sa_session.add(Supplier(name="Bolt GmbH", country="DE", preferred=True))
    sa_session.flush()
    sa_queries.statements.clear()
    html = sa_staff_client.get("/orders/suppliers/").content.decode()
    assert len(sa_queries) == 2
    assert html.index(">Acme<") < html.index(">Bolt GmbH<")
    assert '<td class="numeric">1,000.00</td>' in html
    assert (
        ">Bolt GmbH<"
        not in sa_staff_client.get("/orders/suppliers/", {"q": "acm"}).content.decode()
    )
    assert (
        ">Acme<"
        not in sa_staff_client.get("/orders/suppliers/", {"preferred": "1"}).content.decode()
    )
    detail = sa_staff_client.get(f"/orders/suppliers/{acme.id}/").content.decode()
    assert "Credit limit" in detail
    assert "1,000.00" in detail


def test_its_form_is_generated_from_the_columns(sa_staff_client):
    html = sa_staff_client.get("/orders/suppliers/add/").content.decode()
    assert 'name="name" maxlength="120"' in html  # String(120)
    assert '<select name="country"' in html  # Enum
    assert '<option value="FR">FR</option>' in html
    assert 'type="number" name="rating"' in html  # Integer
    # Numeric(10, 2), NOT NULL with default=Decimal("0.00"): filled in, and required
    assert 'name="credit_limit" value="0.00" step="0.01" required' in html
    assert 'type="checkbox" name="preferred"' in html  # Boolean
    assert '<textarea name="notes"' in html  # Text
    assert 'name="since"' in html  # Date
    assert 'name="version"' not in html  # no version counter on this model


def test_add_edit_and_delete(sa_staff_client, sa_session):
    data = {"name": "Cargo SA", "country": "FR", "rating": "", "credit_limit": "250.5",
            "since": "2024-02-29", "notes": ""}  # fmt: skip
    response = sa_staff_client.post("/orders/suppliers/add/", data)
    assert response.status_code == 302
    cargo = sa_session.scalars(select(Supplier)).one()
    assert (cargo.country, cargo.rating, cargo.credit_limit, str(cargo.since), cargo.notes) == (
        "FR",
        None,
        Decimal("250.50"),
        "2024-02-29",
        None,
    )
    response = sa_staff_client.post(
        f"/orders/suppliers/{cargo.id}/edit/", {**data, "country": "XX"}
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    response = sa_staff_client.post(
        f"/orders/suppliers/{cargo.id}/edit/", {**data, "preferred": "on"}
    )
    assert response.status_code == 302
    sa_session.expire_all()
    assert cargo.preferred is True
    assert sa_staff_client.post(f"/orders/suppliers/{cargo.id}/delete/").status_code == 302
    assert sa_session.scalars(select(Supplier)).all() == []


def test_a_duplicate_name_is_a_form_error(sa_staff_client, acme):
    response = sa_staff_client.post(
        "/orders/suppliers/add/", {"name": "Acme", "country": "US", "credit_limit": "0"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["name"] == ["Supplier with this name already exists."]


def test_a_host_model_opts_in_to_the_history_with_one_option(sa_staff_client, sa_session, acme):
    """history = True on its ModelAdmin: migrate made the triggers of its table."""
    from sqlalchemy import update

    from sa_orders.models import Change

    sa_session.execute(update(Supplier).where(Supplier.id == acme.id).values(rating=5))
    sa_session.flush()
    changes = sa_session.scalars(
        select(Change).where(Change.table_name == "hostapp_supplier").order_by(Change.id)
    ).all()
    assert [change.action for change in changes][-2:] == ["create", "update"]
    page = sa_staff_client.get(reverse("sa_orders:supplier_history", kwargs={"pk": acme.id}))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Rating" in html
    assert "1,000.00" in html  # its money as the pages show it
    detail = sa_staff_client.get(reverse("sa_orders:supplier_detail", kwargs={"pk": acme.id}))
    assert reverse("sa_orders:supplier_history", kwargs={"pk": acme.id}) in detail.content.decode()
