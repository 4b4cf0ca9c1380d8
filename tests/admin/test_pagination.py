"""Big-table pagination: an exact count up to the cap, "10,000+" beyond, deep pages as cheap
as the first."""

import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from html import unescape
from urllib.parse import parse_qsl

import pytest
from django.urls import reverse
from sqlalchemy import insert

from sa_orders import services
from sa_orders.models import Order

pytestmark = pytest.mark.django_db

LIST = reverse("sa_orders:order_list")
CUSTOMERS = reverse("sa_orders:customer_list")
START = datetime(2026, 1, 1, tzinfo=UTC)


def bulk_orders(sa_session, customer, count):
    """``count`` orders in one multi-row INSERT; order n is dated n minutes after START."""
    rows = [
        {
            "customer_id": customer.id,
            "order_date": START + timedelta(minutes=n),
            "status": "pending",
            "discount_amount": Decimal("0"),
            "total_amount": Decimal("0"),
            "created_at": START,
            "updated_at": START,
            "version": 1,
        }
        for n in range(count)
    ]
    sa_session.execute(insert(Order), rows)
    return sorted(
        sa_session.execute(Order.__table__.select().with_only_columns(Order.id)).scalars()
    )


def page(client, sa_queries, **params):
    sa_queries.statements.clear()
    response = client.get(LIST, params)
    assert response.status_code == 200
    html = response.content.decode()
    ids = [
        int(pk)
        for pk in re.findall(r'<th scope="row"><a href="/orders/orders/\d+/">#(\d+)</a>', html)
    ]
    return html, ids, len(sa_queries)


def test_exact_count_up_to_the_cap(sa_staff_client, sa_session, sa_queries, make_customer):
    bulk_orders(sa_session, make_customer(), 10_000)
    html, _ids, _queries = page(sa_staff_client, sa_queries)
    assert "10,000 orders" in html
    assert '<a href="?end=1&amp;p=400">400</a>' in html  # the last page is known


def test_beyond_the_cap_the_count_says_so(sa_staff_client, sa_session, sa_queries, make_customer):
    bulk_orders(sa_session, make_customer(), 10_001)
    html, _ids, _queries = page(sa_staff_client, sa_queries)
    assert "10,000+ orders" in html
    assert 'rel="next"' in html
    assert "end=1" not in html  # no "last page": it is not known


def test_page_500_costs_what_page_1_costs(sa_staff_client, sa_session, sa_queries, make_customer):
    ids = bulk_orders(sa_session, make_customer(), 12_510)
    newest_first = ids[::-1]  # the default ordering: date, newest first
    _html, first, first_queries = page(sa_staff_client, sa_queries)
    html, deep, deep_queries = page(sa_staff_client, sa_queries, p=500)
    assert first == newest_first[:25]
    assert deep == newest_first[499 * 25 : 500 * 25]
    assert first_queries == deep_queries == 2
    assert '<a href="?p=500" aria-current="page">500</a>' in html
    assert re.search(r'<a href="\?before=[^"]+&amp;p=499" rel="prev">', html)
    assert re.search(r'<a href="\?after=[^"]+&amp;p=501" rel="next">', html)
    _html, last, _queries = page(sa_staff_client, sa_queries, p=501)
    assert last == newest_first[12_500:]


# --- keyset pages: Next, Previous and the last page from the index ---------------------


def links(html, rel):
    found = re.search(rf'<a href="\?([^"]+)" rel="{rel}">', html)
    return None if found is None else dict(parse_qsl(unescape(found.group(1))))


def walk(client, sa_queries, path, params, rel):
    """Follow the ``rel`` links from ``params`` to the end: the rows of every page, and
    the queries each page cost."""
    seen, costs = [], []
    while params is not None:
        sa_queries.statements.clear()
        response = client.get(path, params)
        assert response.status_code == 200
        html = response.content.decode()
        costs.append(len(sa_queries))
        seen.append(row_ids(html))
        params = links(html, rel)
    return seen, costs


