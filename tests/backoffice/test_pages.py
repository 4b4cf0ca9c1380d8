"""Every page of the customer and item admin, as a staff user sees it, with its query count."""

from decimal import Decimal

import pytest

from sa_orders import services
from tests.helpers import admin_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop(sa_session, make_customer, make_item, make_category):
    garden = make_category("Garden")
    seeds = make_category("Seeds", parent=garden)
    tomato = make_item(
        sku="SEED-TOM", name="Tomato seeds", price=Decimal("3.95"), categories=[seeds]
    )
    hose = make_item(sku="HOSE-25", name="Garden hose", price=Decimal("39.00"), categories=[garden])
    ada = make_customer(name="Ada Lovelace", email="ada@example.com", phone="+44 1")
    grace = make_customer(name="Grace Hopper", email="grace@example.com")
    services.create_order(sa_session, ada, [(tomato, 2), (hose, 1)])
    services.create_order(sa_session, ada, [(tomato, 1)])
    sa_session.flush()
    return {"ada": ada, "grace": grace, "tomato": tomato, "hose": hose, "garden": garden}


def get(client, sa_queries, path, expected_queries):
    sa_queries.statements.clear()
    response = client.get(path)
    assert response.status_code == 200, response.content[:2000]
    assert len(sa_queries) == expected_queries, sa_queries.statements
    return response.content.decode()


def test_index_links_every_model(sa_staff_client, sa_queries, shop):
    sa_staff_client.get(admin_url("index"))  # the day's first view moves the recent window
    # the counts, then the widgets: revenue, the window, top customers (2), statuses
    html = get(sa_staff_client, sa_queries, admin_url("index"), 6)
    assert f'href="{admin_url("customer_list")}"' in html
    assert f'href="{admin_url("item_list")}"' in html
    assert '<p class="stat-card__count" data-count="customer">2</p>' in html
    assert '<p class="stat-card__count" data-count="item">2</p>' in html


def test_customer_list(sa_staff_client, sa_queries, shop):
    html = get(sa_staff_client, sa_queries, admin_url("customer_list"), 2)
    assert html.index("Ada Lovelace") < html.index("Grace Hopper")  # ordered by name
    assert f'<a href="{admin_url("customer_detail", shop["ada"])}">Ada Lovelace</a>' in html
    assert "2 customers" in html
    assert 'aria-sort="ascending"' in html
    # the computed order count column
    assert '<td class="numeric">2</td>' in html
    assert '<td class="numeric">0</td>' in html


def test_item_list(sa_staff_client, sa_queries, shop):
    html = get(sa_staff_client, sa_queries, admin_url("item_list"), 4)
    assert html.index("HOSE-25") < html.index("SEED-TOM")
    assert "Garden / Seeds" in html  # the category filter's choices show paths
    assert "<td>Seeds</td>" in html  # the item's categories, by name
    assert '<td class="numeric">39.00</td>' in html


def test_customer_detail_shows_recent_orders(sa_staff_client, sa_queries, shop):
    html = get(sa_staff_client, sa_queries, admin_url("customer_detail", shop["ada"]), 2)
    assert "ada@example.com" in html
    assert "2 orders in all" in html
    assert html.count('<th scope="row"><a href="/orders/orders/') == 2  # each links to its order
    assert admin_url("customer_edit", shop["ada"]) in html
    assert admin_url("customer_delete", shop["ada"]) in html


def test_item_detail_shows_categories_with_paths(sa_staff_client, sa_queries, shop):
    html = get(sa_staff_client, sa_queries, admin_url("item_detail", shop["tomato"]), 3)
    assert "<li>Garden/Seeds</li>" in html
    assert "On 2 order lines, 3 units in all." in html


