"""CSV export of a list: search, filters and ordering applied, formulas neutralised,
streamed in chunks by a session of its own."""

import csv
import io
import re
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from sqlalchemy import text

from sa_orders import services
from sa_orders.backoffice.customers import CustomerAdmin
from sa_orders.exchange import csv_export
from sa_orders.models import OrderStatus
from tests.hostapp.models import Supplier

pytestmark = pytest.mark.django_db

CUSTOMERS = reverse("sa_orders:customer_list")
ITEMS = reverse("sa_orders:item_list")
ORDERS = reverse("sa_orders:order_list")


def export_of(list_url):
    return list_url + "export.csv"


def read(response):
    assert response.status_code == 200
    assert response.streaming
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.reader(io.StringIO(text, newline="")))


def list_ids(client, path, params):
    """The ids of a list page's rows, in order (from the rows' checkboxes)."""
    html = client.get(path, {**params, "per_page": "100"}).content.decode()
    return [int(pk) for pk in re.findall(r'name="_selected" value="(\d+)"', html)]


@pytest.fixture
def orders(sa_session, make_customer, make_item):
    ada = make_customer(name="Ada Lovelace", email="ada@example.com")
    grace = make_customer(name="Grace Hopper", email="grace@example.com")
    nails = make_item(sku="NAILS", price=Decimal("2.50"))
    hose = make_item(sku="HOSE", price=Decimal("19.90"))
    made = []
    for day, customer, status, lines in [
        (1, ada, OrderStatus.PENDING, [(nails, 4)]),
        (2, grace, OrderStatus.PAID, [(hose, 1), (nails, 2)]),
        (3, ada, OrderStatus.PAID, [(hose, 2)]),
        (4, grace, OrderStatus.SHIPPED, [(nails, 10)]),
        (5, ada, OrderStatus.PAID, [(nails, 1)]),
    ]:
        order = services.create_order(sa_session, customer, lines, status=status)
        order.order_date = datetime(2026, 3, day, 12, 0, tzinfo=UTC)
        made.append(order)
    sa_session.flush()
    return made


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"status": "paid"},
        {"q": "ada", "o": "total"},
        {"status": "paid", "o": "-customer,date"},
        {"order_date_from": "2026-03-02", "order_date_to": "2026-03-04"},
        {"status": "no-such-status"},  # ignored, as on the list
    ],
)
def test_the_rows_equal_the_filtered_list(sa_staff_client, orders, params):
    rows = read(sa_staff_client.get(export_of(ORDERS), params))
    assert [int(row[0]) for row in rows[1:]] == list_ids(sa_staff_client, ORDERS, params)