def row_ids(html):
    return [int(pk) for pk in re.findall(r'<tr[^>]*>\s*<td[^>]*><input[^>]+value="(\d+)"', html)]


@pytest.mark.parametrize(
    ("path", "ordering"),
    [
        (LIST, ""),  # newest first
        (LIST, "total"),  # many ties, broken by the id
        (LIST, "-customer,status"),  # a related row's column, then a second key
        (LIST, "lines"),  # a kept figure, on a row of its own table
        (CUSTOMERS, "phone"),  # nullable: NULLs last
        (CUSTOMERS, "-phone"),
        (CUSTOMERS, "-orders,name"),
    ],
)
def test_next_and_previous_walk_every_row_once_in_order(
    sa_staff_client, sa_session, sa_queries, make_customer, make_item, path, ordering
):
    item = make_item(price=Decimal("2.00"))
    people = [make_customer(name=f"P{n % 7}", phone=None if n % 3 else f"555 {n % 5}")
              for n in range(30)]  # fmt: skip
    for n in range(70):
        services.create_order(sa_session, people[n % 23], [(item, 1 + n % 4)] * (n % 3 > 0),
                              status=["pending", "paid"][n % 2], discount_amount=Decimal(n % 2))  # fmt: skip
    sa_session.flush()
    params = {"o": ordering, "per_page": "10"} if ordering else {"per_page": "10"}
    everything = row_ids(sa_staff_client.get(path, {**params, "per_page": "100"}).content.decode())
    assert len(everything) == (70 if path == LIST else 30)

    forwards, costs = walk(sa_staff_client, sa_queries, path, params, "next")
    assert [pk for page in forwards for pk in page] == everything
    assert all(len(page) == 10 for page in forwards[:-1])
    assert len(set(costs)) == 1  # every page as cheap as the first

    html = sa_staff_client.get(path, params).content.decode()
    last = re.findall(r'<a href="\?(end=1[^"]*)">', html)
    assert last, "the last page's link reads the list from its end"
    end = dict(parse_qsl(unescape(last[-1])))
    backwards, _costs = walk(sa_staff_client, sa_queries, path, end, "prev")
    assert [pk for page in reversed(backwards) for pk in page] == everything
    assert backwards[0] == forwards[-1]  # the last page, from the end, is the same page


@pytest.mark.parametrize(
    "cursor",
    ["", "[", "{}", "[1]", '["x", 1]', '[null, "1"]', '[true, 1]', "[" * 5000, '["\u0000", 1]',
     '["2026-13-45T00:00:00", 1]', '[1e400, 1]',
     # numbers no key column holds, which the database would refuse (a 500, once)
     '["2026-01-01T00:00:00+00:00", 10000000000000000000000000000000]',
     '["2026-01-01T00:00:00+00:00", -9223372036854775809]',
     '["9999-12-31T23:59:59-14:00", 1]', '["0001-01-01T00:00:00+14:00", 1]'],
)  # fmt: skip
def test_a_cursor_that_does_not_fit_is_ignored(sa_staff_client, sa_session, make_customer, cursor):
    ids = bulk_orders(sa_session, make_customer(), 60)[::-1]
    for name in ("after", "before"):
        response = sa_staff_client.get(LIST, {"p": "2", name: cursor})
        assert response.status_code == 200
        assert row_ids(response.content.decode()) == ids[25:50]  # page 2, by number


