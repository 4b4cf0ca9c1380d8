"""Every page usable at 360 pixels wide (the narrowest phones in use): nothing makes the page itself scroll sideways (a
table may scroll inside its own box), and the order form's lines stack."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page
from sqlalchemy import func, select

from sa_orders.db.session import session_scope
from sa_orders.models import Category, Order
from tests.browser.test_pages_in_a_browser import seed_catalog, seed_orders

# pages, not data: one backend is enough (the suite stays within its time)
pytestmark = pytest.mark.backends("sqlite")

PAGES = [
    "/orders/",
    "/orders/orders/",
    "/orders/orders/add/",
    "/orders/customers/",
    "/orders/customers/add/",
    "/orders/items/",
    "/orders/items/add/",
    "/orders/categories/",
    "/orders/categories/add/",
    "/orders/history/",
]


@pytest.fixture
def phone(logged_in: Page) -> Page:
    logged_in.set_viewport_size({"width": 360, "height": 800})
    return logged_in


def overflow(page: Page) -> int:
    """How far the page reaches beyond the window, in CSS pixels."""
    return int(page.evaluate("document.documentElement.scrollWidth - window.innerWidth"))


def test_no_page_scrolls_sideways(phone: Page, site: str, screenshot) -> None:
    seed_catalog()
    seed_orders(30)
    with session_scope() as session:
        order = session.scalar(select(func.min(Order.id)))
        garden = Category(name="Garden with a rather long name for a phone")
        session.add_all([garden, Category(name="Seeds", parent=garden)])
    wide = {}
    for path in [*PAGES, f"/orders/orders/{order}/", f"/orders/orders/{order}/edit/"]:
        phone.goto(f"{site}{path}")
        if overflow(phone) > 0:
            wide[path] = overflow(phone)
            screenshot("narrow" + path.replace("/", "-").rstrip("-"))
    assert wide == {}


def test_the_order_forms_lines_stack(phone: Page, site: str, screenshot) -> None:
    seed_catalog()
    phone.goto(f"{site}/orders/orders/add/")
    item = phone.locator("#id_lines-0-item")
    quantity = phone.locator("#id_lines-0-quantity")
    assert item.bounding_box()["width"] >= 200  # typeable, not 70 px
    assert quantity.bounding_box()["width"] >= 80
    screenshot("narrow-order-form")


def test_the_chart_keeps_readable_labels_in_its_own_box(phone: Page, site: str) -> None:
    seed_orders(5)
    phone.goto(f"{site}/orders/")
    label = phone.locator(".chart .axis__label").first
    assert label.bounding_box()["height"] >= 10  # not shrunk with the page
    assert overflow(phone) == 0  # the chart scrolls, the page does not
