"""Every page used the way a person uses it: Chromium clicking through the live site."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from playwright.sync_api import Page, expect
from sqlalchemy import func, select

from sa_orders import services
from sa_orders.db.session import session_scope
from sa_orders.db.types import utcnow
from sa_orders.models import Customer, Item, Order, OrderStatus


def seed_catalog() -> None:
    """An item and a customer that exist before the browser arrives."""
    with session_scope() as session:
        session.add(Item(sku="TOMATO-SEEDS", name="Tomato seeds", price=Decimal("3.95")))
        session.add(Customer(name="Existing Buyer", email="buyer@example.com"))


def order_total(order_id: int) -> Decimal:
    with session_scope() as session:
        return session.scalar(select(Order.total_amount).where(Order.id == order_id))


def suggest(page: Page, field: str, typed: str, wanted: str) -> None:
    """Type into a lookup field, wait for the autocomplete's suggestion, and take it."""
    field_input = page.locator(f"#{field}")
    field_input.fill("")
    field_input.press_sequentially(typed, delay=30)
    option = page.locator(f"#{field}-options option[value='{wanted}']")
    expect(option).to_have_count(1)  # filled by autocomplete.js from the JSON endpoint
    field_input.fill(option.get_attribute("value"))


def test_log_in_and_see_the_dashboard(logged_in: Page, screenshot) -> None:
    page = logged_in
    expect(page.locator("h1")).to_have_text("Dashboard")
    expect(page.locator("circle.chart-point")).to_have_count(90)
    expect(page.locator("svg.chart__svg title").first).to_contain_text("Revenue per day")
    screenshot("dashboard")


def test_catalog_and_an_order_with_its_lines(logged_in: Page, site: str, screenshot) -> None:
    seed_catalog()
    page = logged_in

    # two items and a customer, through their add forms
    for sku, name, price in [
        ("HOSE-25", "Garden hose", "39.00"),
        ("CAN-10", "Watering can", "16.90"),
    ]:
        page.goto(f"{site}/orders/items/add/")
        page.fill("#id_sku", sku)
        page.fill("#id_name", name)
        page.fill("#id_price", price)
        page.click("button[name=_save]")
        expect(page.locator(".messages")).to_contain_text("was added")
    page.goto(f"{site}/orders/customers/add/")
    page.fill("#id_name", "Ada Lovelace")
    page.fill("#id_email", "ada@example.com")
    page.click("button[name=_save]")
    expect(page.locator(".messages")).to_contain_text("was added")

    # an order with three lines, the customer and the items picked from suggestions
    page.goto(f"{site}/orders/orders/add/")
    suggest(page, "id_customer", "ada@", "ada@example.com")
    suggest(page, "id_lines-0-item", "hose", "HOSE-25")
    page.fill("#id_lines-0-quantity", "2")
    suggest(page, "id_lines-1-item", "can-", "CAN-10")
    page.fill("#id_lines-1-quantity", "1")
    suggest(page, "id_lines-2-item", "tomato", "TOMATO-SEEDS")
    page.fill("#id_lines-2-quantity", "4")
    screenshot("order-form")
    page.click("button[name=_continue]")
    expect(page.locator(".messages")).to_contain_text("was added")
    order_id = int(re.search(r"/orders/orders/(\d+)/edit/", page.url).group(1))
    total = page.locator("tr.total:not([data-sa-live]) td.numeric")  # as saved
    expect(total).to_have_text("110.70")  # 2 × 39.00 + 16.90 + 4 × 3.95
    assert order_total(order_id) == Decimal("110.70")

    # change a quantity and remove a line: the total follows
    page.get_by_label("Quantity of HOSE-25 Garden hose").fill("1")
    page.get_by_label("Remove CAN-10 Watering can").check()
    page.click("button[name=_continue]")
    expect(page.locator(".messages")).to_contain_text("was changed")
    expect(total).to_have_text("54.80")  # 39.00 + 4 × 3.95
    expect(page.locator("tr.line--existing")).to_have_count(2)
    assert order_total(order_id) == Decimal("54.80")


