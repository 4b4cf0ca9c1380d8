"""Bulk actions: ticked rows or all rows matching the list, a confirmation, one set-based
statement that bumps versions and updated_at, permissions, counts."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from sqlalchemy import func, select

from sa_orders import services
from sa_orders.admin import site
from sa_orders.admin.actions import UpdateAction
from sa_orders.backoffice.items import ItemAdmin
from sa_orders.db.types import utcnow
from sa_orders.models import Customer, Item, Order, OrderItem, OrderStatus
from sa_orders.services import writes
from tests.helpers import messages_of
from tests.hostapp.models import Supplier

pytestmark = pytest.mark.django_db

ORDERS = reverse("sa_orders:order_list")
ITEMS = reverse("sa_orders:item_list")
CUSTOMERS = reverse("sa_orders:customer_list")


def run(client, path, action, *, ids=(), across=False, confirm=True, query=""):
    data = {"action": action}
    if across:
        data["select_across"] = "1"
    if ids:
        data["_selected"] = [str(pk) for pk in ids]
    if confirm:
        data["confirm"] = "1"
    return client.post(path + query, data)


@pytest.fixture
def orders(sa_session, make_customer, make_item):
    ada, grace = make_customer(name="Ada"), make_customer(name="Grace")
    nails = make_item(sku="NAILS", price=Decimal("2.00"))
    made = [
        services.create_order(sa_session, customer, [(nails, n)], status=status)
        for n, (customer, status) in enumerate(
            [(ada, OrderStatus.PENDING), (ada, OrderStatus.PENDING), (grace, OrderStatus.PENDING),
             (grace, OrderStatus.PAID)], start=1)
    ]  # fmt: skip
    sa_session.flush()
    return made


def statuses(session):
    session.expire_all()
    return dict(session.execute(select(Order.id, Order.status)).all())


def versions(session):
    return dict(session.execute(select(Order.id, Order.version)).all())


def test_the_confirmation_page_comes_first(sa_staff_client, sa_session, orders):
    before = statuses(sa_session)
    response = run(
        sa_staff_client, ORDERS, "mark_paid", ids=[orders[0].id, orders[1].id], confirm=False
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Mark as paid: 2 orders" in html
    # each a link to its page
    assert f'<li><a href="/orders/orders/{orders[0].id}/">Order {orders[0].id}</a></li>' in html
    assert '<input type="hidden" name="confirm" value="1">' in html
    assert statuses(sa_session) == before  # nothing happens before the confirmation


def test_mark_ticked_orders_as_paid(sa_staff_client, sa_session, orders):
    started = utcnow()
    response = run(sa_staff_client, ORDERS, "mark_paid", ids=[orders[0].id, orders[3].id])
    assert response.status_code == 302
    assert response["Location"] == ORDERS
    # the fourth was paid already: it is not counted, and keeps its version
    assert messages_of(response) == ["1 order marked as paid."]
    assert statuses(sa_session) == {
        orders[0].id: OrderStatus.PAID,
        orders[1].id: OrderStatus.PENDING,
        orders[2].id: OrderStatus.PENDING,
        orders[3].id: OrderStatus.PAID,
    }
    assert versions(sa_session) == {
        orders[0].id: 2,
        orders[1].id: 1,
        orders[2].id: 1,
        orders[3].id: 1,
    }
    updated = sa_session.scalar(select(Order.updated_at).where(Order.id == orders[0].id))
    assert updated >= started - timedelta(seconds=1)


def test_mark_every_order_matching_a_filter(sa_staff_client, sa_session, orders):
    ada = orders[0].customer
    query = f"?customer={ada.id}&status=pending"
    confirm = run(sa_staff_client, ORDERS, "mark_paid", across=True, confirm=False, query=query)
    assert "Every row that matches the list's search and filters" in confirm.content.decode()
    assert "Mark as paid: 2 orders" in confirm.content.decode()
    response = run(sa_staff_client, ORDERS, "mark_paid", across=True, query=query)
    assert response["Location"] == ORDERS + query  # back to the same list
    assert messages_of(response) == ["2 orders marked as paid."]
    paid = {pk for pk, status in statuses(sa_session).items() if status is OrderStatus.PAID}
    assert paid == {orders[0].id, orders[1].id, orders[3].id}


def test_all_matching_a_search(sa_staff_client, sa_session, orders):
    response = run(sa_staff_client, ORDERS, "mark_cancelled", across=True, query="?q=grace")
    assert messages_of(response) == ["2 orders marked as cancelled."]
    cancelled = {
        pk for pk, status in statuses(sa_session).items() if status is OrderStatus.CANCELLED
    }
    assert cancelled == {orders[2].id, orders[3].id}


@pytest.fixture
def catalog(sa_session, make_item, make_category, make_customer):
    garden, kitchen = make_category("Garden"), make_category("Kitchen")
    seeds = make_category("Seeds", parent=garden)
    made = {
        "tomato": make_item(sku="TOMATO", categories=[seeds]),
        "hose": make_item(sku="HOSE", categories=[garden]),
        "pan": make_item(sku="PAN", categories=[kitchen]),
    }
    services.create_order(sa_session, make_customer(), [(made["hose"], 1)])
    sa_session.flush()
    return made, garden


def active(session):
    session.expire_all()
    return dict(session.execute(select(Item.sku, Item.active)).all())


def test_set_items_inactive_by_category_and_active_again(sa_staff_client, sa_session, catalog):
    _items, garden = catalog
    response = run(
        sa_staff_client, ITEMS, "deactivate", across=True, query=f"?category={garden.id}"
    )
    assert messages_of(response) == ["2 items set inactive."]
    assert active(sa_session) == {"TOMATO": False, "HOSE": False, "PAN": True}
    sa_staff_client.get(ITEMS)  # shows (and so uses up) the first message
    response = run(sa_staff_client, ITEMS, "activate", across=True)
    assert messages_of(response) == ["2 items set active."]
    assert set(active(sa_session).values()) == {True}


def test_delete_items_skips_those_on_order_lines(sa_staff_client, sa_session, catalog):
    items, _garden = catalog
    ids = [items["hose"].id, items["pan"].id]
    page = run(sa_staff_client, ITEMS, "delete_selected", ids=ids, confirm=False).content.decode()
    assert "1 of them cannot be deleted" in page
    assert "<strong>Order lines: 1</strong>" in page
    # only the pan's link goes: the hose stays, and so does its link
    assert "<strong>Item category links: 1</strong>" in page
    response = run(sa_staff_client, ITEMS, "delete_selected", ids=ids)
    assert messages_of(response) == [
        "1 item deleted. 1 could not be deleted: other rows refer to it."
    ]
    assert set(active(sa_session)) == {"TOMATO", "HOSE"}


def test_delete_customers_takes_their_orders_and_lines(sa_staff_client, sa_session, orders):
    ada = orders[0].customer
    page = run(
        sa_staff_client, CUSTOMERS, "delete_selected", ids=[ada.id], confirm=False
    ).content.decode()
    assert "<strong>Orders: 2</strong>" in page
    assert "<strong>Order lines: 2</strong>" in page
    response = run(sa_staff_client, CUSTOMERS, "delete_selected", ids=[ada.id])
    assert messages_of(response) == ["1 customer deleted."]
    assert sa_session.scalar(select(func.count()).select_from(Customer)) == 1
    assert sa_session.scalar(select(func.count()).select_from(Order)) == 2
    orphans = (
        select(func.count())
        .select_from(OrderItem)
        .where(OrderItem.order_id.not_in(select(Order.id)))
    )
    assert sa_session.scalar(orphans) == 0


def test_a_host_projects_own_action(sa_staff_client, sa_session):
    acme, bolt = Supplier(name="Acme", country="US"), Supplier(name="Bolt", country="DE")
    sa_session.add_all([acme, bolt])
    sa_session.flush()
    response = run(sa_staff_client, reverse("sa_orders:supplier_list"), "prefer", ids=[acme.id])
    assert messages_of(response) == ["Mark as preferred: 1 row changed."]
    sa_session.expire_all()
    assert (acme.preferred, bolt.preferred) == (True, False)


def test_actions_write_through_the_model_admins_hooks(sa_staff_client, sa_session, monkeypatch):
    """A host takes over a model's bulk writes by overriding update_rows and delete_rows."""
    admin_class = type(site.admin_for(Supplier))
    calls = []

    def update_rows(self, request, session, condition, values):
        calls.append(("update", dict(values)))
        return 7  # what the host's own write reports

    def delete_rows(self, request, session, condition):
        calls.append(("delete", None))
        return writes.Deleted(deleted=0, kept=2)

    monkeypatch.setattr(admin_class, "update_rows", update_rows)
    monkeypatch.setattr(admin_class, "delete_rows", delete_rows)
    acme = Supplier(name="Acme", country="US")
    sa_session.add(acme)
    sa_session.flush()
    path = reverse("sa_orders:supplier_list")
    response = run(sa_staff_client, path, "prefer", ids=[acme.id])
    assert messages_of(response) == ["Mark as preferred: 7 rows changed."]
    response = run(sa_staff_client, path, "delete_selected", ids=[acme.id])
    assert "2 could not be deleted" in messages_of(response)[-1]
    assert calls == [("update", {"preferred": True}), ("delete", None)]
    sa_session.expire_all()
    assert acme.preferred is False  # the hooks wrote nothing


