"""Order pages: the form with inline lines, the list's search and filters, detail, delete."""

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from sqlalchemy import func, select

from sa_orders import services
from sa_orders.models import Order, OrderItem, OrderStatus
from tests.helpers import admin_url

pytestmark = pytest.mark.django_db

CHICAGO = ZoneInfo("America/Chicago")  # the tests' TIME_ZONE
ADD = reverse("sa_orders:order_add")
LIST = reverse("sa_orders:order_list")


@pytest.fixture
def catalog(make_item):
    return {
        "hammer": make_item(sku="HAMMER", name="Hammer", price=Decimal("24.90")),
        "nails": make_item(sku="NAILS", name="Nails", price=Decimal("6.80")),
        "drill": make_item(sku="DRILL", name="Drill", price=Decimal("129.00")),
        "old": make_item(sku="OLD", name="Old", price=Decimal("1.00"), active=False),
    }


@pytest.fixture
def ada(make_customer):
    return make_customer(name="Ada Lovelace", email="ada@example.com")


def form_data(customer, *, lines=(), new=(), status="pending", discount="0", version=None, extra=3):
    """The POST of the order form: ``lines`` are (item, quantity, delete) of existing lines,
    ``new`` are (item, quantity) for the empty rows."""
    data = {
        "customer": customer.email,  # typed as a person would, or picked from suggestions
        "status": status,
        "discount_amount": discount,
        "notes": "",
        "lines-TOTAL_FORMS": str(len(lines) + max(extra, len(new))),
        "lines-INITIAL_FORMS": str(len(lines)),
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "100",
    }
    if version is not None:
        data["version"] = str(version)
    for index, (item, quantity, delete) in enumerate(lines):
        data[f"lines-{index}-item"] = f"#{item.id}"  # what the page puts in the hidden input
        data[f"lines-{index}-quantity"] = str(quantity)
        if delete:
            data[f"lines-{index}-DELETE"] = "on"
    for offset, (item, quantity) in enumerate(new):
        index = len(lines) + offset
        data[f"lines-{index}-item"] = "" if item is None else getattr(item, "sku", item)
        data[f"lines-{index}-quantity"] = str(quantity)
    return data


def orders(session):
    session.expire_all()
    return session.scalars(select(Order).order_by(Order.id)).all()


def snapshot(session):
    session.expire_all()
    return (
        session.execute(select(Order.id, Order.status, Order.total_amount, Order.version)).all(),
        session.execute(
            select(OrderItem.order_id, OrderItem.item_id, OrderItem.quantity).order_by(
                OrderItem.order_id, OrderItem.item_id
            )
        ).all(),
    )


def errors(response):
    """Every error the order form shows: main form, lines, and the lines as a whole."""
    context = response.context
    found = [str(e) for errs in context["form"].errors.values() for e in errs]
    for formset in context["formsets"]:
        found += [str(e) for e in formset.non_form_errors()]
        for form in formset.forms:
            found += [str(e) for errs in form.errors.values() for e in errs]
    return found


# --- creating and changing ----------------------------------------------------------


def test_create_an_order_with_three_lines(sa_staff_client, sa_session, ada, catalog):
    data = form_data(
        ada, new=[(catalog["hammer"], 2), (catalog["nails"], 10), (catalog["drill"], 1)]
    )
    response = sa_staff_client.post(ADD, data)
    assert response.status_code == 302, errors(response)
    (order,) = orders(sa_session)
    assert response["Location"] == admin_url("order_detail", order)
    assert order.customer is ada
    assert [(line.item.sku, line.quantity, line.price_paid) for line in order.lines] == [
        ("HAMMER", 2, Decimal("24.90")),
        ("NAILS", 10, Decimal("6.80")),
        ("DRILL", 1, Decimal("129.00")),
    ]
    assert order.total_amount == Decimal("246.80")
    assert order.status is OrderStatus.PENDING


@pytest.fixture
def order(sa_session, ada, catalog):
    made = services.create_order(
        sa_session, ada, [(catalog["hammer"], 1), (catalog["nails"], 3), (catalog["drill"], 1)]
    )
    sa_session.flush()
    return made


