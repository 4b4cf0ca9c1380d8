"""The pytest plugin, used the way a host project uses it: a separate pytest run.

The inner run gets its own database name, so that its test database never collides
with the one this run is using.
"""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent

HOST_CONFTEST = 'pytest_plugins = ["sa_orders.testing"]\n'

HOST_TESTS = """
import pytest
from django.test import Client
from sqlalchemy import func, select

from sa_orders.models import Customer
from sa_orders.db.session import session_scope


def count(session):
    session.expire_all()
    return session.scalar(select(func.count()).select_from(Customer))


@pytest.mark.django_db
def test_a_writes_through_every_kind_of_session(sa_session, sa_staff_client):
    sa_session.add(Customer(name="Fixture", email="fixture@example.com"))
    sa_session.commit()  # only releases a savepoint
    with session_scope() as session:
        session.add(Customer(name="Scope", email="scope@example.com"))
    response = Client().get("/t/add-customer/", {"email": "view@example.com"})
    assert response.status_code == 200  # committed by the middleware
    assert count(sa_session) == 3
    assert sa_staff_client.get("/orders/").status_code == 200


@pytest.mark.django_db
def test_b_sees_none_of_it(sa_session):
    assert count(sa_session) == 0


@pytest.mark.django_db(transaction=True)
def test_c_transactional_tests_commit_for_real(sa_session):
    Client().get("/t/add-customer/", {"email": "real@example.com"})
    with session_scope() as session:
        assert count(session) == 1


@pytest.mark.django_db(transaction=True)
def test_d_and_are_emptied_afterwards(sa_session, sa_staff_client):
    assert count(sa_session) == 0
    # Django's tables were flushed too: the staff user and its login are made again
    assert sa_staff_client.get("/orders/").status_code == 200


def test_e_without_the_mark_the_database_is_refused():
    with pytest.raises(RuntimeError, match="sa_orders database access not allowed"):
        with session_scope():
            pass
"""


def inner_database_url():
    url = os.environ.get("SA_ORDERS_TEST_DATABASE_URL", "sqlite:///:memory:")
    parts = urlsplit(url)
    if parts.scheme.startswith("sqlite"):
        return url
    return urlunsplit(parts._replace(path=parts.path.rstrip("/") + "_plugin"))


@pytest.mark.parametrize("extra", [[], ["--no-migrations"]], ids=["migrations", "no-migrations"])
def test_the_plugin_in_a_host_project(tmp_path, extra):
    (tmp_path / "conftest.py").write_text(HOST_CONFTEST)
    (tmp_path / "test_host.py").write_text(HOST_TESTS)
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "SA_ORDERS_TEST_DATABASE_URL": inner_database_url(),
    }
    pytest_options = ["--ds", "tests.settings", "-p", "no:cacheprovider", "-W", "error", "-q"]
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            str(tmp_path),
            "--rootdir",
            str(tmp_path),
            *pytest_options,
            *extra,
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "5 passed" in result.stdout
