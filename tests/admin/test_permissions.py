"""Who may do what: the permission matrix, and the permissions as Django rows."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import Client
from sqlalchemy import select

from sa_orders import services
from sa_orders.models import Customer, Item, Order, OrderItem

pytestmark = pytest.mark.django_db

MODELS = ("customer", "item", "order")


def grants(action):
    return [f"sa_orders.{action}_{model}" for model in MODELS]


USERS = {
    "nonstaff": {"staff": False, "permissions": [
        p for action in ("view", "add", "change", "delete") for p in grants(action)]},
    "viewer": {"permissions": grants("view")},
    "adder": {"permissions": grants("add")},
    "changer": {"permissions": grants("change")},
    "deleter": {"permissions": grants("delete")},
    "superuser": {"superuser": True},
}  # fmt: skip

# What each kind of user may do on a model's pages; the rest is refused.
ALLOWED = {
    "viewer": {"list", "detail", "export"},
    "adder": {"add"},
    "changer": {
        "list",
        "detail",
        "edit",
        "export",
    },  # changing implies viewing, as in Django's admin
    "deleter": {"delete"},
    "superuser": {"list", "detail", "add", "edit", "delete", "export"},
}
PAGES = ["list", "add", "detail", "edit", "delete", "export"]
WRITES = {"add", "edit", "delete"}  # the pages that take a POST
# A POST on a list runs a bulk action (here: delete the row): it needs both the list's
# view permission and the action's delete permission.
BULK_DELETERS = {"superuser"}


@pytest.fixture(scope="session")
def matrix_users(sa_users):
    for name, spec in USERS.items():
        sa_users.create(f"matrix-{name}", **spec)
    return sa_users


def client_for(matrix_users, user):
    return Client() if user == "anonymous" else matrix_users.client(f"matrix-{user}")


def expected_status(user, page, method):
    if user == "anonymous":
        return 302  # to the login page
    if user == "nonstaff":
        return 403
    if page == "index":
        return 200 if method == "GET" else 405
    if page == "list" and method == "POST":
        return 302 if user in BULK_DELETERS else 403
    if page not in ALLOWED[user]:
        return 403
    if method == "GET":
        return 200
    return 302 if page in WRITES else 405


@pytest.fixture
def rows(sa_session, make_customer, make_item):
    customer = make_customer(name="Matrix", email="matrix@example.com")
    item = make_item(sku="MATRIX", name="Matrix item")
    order = services.create_order(
        sa_session, make_customer(name="Buyer"), [(make_item(sku="SOLD"), 1)]
    )
    sa_session.flush()
    return {"customer": customer, "item": item, "order": order}


def path_for(model, page, rows):
    prefix = f"/orders/{model}s/"
    pk = rows[model].id
    return {
        "list": prefix,
        "add": f"{prefix}add/",
        "detail": f"{prefix}{pk}/",
        "edit": f"{prefix}{pk}/edit/",
        "delete": f"{prefix}{pk}/delete/",
        "export": f"{prefix}export.csv",
    }[page]


def order_data(rows, version=None):
    data = {"customer": rows["customer"].email, "status": "paid", "discount_amount": "0",
            "lines-TOTAL_FORMS": "1", "lines-INITIAL_FORMS": "0",
            "lines-0-item": rows["item"].sku, "lines-0-quantity": "2"}  # fmt: skip
    if version is not None:
        line = rows["order"].lines[0]
        data.update({"version": str(version), "lines-TOTAL_FORMS": "1", "lines-INITIAL_FORMS": "1",
                     "lines-0-item": f"#{line.item_id}", "lines-0-quantity": "3"})  # fmt: skip
    return data


def post_data(model, page, rows):
    if page == "list":
        return {"action": "delete_selected", "_selected": str(rows[model].id), "confirm": "1"}
    if page == "add":
        if model == "customer":
            return {"name": "Added", "email": "added@example.com"}
        if model == "order":
            return order_data(rows)
        return {"sku": "ADDED", "name": "Added", "price": "1.00"}
    if page == "edit":
        if model == "customer":
            return {"name": "Changed", "email": "matrix@example.com", "version": "1"}
        if model == "order":
            return order_data(rows, version=1)
        return {"sku": "MATRIX", "name": "Changed", "price": "2.00", "version": "1"}
    return {}


def state(session):
    session.expire_all()
    return (
        session.execute(select(Customer.id, Customer.name, Customer.version)).all(),
        session.execute(select(Item.id, Item.name, Item.price, Item.version)).all(),
        session.execute(select(Order.id, Order.status, Order.total_amount, Order.version)).all(),
        session.execute(select(OrderItem.order_id, OrderItem.item_id, OrderItem.quantity)).all(),
    )


CASES = [
    (user, model, page, method)
    for user in ["anonymous", "nonstaff", "viewer", "adder", "changer", "deleter", "superuser"]
    for model in MODELS
    for page in PAGES
    for method in ["GET", "POST"]
] + [
    (user, None, "index", method)
    for user in ["anonymous", "nonstaff", "viewer", "adder", "changer", "deleter", "superuser"]
    for method in ["GET", "POST"]
]


@pytest.mark.parametrize(("user", "model", "view", "method"), CASES)
def test_permission_matrix(matrix_users, sa_session, rows, user, model, view, method):
    client = client_for(matrix_users, user)
    path = "/orders/" if view == "index" else path_for(model, view, rows)
    before = state(sa_session)
    response = (
        client.get(path) if method == "GET" else client.post(path, post_data(model, view, rows))
    )
    expected = expected_status(user, view, method)
    assert response.status_code == expected, response.content[:500]
    if expected == 302 and user == "anonymous":
        assert response["Location"].startswith("/accounts/login/?next=")
    wrote = method == "POST" and expected == 302 and user != "anonymous"
    if wrote:
        assert state(sa_session) != before
    else:
        assert state(sa_session) == before  # refused (and read-only) requests change nothing


def test_the_index_shows_only_what_the_user_may_view(matrix_users):
    viewer = client_for(matrix_users, "viewer").get("/orders/").content.decode()
    assert 'href="/orders/customers/"' in viewer
    deleter = client_for(matrix_users, "deleter").get("/orders/").content.decode()
    assert 'href="/orders/customers/"' not in deleter
    assert "You may not view any of these pages yet" in deleter


def test_buttons_follow_permissions(matrix_users, rows):
    customer = rows["customer"].id
    viewer = (
        client_for(matrix_users, "viewer").get(f"/orders/customers/{customer}/").content.decode()
    )
    assert f"/orders/customers/{customer}/edit/" not in viewer
    assert f"/orders/customers/{customer}/delete/" not in viewer
    assert (
        "/orders/customers/add/"
        not in client_for(matrix_users, "viewer").get("/orders/customers/").content.decode()
    )
    changer = (
        client_for(matrix_users, "changer").get(f"/orders/customers/{customer}/").content.decode()
    )
    assert f"/orders/customers/{customer}/edit/" in changer


# --- the permissions as Django rows -------------------------------------------------


def test_migrate_created_the_permissions_of_every_registered_model():
    found = set(
        Permission.objects.filter(content_type__app_label="sa_orders").values_list(
            "codename", "name"
        )
    )
    for model in ("customer", "item", "order", "supplier"):
        for action in ("view", "add", "change", "delete"):
            assert (f"{action}_{model}", f"Can {action} {model}") in found


def test_permissions_survive_remove_stale_contenttypes():
    before = Permission.objects.filter(content_type__app_label="sa_orders").count()
    call_command("remove_stale_contenttypes", interactive=False, verbosity=0)
    # four per model of the host and of sa_orders, and the two of the history pages
    assert Permission.objects.filter(content_type__app_label="sa_orders").count() == before == 22


def test_permissions_can_be_granted_to_a_group(sa_staff_client, django_user_model):
    # Only Django rows are written here: on SQLite, a test cannot write through both
    # Django's connection and sa_orders' (the in-memory test database has one writer).
    group = Group.objects.create(name="Catalog readers")
    group.permissions.add(
        Permission.objects.get(codename="view_item", content_type__app_label="sa_orders")
    )
    user = django_user_model.objects.create_user("reader", password="pw", is_staff=True)
    user.groups.add(group)
    client = Client()
    client.force_login(user)
    assert client.get("/orders/items/").status_code == 200
    assert client.get("/orders/items/add/").status_code == 403
    assert client.get("/orders/customers/").status_code == 403
    # and they are offered in Django's own admin, on the group form
    form = sa_staff_client.get("/admin/auth/group/add/").content.decode()
    assert "Can view customer" in form
    assert "Can delete item" in form
