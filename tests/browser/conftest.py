"""Real-browser tests: Debian's Chromium driven by Playwright against the live server.

The browser is ``/usr/bin/chromium`` (``scripts/bootstrap dev`` installs it), or the one
``SA_ORDERS_TEST_CHROMIUM`` names. Without it the tests are skipped, saying so, except
under ``SA_ORDERS_TEST_REQUIRE_ALL=1`` (CI), where a missing browser is a failure.
Screenshots are saved under ``test-artifacts/screenshots/<vendor>/`` (not committed), and
Playwright keeps a trace and a screenshot of every failed test under
``test-artifacts/playwright/``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API runs an event loop in the test's thread, and Django refuses
# database calls from a thread with a running loop unless told this is intended.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("SA_ORDERS_TEST_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PASSWORD = "browser-password"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.path)).parents:
            # The browser tests run on SQLite and PostgreSQL; MariaDB gets the same pages
            # through the test client. A module that checks only the HTML and CSS (the
            # accessibility, small screens) says "backends" itself: SQLite is enough.
            if item.get_closest_marker("backends") is None:
                item.add_marker(pytest.mark.backends("sqlite", "postgresql"))
            item.add_marker(pytest.mark.django_db(transaction=True))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    if not os.access(CHROMIUM, os.X_OK):
        message = (
            f"no Chromium at {CHROMIUM}: run scripts/bootstrap dev (Debian's chromium "
            "package), or set SA_ORDERS_TEST_CHROMIUM"
        )
        if os.environ.get("SA_ORDERS_TEST_REQUIRE_ALL") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-gpu"],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_context_args,
        "viewport": {"width": 1280, "height": 900},
        "locale": "en-US",
        "accept_downloads": True,
    }


@pytest.fixture
def screenshot(page: Any) -> Any:
    """``screenshot("dashboard")`` saves the page as a test artifact."""
    from django.db import connection

    folder = ARTIFACTS / "screenshots" / connection.vendor
    folder.mkdir(parents=True, exist_ok=True)

    def take(name: str, target: Any = None) -> Path:
        path = folder / f"{name}.png"
        (target or page).screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture(scope="session")
def base_url(live_server: Any) -> str:
    """The live server (pytest-django's), so ``page.goto("/orders/")`` works too; this
    also replaces pytest-playwright's own fallback fixture, which pytest 9 deprecates."""
    return str(live_server.url)


@pytest.fixture
def site(live_server: Any, settings: Any) -> str:
    """The live server's address; logging in goes through Django admin's login page (the
    test settings have no ``registration/login.html``), reached by sa_orders' redirect."""
    settings.LOGIN_URL = "/admin/login/"
    return str(live_server.url)


@pytest.fixture
def staff(django_user_model: Any) -> Any:
    return django_user_model.objects.create_superuser("browser", "browser@example.com", PASSWORD)


@pytest.fixture
def logged_in(page: Any, site: str, staff: Any) -> Any:
    """A page logged in as a superuser, through the login form, on the dashboard."""
    page.goto(f"{site}/orders/")
    assert "/admin/login/" in page.url  # sa_orders sent the anonymous user to log in
    page.fill("#id_username", staff.get_username())
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{site}/orders/")
    return page
