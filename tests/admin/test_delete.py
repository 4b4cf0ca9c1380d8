"""Delete pages: what goes with the row, what blocks it, deactivating instead, POST only."""

from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from sa_orders import services
from sa_orders.models import Customer, Item, Order, OrderItem
from tests.helpers import admin_url, row_count

pytestmark = pytest.mark.django_db


@pytest.fixture
def ada_with_orders(sa_session, make_customer, make_item):
    ada = make_customer(name="Ada Lovelace", email="ada@example.com")
    hammer = make_item(sku="HAMMER", name="Hammer", price=Decimal("10.00"))
    nails = make_item(sku="NAILS", name="Nails", price=Decimal("2.00"))
    services.create_order(sa_session, ada, [(hammer, 1), (nails, 4)])
    services.create_order(sa_session, ada, [(nails, 2)])
    sa_session.flush()
    return ada, hammer, nails


def test_deleting_a_customer_takes_its_orders_and_lines(
    sa_staff_client, sa_session, ada_with_orders
):
    ada, _hammer, _nails = ada_with_orders
    page = sa_staff_client.get(admin_url("customer_delete", ada)).content.decode()
    assert "<strong>Orders: 2</strong>" in page
    assert "<strong>Order lines: 3</strong>" in page
    assert "1 × HAMMER Hammer on order" in page
    response = sa_staff_client.post(admin_url("customer_delete", ada))
    assert response.status_code == 302
    assert response["Location"] == reverse("sa_orders:customer_list")
    assert (
        row_count(sa_session, Customer),
        row_count(sa_session, Order),
        row_count(sa_session, OrderItem),
    ) == (0, 0, 0)
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "The customer “Ada Lovelace <ada@example.com>” was deleted."
    ]


def test_a_customer_without_orders_goes_alone(sa_staff_client, make_customer):
    grace = make_customer(name="Grace")
    page = sa_staff_client.get(admin_url("customer_delete", grace)).content.decode()
    assert "Nothing else goes with it." in page


def test_an_item_on_order_lines_cannot_be_deleted(sa_staff_client, sa_session, ada_with_orders):
    _ada, _hammer, nails = ada_with_orders
    page = sa_staff_client.get(admin_url("item_delete", nails)).content.decode()
    assert "cannot be deleted" in page
    assert "<strong>Order lines: 2</strong>" in page
    response = sa_staff_client.post(admin_url("item_delete", nails))
    assert response.status_code == 409
    assert row_count(sa_session, Item) == 2


def test_deactivate_instead(sa_staff_client, sa_session, ada_with_orders):
    _ada, _hammer, nails = ada_with_orders
    response = sa_staff_client.post(admin_url("item_delete", nails), {"_deactivate": "1"})
    assert response.status_code == 302
    assert response["Location"] == admin_url("item_detail", nails)
    sa_session.expire_all()
    assert (nails.active, nails.version) == (False, 2)
    assert row_count(sa_session, Item) == 2
    page = sa_staff_client.get(admin_url("item_delete", nails)).content.decode()
    assert 'name="_deactivate"' not in page  # already inactive


def test_an_item_without_lines_can_be_deleted(
    sa_staff_client, sa_session, make_item, make_category
):
    item = make_item(categories=[make_category("Tools")])
    page = sa_staff_client.get(admin_url("item_delete", item)).content.decode()
    assert "Item categorys links" not in page
    assert "<strong>Item category links: 1</strong>" in page
    assert sa_staff_client.post(admin_url("item_delete", item)).status_code == 302
    assert row_count(sa_session, Item) == 0


def test_get_never_deletes(sa_staff_client, sa_session, ada_with_orders):
    ada, _hammer, nails = ada_with_orders
    sa_staff_client.get(admin_url("customer_delete", ada), {"confirm": "yes", "_deactivate": "1"})
    sa_staff_client.get(admin_url("item_delete", nails), {"_deactivate": "1"})
    assert row_count(sa_session, Customer) == 1
    sa_session.expire_all()
    assert nails.active is True


@pytest.fixture
def concurrent_update():
    """Bump an object's version in the database just before the ORM updates it: as if
    someone saved between this request reading the row and writing it."""
    from sqlalchemy import event, update

    def bump(mapper, connection, target):
        table = mapper.local_table
        connection.execute(
            update(table).where(table.c.id == target.id).values(version=table.c.version + 1)
        )

    event.listen(Item, "before_update", bump)
    event.listen(Customer, "before_update", bump)
    yield
    event.remove(Item, "before_update", bump)
    event.remove(Customer, "before_update", bump)


def test_deactivating_a_row_someone_just_changed_is_a_conflict(
    sa_staff_client, sa_session, ada_with_orders, concurrent_update
):
    _ada, _hammer, nails = ada_with_orders
    response = sa_staff_client.post(admin_url("item_delete", nails), {"_deactivate": "1"})
    assert response.status_code == 409
    assert "Someone else changed this item" in response.content.decode()
    sa_session.expire_all()
    assert (nails.active, nails.version) == (True, 1)


def test_saving_a_row_someone_just_changed_is_a_conflict(
    sa_staff_client, sa_session, make_customer, concurrent_update
):
    ada = make_customer(name="Ada", email="ada@example.com")
    data = {"name": "Ada L.", "email": "ada@example.com", "version": "1"}
    response = sa_staff_client.post(admin_url("customer_edit", ada), data)
    assert response.status_code == 409
    assert 'value="Ada L."' in response.content.decode()  # the input is kept
    sa_session.expire_all()
    assert (ada.name, ada.version) == ("Ada", 1)
