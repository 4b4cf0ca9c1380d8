"""List pages: search, ordering, filters and pagination; unknown values are ignored."""

import re
from decimal import Decimal
from urllib.parse import quote_plus

import pytest
from django.urls import reverse

from sa_orders import services

pytestmark = pytest.mark.django_db

CUSTOMERS = reverse("sa_orders:customer_list")
ITEMS = reverse("sa_orders:item_list")


def names(client, path, params=None):
    """The first column of every row of a list page, in order."""
    response = client.get(path, params or {})
    assert response.status_code == 200
    return re.findall(
        r'<th scope="row"[^>]*><a href="[^"]+">([^<]+)</a>', response.content.decode()
    )


@pytest.fixture
def people(make_customer):
    made = {}
    for name, email in [
        ("Ada Lovelace", "ada@example.com"),
        ("Alan Turing", "alan@example.com"),
        ("Grace Hopper", "grace@navy.example"),
        ("Percent 100% Sure", "percent@example.com"),
        ("Under_Score", "under@example.com"),
        ("Müller Straße", "mueller@example.com"),
    ]:
        made[name] = make_customer(name=name, email=email)
    return made


# --- search -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ada", ["Ada Lovelace"]),
        ("ADA", ["Ada Lovelace"]),  # case-insensitive
        ("al example.com", ["Alan Turing"]),  # words ANDed, each in any field
        ("navy", ["Grace Hopper"]),  # across fields (email)
        ("lovelace turing", []),  # every word must match
        ('"Ada Love"', ["Ada Lovelace"]),  # a quoted phrase is one word
        ("100%", ["Percent 100% Sure"]),
        ("%", ["Percent 100% Sure"]),  # % is literal, not a wildcard
        ("_", ["Under_Score"]),  # so is _
        ("müller", ["Müller Straße"]),
        ("MÜLLER", ["Müller Straße"]),  # Unicode case folding, on SQLite too
        ("", ["Ada Lovelace", "Alan Turing", "Grace Hopper", "Müller Straße",
              "Percent 100% Sure", "Under_Score"]),
    ],
)  # fmt: skip
def test_search(sa_staff_client, people, query, expected):
    assert names(sa_staff_client, CUSTOMERS, {"q": query}) == expected


def test_search_keeps_what_was_typed_escaped(sa_staff_client, people):
    html = sa_staff_client.get(CUSTOMERS, {"q": '<script>alert("x")</script>'}).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_a_very_long_search_is_cut_not_refused(sa_staff_client, people):
    assert names(sa_staff_client, CUSTOMERS, {"q": "ada " + "x" * 5000}) == []
    assert names(sa_staff_client, CUSTOMERS, {"q": "ada" + " " * 5000}) == ["Ada Lovelace"]


# --- ordering -----------------------------------------------------------------------


def test_ordering_by_one_column_both_ways(sa_staff_client, people):
    ascending = names(sa_staff_client, CUSTOMERS, {"o": "email"})
    assert ascending[0] == "Ada Lovelace"
    assert names(sa_staff_client, CUSTOMERS, {"o": "-email"}) == ascending[::-1]


def test_ordering_by_several_columns_is_stable(sa_staff_client, make_customer):
    for name, email in [
        ("Same", "b@example.com"),
        ("Same", "a@example.com"),
        ("Other", "c@example.com"),
    ]:
        make_customer(name=name, email=email)
    response = sa_staff_client.get(CUSTOMERS, {"o": "name,-email"})
    emails = re.findall(r"<td>([abc]@example\.com)</td>", response.content.decode())
    assert emails == ["c@example.com", "b@example.com", "a@example.com"]
    response = sa_staff_client.get(CUSTOMERS, {"o": "name,email"})
    emails = re.findall(r"<td>([abc]@example\.com)</td>", response.content.decode())
    assert emails == ["c@example.com", "a@example.com", "b@example.com"]


