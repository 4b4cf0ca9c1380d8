"""Many people saving the same row at once: one save, conflict pages for the others, and
the database holds what the one who was told "saved" sent. On the servers that take
concurrent writers (SQLite's in-memory test database takes one writer at a time)."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import close_old_connections
from sqlalchemy import select

from sa_orders.db.session import session_scope
from sa_orders.models import Category, Item
from tests.helpers import admin_url, form_data

CLIENTS = 8

pytestmark = [
    pytest.mark.backends("postgresql", "mysql"),
    pytest.mark.django_db(transaction=True),
]


def test_concurrent_saves_of_an_items_categories(sa_users):
    sa_users.create("catalog-keeper", superuser=True)
    with session_scope() as session:
        categories = [Category(name=f"Shelf {n}") for n in range(CLIENTS + 1)]
        item = Item(sku="HOSE", name="Hose", price="19.99", categories=categories[:1])
        session.add_all([*categories, item])
        session.flush()
        ids = [category.id for category in categories]
        edit = admin_url("item_edit", item)
        item_id = item.id
    clients = [sa_users.client("catalog-keeper") for _ in range(CLIENTS)]
    forms = [form_data(client.get(edit).content.decode()) for client in clients]
    for number, data in enumerate(forms):  # each wants another set, none the one stored
        data.setlist("categories", [str(pk) for pk in ids[: number + 2]])

    def save(number):
        try:
            response = clients[number].post(
                edit, forms[number].urlencode(), content_type="application/x-www-form-urlencoded"
            )
            return number, response.status_code
        finally:
            close_old_connections()

    with ThreadPoolExecutor(CLIENTS) as pool:
        results = dict(pool.map(save, range(CLIENTS)))

    saved = [number for number, status in results.items() if status == 302]
    assert len(saved) == 1, results
    assert sorted(results.values()) == [302] + [409] * (CLIENTS - 1)
    with session_scope() as session:
        stored = session.scalars(
            select(Category.id).where(Category.items.any(Item.id == item_id)).order_by(Category.id)
        ).all()
        version = session.scalar(select(Item.version).where(Item.id == item_id))
    assert stored == ids[: saved[0] + 2]  # what the one told "saved" sent
    assert version == 2
