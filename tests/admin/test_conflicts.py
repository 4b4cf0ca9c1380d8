"""Conflict-safe editing: a save refused because the row changed gets a 409 page that keeps
the input, shows the current values, and can apply the user's changes on top."""

from decimal import Decimal

import pytest
from django.urls import reverse
from sqlalchemy import select, update

from sa_orders import services
from sa_orders.models import Category, Customer, Item, Order, OrderStatus
from tests.helpers import admin_url, form_data

pytestmark = pytest.mark.django_db


def open_form(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return form_data(response.content.decode())


def post(client, path, data):
    return client.post(path, data.urlencode(), content_type="application/x-www-form-urlencoded")


def rows(response):
    """The comparison rows of a conflict page: label -> (seen, mine, current, outcome, differs)."""
    return {
        str(row.label): (row.seen, row.mine, row.current, row.outcome, row.differs)
        for row in [*response.context["conflicts"], *response.context["inline_conflicts"]]
    }


@pytest.fixture
def ada(make_customer):
    return make_customer(name="Ada Lovelace", email="ada@example.com", phone="+44 1")


# --- a customer ---------------------------------------------------------------------


def test_two_people_edit_the_same_customer(sa_staff_client, sa_session, ada):
    edit = admin_url("customer_edit", ada)
    first, second = open_form(sa_staff_client, edit), open_form(sa_staff_client, edit)

    first["phone"] = "+44 2"
    assert post(sa_staff_client, edit, first).status_code == 302

    second["name"] = "Ada King"
    response = post(sa_staff_client, edit, second)
    assert response.status_code == 409
    html = response.content.decode()
    assert "was changed while you were editing it" in html
    found = rows(response)
    assert found["Name"] == ("Ada Lovelace", "Ada King", "Ada Lovelace", "You changed it", True)
    assert found["Phone"] == ("+44 1", "+44 1", "+44 2", "They changed it", True)
    assert found["Email"][3:] == ("", False)
    assert html.count('class="differs"') == 2
    assert "<caption>Fields</caption>" in html
    assert "<caption>Lines (quantities)</caption>" not in html  # a customer has no lines
    sa_session.expire_all()
    assert (ada.name, ada.phone, ada.version) == ("Ada Lovelace", "+44 2", 2)  # nothing overwritten

    merged = form_data(html)  # the conflict page's form: the user's changes on top
    assert (merged["name"], merged["phone"], merged["version"]) == ("Ada King", "+44 2", "2")
    assert post(sa_staff_client, edit, merged).status_code == 302
    sa_session.expire_all()
    assert (ada.name, ada.phone, ada.version) == ("Ada King", "+44 2", 3)


def test_both_changed_the_same_field(sa_staff_client, sa_session, ada):
    edit = admin_url("customer_edit", ada)
    first, second = open_form(sa_staff_client, edit), open_form(sa_staff_client, edit)
    first["phone"], second["phone"] = "+1 first", "+1 second"
    post(sa_staff_client, edit, first)
    response = post(sa_staff_client, edit, second)
    assert rows(response)["Phone"] == (
        "+44 1",
        "+1 second",
        "+1 first",
        "Both changed it: yours is kept",
        True,
    )
    assert form_data(response.content.decode())["phone"] == "+1 second"


def test_discarding_leads_back_to_the_current_row(sa_staff_client, ada):
    edit = admin_url("customer_edit", ada)
    first, second = open_form(sa_staff_client, edit), open_form(sa_staff_client, edit)
    first["phone"] = "+44 2"
    post(sa_staff_client, edit, first)
    second["name"] = "X"
    html = post(sa_staff_client, edit, second).content.decode()
    assert f'href="{admin_url("customer_detail", ada)}">Discard my changes</a>' in html


def test_a_change_made_by_a_command_is_a_conflict_too(sa_staff_client, sa_session, make_item):
    item = make_item(sku="HAMMER", price=Decimal("10.00"))
    edit = admin_url("item_edit", item)
    mine = open_form(sa_staff_client, edit)
    sa_session.execute(  # a bulk reprice, as a command would run it
        update(Item).values(price=Item.price * 2, version=Item.version + 1)
    )
    mine["name"] = "Claw hammer"
    response = post(sa_staff_client, edit, mine)
    assert response.status_code == 409
    assert rows(response)["Price"] == ("10.00", "10.00", "20.00", "They changed it", True)
    merged = form_data(response.content.decode())
    assert (merged["price"], merged["name"], merged["version"]) == ("20.00", "Claw hammer", "2")
    merged.setlist("categories", [])
    assert post(sa_staff_client, edit, merged).status_code == 302
    sa_session.expire_all()
    assert (item.price, item.name) == (Decimal("20.00"), "Claw hammer")


def test_the_tutorials_own_bulk_update_is_a_conflict_too(sa_staff_client, sa_session, make_item):
    """update(Item).values(price=...) as the SQLAlchemy tutorial writes it: no version."""
    item = make_item(sku="HAMMER", price=Decimal("10.00"))
    edit = admin_url("item_edit", item)
    mine = open_form(sa_staff_client, edit)
    sa_session.execute(update(Item).where(Item.price < 100).values(price=Item.price * 2))
    sa_session.flush()
    mine["name"] = "Claw hammer"
    response = post(sa_staff_client, edit, mine)
    assert response.status_code == 409
    sa_session.expire_all()
    assert item.price == Decimal("20.00")  # the bulk change was not undone
    assert item.name != "Claw hammer"


def test_two_people_edit_an_items_categories(sa_staff_client, sa_session, make_item):
    """A unticks a category and saves; B, whose form was open before, renames the item."""
    garden, tools = Category(name="Garden"), Category(name="Tools")
    sa_session.add_all([garden, tools])
    hose = make_item(sku="HOSE", name="Hose", categories=[garden, tools])
    edit = admin_url("item_edit", hose)
    first, second = open_form(sa_staff_client, edit), open_form(sa_staff_client, edit)

    first.setlist("categories", [str(garden.id)])
    assert post(sa_staff_client, edit, first).status_code == 302
    sa_session.expire_all()
    assert ([c.name for c in hose.categories], hose.version) == (["Garden"], 2)

    second["name"] = "Garden hose"
    response = post(sa_staff_client, edit, second)
    assert response.status_code == 409
    assert rows(response)["Categories"][2:4] == ("Garden", "They changed it")
    sa_session.expire_all()
    assert ([c.name for c in hose.categories], hose.name) == (["Garden"], "Hose")


def test_a_row_deleted_meanwhile(sa_staff_client, sa_session, ada):
    edit = admin_url("customer_edit", ada)
    mine = open_form(sa_staff_client, edit)
    sa_session.delete(ada)
    sa_session.flush()
    mine["name"] = "Too late"
    # The row is gone before the version can be compared: a 404, not a conflict page.
    assert post(sa_staff_client, edit, mine).status_code == 404


def test_a_stale_row_at_flush_time_is_a_conflict_page_not_a_500(sa_staff_client, sa_session, ada):
    from sqlalchemy import event

    def someone_saves_first(mapper, connection, target):
        table = mapper.local_table
        connection.execute(
            update(table)
            .where(table.c.id == target.id)
            .values(phone="+9", version=table.c.version + 1)
        )

    edit = admin_url("customer_edit", ada)
    mine = open_form(sa_staff_client, edit)
    mine["name"] = "Ada L."
    event.listen(Customer, "before_update", someone_saves_first)
    try:
        response = post(sa_staff_client, edit, mine)
    finally:
        event.remove(Customer, "before_update", someone_saves_first)
    # (The other save ran inside this request's savepoint, so it was rolled back with
    # it; between two real requests it would show as "They changed it".)
    assert response.status_code == 409
    assert "was changed while you were editing it" in response.content.decode()
    assert rows(response)["Name"][1] == "Ada L."
    assert form_data(response.content.decode())["name"] == "Ada L."


def test_a_post_without_a_version_is_refused(sa_staff_client, sa_session, ada):
    data = open_form(sa_staff_client, admin_url("customer_edit", ada))
    del data["version"]
    data["name"] = "Changed"
    assert post(sa_staff_client, admin_url("customer_edit", ada), data).status_code == 400
    sa_session.expire_all()
    assert ada.name == "Ada Lovelace"


# --- an order and its lines ---------------------------------------------------------


@pytest.fixture
def order(sa_session, ada, make_item):
    items = {sku: make_item(sku=sku, name=sku.title(), price=Decimal("1.00")) for sku in
             ["HAMMER", "NAILS", "SAW", "DRILL", "TAPE"]}  # fmt: skip
    made = services.create_order(
        sa_session, ada, [(items["HAMMER"], 1), (items["NAILS"], 10), (items["SAW"], 1)]
    )
    sa_session.flush()
    return made, items


def lines(session, order):
    session.expire_all()
    return {line.item.sku: line.quantity for line in order.lines}


def line_index(data, item):
    for key in data:
        if key.endswith("-item") and data[key] == f"#{item.id}":
            return key.split("-")[1]
    raise AssertionError(f"{item.sku} is not on the form")


def test_two_people_edit_the_same_order(sa_staff_client, sa_session, order):
    order, items = order
    edit = admin_url("order_edit", order)
    first, second = open_form(sa_staff_client, edit), open_form(sa_staff_client, edit)

    # The first: more hammers, no saw, and the order is paid.
    first[f"lines-{line_index(first, items['HAMMER'])}-quantity"] = "3"
    first[f"lines-{line_index(first, items['SAW'])}-DELETE"] = "on"
    first["status"] = "paid"
    assert post(sa_staff_client, edit, first).status_code == 302

    # The second, meanwhile: fewer nails, a drill, and a note.
    second[f"lines-{line_index(second, items['NAILS'])}-quantity"] = "4"
    second["lines-3-item"], second["lines-3-quantity"] = "DRILL", "2"
    second["notes"] = "Leave at the back door"
    response = post(sa_staff_client, edit, second)
    assert response.status_code == 409
    found = rows(response)
    assert found["HAMMER Hammer"] == ("1", "1", "3", "They changed it", True)
    assert found["NAILS Nails"] == ("10", "4", "10", "You changed it", True)
    assert found["SAW Saw"] == ("1", "1", "removed", "They changed it", True)
    assert found["DRILL Drill"] == ("—", "2", "—", "You changed it", True)
    assert found["Status"][1:4] == ("Pending", "Paid", "They changed it")
    assert lines(sa_session, order) == {"HAMMER": 3, "NAILS": 10}  # nothing overwritten
    html = response.content.decode()
    assert html.count('<table class="results conflicts">') == 2
    assert "<caption>Fields</caption>" in html
    assert "<caption>Lines (quantities)</caption>" in html
    assert '<th scope="col">Item</th>' in html
    assert html.count('<th scope="col">When you opened the form</th>') == 2

    merged = form_data(html)
    assert post(sa_staff_client, edit, merged).status_code == 302
    assert lines(sa_session, order) == {"HAMMER": 3, "NAILS": 4, "DRILL": 2}
    sa_session.refresh(order)
    assert (order.status, order.notes, order.total_amount, order.version) == (
        OrderStatus.PAID,
        "Leave at the back door",
        Decimal("9.00"),
        3,
    )


def test_after_a_bulk_status_change(sa_staff_client, sa_session, order):
    order, items = order
    edit = admin_url("order_edit", order)
    mine = open_form(sa_staff_client, edit)
    paid = sa_staff_client.post(  # someone else runs the bulk action meanwhile
        reverse("sa_orders:order_list"),
        {"action": "mark_paid", "_selected": str(order.id), "confirm": "1"},
    )
    assert paid.status_code == 302
    mine[f"lines-{line_index(mine, items['NAILS'])}-quantity"] = "12"
    response = post(sa_staff_client, edit, mine)
    assert response.status_code == 409
    assert rows(response)["Status"][2:4] == ("Paid", "They changed it")
    merged = form_data(response.content.decode())
    assert merged["status"] == "paid"
    assert post(sa_staff_client, edit, merged).status_code == 302
    assert lines(sa_session, order)["NAILS"] == 12
    assert sa_session.scalar(select(Order.status)) is OrderStatus.PAID