# --- refusals and bad input ---------------------------------------------------------


@pytest.fixture(scope="session")
def clerks(sa_users):
    sa_users.create("orders-viewer", permissions=["sa_orders.view_order"])
    sa_users.create(
        "orders-changer", permissions=["sa_orders.view_order", "sa_orders.change_order"]
    )
    return sa_users


def test_actions_need_their_permission(clerks, sa_session, orders):
    before = statuses(sa_session)
    viewer, changer = clerks.client("orders-viewer"), clerks.client("orders-changer")
    assert run(viewer, ORDERS, "mark_paid", ids=[orders[0].id]).status_code == 403
    assert run(changer, ORDERS, "delete_selected", ids=[orders[0].id]).status_code == 403
    assert statuses(sa_session) == before
    assert sa_session.scalar(select(func.count()).select_from(Order)) == 4
    # the menu offers only what the user may do
    assert 'name="action"' not in viewer.get(ORDERS).content.decode()
    menu = changer.get(ORDERS).content.decode()
    assert '<option value="mark_paid">' in menu
    assert '<option value="delete_selected">' not in menu


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"action": "launch_rockets", "_selected": "1"}, "Choose an action from the list."),
        ({"_selected": "1"}, "Choose an action from the list."),
        ({"action": "mark_paid"}, "Tick the rows to apply the action to, or choose all the rows that match."),
        ({"action": "mark_paid", "_selected": ["abc", "-1", "9" * 30]},
         "Tick the rows to apply the action to, or choose all the rows that match."),
    ],
)  # fmt: skip
def test_bad_input_is_a_message_and_changes_nothing(
    sa_staff_client, sa_session, orders, data, message
):
    before = statuses(sa_session)
    response = sa_staff_client.post(ORDERS, data)
    assert response.status_code == 302
    assert messages_of(response) == [message]
    assert statuses(sa_session) == before