def existing(order, **changes):
    """The existing lines as the form shows them, with some quantities changed or removed."""
    return [
        (line.item, changes.get(line.item.sku, line.quantity), changes.get(line.item.sku) == "x")
        for line in order.lines
    ]


def test_change_a_quantity_and_remove_a_line(sa_staff_client, sa_session, order, ada, catalog):
    assert order.total_amount == Decimal("174.30")
    lines = [
        (catalog["hammer"], 1, False),
        (catalog["nails"], 5, False),
        (catalog["drill"], 1, True),
    ]
    response = sa_staff_client.post(
        admin_url("order_edit", order), form_data(ada, lines=lines, version=1)
    )
    assert response.status_code == 302, errors(response)
    (saved,) = orders(sa_session)
    assert [(line.item.sku, line.quantity) for line in saved.lines] == [("HAMMER", 1), ("NAILS", 5)]
    assert (saved.total_amount, saved.version) == (Decimal("58.90"), 2)
    page = sa_staff_client.get(admin_url("order_detail", order)).content.decode()
    assert '<td class="numeric" data-amount="total">58.90</td>' in page


def test_add_a_line_to_an_existing_order_at_todays_price(
    sa_staff_client, sa_session, order, ada, catalog
):
    catalog["hammer"].price = Decimal("30.00")  # the hammer on the order keeps its old price
    sa_session.flush()
    lines = [(line.item, line.quantity, False) for line in order.lines]
    data = form_data(ada, lines=lines, new=[(catalog["hammer"], 1)], version=1)
    response = sa_staff_client.post(admin_url("order_edit", order), data)
    assert "HAMMER Hammer is already on this order; change its quantity instead." in errors(
        response
    )
    old = sa_session.scalar(
        select(OrderItem.price_paid).where(OrderItem.item_id == catalog["hammer"].id)
    )
    assert old == Decimal("24.90")


def test_status_changes_go_through_the_same_form(sa_staff_client, sa_session, order, ada):
    lines = [(line.item, line.quantity, False) for line in order.lines]
    data = form_data(ada, lines=lines, status="paid", version=1)
    assert sa_staff_client.post(admin_url("order_edit", order), data).status_code == 302
    assert orders(sa_session)[0].status is OrderStatus.PAID


def test_a_total_sent_with_the_form_is_ignored(sa_staff_client, sa_session, order, ada):
    lines = [(line.item, line.quantity, False) for line in order.lines]
    data = {**form_data(ada, lines=lines, version=1), "total_amount": "0.01"}
    assert sa_staff_client.post(admin_url("order_edit", order), data).status_code == 302
    assert orders(sa_session)[0].total_amount == Decimal("174.30")


def test_a_discount(sa_staff_client, sa_session, order, ada):
    lines = [(line.item, line.quantity, False) for line in order.lines]
    response = sa_staff_client.post(
        admin_url("order_edit", order), form_data(ada, lines=lines, discount="4.30", version=1)
    )
    assert response.status_code == 302
    assert orders(sa_session)[0].total_amount == Decimal("170.00")
    response = sa_staff_client.post(
        admin_url("order_edit", order), form_data(ada, lines=lines, discount="500", version=2)
    )
    assert "The discount cannot be larger than the lines (174.30)." in errors(response)


# --- bad input: a clear error, and nothing written ----------------------------------