def test_ties_are_broken_by_the_primary_key(sa_staff_client, make_customer):
    made = [make_customer(name="Twin", email=f"twin{n}@example.com") for n in range(5)]
    html = sa_staff_client.get(CUSTOMERS, {"o": "name"}).content.decode()
    links = re.findall(r'<th scope="row"[^>]*><a href="/orders/customers/(\d+)/">', html)
    assert [int(pk) for pk in links] == [customer.id for customer in made]


def test_ordering_by_a_computed_column(sa_staff_client, sa_session, make_customer, make_item):
    item = make_item()
    busy = make_customer(name="Busy")
    make_customer(name="Idle")
    for _ in range(3):
        services.create_order(sa_session, busy, [(item, 1)])
    sa_session.flush()
    assert names(sa_staff_client, CUSTOMERS, {"o": "-orders"}) == ["Busy", "Idle"]
    assert names(sa_staff_client, CUSTOMERS, {"o": "orders"}) == ["Idle", "Busy"]


def test_nulls_sort_last_on_every_backend(sa_staff_client, make_customer):
    make_customer(name="No phone", phone=None)
    make_customer(name="Phone", phone="+1 555 0100")
    assert names(sa_staff_client, CUSTOMERS, {"o": "phone"}) == ["Phone", "No phone"]


@pytest.mark.parametrize(
    "ordering",
    ["bogus", "name;DROP TABLE sa_orders_customer", "-", ",,,", "id", "__class__", "-email,bogus"],
)
def test_unknown_sort_keys_are_ignored(sa_staff_client, people, ordering):
    result = names(sa_staff_client, CUSTOMERS, {"o": ordering})
    assert len(result) == 6
    if ordering == "-email,bogus":
        assert result == names(sa_staff_client, CUSTOMERS, {"o": "-email"})
    else:
        assert result == names(sa_staff_client, CUSTOMERS)  # the default: by name


def test_the_sort_links_make_a_column_first_and_flip_it(sa_staff_client, people):
    html = sa_staff_client.get(CUSTOMERS, {"o": "email"}).content.decode()
    assert 'href="?o=-email%2Cname"' not in html
    assert 'href="?o=-email"' in html  # flip the primary key
    assert 'href="?o=name%2Cemail"' in html  # make name first, keep email


# --- filters ------------------------------------------------------------------------


@pytest.fixture
def catalog(make_item, make_category):
    garden = make_category("Garden")
    seeds = make_category("Seeds", parent=garden)
    kitchen = make_category("Kitchen")
    return {
        "garden": garden,
        "seeds": seeds,
        "kitchen": kitchen,
        "items": [
            make_item(sku="TOMATO", categories=[seeds]),
            make_item(sku="HOSE", categories=[garden]),
            make_item(sku="PAN", categories=[kitchen]),
            make_item(sku="OLD-HOSE", categories=[garden], active=False),
            make_item(sku="LOOSE"),
        ],
    }


def test_active_filter(sa_staff_client, catalog):
    assert names(sa_staff_client, ITEMS, {"active": "0"}) == ["OLD-HOSE"]
    assert "OLD-HOSE" not in names(sa_staff_client, ITEMS, {"active": "1"})


def test_category_filter_includes_subcategories(sa_staff_client, catalog):
    garden = str(catalog["garden"].id)
    assert names(sa_staff_client, ITEMS, {"category": garden}) == ["HOSE", "OLD-HOSE", "TOMATO"]
    seeds = str(catalog["seeds"].id)
    assert names(sa_staff_client, ITEMS, {"category": seeds}) == ["TOMATO"]
    both = {"category": garden, "active": "1", "q": "o"}
    assert names(sa_staff_client, ITEMS, both) == ["HOSE", "TOMATO"]


def test_customers_with_or_without_orders(sa_staff_client, sa_session, people, make_item):
    services.create_order(sa_session, people["Grace Hopper"], [(make_item(), 1)])
    sa_session.flush()
    assert names(sa_staff_client, CUSTOMERS, {"has_orders": "yes"}) == ["Grace Hopper"]
    assert "Grace Hopper" not in names(sa_staff_client, CUSTOMERS, {"has_orders": "no"})


