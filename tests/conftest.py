from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from itertools import count
from typing import Any

import pytest
from django.db import connections
from django.test import override_settings

from sa_orders.models import Category, Customer, Item

pytest_plugins = ["sa_orders.testing"]


def vendor() -> str:
    """The vendor of the database this run tests: sqlite, postgresql or mysql."""
    return connections["default"].vendor


def pytest_report_header(config: pytest.Config) -> str:
    settings = connections["default"].settings_dict
    where = settings["NAME"] if vendor() == "sqlite" else f"{settings['HOST']}/{settings['NAME']}"
    return f"sa_orders tests on {vendor()} ({where})"


@pytest.fixture(autouse=True)
def _only_on_backends(request: pytest.FixtureRequest) -> None:
    marker = request.node.get_closest_marker("backends")
    if marker is not None and vendor() not in marker.args:
        pytest.skip(f"{'/'.join(marker.args)} only; this run is on {vendor()}")


_numbers = count(1)


@pytest.fixture
def make_customer(sa_session: Any) -> Callable[..., Customer]:
    def make(**fields: Any) -> Customer:
        number = next(_numbers)
        fields.setdefault("name", f"Customer {number}")
        fields.setdefault("email", f"customer{number}@example.com")
        customer = Customer(**fields)
        sa_session.add(customer)
        sa_session.flush()
        return customer

    return make


@pytest.fixture
def make_item(sa_session: Any) -> Callable[..., Item]:
    def make(**fields: Any) -> Item:
        number = next(_numbers)
        fields.setdefault("sku", f"SKU-{number}")
        fields.setdefault("name", f"Item {number}")
        fields.setdefault("price", Decimal("10.00"))
        item = Item(**fields)
        sa_session.add(item)
        sa_session.flush()
        return item

    return make


@pytest.fixture
def make_category(sa_session: Any) -> Callable[..., Category]:
    def make(name: str, parent: Category | None = None) -> Category:
        category = Category(name=name, parent=parent)
        sa_session.add(category)
        sa_session.flush()
        return category

    return make


@pytest.fixture
def unreachable(django_db_blocker):
    """A database alias of this run's vendor that nobody answers on, for one test (not a
    django_db test: pytest-django would try to create a test database for it)."""
    config = dict(connections["default"].settings_dict)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["NAME"] = "/nonexistent/sa_orders/unreachable.sqlite3"
    else:
        config.update(HOST="127.0.0.1", PORT=9)  # the discard port: connection refused
    connections.settings["unreachable"] = config
    try:
        with django_db_blocker.unblock():
            yield "unreachable"
    finally:
        connections["unreachable"].close()
        del connections["unreachable"]
        del connections.settings["unreachable"]


@pytest.fixture
def sa_orders_unreachable(unreachable):
    """sa_orders' tables on a database nobody answers on; Django's own stay reachable."""
    with override_settings(SA_ORDERS={"DATABASE": unreachable}):
        yield unreachable