@pytest.mark.parametrize(
    ("params", "queries", "first_row", "count_text"),
    [
        ({"p": "3"}, 2, 50, "60 orders"),  # the last page
        ({"p": "4"}, 4, 50, "60 orders"),  # past the end: counted, then the last page
        ({"p": "99999999999999999999999"}, 4, 50, "60 orders"),
        ({"p": "1", "q": "nobody-has-this"}, 1, None, "0 orders"),  # nothing: no count
        ({"p": "2", "q": "nobody-has-this"}, 2, None, "0 orders"),
    ],
)
def test_pages_past_the_end_and_empty_results(
    sa_staff_client, sa_session, sa_queries, make_customer, params, queries, first_row, count_text
):
    ids = bulk_orders(sa_session, make_customer(), 60)[::-1]
    html, shown, count = page(sa_staff_client, sa_queries, **params)
    assert count == queries, sa_queries.statements
    assert count_text in html
    assert shown == ([] if first_row is None else ids[first_row:])
    if first_row is None:
        assert "Nothing matches." in html  # on the first page, whatever page was asked for


def test_the_ids_come_first_then_the_rows(sa_staff_client, sa_session, sa_queries, make_customer):
    bulk_orders(sa_session, make_customer(), 60)
    html, _ids, _queries = page(sa_staff_client, sa_queries, p=2)
    ids, rows = sa_queries.statements
    assert "count(*)" in ids.lower()  # the capped count comes along with the ids
    assert "LIMIT" in ids.upper()
    assert "sa_orders_order.customer_id" not in ids  # only the ids
    assert "60 orders" in html
    # ties go the same way as the date, so the (order_date, id) index gives the order
    assert "ORDER BY sa_orders_order.order_date DESC, sa_orders_order.id DESC" in ids
    assert " IN (" in rows.upper()


@pytest.mark.parametrize(
    ("path", "ordering", "order_by"),
    [
        # a unique NOT NULL column, and a row of its own joined on the primary key, tell
        # the rows apart: no id after them, so that the index gives the order as it is
        (CUSTOMERS, "email", "ORDER BY sa_orders_customer.email ASC LIMIT"),
        (LIST, "-lines", "ORDER BY sa_orders_order_figures.line_count DESC, "
         "sa_orders_order_figures.order_id DESC LIMIT"),
        # a name does not: the id breaks the ties
        (CUSTOMERS, "name", "ORDER BY sa_orders_customer.name ASC, sa_orders_customer.id ASC"),
    ],
)  # fmt: skip
def test_the_id_breaks_ties_only_where_there_can_be_any(
    sa_staff_client, sa_session, sa_queries, make_customer, path, ordering, order_by
):
    bulk_orders(sa_session, make_customer(), 3)
    sa_queries.statements.clear()
    assert sa_staff_client.get(path, {"o": ordering}).status_code == 200
    ids = " ".join(sa_queries.statements[0].split())
    assert order_by in ids, ids


@pytest.mark.parametrize(
    ("path", "ordering", "join"),
    [
        (LIST, "customer", "JOIN sa_orders_customer ON"),  # NOT NULL foreign key
        (LIST, "lines", "JOIN sa_orders_order_figures ON"),  # a row the database makes
        (CUSTOMERS, "-orders", "JOIN sa_orders_customer_figures ON"),
    ],
)
def test_sorting_by_a_row_every_row_has_joins_it_inner(
    sa_staff_client, sa_session, sa_queries, make_customer, path, ordering, join
):
    """An inner join lets the database read the page from the related table's index
    (an outer join would make it sort every row first)."""
    bulk_orders(sa_session, make_customer(), 3)
    sa_queries.statements.clear()
    assert sa_staff_client.get(path, {"o": ordering}).status_code == 200
    ids = sa_queries.statements[0]
    assert join in ids, ids
    assert "LEFT OUTER " + join not in ids, ids


@pytest.mark.parametrize(
    "cursor", ['["1e400", 1]', '["12345678901234567890.123", 1]', '["NaN", 1]', '["0.001", 1]']
)
def test_a_money_cursor_is_checked_against_its_column(
    sa_staff_client, sa_session, make_customer, cursor
):
    bulk_orders(sa_session, make_customer(), 30)
    response = sa_staff_client.get(LIST, {"p": "2", "o": "-total", "after": cursor})
    assert response.status_code == 200
