"""The category pages: the tree as a list, a parent chosen from the tree (no cycles),
and deleting with a confirmation that says where subcategories and items go."""

import re

import pytest
from django.contrib.auth.models import Permission
from sqlalchemy import select

from sa_orders.models import Category, Item

pytestmark = pytest.mark.django_db

LIST = "/orders/categories/"


@pytest.fixture
def tree(make_category, make_item, sa_session):
    garden = make_category("Garden")
    seeds = make_category("Seeds", garden)
    tomato = make_category("Tomato", seeds)
    tools = make_category("Garden Tools")
    kitchen = make_category("kitchen")
    hose = make_item(sku="HOSE", name="Garden hose")
    packet = make_item(sku="PACKET", name="Seed packet")
    hose.categories = [garden]
    packet.categories = [garden, seeds]
    sa_session.flush()
    return {
        "garden": garden,
        "seeds": seeds,
        "tomato": tomato,
        "tools": tools,
        "kitchen": kitchen,
        "hose": hose,
        "packet": packet,
    }


def _rows(html):
    """(name, depth class, item count) of each row of the list's table."""
    found = re.findall(
        r'<th class="tree-node (tree-depth-\d)[^"]*" scope="row"><a [^>]*>([^<]+)</a></th>'
        r'<td class="numeric">([^<]*)</td>',
        html,
    )
    return [(name, depth, count) for depth, name, count in found]


def test_the_list_is_the_tree_indented_with_item_counts(sa_staff_client, tree):
    html = sa_staff_client.get(LIST).content.decode()
    assert _rows(html) == [
        ("Garden", "tree-depth-0", "2"),
        ("Seeds", "tree-depth-1", "1"),
        ("Tomato", "tree-depth-2", "0"),
        ("Garden Tools", "tree-depth-0", "0"),  # after Garden's subtree, not inside it
        ("kitchen", "tree-depth-0", "0"),  # siblings by name, whatever the case
    ]
    assert "5 categories" in html
    assert 'class="pagination"' not in html


def test_the_tree_costs_the_same_queries_whatever_its_size(
    sa_staff_client, sa_queries, make_category, tree
):
    sa_staff_client.get(LIST)  # the session's own first queries (permissions) out of the way
    sa_queries.statements.clear()
    sa_staff_client.get(LIST)
    small = len(sa_queries)
    for number in range(40):
        make_category(f"Shelf {number}", tree["tomato"] if number % 2 else None)
    sa_queries.statements.clear()
    html = sa_staff_client.get(LIST).content.decode()
    assert len(_rows(html)) == 45
    assert len(sa_queries) == small == 3  # the matching ids, the tree, the rows


def test_a_search_shows_the_matches_under_their_ancestors(sa_staff_client, tree):
    html = sa_staff_client.get(LIST, {"q": "tom"}).content.decode()
    assert [name for name, _depth, _count in _rows(html)] == ["Garden", "Seeds", "Tomato"]
    assert html.count("tree-context") == 2  # Garden and Seeds, shown for Tomato's sake
    assert "1 category" in html


def test_a_sorted_list_is_flat_and_leads_back_to_the_tree(sa_staff_client, tree):
    html = sa_staff_client.get(LIST, {"o": "-items"}).content.decode()
    assert "tree-node" not in html
    names = re.findall(r'<th scope="row"><a [^>]*>([^<]+)</a>', html)
    assert names[:2] == ["Garden", "Seeds"]
    assert 'class="tree-link"' in html


def test_the_parent_is_chosen_from_the_tree(sa_staff_client, tree):
    html = sa_staff_client.get(f"{LIST}add/").content.decode()
    select_html = html[
        html.index('name="parent"') : html.index("</select>", html.index('name="parent"'))
    ]
    labels = re.findall(r"<option value=\"\d*\"[^>]*>([^<]+)</option>", select_html)
    assert labels == [
        "---------",
        "Garden",
        "Garden/Seeds",
        "Garden/Seeds/Tomato",
        "Garden Tools",
        "kitchen",
    ]
    response = sa_staff_client.post(f"{LIST}add/", {"name": "Herbs", "parent": tree["seeds"].id})
    assert response.status_code == 302


def test_a_category_cannot_go_inside_its_own_subcategories(sa_staff_client, tree):
    garden = tree["garden"]
    for inside in (tree["tomato"], garden):
        response = sa_staff_client.post(
            f"{LIST}{garden.id}/edit/", {"name": "Garden", "parent": inside.id}
        )
        assert response.status_code == 400
        assert "cannot be placed inside itself or its subcategories" in response.content.decode()