def bad_form(case, order, ada, catalog):
    """The POST of the edit form of ``order``, spoiled in one way."""
    lines = existing(order)
    data = form_data(ada, lines=lines, version=1)
    if case == "duplicate_existing":
        return form_data(ada, lines=lines, new=[(catalog["hammer"], 1)], version=1)
    if case in ("zero", "negative", "too_many"):
        data["lines-1-quantity"] = {"zero": "0", "negative": "-2", "too_many": "1000"}[case]
    elif case == "unknown_item":
        return form_data(ada, lines=lines, new=[("NO-SUCH-SKU", 1)], version=1)
    elif case == "inactive_item":
        return form_data(ada, lines=lines, new=[(catalog["old"], 1)], version=1)
    elif case == "half_a_line":
        return form_data(ada, lines=lines, new=[(None, 4)], version=1)
    elif case == "changed_item":
        data["lines-0-item"] = f"#{catalog['nails'].id}"  # another item of the order
    elif case == "all_removed":
        return form_data(
            ada, lines=[(item, quantity, True) for item, quantity, _ in lines], version=1
        )
    elif case == "total_forms":
        data["lines-TOTAL_FORMS"] = "100000"
    elif case == "initial_forms":
        data["lines-INITIAL_FORMS"] = "2"
    elif case == "no_management_form":
        data = {key: value for key, value in data.items() if "FORMS" not in key}
    elif case == "no_customer":
        data["customer"] = ""
    elif case == "unknown_customer":
        data["customer"] = "nobody@example.com"
    return data


@pytest.mark.parametrize(
    ("case", "message"),
    [
        (
            "duplicate_existing",
            "HAMMER Hammer is already on this order; change its quantity instead.",
        ),
        ("zero", "Ensure this value is greater than or equal to 1."),
        ("negative", "Ensure this value is greater than or equal to 1."),
        ("too_many", "Ensure this value is less than or equal to 999."),
        ("unknown_item", "No item matches “NO-SUCH-SKU”."),
        ("unknown_customer", "No customer matches “nobody@example.com”."),
        ("inactive_item", "OLD Old is inactive and cannot be ordered."),
        ("half_a_line", "This field is required."),
        ("changed_item", "The item of an existing order line cannot be changed."),
        ("all_removed", "An order needs at least one line."),
        ("total_forms", "Please submit at most 100 forms."),
        ("initial_forms", "The lines of this form no longer match the order. Reload the page."),
        ("no_management_form", "ManagementForm data is missing or has been tampered with."),
        ("no_customer", "This field is required."),
    ],
)
def test_bad_lines_are_refused_and_nothing_is_written(
    sa_staff_client, sa_session, order, ada, catalog, case, message
):
    before = snapshot(sa_session)
    response = sa_staff_client.post(
        admin_url("order_edit", order), bad_form(case, order, ada, catalog)
    )
    assert response.status_code == 400
    assert any(message in error for error in errors(response)), errors(response)
    assert snapshot(sa_session) == before


def test_the_same_item_twice_on_a_new_order_is_refused(sa_staff_client, sa_session, ada, catalog):
    data = form_data(ada, new=[(catalog["nails"], 1), (catalog["nails"], 2)])
    response = sa_staff_client.post(ADD, data)
    assert response.status_code == 400
    assert "NAILS Nails is already on this order; change its quantity instead." in errors(response)
    assert sa_session.scalar(select(func.count()).select_from(Order)) == 0


def test_the_add_form_starts_with_the_defaults(sa_staff_client, sa_session, ada, catalog):
    html = sa_staff_client.get(ADD).content.decode()
    assert '<option value="pending" selected>Pending</option>' in html
    assert '<option value="" selected>' not in html  # a status is required: no blank choice
    assert 'name="discount_amount" value="0"' in html
    data = form_data(ada, new=[(catalog["nails"], 1)])
    data["status"], data["discount_amount"] = "", ""
    response = sa_staff_client.post(ADD, data)
    assert response.status_code == 400
    assert errors(response) == ["This field is required.", "This field is required."]
    assert sa_session.scalar(select(func.count()).select_from(Order)) == 0


def test_a_new_order_needs_a_line(sa_staff_client, sa_session, ada):
    response = sa_staff_client.post(ADD, form_data(ada))
    assert "An order needs at least one line." in errors(response)
    assert sa_session.scalar(select(func.count()).select_from(Order)) == 0


def test_a_stale_version_keeps_the_input_and_writes_nothing(
    sa_staff_client, sa_session, order, ada
):
    services.change_quantity(order, order.lines[0].item, 9)  # someone else, meanwhile
    sa_session.flush()
    before = snapshot(sa_session)
    lines = [(line.item, 2, False) for line in order.lines]
    response = sa_staff_client.post(
        admin_url("order_edit", order), form_data(ada, lines=lines, version=1)
    )
    assert response.status_code == 409
    assert snapshot(sa_session) == before
    assert "was changed while you were editing it" in response.content.decode()