def seed_orders(count: int) -> None:
    with session_scope() as session:
        ada = Customer(name="Ada Lovelace", email="ada@example.com")
        grace = Customer(name="Grace Hopper", email="grace@example.com")
        nails = Item(sku="NAILS", name="Nails", price=Decimal("2.00"))
        session.add_all([ada, grace, nails])
        session.flush()
        for n in range(count):
            customer = ada if n % 3 else grace
            status = OrderStatus.PAID if n % 2 else OrderStatus.PENDING
            order = services.create_order(session, customer, [(nails, n + 1)], status=status)
            order.order_date = utcnow() - timedelta(hours=n)


def test_filter_search_page_and_export_the_orders(logged_in: Page, site: str, screenshot) -> None:
    seed_orders(64)  # 32 paid: 21 of Ada's, 11 of Grace's
    page = logged_in
    page.goto(f"{site}/orders/orders/")
    expect(page.locator(".result-count")).to_have_text("64 orders")

    page.select_option("#filter-status", "paid")  # a filter applies as it changes
    page.wait_for_url(re.compile(r"status=paid"))
    expect(page.locator(".result-count")).to_have_text("32 orders")
    page.fill("#list-search", "ada")
    page.click(".list-tools button[type=submit]")
    expect(page.locator(".result-count")).to_have_text("21 orders")
    expect(page.locator("table.results tbody tr")).to_have_count(21)

    page.fill("#list-search", "")
    page.click(".list-tools button[type=submit]")
    expect(page.locator(".result-count")).to_have_text("32 orders")
    expect(page.locator("table.results tbody tr")).to_have_count(25)
    screenshot("order-list")
    page.get_by_role("link", name="Next").click()
    expect(page.locator("table.results tbody tr")).to_have_count(7)
    assert "p=2" in page.url
    assert "status=paid" in page.url

    with page.expect_download() as download:
        page.click("a.export-link")
    assert re.fullmatch(r"orders-\d{8}-\d{6}\.csv", download.value.suggested_filename)
    text = Path(download.value.path()).read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0][:2] == ["id", "customer.email"]
    assert len(rows) == 33  # the header and every paid order, not only this page
    assert {row[3] for row in rows[1:]} == {"paid"}


def test_two_windows_on_one_order(logged_in: Page, site: str, screenshot) -> None:
    seed_orders(1)
    with session_scope() as session:
        order_id = session.scalar(select(func.max(Order.id)))
    edit = f"{site}/orders/orders/{order_id}/edit/"
    first = logged_in
    second = first.context.new_page()
    first.goto(edit)
    second.goto(edit)

    first.fill("#id_notes", "Leave at the door")
    first.click("button[name=_save]")
    expect(first.locator(".messages")).to_contain_text("was changed")

    second.get_by_label("Quantity of NAILS Nails").fill("5")
    second.click("button[name=_save]")
    expect(second.locator("h1")).to_contain_text("changed while you were editing")
    expect(second.locator("table.conflicts").first).to_contain_text("Leave at the door")
    screenshot("conflict", second)
    second.click("button[name=_save]")  # apply my changes on top
    expect(second.locator(".messages")).to_contain_text("was changed")
    with session_scope() as session:
        order = session.get(Order, order_id)
        assert (order.notes, order.lines[0].quantity) == ("Leave at the door", 5)


def test_delete_a_customer_and_be_refused_an_item(logged_in: Page, site: str) -> None:
    seed_orders(3)
    with session_scope() as session:
        ada = session.scalar(select(Customer).where(Customer.email == "ada@example.com"))
        nails = session.scalar(select(Item).where(Item.sku == "NAILS"))
        ada_id, nails_id = ada.id, nails.id
    page = logged_in
    page.goto(f"{site}/orders/customers/{ada_id}/")
    page.get_by_role("link", name="Delete").click()
    expect(page.locator("main")).to_contain_text("Orders: 2")
    page.click("button.button--danger")
    expect(page.locator(".messages")).to_contain_text("was deleted")
    with session_scope() as session:
        assert session.get(Customer, ada_id) is None
        assert session.scalar(select(func.count()).select_from(Order)) == 1

    page.goto(f"{site}/orders/items/{nails_id}/delete/")
    expect(page.locator("main")).to_contain_text("cannot be deleted")
    expect(page.locator("button.button--danger")).to_have_count(0)
    page.get_by_role("button", name="Deactivate this item").click()
    expect(page.locator(".messages")).to_contain_text("deactivated")
    with session_scope() as session:
        assert session.get(Item, nails_id).active is False
