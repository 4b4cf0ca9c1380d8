"""Order entry in a browser, wide and narrow: rows added and removed in the page, the
totals as typed, lines kept in the order they were typed; and the category tree."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from sa_orders.db.session import session_scope
from sa_orders.models import Category, Customer, Item, Order

WIDTHS = [1280, 390]


def seed() -> None:
    with session_scope() as session:
        # created in this order, so that their ids are not the order they are typed in
        for sku, name, price in [
            ("SEEDS", "Tomato seeds", "3.95"),
            ("HOSE", "Garden hose", "39.00"),
            ("CAN", "Watering can", "16.90"),
            ("GLOVES", "Garden gloves", "12.50"),
            ("TWINE", "Garden twine", "2.50"),
        ]:
            session.add(Item(sku=sku, name=name, price=Decimal(price)))
        session.add(Customer(name="Newcomer Testshop", email="shop@example.com"))


def no_sideways_scroll(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], width


@pytest.mark.parametrize("width", WIDTHS)
def test_enter_an_order_line_by_line(logged_in: Page, site: str, screenshot, width: int) -> None:
    seed()
    page = logged_in
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{site}/orders/orders/add/")
    page.fill("#id_customer", "Newcomer Testshop")  # found by name when saved
    live_total = page.locator("[data-sa-live-total]")
    expect(live_total).to_have_text("0.00")

    typed = [("TWINE", "4"), ("HOSE", "1"), ("CAN", "2")]
    for index, (sku, quantity) in enumerate(typed):
        page.fill(f"#id_lines-{index}-item", sku)
        page.locator(f"#id_lines-{index}-item").dispatch_event("change")
        page.fill(f"#id_lines-{index}-quantity", quantity)
    expect(live_total).to_have_text("82.80")  # 4 × 2.50 + 39.00 + 2 × 16.90

    # a fourth and a fifth row without saving; the fifth is taken away again
    add = page.get_by_role("button", name="Add a line")
    add.click()
    expect(page.locator("#id_lines-3-item")).to_be_focused()
    page.fill("#id_lines-3-item", "garden gloves")  # a name, priced from its one match
    page.locator("#id_lines-3-item").dispatch_event("change")
    page.fill("#id_lines-3-quantity", "2")
    add.click()
    page.fill("#id_lines-4-item", "SEEDS")
    page.locator("#id_lines-4-item").dispatch_event("change")
    page.fill("#id_lines-4-quantity", "10")
    expect(live_total).to_have_text("147.30")  # + 2 × 12.50 + 10 × 3.95
    page.get_by_role("button", name="Remove new line 5").click()
    expect(live_total).to_have_text("107.80")
    page.fill("#id_discount_amount", "7.80")
    expect(live_total).to_have_text("100.00")
    expect(page.locator("#id_lines-TOTAL_FORMS")).to_have_value("5")
    no_sideways_scroll(page)
    screenshot(f"order-entry-{width}")

    # saved from the keyboard: headless Chromium's datalist suggestions, drawn on top of
    # the page, can take a pointer click meant for the button
    page.locator("button[name=_continue]").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("was added")
    order_id = int(re.search(r"/orders/orders/(\d+)/edit/", page.url).group(1))
    # the lines in the order they were typed, not by item
    items = page.locator("tr.line--existing td:first-child")
    expect(items).to_have_count(4)
    assert [text.split()[0] for text in items.all_inner_texts()] == [
        "TWINE",
        "HOSE",
        "CAN",
        "GLOVES",
    ]
    with session_scope() as session:
        order = session.get(Order, order_id)
        assert order.total_amount == Decimal("100.00")  # the server's, the same
        assert order.customer.email == "shop@example.com"
    expect(page.locator("tr.total:not([data-sa-live]) td.numeric")).to_have_text("100.00")
    no_sideways_scroll(page)


def test_the_lines_work_without_javascript(browser, site: str, staff) -> None:
    from tests.browser.conftest import PASSWORD

    seed()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site}/orders/orders/add/")
    page.fill("#id_username", staff.get_username())
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/orders/orders/add/"))
    expect(page.get_by_role("button", name="Add a line")).to_be_hidden()
    expect(page.locator("[data-sa-live]").first).to_be_hidden()
    expect(page.locator("[data-sa-no-script]")).to_be_visible()
    page.fill("#id_customer", "shop@example.com")
    page.fill("#id_lines-0-item", "CAN")
    page.fill("#id_lines-0-quantity", "1")
    page.locator("button[name=_continue]").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("was added")
    expect(page.locator("tr.line--existing")).to_have_count(1)
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_category_tree(logged_in: Page, site: str, screenshot, width: int) -> None:
    with session_scope() as session:
        garden = Category(name="Garden")
        seeds = Category(name="Seeds", parent=garden)
        session.add_all([garden, seeds, Category(name="Tomato", parent=seeds)])
        session.add(Category(name="Kitchen"))
    page = logged_in
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{site}/orders/categories/")
    names = page.locator("th.tree-node a")
    expect(names).to_have_text(["Garden", "Seeds", "Tomato", "Kitchen"])
    no_sideways_scroll(page)
    screenshot(f"category-tree-{width}")

    page.get_by_role("link", name="Seeds").click()
    page.get_by_role("link", name="Delete").click()
    expect(page.locator("main")).to_contain_text("Subcategories, moved into “Garden”: 1")
    page.get_by_role("button", name="Yes, delete").click()
    expect(page.locator(".messages")).to_contain_text("was deleted")
    expect(page.locator("th.tree-node a")).to_have_text(["Garden", "Tomato", "Kitchen"])
    with session_scope() as session:
        tomato = session.scalars(select(Category).where(Category.name == "Tomato")).one()
        assert tomato.parent.name == "Garden"