def test_a_statement_the_database_refuses_changes_nothing(
    sa_staff_client, sa_session, catalog, monkeypatch
):
    same_sku = UpdateAction("same_sku", "Give them one SKU", {"sku": "SAME"})
    monkeypatch.setattr(ItemAdmin, "actions", [same_sku])
    response = run(sa_staff_client, ITEMS, "same_sku", across=True)
    assert response.status_code == 302
    assert messages_of(response) == [
        "Give them one SKU failed: the change conflicts with other rows; nothing was changed."
    ]
    assert set(active(sa_session)) == {"TOMATO", "HOSE", "PAN"}


def test_unknown_ids_change_nothing(sa_staff_client, sa_session, orders):
    response = run(sa_staff_client, ORDERS, "mark_paid", ids=[424242])
    assert messages_of(response) == ["0 orders marked as paid."]


def test_get_never_runs_an_action(sa_staff_client, sa_session, orders):
    before = statuses(sa_session)
    sa_staff_client.get(ORDERS, {"action": "mark_paid", "select_across": "1", "confirm": "1"})
    assert statuses(sa_session) == before


def test_the_list_offers_checkboxes_and_all_matching(sa_staff_client, orders):
    html = sa_staff_client.get(ORDERS, {"status": "pending"}).content.decode()
    assert html.count('name="_selected"') == 3
    assert "all 3 orders matching, not only the ticked ones" in html
    assert f'aria-label="Select Order {orders[0].id}"' in html
    # the page's main form is still the search, the actions form comes after it
    main = html[html.index("<main") :]
    assert main.index('class="list-tools"') < main.index('class="actions-form"')