def test_order_columns_and_values(sa_staff_client, sa_session, orders):
    response = sa_staff_client.get(export_of(ORDERS), {"status": "paid", "o": "date"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert re.fullmatch(
        r'attachment; filename="orders-\d{8}-\d{6}\.csv"', response["Content-Disposition"]
    )
    header, *rows = read(response)
    assert header == [
        "id", "customer.email", "customer.name", "status", "order_date", "lines", "subtotal",
        "discount_amount", "total_amount", "notes", "updated_at",
    ]  # fmt: skip
    second = orders[1]
    local = timezone.localtime(second.order_date).isoformat()
    assert rows[0][:10] == [
        str(second.id), "grace@example.com", "Grace Hopper", "paid", local,
        "1 x HOSE @ 19.90 | 2 x NAILS @ 2.50", "24.90",  # in the order they were added
        "0.00", "24.90", "",
    ]  # fmt: skip
    assert datetime.fromisoformat(rows[0][10]).tzinfo is not None
    assert [row[3] for row in rows] == ["paid", "paid", "paid"]


def test_items_with_their_category_paths(sa_staff_client, make_item, make_category):
    garden = make_category("Garden")
    seeds, tools = make_category("Seeds", parent=garden), make_category("Tools", parent=garden)
    make_item(sku="TOMATO", name="Tomato seeds", price=Decimal("3.10"), categories=[seeds, tools])
    make_item(sku="PAN", name="Pan", price=Decimal("25.00"), active=False)
    header, *rows = read(sa_staff_client.get(export_of(ITEMS), {"o": "-sku"}))
    assert header[:6] == ["id", "sku", "name", "price", "active", "categories"]
    assert [row[1:6] for row in rows] == [
        ["TOMATO", "Tomato seeds", "3.10", "true", "Garden/Seeds | Garden/Tools"],
        ["PAN", "Pan", "25.00", "false", ""],
    ]
    # a category filter picks the same rows as on the list
    rows = read(sa_staff_client.get(export_of(ITEMS), {"category": str(garden.id)}))
    assert [row[1] for row in rows[1:]] == ["TOMATO"]


def test_formulas_are_neutralised_and_numbers_are_not(sa_staff_client, sa_session):
    names = ["=HYPERLINK(\"http://evil\")", "+1", "-5.00", "@SUM(A1)", "\tTab", "\rReturn",
             "'quoted", "Plain, with a comma", 'Say "hi"', "Zoë Ünicode"]  # fmt: skip
    for number, name in enumerate(names):
        sa_session.add(Supplier(name=name, country="DE", credit_limit=Decimal(number) - 5))
    sa_session.flush()
    header, *rows = read(sa_staff_client.get(export_of(reverse("sa_orders:supplier_list"))))
    exported = {row[header.index("name")]: row[header.index("credit_limit")] for row in rows}
    assert exported == {
        '\'=HYPERLINK("http://evil")': "-5.00",
        "'+1": "-4.00",
        "'-5.00": "-3.00",
        "'@SUM(A1)": "-2.00",
        "'\tTab": "-1.00",
        "'\rReturn": "0.00",
        "''quoted": "1.00",
        "Plain, with a comma": "2.00",
        'Say "hi"': "3.00",
        "Zoë Ünicode": "4.00",
    }
    assert {csv_export.unescape_text(name) for name in exported} == set(names)


def test_cell_values():
    cell = csv_export.cell
    assert cell(Decimal("-5.00")) == "-5.00"
    assert cell(Decimal("1E+2")) == "100"
    assert cell(-3) == "-3"
    assert cell(None) == ""
    assert cell(True) == "true"
    assert cell(OrderStatus.SHIPPED) == "shipped"
    assert cell("-5.00") == "'-5.00"
    assert cell("a=b") == "a=b"


@pytest.mark.parametrize("zone", ["UTC", "America/New_York"])
def test_times_are_in_the_time_zone_with_their_offset(settings, zone):
    settings.TIME_ZONE = zone
    moment = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    text = csv_export.cell(moment)
    assert datetime.fromisoformat(text) == moment
    assert text == ("2026-01-02T03:04:05+00:00" if zone == "UTC" else "2026-01-01T22:04:05-05:00")


def test_an_empty_result_is_the_header_alone(sa_staff_client, orders):
    rows = read(sa_staff_client.get(export_of(ORDERS), {"q": "nobody"}))
    assert len(rows) == 1
    assert rows[0][0] == "id"


def test_the_list_links_its_export(sa_staff_client, orders):
    html = sa_staff_client.get(ORDERS, {"status": "paid", "o": "total", "p": "1"}).content
    assert f'href="{export_of(ORDERS)}?o=total&amp;status=paid"'.encode() in html


# --- streaming --------------------------------------------------------------------


@pytest.fixture
def many_customers(make_customer):
    return [make_customer(name=f"Streamed {n:02}") for n in range(9)]


def test_the_response_streams_in_chunks(sa_staff_client, many_customers, monkeypatch):
    monkeypatch.setattr(CustomerAdmin, "export_chunk_size", 2)
    written = []
    real_cell = csv_export.cell

    def counting_cell(value):
        written.append(value)
        return real_cell(value)

    monkeypatch.setattr(csv_export, "cell", counting_cell)
    response = sa_staff_client.get(export_of(CUSTOMERS))
    assert written == []  # nothing is read before the response is sent
    chunks = iter(response.streaming_content)
    first = next(chunks).decode()
    columns = len(CustomerAdmin.export_fields)
    # the first chunk is the header and two rows; the other seven are not read yet
    assert first.count("\r\n") == 3
    assert len(written) == 2 * columns
    rest = b"".join(chunks).decode()
    assert (first + rest).count("\r\n") == 10
    assert len(written) == 9 * columns


@pytest.mark.backends("postgresql")
def test_postgresql_reads_through_a_server_side_cursor(
    sa_staff_client, sa_session, many_customers, monkeypatch
):
    monkeypatch.setattr(CustomerAdmin, "export_chunk_size", 2)
    chunks = iter(sa_staff_client.get(export_of(CUSTOMERS)).streaming_content)
    next(chunks)
    # the test's sessions share one connection, so the export's cursor is visible here
    assert sa_session.scalar(text("SELECT count(*) FROM pg_cursors")) == 1
    list(chunks)
    assert sa_session.scalar(text("SELECT count(*) FROM pg_cursors")) == 0


def test_its_queries_do_not_grow_with_the_rows(sa_staff_client, sa_queries, make_item):
    def export_queries():
        sa_queries.statements.clear()
        read(sa_staff_client.get(export_of(ITEMS)))
        return list(sa_queries.statements)

    make_item()
    few = export_queries()
    for _ in range(30):
        make_item()
    many = export_queries()
    # the category filter's choices, the category paths, then every row in one SELECT
    assert len(few) == len(many) == 3
    assert "FROM sa_orders_item ORDER BY" in many[-1]