# --- query counts -------------------------------------------------------------------


def test_the_order_form_costs_the_same_whatever_its_lines(
    sa_staff_client, sa_session, sa_queries, ada, make_item
):
    items = [make_item(price=Decimal("1.00")) for _ in range(12)]
    small = services.create_order(sa_session, ada, [(items[0], 1)])
    large = services.create_order(sa_session, ada, [(item, 1) for item in items])
    sa_session.flush()
    counts = []
    for target in (small, large):
        sa_queries.statements.clear()
        assert sa_staff_client.get(admin_url("order_edit", target)).status_code == 200
        counts.append(len(sa_queries))
    assert counts == [2, 2]  # the order with its customer, and its lines with their items
    posts = []
    for target in (small, large):
        lines = [(line.item, 2, False) for line in target.lines]
        sa_queries.statements.clear()
        response = sa_staff_client.post(
            admin_url("order_edit", target), form_data(ada, lines=lines, version=1)
        )
        assert response.status_code == 302, errors(response)
        posts.append(len(sa_queries))
    assert posts[0] == posts[1]


def test_the_detail_page(sa_staff_client, sa_queries, order):
    sa_queries.statements.clear()
    page = sa_staff_client.get(admin_url("order_detail", order)).content.decode()
    assert len(sa_queries) == 2
    assert '<th scope="row">NAILS Nails</th>' in page
    assert '<td class="numeric" data-amount="subtotal">174.30</td>' in page
    assert "Ada Lovelace &lt;ada@example.com&gt;" in page


def test_the_delete_page_lists_the_lines(sa_staff_client, sa_session, order):
    page = sa_staff_client.get(admin_url("order_delete", order)).content.decode()
    assert "<strong>Order lines: 3</strong>" in page
    assert "3 × NAILS Nails on order" in page
    assert sa_staff_client.post(admin_url("order_delete", order)).status_code == 302
    assert sa_session.scalar(select(func.count()).select_from(OrderItem)) == 0


# --- the list -----------------------------------------------------------------------


def listed(client, params=None):
    import re

    html = client.get(LIST, params or {}).content.decode()
    return [
        int(pk)
        for pk in re.findall(r'<th scope="row"><a href="/orders/orders/\d+/">#(\d+)</a>', html)
    ]


@pytest.fixture
def history(sa_session, ada, make_customer, catalog):
    grace = make_customer(name="Grace Hopper", email="grace@navy.example")
    made = {}
    for name, customer, day, status in [
        ("march_7", ada, datetime(2026, 3, 7, 23, 30, tzinfo=CHICAGO), OrderStatus.SHIPPED),
        ("march_8", grace, datetime(2026, 3, 8, 0, 0, tzinfo=CHICAGO), OrderStatus.PAID),
        ("march_9", ada, datetime(2026, 3, 9, 23, 59, tzinfo=CHICAGO), OrderStatus.PENDING),
    ]:
        made[name] = services.create_order(
            sa_session, customer, [(catalog["nails"], 1)], order_date=day, status=status
        )
    sa_session.flush()
    return made, grace


def test_the_list_shows_customer_lines_total_status_and_date(sa_staff_client, sa_queries, history):
    made, _ = history
    sa_queries.statements.clear()
    html = sa_staff_client.get(LIST).content.decode()
    assert len(sa_queries) == 2
    assert listed(sa_staff_client) == [made["march_9"].id, made["march_8"].id, made["march_7"].id]
    assert "<td>Grace Hopper</td>" in html
    assert '<td class="numeric">6.80</td>' in html
    assert "<td>Paid</td>" in html


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "grace"}, ["march_8"]),
        ({"q": "navy.example"}, ["march_8"]),
        ({"o": "customer,date"}, ["march_7", "march_9", "march_8"]),
        ({"o": "-status"}, ["march_7", "march_9", "march_8"]),
        ({"status": "pending"}, ["march_9"]),
        ({"status": "lost"}, ["march_9", "march_8", "march_7"]),  # unknown: ignored
        ({"order_date_from": "2026-03-08"}, ["march_9", "march_8"]),
        ({"order_date_to": "2026-03-07"}, ["march_7"]),  # until midnight in Chicago
        ({"order_date_from": "2026-03-08", "order_date_to": "2026-03-08"}, ["march_8"]),
        ({"order_date_from": "not-a-date"}, ["march_9", "march_8", "march_7"]),
        ({"customer": "abc"}, ["march_9", "march_8", "march_7"]),
        ({"customer": "999999999"}, ["march_9", "march_8", "march_7"]),
    ],
)
def test_search_sort_and_filters(sa_staff_client, history, params, expected):
    made, _grace = history
    assert listed(sa_staff_client, params) == [made[name].id for name in expected]