@pytest.mark.parametrize(
    "params",
    [
        {"category": "999999"},
        {"category": "abc"},
        {"category": "1 OR 1=1"},
        {"active": "maybe"},
        {"has_orders": "perhaps"},
        {"unknown_filter": "1"},
    ],
)
def test_unknown_filter_values_are_ignored(sa_staff_client, catalog, params):
    assert names(sa_staff_client, ITEMS, params) == names(sa_staff_client, ITEMS)


def test_the_filter_form_keeps_its_selection_and_the_ordering(sa_staff_client, catalog):
    garden = catalog["garden"].id
    html = sa_staff_client.get(ITEMS, {"category": garden, "o": "-sku"}).content.decode()
    assert f'<option value="{garden}" selected>Garden</option>' in html
    assert '<input type="hidden" name="o" value="-sku">' in html
    assert '<option value="' + str(catalog["seeds"].id) + '">Garden / Seeds</option>' in html


# --- pagination ---------------------------------------------------------------------


@pytest.fixture
def many_customers(make_customer):
    return [make_customer(name=f"Customer {n:03}") for n in range(1, 56)]


def test_pages(sa_staff_client, many_customers):
    first = names(sa_staff_client, CUSTOMERS)
    assert first == [f"Customer {n:03}" for n in range(1, 26)]
    third = names(sa_staff_client, CUSTOMERS, {"p": "3"})
    assert third == [f"Customer {n:03}" for n in range(51, 56)]
    html = sa_staff_client.get(CUSTOMERS, {"p": "2"}).content.decode()
    assert "55 customers" in html
    # next by keyset: after the page's last row (its name, then its id)
    last = many_customers[49]
    after = quote_plus(f'["{last.name}",{last.id}]', safe="")
    assert f'href="?after={after}&amp;p=3" rel="next"' in html
    assert 'href="?p=1" rel="prev"' in html
    assert '<a href="?p=2" aria-current="page">2</a>' in html
    assert '<a href="?end=1&amp;p=3">3</a>' in html  # the last page, read from the end


def test_page_size_is_capped(sa_staff_client, many_customers, make_customer):
    for n in range(56, 120):
        make_customer(name=f"Customer {n:03}")
    assert len(names(sa_staff_client, CUSTOMERS, {"per_page": "10"})) == 10
    assert len(names(sa_staff_client, CUSTOMERS, {"per_page": "100000"})) == 100  # the cap


@pytest.mark.parametrize(
    ("params", "first"),
    [
        ({"p": "0"}, "Customer 001"),
        ({"p": "-3"}, "Customer 001"),
        ({"p": "abc"}, "Customer 001"),
        ({"p": "99999999999999999999999"}, "Customer 051"),  # beyond the end: the last page
        ({"per_page": "0"}, "Customer 001"),
        ({"per_page": "x"}, "Customer 001"),
    ],
)
def test_bad_page_values_fall_back(sa_staff_client, many_customers, params, first):
    assert names(sa_staff_client, CUSTOMERS, params)[0] == first


def test_counts_are_capped(sa_staff_client, many_customers, settings, monkeypatch):
    from sa_orders.backoffice.customers import CustomerAdmin

    monkeypatch.setattr(CustomerAdmin, "list_count_cap", 30)
    html = sa_staff_client.get(CUSTOMERS).content.decode()
    assert "30+ customers" in html
    assert 'rel="next"' in html
    last = names(sa_staff_client, CUSTOMERS, {"p": "3"})
    assert last == [f"Customer {n:03}" for n in range(51, 56)]  # pages beyond the cap work
    assert names(sa_staff_client, CUSTOMERS, {"p": "9"}) == []


def test_an_empty_result(sa_staff_client, people):
    html = sa_staff_client.get(CUSTOMERS, {"q": "nobody-has-this"}).content.decode()
    assert "0 customers" in html
    assert "Nothing matches." in html


def test_money_is_shown_with_two_decimals(sa_staff_client, make_item):
    make_item(sku="PRICY", price=Decimal("12345.50"))
    html = sa_staff_client.get(ITEMS).content.decode()
    assert '<td class="numeric">12,345.50</td>' in html