def test_a_name_its_siblings_have_is_a_form_error(sa_staff_client, tree):
    response = sa_staff_client.post(f"{LIST}add/", {"name": "Seeds", "parent": tree["garden"].id})
    assert response.status_code == 400
    assert "Category with this name already exists" in response.content.decode()
    # the same name elsewhere in the tree is fine
    assert sa_staff_client.post(f"{LIST}add/", {"name": "Seeds"}).status_code == 302


def test_the_item_form_picks_categories_from_the_tree(sa_staff_client, tree):
    html = sa_staff_client.get(f"/orders/items/{tree['hose'].id}/edit/").content.decode()
    labels = re.findall(r'name="categories" value="\d+"[^>]*>\s*([^<]+?)\s*</label>', html)
    assert labels == ["Garden", "Garden/Seeds", "Garden/Seeds/Tomato", "Garden Tools", "kitchen"]


def test_the_detail_page_links_subcategories_and_items(sa_staff_client, tree):
    seeds = tree["seeds"]
    html = sa_staff_client.get(f"{LIST}{seeds.id}/").content.decode()
    assert f'<a href="{LIST}{tree["tomato"].id}/">Garden/Seeds/Tomato</a>' in html
    assert f'<a href="/orders/items/{tree["packet"].id}/">PACKET Seed packet</a>' in html
    assert f'href="/orders/items/?category={seeds.id}"' in html
    assert "1 item is filed under this category itself." in html


def test_the_delete_page_says_where_subcategories_and_items_go(sa_staff_client, sa_session, tree):
    seeds, tomato, packet = tree["seeds"], tree["tomato"], tree["packet"]
    version, seeds_id = packet.version, seeds.id
    html = sa_staff_client.get(f"{LIST}{seeds.id}/delete/").content.decode()
    assert "Subcategories, moved into “Garden”: 1" in html
    assert f'<a href="{LIST}{tomato.id}/">Garden/Seeds/Tomato</a>' in html
    assert "These rows stay, without their link to it:" in html
    assert "Items (they stay in the catalog): 1" in html
    assert f'<a href="/orders/items/{packet.id}/">PACKET Seed packet</a>' in html

    response = sa_staff_client.post(f"{LIST}{seeds.id}/delete/")
    assert response.status_code == 302
    sa_session.expire_all()
    assert sa_session.get(Category, seeds_id) is None
    assert sa_session.get(Category, tomato.id).parent_id == tree["garden"].id
    packet = sa_session.get(Item, packet.id)
    assert [c.name for c in packet.categories] == ["Garden"]
    assert packet.version == version + 1  # an open form of the item sees the change


def test_a_name_clash_where_subcategories_would_move_blocks_the_deletion(
    sa_staff_client, sa_session, make_category, tree
):
    make_category("Tomato", tree["garden"])  # Garden/Tomato: Seeds' Tomato cannot move up
    seeds = tree["seeds"]
    html = sa_staff_client.get(f"{LIST}{seeds.id}/delete/").content.decode()
    assert "cannot be deleted" in html
    assert "would meet a category of the same name" in html
    assert sa_staff_client.post(f"{LIST}{seeds.id}/delete/").status_code == 409
    sa_session.expire_all()
    assert sa_session.get(Category, seeds.id) is not None


def test_bulk_delete_moves_subcategories_up_past_the_deleted_ones(
    sa_staff_client, sa_session, tree
):
    picked = {"action": "delete_selected", "_selected": [tree["garden"].id, tree["seeds"].id]}
    html = sa_staff_client.post(LIST, picked).content.decode()
    assert "Subcategories, moved to the top level: 1" in html
    assert "These rows stay, without their link to them:" in html
    assert "These rows stay, and move:" in html
    assert "Items (they stay in the catalog): 2" in html
    response = sa_staff_client.post(LIST, {**picked, "confirm": "1"}, follow=True)
    assert "2 categories deleted." in response.content.decode()
    sa_session.expire_all()
    assert sa_session.get(Category, tree["tomato"].id).parent_id is None
    assert sa_session.scalars(select(Item.sku).order_by(Item.sku)).all() == ["HOSE", "PACKET"]


def test_categories_have_permissions_of_their_own():
    codenames = set(
        Permission.objects.filter(content_type__app_label="sa_orders").values_list(
            "codename", flat=True
        )
    )
    assert {"view_category", "add_category", "change_category", "delete_category"} <= codenames
