"""The pages a shop works in all day, wide and narrow (1280 and 390 pixels): the list
tools, the status workflow, related rows as links, dates that read one way, and no dead
ends for a user who may not enter."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Permission
from playwright.sync_api import Page, expect
from sqlalchemy import func, select

from sa_orders.db.session import session_scope
from sa_orders.models import Order, OrderStatus
from tests.browser.conftest import PASSWORD
from tests.browser.test_pages_in_a_browser import seed_orders

WIDTHS = [1280, 390]


@pytest.fixture(params=WIDTHS, ids=lambda width: f"{width}px")
def width(request: pytest.FixtureRequest) -> int:
    return int(request.param)


@pytest.fixture
def wide_or_narrow(logged_in: Page, width: int) -> Page:
    logged_in.set_viewport_size({"width": width, "height": 900})
    return logged_in


def test_tick_every_row_choose_the_page_size_and_jump(
    wide_or_narrow: Page, site: str, width: int, screenshot
) -> None:
    seed_orders(60)
    page = wide_or_narrow
    page.goto(f"{site}/orders/orders/")
    count = page.locator("[data-sa-selected-count]")
    expect(count).to_be_hidden()
    page.get_by_label("Select every row on this page").check()
    expect(count).to_have_text("25 selected")
    page.locator('input[name="_selected"]').first.uncheck()
    expect(count).to_have_text("24 selected")
    assert page.locator("[data-sa-select-all]").evaluate("box => box.indeterminate")
    screenshot(f"list-tools-{width}")
    page.select_option("#list-per-page", "50")  # applies as it is chosen
    page.wait_for_url(re.compile(r"per_page=50"))
    expect(page.locator("table.results tbody tr")).to_have_count(50)
    page.fill("#list-page", "2")  # jump to a page
    page.get_by_role("button", name="Show").click()
    page.wait_for_url(re.compile(r"p=2"))
    expect(page.locator("table.results tbody tr")).to_have_count(10)
    page.select_option("#filter-status", "paid")  # a filter applies as it changes
    page.wait_for_url(re.compile(r"status=paid"))
    expect(page.locator(".result-count")).to_have_text("30 orders")


def test_an_exact_order_number_comes_first(wide_or_narrow: Page, site: str) -> None:
    seed_orders(30)
    with session_scope() as session:
        wanted = session.scalar(select(func.max(Order.id)))
    page = wide_or_narrow
    page.goto(f"{site}/orders/orders/?q={wanted}")
    expect(page.locator("table.results tbody tr th a").first).to_have_text(f"#{wanted}")


def test_the_status_moves_only_where_the_workflow_goes(
    wide_or_narrow: Page, site: str, width: int, screenshot
) -> None:
    seed_orders(4)  # pending and paid
    with session_scope() as session:
        shipped = session.scalars(select(Order).order_by(Order.id)).first()
        shipped.status = OrderStatus.PAID
        session.flush()
        shipped.status = OrderStatus.SHIPPED
        shipped_id = shipped.id
    page = wide_or_narrow
    page.goto(f"{site}/orders/orders/{shipped_id}/edit/")
    options = page.locator("#id_status option")
    expect(options).to_have_text(["Shipped"])  # nowhere to go from shipped

    page.goto(f"{site}/orders/orders/")
    page.get_by_label("Select every row on this page").check()
    page.select_option("#list-action", label="Mark as cancelled")
    page.get_by_role("button", name="Go").click()
    page.get_by_role("button", name="Yes, I’m sure").click()
    message = page.locator(".messages")
    expect(message).to_contain_text("3 orders marked as cancelled")
    expect(message).to_contain_text("1 order skipped")
    screenshot(f"status-skipped-{width}")


def test_an_orders_customer_is_a_link_and_dates_read_one_way(
    wide_or_narrow: Page, site: str
) -> None:
    seed_orders(1)
    with session_scope() as session:
        order_id = session.scalar(select(func.min(Order.id)))
    page = wide_or_narrow
    page.goto(f"{site}/orders/orders/{order_id}/")
    # "Dec. 1, 2026, 6:35 p.m.": the month in words, never 12/01 or 01/12
    expect(page.locator("main")).to_contain_text(
        re.compile(r"[A-Z][a-z]{2,3}\.? \d{1,2}, \d{4}, \d{1,2}(:\d\d)? [ap]\.m\.")
    )
    page.get_by_role("link", name=re.compile("Grace Hopper")).click()
    expect(page.locator("h1")).to_contain_text("Grace Hopper")


def test_no_dead_end_for_who_may_not_enter(
    page: Page, site: str, width: int, django_user_model, screenshot
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    django_user_model.objects.create_user("clerk", password=PASSWORD)  # not staff
    keeper = django_user_model.objects.create_user("keeper", password=PASSWORD, is_staff=True)
    keeper.user_permissions.add(Permission.objects.get(codename="view_order"))

    def log_in(name: str, path: str) -> None:
        page.goto(f"{site}{path}")
        page.goto(f"{site}/orders/login/?next={path}")
        page.fill("#id_username", name)
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")

    log_in("clerk", "/orders/")
    expect(page.locator("h1")).to_have_text("Access denied")
    expect(page.locator("main")).to_contain_text("it is not a staff account")
    screenshot(f"403-not-staff-{width}")
    page.get_by_role("button", name="Log out").first.click()
    # the project's own logout page (the test project has Django's), or the site's login
    expect(page.get_by_role("heading", name=re.compile("Logged out|Log in"))).to_be_visible()
    page.goto(f"{site}/orders/")
    expect(page).to_have_url(re.compile(r"/login/"))  # logged out indeed

    log_in("keeper", "/orders/customers/")
    expect(page.locator("h1")).to_have_text("Access denied")
    expect(page.locator("main")).to_contain_text("permission")
    page.get_by_role("link", name="Back to the dashboard").click()
    expect(page.locator("h1")).to_have_text("Dashboard")
    expect(page.get_by_role("link", name="Orders").first).to_be_visible()
