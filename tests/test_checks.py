"""System checks: stable ids, hints, and silence where the issue asks for it."""

import pytest
from django.core import checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import OperationalError, connections
from django.test import override_settings
from sqlalchemy import text

from sa_orders import checks as sa_checks
from sa_orders.db.engine import get_engine
from tests.helpers import check_ids

SESSIONS = "django.contrib.sessions.middleware.SessionMiddleware"
AUTH = "django.contrib.auth.middleware.AuthenticationMiddleware"
MESSAGES = "django.contrib.messages.middleware.MessageMiddleware"
OURS = "sa_orders.middleware.SQLAlchemySessionMiddleware"


@pytest.mark.django_db
def test_the_test_configuration_has_no_issues():
    found = checks.run_checks(databases=["default"])
    assert [m for m in found if m.id.startswith("sa_orders.")] == []


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ({"DATABSE": "default"}, "sa_orders.E001"),
        ({"DATABASE": "nope"}, "sa_orders.E002"),
        ({"DATABASE": "unsupported"}, "sa_orders.E003"),
    ],
)
def test_settings_errors(setting, expected):
    with override_settings(SA_ORDERS=setting):
        found = sa_checks.check_settings()
    assert check_ids(found) == [expected]
    assert found[0].hint


@pytest.mark.parametrize(
    ("middleware", "expected"),
    [
        ([SESSIONS, AUTH, MESSAGES], ["sa_orders.E004"]),
        ([SESSIONS, OURS, AUTH, MESSAGES], ["sa_orders.E005", "sa_orders.W002"]),
        ([SESSIONS, AUTH, OURS, MESSAGES], ["sa_orders.W002"]),
        ([SESSIONS, AUTH, MESSAGES, OURS], []),
        ([SESSIONS, AUTH, MESSAGES, "tests.middleware.ProjectSessionMiddleware"], []),
        ([SESSIONS, AUTH, OURS], []),  # no messages framework: nothing to withdraw
    ],
)
def test_middleware_placement(middleware, expected):
    with override_settings(MIDDLEWARE=middleware):
        found = sa_checks.check_middleware()
    assert check_ids(found) == expected
    assert all(message.hint for message in found)


def test_what_the_pages_need_from_the_project(settings):
    assert sa_checks.check_page_dependencies() == []
    settings.MIDDLEWARE = [OURS]
    assert check_ids(sa_checks.check_page_dependencies()) == [
        "sa_orders.E006",
        "sa_orders.E007",
        "sa_orders.E008",
    ]


def test_apps_the_pages_need(settings):
    settings.INSTALLED_APPS = [
        app for app in settings.INSTALLED_APPS if app != "django.contrib.messages"
    ]
    found = sa_checks.check_page_dependencies()
    assert check_ids(found) == ["sa_orders.E009"]
    assert "django.contrib.messages" in found[0].msg


def test_context_processors_the_templates_use(settings):
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "OPTIONS": {"context_processors": []}}]
    found = sa_checks.check_page_dependencies()
    assert check_ids(found) == ["sa_orders.W004"]
    assert "messages.context_processors.messages" in found[0].msg


@pytest.mark.django_db
def test_the_check_command_reports_an_error_with_its_hint():
    with (
        override_settings(MIDDLEWARE=[SESSIONS, AUTH, MESSAGES]),
        pytest.raises(SystemCheckError, match=r"sa_orders\.E004") as error,
    ):
        call_command("check")
    assert "HINT" in str(error.value)


@pytest.mark.django_db
def test_routers_keeping_the_tables_elsewhere_are_reported():
    with override_settings(DATABASE_ROUTERS=["tests.routers.RefuseSaOrdersRouter"]):
        assert check_ids(sa_checks.check_schema()) == ["sa_orders.W003"]


def test_schema_check_is_silent_when_the_database_cannot_be_reached(unreachable):
    with pytest.raises(OperationalError):  # it really cannot be reached
        connections[unreachable].ensure_connection()
    with override_settings(SA_ORDERS={"DATABASE": unreachable}):
        assert sa_checks.check_schema() == []


@pytest.mark.django_db
def test_schema_check_only_looks_at_the_databases_it_is_given():
    assert sa_checks.check_schema(databases=["other"]) == []


@pytest.mark.django_db(databases=["default", "other"], transaction=True)
def test_schema_drift_warns_and_is_silent_while_migrations_are_unapplied():
    with override_settings(SA_ORDERS={"DATABASE": "other"}):
        assert sa_checks.check_schema() == []
        try:
            with get_engine("other").begin() as connection:
                connection.execute(
                    text(
                        "DROP INDEX ix_sa_orders_customer_figures_recent_revenue_customer_id"
                        + (
                            " ON sa_orders_customer_figures"
                            if connection.dialect.name == "mysql"
                            else ""
                        )
                    )
                )
            found = sa_checks.check_schema()
            assert check_ids(found) == ["sa_orders.W001"]
            assert (
                "index ix_sa_orders_customer_figures_recent_revenue_customer_id on "
                "sa_orders_customer_figures is missing" in found[0].msg
            )
            assert "migrate" in found[0].hint
            call_command("migrate", "sa_orders", "zero", database="other", verbosity=0)
            assert sa_checks.check_schema() == []  # unapplied: silent
        finally:
            call_command("migrate", "sa_orders", "zero", database="other", verbosity=0)
            call_command("migrate", "sa_orders", database="other", verbosity=0)
        assert sa_checks.check_schema() == []
