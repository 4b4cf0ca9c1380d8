"""axe-core finds no violation on any page, with the pages' scripts and without them (the
pages must work without), at 1280 pixels wide, and with them at 390."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page
from sqlalchemy import func, select

from sa_orders.db.session import session_scope
from sa_orders.models import Category, Customer, Item, Order
from tests.browser.conftest import PASSWORD
from tests.browser.test_pages_in_a_browser import seed_catalog, seed_orders

# pages, not data: one backend is enough (the suite stays within its time)
pytestmark = pytest.mark.backends("sqlite")

AXE = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        message = f"no axe-core at {AXE}: run scripts/bootstrap dev"
        if os.environ.get("SA_ORDERS_TEST_REQUIRE_ALL") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return AXE.read_text()


def pages() -> list[str]:
    with session_scope() as session:
        order = session.scalar(select(func.min(Order.id)))
        customer = session.scalar(select(func.min(Customer.id)))
        item = session.scalar(select(func.min(Item.id)))
        category = session.scalar(select(func.min(Category.id)))
    return [
        "/orders/",
        "/orders/orders/",
        f"/orders/orders/{order}/",
        f"/orders/orders/{order}/edit/",
        f"/orders/orders/{order}/history/",
        "/orders/orders/add/",
        "/orders/orders/import/",
        "/orders/customers/",
        f"/orders/customers/{customer}/",
        f"/orders/customers/{customer}/delete/",
        "/orders/customers/add/",
        "/orders/items/",
        f"/orders/items/{item}/edit/",
        "/orders/items/add/",
        "/orders/categories/",
        "/orders/categories/add/",
        f"/orders/categories/{category}/",
        f"/orders/categories/{category}/edit/",
        f"/orders/categories/{category}/delete/",
        "/orders/history/",
        "/orders/login/",
    ]


def violations(page: Page, source: str) -> list[dict[str, Any]]:
    page.add_script_tag(content=source)
    found = page.evaluate("async () => (await axe.run(document)).violations")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in found
    ]


def log_in(page: Page, site: str, staff: Any) -> None:
    page.goto(f"{site}/orders/login/")
    page.fill("#id_username", staff.get_username())
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{site}/orders/")


@pytest.mark.parametrize(
    ("javascript", "width"),
    [(True, 1280), (False, 1280), (True, 390)],  # the scripts change nothing of the layout
    ids=["with-js", "without-js", "with-js-at-390"],
)
def test_no_page_has_an_accessibility_violation(
    browser: Browser, site: str, staff: Any, axe_source: str, javascript: bool, width: int
) -> None:
    seed_catalog()
    seed_orders(8)
    with session_scope() as session:  # a small tree, with an item filed under it
        garden = Category(name="Garden")
        session.add_all([garden, Category(name="Seeds", parent=garden)])
        session.scalars(select(Item)).first().categories = [garden]
    # bypass_csp: the pages' Content-Security-Policy runs no inline script, axe included
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    try:
        page = context.new_page()
        log_in(page, site, staff)
        if not javascript:
            # the pages as they are without a script: none of theirs runs (axe, injected
            # by the test, still does)
            context.route("**/*.js", lambda route: route.abort())
        found = {}
        for path in pages():
            page.goto(f"{site}{path}")
            problems = violations(page, axe_source)
            if problems:
                found[path] = problems
        assert found == {}, json.dumps(found, indent=1)
    finally:
        context.close()
