"""The history pages: each write path leaves the right history (who, where, the values
before and after), a row's History page, Recent changes, revert and its conflict case,
and every permission case."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from sqlalchemy import delete, select, update

from sa_orders.admin import history as pages
from sa_orders.models import Change, Customer, HistoryContext
from sa_orders.services import history as history_service
from sa_orders.services.orders import create_order
from tests.helpers import admin_url, form_data

pytestmark = pytest.mark.django_db

MODELS = ("customer", "item", "order")


def post(client, path, data):
    return client.post(path, data.urlencode(), content_type="application/x-www-form-urlencoded")


def latest(sa_session, table="sa_orders_customer", action="update"):
    sa_session.expire_all()
    return sa_session.scalars(
        select(Change)
        .where(Change.table_name == table, Change.action == action)
        .order_by(Change.id.desc())
        .limit(1)
    ).first()


def values(change, which):
    return history_service.decode(Change.metadata.tables[change.table_name], getattr(change, which))


def context_of(sa_session, change):
    return sa_session.get(HistoryContext, change.context_id)


@pytest.fixture(scope="session")
def history_users(sa_users):
    view = [f"sa_orders.view_{m}" for m in MODELS]
    change = [f"sa_orders.change_{m}" for m in MODELS]
    sa_users.create("hist-viewer", permissions=view)
    sa_users.create(
        "hist-customers-only", permissions=["sa_orders.view_customer", "sa_orders.view_history"]
    )
    sa_users.create("hist-reader", permissions=[*view, "sa_orders.view_history"])
    sa_users.create("hist-changer", permissions=change)
    sa_users.create("hist-reverter", permissions=[*change, "sa_orders.revert_change"])
    sa_users.create("hist-revert-only", permissions=[*view, "sa_orders.revert_change"])
    return sa_users


@pytest.fixture
def ada(make_customer):
    return make_customer(name="Ada Lovelace", email="ada@example.com", phone="+44 1")


# --- each write path leaves the right history -------------------------------------------


def test_an_edit_page_records_the_user_the_page_and_the_fields(
    sa_staff_client, sa_staff_user, sa_session, ada
):
    edit = admin_url("customer_edit", ada)
    data = form_data(sa_staff_client.get(edit).content.decode())
    data["phone"] = "+44 2"
    assert post(sa_staff_client, edit, data).status_code == 302
    change = latest(sa_session)
    assert (change.row_key, change.version) == (str(ada.id), 2)
    assert (values(change, "before"), values(change, "after")) == (
        {"phone": "+44 1"},
        {"phone": "+44 2"},
    )
    context = context_of(sa_session, change)
    assert (context.kind, context.actor, context.user_id, context.detail) == (
        "page",
        sa_staff_user.get_username(),
        sa_staff_user.pk,
        edit,
    )


def test_a_bulk_action_is_recorded_as_the_action_of_its_user(
    sa_staff_client, sa_staff_user, sa_session, make_item
):
    hammer = make_item(name="Hammer")
    response = sa_staff_client.post(
        reverse("sa_orders:item_list"),
        {"action": "deactivate", "_selected": [str(hammer.id)], "confirm": "1"},
    )
    assert response.status_code == 302
    change = latest(sa_session, "sa_orders_item")
    assert values(change, "after") == {"active": False}
    context = context_of(sa_session, change)
    assert (context.kind, context.actor, context.user_id) == (
        "bulk action",
        sa_staff_user.get_username(),
        sa_staff_user.pk,
    )
    assert context.detail


def test_a_command_is_recorded_with_its_command_line(sa_session, make_item):
    make_item(price=Decimal("10.00"))
    call_command("sa_reprice", "--percent", "10", stdout=io.StringIO(), stderr=io.StringIO())
    change = latest(sa_session, "sa_orders_item")
    assert (values(change, "before"), values(change, "after")) == (
        {"price": Decimal("10.00")},
        {"price": Decimal("11.00")},
    )
    context = context_of(sa_session, change)
    assert context.kind == "command"
    assert context.actor == "sa_reprice --percent=10"
    assert context.user_id is None


def test_an_import_is_recorded_as_one_import(sa_session, ada, tmp_path):
    path = tmp_path / "customers.csv"
    path.write_text("name,email,phone\nAda King,ada@example.com,+44 1\nBen,ben@example.com,\n")
    call_command("sa_import", "customers", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    updated = latest(sa_session)
    created = latest(sa_session, action="create")
    assert updated.context_id == created.context_id
    context = context_of(sa_session, updated)
    assert context.kind == "import"
    assert context.actor.startswith("sa_import customers ")
    assert context.detail == f"customers {path}"


def test_a_hosts_own_bulk_statements_are_code(sa_session, ada):
    sa_session.execute(update(Customer).where(Customer.id == ada.id).values(phone="+1"))
    sa_session.execute(delete(Customer).where(Customer.id == ada.id))
    assert latest(sa_session).context_id is None
    assert latest(sa_session, action="delete").context_id is None


# --- a row's History page ------------------------------------------------------------------


def test_the_history_page_shows_values_as_the_pages_do(
    sa_staff_client, sa_session, make_customer, make_item
):
    ada, ben = make_customer(name="Ada"), make_customer(name="Ben")
    hammer = make_item(name="Hammer", price=Decimal("1234.50"))
    order = create_order(sa_session, ada, [(hammer, 2)])
    sa_session.flush()
    sa_session.execute(
        update(type(order)).where(type(order).id == order.id).values(customer_id=ben.id)
    )
    detail = sa_staff_client.get(admin_url("order_detail", order)).content.decode()
    url = admin_url("order_history", order)
    assert f'href="{url}"' in detail
    response = sa_staff_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "History of" in html
    assert "2,469.00" in html  # money as the pages write it
    assert "Pending" in html  # a choice by its label
    assert ">Ada &lt;" in html
    assert ">Ben &lt;" in html
    assert admin_url("customer_detail", ben) in html
    # the line, shown on its order, its item a link
    assert f'Order item “<a href="{admin_url("item_detail", hammer)}">{hammer}</a>”' in html
    assert html.count('<th scope="row">Order</th>') == 0  # a line's order goes without saying
    assert "code" in html  # nobody said who: a host's statement


def test_a_history_page_costs_the_same_queries_however_many_changes(
    sa_staff_client, sa_session, make_customer, sa_queries
):
    ada = make_customer(name="Ada")

    def queries(edits):
        for number in range(edits):
            sa_session.execute(
                update(Customer).where(Customer.id == ada.id).values(phone=str(number))
            )
        sa_session.flush()
        before = len(sa_queries)
        assert sa_staff_client.get(admin_url("customer_history", ada)).status_code == 200
        return len(sa_queries) - before

    assert queries(1) == queries(30)


def test_a_deleted_rows_history_stays_reachable(sa_staff_client, sa_session, ada):
    key = ada.id
    sa_session.execute(delete(Customer).where(Customer.id == key))
    sa_session.flush()
    url = reverse("sa_orders:customer_history", kwargs={"pk": key})
    response = sa_staff_client.get(url)
    assert response.status_code == 200
    assert "has been deleted" in response.content.decode()
    assert "ada@example.com" in response.content.decode()
    assert (
        sa_staff_client.get(
            reverse("sa_orders:customer_history", kwargs={"pk": 999999})
        ).status_code
        == 404
    )
    assert (
        sa_staff_client.get(reverse("sa_orders:customer_history", kwargs={"pk": "x"})).status_code
        == 404
    )


def test_history_pages_are_keyset_pages(sa_staff_client, sa_session, ada, monkeypatch):
    monkeypatch.setattr(pages, "PAGE_SIZE", 3)
    for number in range(7):
        sa_session.execute(update(Customer).where(Customer.id == ada.id).values(phone=f"p{number}"))
    sa_session.flush()
    url = admin_url("customer_history", ada)
    seen = []
    response = sa_staff_client.get(url)
    while True:
        seen += [entry.change.id for entry in response.context["entries"]]
        older = response.context["pages"].older_url
        if not older:
            break
        response = sa_staff_client.get(url + older)
    assert len(seen) == 8
    assert seen == sorted(seen, reverse=True)
    newer = response.context["pages"].newer_url
    back = sa_staff_client.get(url + newer)
    assert [e.change.id for e in back.context["entries"]] == seen[3:6]
    assert sa_staff_client.get(url + "?after=abc").status_code == 200


# --- revert -----------------------------------------------------------------------------------


def test_revert_sets_the_fields_back_through_the_edit_form(history_users, sa_session, ada):
    client = history_users.client("hist-reverter")
    sa_session.execute(
        update(Customer).where(Customer.id == ada.id).values(phone="+44 9", name="Ada K")
    )
    sa_session.flush()
    change = latest(sa_session)
    history = client.get(admin_url("customer_history", ada)).content.decode()
    revert = reverse("sa_orders:customer_revert", kwargs={"pk": ada.id, "change": change.id})
    assert revert in history
    page = client.get(revert)
    assert page.status_code == 200
    assert "Reverting the change" in page.content.decode()
    data = form_data(page.content.decode())
    assert (data["name"], data["phone"], data["email"], data["version"]) == (
        "Ada Lovelace",
        "+44 1",
        "ada@example.com",
        "2",
    )
    assert post(client, revert, data).status_code == 302
    sa_session.expire_all()
    assert (ada.name, ada.phone, ada.version) == ("Ada Lovelace", "+44 1", 3)
    reverted = latest(sa_session)
    assert reverted.id > change.id
    assert context_of(sa_session, reverted).actor == "hist-reverter"


def test_reverting_a_change_of_a_row_changed_since_shows_the_conflict_page(
    history_users, sa_session, ada
):
    client = history_users.client("hist-reverter")
    sa_session.execute(update(Customer).where(Customer.id == ada.id).values(phone="+44 9"))
    sa_session.flush()
    change = latest(sa_session)
    sa_session.execute(update(Customer).where(Customer.id == ada.id).values(name="Ada King"))
    sa_session.flush()
    revert = reverse("sa_orders:customer_revert", kwargs={"pk": ada.id, "change": change.id})
    data = form_data(client.get(revert).content.decode())
    assert data["phone"] == "+44 1"
    response = post(client, revert, data)
    assert response.status_code == 409
    html = response.content.decode()
    assert "was changed while you were editing it" in html
    merged = form_data(html)  # the revert on top of the newer change
    assert (merged["name"], merged["phone"]) == ("Ada King", "+44 1")
    sa_session.expire_all()
    assert (ada.name, ada.phone) == ("Ada King", "+44 9")


def test_revert_refuses_what_it_cannot_revert(history_users, sa_session, ada, make_customer):
    client = history_users.client("hist-reverter")
    created = latest(sa_session, action="create")
    other = make_customer()
    sa_session.execute(update(Customer).where(Customer.id == other.id).values(phone="7"))
    sa_session.flush()
    foreign = latest(sa_session)

    def revert(pk, change):
        return client.get(reverse("sa_orders:customer_revert", kwargs={"pk": pk, "change": change}))

    assert revert(ada.id, created.id).status_code == 404  # a creation
    assert revert(ada.id, foreign.id).status_code == 404  # another row's
    assert revert(ada.id, "nope").status_code == 404
    assert revert(ada.id, 10**30).status_code == 404


# --- permissions ------------------------------------------------------------------------------


def test_who_may_see_and_revert_what(history_users, sa_session, ada, make_item):
    sa_session.execute(update(Customer).where(Customer.id == ada.id).values(phone="+44 9"))
    sa_session.flush()
    change = latest(sa_session)
    row = admin_url("customer_history", ada)
    recent = reverse("sa_orders:history")
    revert = reverse("sa_orders:customer_revert", kwargs={"pk": ada.id, "change": change.id})
    expected = {
        # user: (row history, recent changes, revert)
        "hist-viewer": (200, 403, 403),
        "hist-reader": (200, 200, 403),
        "hist-changer": (200, 403, 403),  # change implies view, as in Django's admin
        "hist-reverter": (200, 403, 200),
        "hist-revert-only": (200, 403, 403),  # revert needs change too
    }
    for user, statuses in expected.items():
        client = history_users.client(user)
        got = tuple(client.get(url).status_code for url in (row, recent, revert))
        assert got == statuses, user
    assert Client().get(row).status_code == 302  # to the login page
    # the revert link only for those who may use it
    assert revert not in history_users.client("hist-viewer").get(row).content.decode()
    assert revert in history_users.client("hist-reverter").get(row).content.decode()


def test_recent_changes_show_only_the_models_the_user_may_view(
    history_users, sa_session, ada, make_item
):
    make_item(name="Secret hammer")
    sa_session.flush()
    html = (
        history_users.client("hist-customers-only")
        .get(reverse("sa_orders:history"))
        .content.decode()
    )
    assert "Ada Lovelace" in html
    assert "Secret hammer" not in html
    assert (
        "Recent changes"
        in history_users.client("hist-reader").get(reverse("sa_orders:index")).content.decode()
    )
    assert (
        "Recent changes"
        not in history_users.client("hist-viewer").get(reverse("sa_orders:index")).content.decode()
    )


def test_the_history_permissions_are_real_permission_rows():
    from django.contrib.auth.models import Permission

    codenames = set(
        Permission.objects.filter(content_type__app_label="sa_orders").values_list(
            "codename", flat=True
        )
    )
    assert {"view_history", "revert_change"} <= codenames


# --- Recent changes --------------------------------------------------------------------------


def test_recent_changes_filter_by_model_user_source_and_date(
    history_users, sa_session, ada, make_item, sa_staff_client, sa_staff_user
):
    client = history_users.client("hist-reader")
    make_item(name="Nail")
    edit = admin_url("customer_edit", ada)
    data = form_data(sa_staff_client.get(edit).content.decode())
    data["phone"] = "+44 5"
    assert post(sa_staff_client, edit, data).status_code == 302
    recent = reverse("sa_orders:history")

    def owners(query):
        response = client.get(recent + query)
        assert response.status_code == 200, response.content.decode()
        return [(e.change.table_name, e.change.action) for e in response.context["entries"]]

    assert ("sa_orders_item", "create") in owners("")
    assert set(owners("?model=customer")) == {
        ("sa_orders_customer", "create"),
        ("sa_orders_customer", "update"),
    }
    assert owners(f"?user={sa_staff_user.get_username()}") == [("sa_orders_customer", "update")]
    assert owners("?source=page") == [("sa_orders_customer", "update")]
    assert ("sa_orders_item", "create") in owners("?source=code")
    # nobody said who made "code" changes: no user made them
    assert owners(f"?source=code&user={sa_staff_user.get_username()}") == []
    assert owners("?since=2000-01-01&until=2000-01-02") == []
    bad = client.get(recent + "?user=nobody-at-all&since=2020-02-30")
    assert bad.status_code == 400
    assert "There is no user called" in bad.content.decode()
    assert client.get(recent + "?since=2026-01-02&until=2026-01-01").status_code == 400