@pytest.mark.parametrize(
    ("view", "model", "queries"),
    [("customer_edit", "ada", 1), ("item_edit", "tomato", 3)],
)
def test_edit_pages(sa_staff_client, sa_queries, shop, view, model, queries):
    html = get(sa_staff_client, sa_queries, admin_url(view, shop[model]), queries)
    assert 'type="hidden" name="version" value="1"' in html
    assert html.index('<form method="post" class="edit-form"') < html.index("</main>")


def test_the_item_form_picks_categories(sa_staff_client, sa_queries, shop):
    html = get(sa_staff_client, sa_queries, admin_url("item_edit", shop["tomato"]), 3)
    assert 'type="checkbox" name="categories"' in html
    assert "Garden/Seeds" in html
    seeds_id = shop["tomato"].categories[0].id
    assert f'value="{seeds_id}" id="id_categories_' in html
    assert html.count("checked") == 2  # active and its one category


@pytest.mark.parametrize(("view", "queries"), [("customer_add", 0), ("item_add", 1)])
def test_add_pages(sa_staff_client, sa_queries, shop, view, queries):
    html = get(sa_staff_client, sa_queries, admin_url(view), queries)
    assert 'name="version"' not in html
    assert "Save and add another" in html


def test_customer_delete_page_lists_what_goes_with_it(sa_staff_client, shop):
    response = sa_staff_client.get(admin_url("customer_delete", shop["ada"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<strong>Orders: 2</strong>" in html
    assert "<strong>Order lines: 3</strong>" in html
    assert "Yes, delete" in html


def test_item_delete_page_says_what_blocks_it(sa_staff_client, shop):
    response = sa_staff_client.get(admin_url("item_delete", shop["tomato"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "cannot be deleted" in html
    assert "<strong>Order lines: 2</strong>" in html
    assert "2 × SEED-TOM Tomato seeds on order" in html
    assert 'name="_deactivate"' in html
    assert "Yes, delete" not in html


def test_list_queries_do_not_grow_with_the_page_size(sa_staff_client, sa_queries, make_customer):
    for number in range(30):
        make_customer(name=f"Customer {number:02}")
    small = get(sa_staff_client, sa_queries, admin_url("customer_list") + "?per_page=2", 2)
    large = get(sa_staff_client, sa_queries, admin_url("customer_list") + "?per_page=100", 2)
    assert small.count("<tr>") == 3  # header + 2
    assert large.count("<tr>") == 31


def first_form_in_main(html):
    main = html[html.index("<main") : html.index("</main>")]
    start = main.find("<form")
    return main[start : main.index(">", start) + 1] if start >= 0 else None


@pytest.mark.parametrize(
    ("view", "model", "form_class"),
    [
        ("customer_list", None, "list-tools"),
        ("item_list", None, "list-tools"),
        ("customer_add", None, "edit-form"),
        ("customer_edit", "ada", "edit-form"),
        ("item_edit", "tomato", "edit-form"),
        ("customer_delete", "ada", "confirm-form"),
        ("item_delete", "tomato", "confirm-form"),  # blocked: the deactivate form
    ],
)
def test_the_pages_main_form_comes_first_in_the_main_content(
    sa_staff_client, shop, view, model, form_class
):
    html = sa_staff_client.get(admin_url(view, shop[model] if model else None)).content.decode()
    assert f'class="{form_class}"' in first_form_in_main(html)


def test_detail_pages_have_no_form_before_their_content(sa_staff_client, shop):
    html = sa_staff_client.get(admin_url("customer_detail", shop["ada"])).content.decode()
    assert first_form_in_main(html) is None


def test_the_host_models_pages_have_fixed_query_counts(sa_staff_client, sa_queries, sa_session):
    from tests.hostapp.models import Supplier

    acme = Supplier(name="Acme", country="US")
    sa_session.add(acme)
    sa_session.flush()
    get(sa_staff_client, sa_queries, admin_url("supplier_list"), 2)
    get(sa_staff_client, sa_queries, admin_url("supplier_detail", acme), 1)
    get(sa_staff_client, sa_queries, admin_url("supplier_edit", acme), 1)
