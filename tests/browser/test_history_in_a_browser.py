"""A person edits an order, reads its history, reverts the change, and imports a CSV
file with one bad row: Chromium through the live site."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from playwright.sync_api import Page, expect
from sqlalchemy import select

from sa_orders import services
from sa_orders.db.session import session_scope
from sa_orders.models import Customer, Item, Order, OrderStatus


def seed_order() -> int:
    with session_scope() as session:
        ada = Customer(name="Ada Lovelace", email="ada@example.com")
        hose = Item(sku="HOSE-25", name="Garden hose", price=Decimal("39.00"))
        session.add_all([ada, hose])
        session.flush()
        order = services.create_order(session, ada, [(hose, 2)], status=OrderStatus.PENDING)
        session.flush()
        return order.id


def order_status(order_id: int) -> OrderStatus:
    with session_scope() as session:
        return session.scalar(select(Order.status).where(Order.id == order_id))


def order_notes(order_id: int) -> str | None:
    with session_scope() as session:
        return session.scalar(select(Order.notes).where(Order.id == order_id))


def test_edit_an_order_read_its_history_and_revert(logged_in: Page, site: str, screenshot) -> None:
    order_id = seed_order()
    page = logged_in
    page.goto(f"{site}/orders/orders/{order_id}/edit/")
    page.select_option("#id_status", "paid")
    page.fill("#id_notes", "Paid by card")
    page.click("button[name=_save]")
    expect(page.locator(".messages")).to_contain_text("was changed")
    assert order_status(order_id) == OrderStatus.PAID

    page.get_by_role("link", name="History").click()
    expect(page.locator("h1")).to_contain_text("History of")
    newest = page.locator("article.change").first
    expect(newest).to_contain_text("Changed")
    expect(newest).to_contain_text("by browser")
    expect(newest.locator(".change__before").first).to_have_text("Pending")
    expect(newest.locator(".change__after").first).to_have_text("Paid")
    expect(newest).to_contain_text("Paid by card")
    screenshot("order-history")

    recorded = page.locator("article.change").count()
    newest.get_by_role("link", name="Revert this change").click()
    expect(page.locator(".notice")).to_contain_text("Reverting the change")
    # the notes go back; the status cannot (the workflow), and the form says why
    expect(page.locator("#id_notes")).to_have_value("")
    expect(page.locator("#id_status_error")).to_contain_text(
        "A paid order cannot become pending; it can become shipped or cancelled."
    )
    page.select_option("#id_status", "paid")
    page.click("button[name=_save]")
    expect(page.locator(".messages")).to_contain_text("was changed")
    assert order_status(order_id) == OrderStatus.PAID
    assert order_notes(order_id) is None

    page.get_by_role("link", name="History").click()
    expect(page.locator("article.change")).to_have_count(recorded + 1)  # and the revert
    expect(page.locator("article.change").first.locator(".change__before").first).to_have_text(
        "Paid by card"
    )

    page.get_by_role("link", name="Recent changes").click()
    expect(page.locator("h1")).to_have_text("Recent changes")
    page.select_option("#id_source", "page")
    page.get_by_role("button", name="Apply").click()
    expect(page.locator("article.change")).to_have_count(2)


def test_import_a_csv_with_one_bad_row(
    logged_in: Page, site: str, tmp_path: Path, screenshot
) -> None:
    path = tmp_path / "customers.csv"
    path.write_text(
        "email,name,phone\n"
        "ada@example.com,Ada Lovelace,+44 1\n"
        "not-an-email,Broken Row,\n"
        "grace@example.com,Grace Hopper,\n"
    )
    page = logged_in
    page.goto(f"{site}/orders/customers/")
    page.get_by_role("link", name="Import CSV").click()
    page.set_input_files("#id_file", str(path))
    page.get_by_role("button", name="Upload and preview").click()
    expect(page.locator("[data-count=created]")).to_have_text("2")
    expect(page.locator("[data-count=rejected]")).to_have_text("1")
    errors = page.locator("table.import-errors tbody tr")
    expect(errors).to_have_count(1)
    expect(errors.first).to_contain_text("3")
    expect(errors.first).to_contain_text("email")
    expect(page.get_by_role("button", name="Import: change 2 rows")).to_have_count(0)
    screenshot("import-preview-with-an-error")

    path.write_text(
        "email,name,phone\nada@example.com,Ada Lovelace,+44 1\ngrace@example.com,Grace Hopper,\n"
    )
    page.get_by_role("button", name="Cancel the import").click()
    page.get_by_role("link", name="Import CSV").click()
    page.set_input_files("#id_file", str(path))
    page.get_by_role("button", name="Upload and preview").click()
    page.get_by_role("button", name="Import: change 2 rows").click()
    expect(page.locator(".messages")).to_contain_text("2 created, 0 updated, 0 unchanged")
    expect(page.locator("table.results tbody tr")).to_have_count(2)
    with session_scope() as session:
        assert sorted(session.scalars(select(Customer.email))) == [
            "ada@example.com",
            "grace@example.com",
        ]