def test_search_by_order_number(sa_staff_client, history):
    made, _ = history
    number = made["march_8"].id
    assert made["march_8"].id in listed(sa_staff_client, {"q": str(number)})
    assert listed(sa_staff_client, {"q": f"#{number}"})[0] == number


def test_filter_by_customer_names_the_customer(sa_staff_client, sa_queries, history, ada):
    made, _ = history
    sa_queries.statements.clear()
    html = sa_staff_client.get(LIST, {"customer": ada.id}).content.decode()
    assert len(sa_queries) == 3  # the customer's name: one more query
    assert listed(sa_staff_client, {"customer": ada.id}) == [made["march_9"].id, made["march_7"].id]
    assert "Ada Lovelace &lt;ada@example.com&gt;" in html
    assert f'<input type="hidden" name="customer" value="{ada.id}">' in html


def test_the_customer_page_links_to_its_orders(sa_staff_client, history, ada):
    made, _ = history
    html = sa_staff_client.get(
        reverse("sa_orders:customer_detail", kwargs={"pk": ada.id})
    ).content.decode()
    assert f'href="/orders/orders/?customer={ada.id}"' in html
    assert f'href="/orders/orders/{made["march_9"].id}/"' in html


def test_every_list_stays_within_six_queries_with_all_filters(
    sa_staff_client, sa_queries, history, ada
):
    params = {"q": "a", "status": "pending", "order_date_from": "2026-01-01",
              "order_date_to": "2026-12-31", "customer": ada.id, "o": "-total,customer"}  # fmt: skip
    sa_queries.statements.clear()
    assert sa_staff_client.get(LIST, params).status_code == 200
    assert len(sa_queries) <= 6
    for path in ("/orders/customers/?has_orders=yes&q=a", "/orders/items/?active=1&category=1&q=a"):
        sa_queries.statements.clear()
        assert sa_staff_client.get(path).status_code == 200
        assert len(sa_queries) <= 6


# --- the customer and the items found by name -------------------------------------------


def test_the_customer_and_an_item_typed_by_name(
    sa_staff_client, sa_session, catalog, make_customer, make_item
):
    newcomer = make_customer(name="Newcomer Testshop", email="new@example.com")
    make_item(sku="GD-HOSE-25", name="Garden hose", price=Decimal("39.00"))
    data = form_data(newcomer, new=[("garden hose", 2)])  # its name, not its SKU
    data["customer"] = "Newcomer Testshop"  # the name, not the email
    response = sa_staff_client.post(reverse("sa_orders:order_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    (order,) = orders(sa_session)
    assert order.customer.email == "new@example.com"
    assert [line.item.name for line in order.lines] == ["Garden hose"]


def test_a_name_that_several_share_says_so(sa_staff_client, sa_session, catalog, make_customer):
    make_customer(name="Ada Lovelace", email="ada1@example.com")
    make_customer(name="Ada Byron", email="ada2@example.com")
    data = form_data(make_customer(email="x@example.com"), new=[(catalog["hammer"], 1)])
    data["customer"] = "Ada"
    response = sa_staff_client.post(reverse("sa_orders:order_add"), data)
    assert response.status_code == 400
    assert (
        "Several customers match “Ada”: choose one from the suggestions, or type the email "
        "or # and the number." in response.content.decode()
    )
    assert orders(sa_session) == []
