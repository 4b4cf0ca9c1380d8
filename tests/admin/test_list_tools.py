"""The list pages' tools: an exact order number first in a search, the page size and a
jump to a page (forms that work without a script), the select-all box for list.js."""

import re
from html import unescape
from urllib.parse import parse_qsl

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from tests.admin.test_pagination import bulk_orders

pytestmark = pytest.mark.django_db

LIST = reverse("sa_orders:order_list")


def order_ids(html):
    return [
        int(pk)
        for pk in re.findall(r'<th scope="row"><a href="/orders/orders/\d+/">#(\d+)</a>', html)
    ]


def test_an_exact_order_number_comes_first(sa_staff_client, sa_session, sa_queries, make_customer):
    ids = bulk_orders(sa_session, make_customer(email="someone@example.com"), 30)
    target = ids[3]
    # customers whose email holds the number: their orders match the search too, and
    # the list's order (newest first) would put them before it
    for n in range(3):
        bulk_orders(sa_session, make_customer(email=f"c{target}x{n}@example.com"), 1)
    sa_queries.statements.clear()
    html = sa_staff_client.get(LIST, {"q": str(target)}).content.decode()
    found = order_ids(html)
    assert found[0] == target
    assert sorted(found) == sorted(set(found))  # once each
    assert len(found) == 4  # it and the three others
    assert len(sa_queries) == 3  # the page's ids, the exact match, the rows
    # "#12" too, and a filter that excludes it leaves it out
    assert order_ids(sa_staff_client.get(LIST, {"q": f"#{target}"}).content.decode()) == [target]
    paid = sa_staff_client.get(LIST, {"q": str(target), "status": "paid"}).content.decode()
    assert order_ids(paid) == []


def test_a_word_that_is_no_number_costs_no_query_more(
    sa_staff_client, sa_session, sa_queries, make_customer
):
    bulk_orders(sa_session, make_customer(name="Ada"), 3)
    sa_queries.statements.clear()
    sa_staff_client.get(LIST, {"q": "ada"})
    assert len(sa_queries) == 2


def test_page_size_and_jump_to_a_page(sa_staff_client, sa_session, make_customer):
    ids = bulk_orders(sa_session, make_customer(), 130)
    html = sa_staff_client.get(LIST, {"status": "pending", "o": "date"}).content.decode()
    form = html[html.index('<form method="get" class="paging-form"') :]
    form = form[: form.index("</form>")]
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form))
    assert hidden == {"status": "pending", "o": "date"}  # the list's state travels along
    sizes = re.findall(r'<option value="(\d+)"( selected)?>', form)
    assert sizes == [("25", " selected"), ("50", ""), ("100", "")]  # up to list_max_per_page
    assert 'name="p" id="list-page" min="1" max="6" value="1"' in form
    assert "of 6" in form
    page = sa_staff_client.get(LIST, {"status": "pending", "o": "date", "per_page": "50", "p": "3"})
    assert order_ids(page.content.decode()) == ids[100:130]
    query = dict(
        parse_qsl(unescape(re.search(r'href="\?([^"]+)" rel="prev"', page.content.decode())[1]))
    )
    assert query["per_page"] == "50"


def test_the_select_all_box_is_for_the_script(sa_staff_client, sa_session, make_customer):
    bulk_orders(sa_session, make_customer(), 2)
    html = sa_staff_client.get(LIST).content.decode()
    assert 'data-sa-select-all hidden aria-label="Select every row on this page"' in html
    assert "data-sa-selected-count" in html
    assert 'src="/static/sa_orders/list.js"' in html
    assert finders.find("sa_orders/list.js")
