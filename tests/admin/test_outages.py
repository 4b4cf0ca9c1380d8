"""A database that cannot be reached: a 503 page in the site's layout with Retry-After,
for the pages and the CSV export, and the pages back once it answers again. A
PostgreSQL cluster of the test run's own is stopped and started for real."""

import os
import shutil
import subprocess
import time

import pytest
from django.db import connections
from django.test import override_settings
from django.urls import reverse
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from sa_orders.backoffice.customers import CustomerAdmin
from sa_orders.db.engine import dispose_engines, get_engine
from sa_orders.db.session import session_scope
from sa_orders.exchange.csv_export import CUT_OFF
from sa_orders.models import Base, Customer

PAGES = [
    ("GET", "sa_orders:index", {}),
    ("GET", "sa_orders:customer_list", {}),
    ("GET", "sa_orders:customer_list", {"q": "ada"}),
    ("GET", "sa_orders:customer_export", {}),
    ("GET", "sa_orders:customer_autocomplete", {"q": "a"}),
    ("GET", "sa_orders:item_add", {}),
    ("POST", "sa_orders:customer_add", {"name": "Ada", "email": "ada@example.com"}),
]


def is_unavailable_page(response):
    html = response.content.decode()
    return (
        response.status_code == 503
        and response["Retry-After"] == "30"
        and "Temporarily unavailable" in html
        and '<link rel="stylesheet"' in html  # in the site's layout
        and "no-store" in response["Cache-Control"]
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "name", "data"), PAGES)
def test_every_page_is_a_503_while_the_database_cannot_be_reached(
    sa_staff_client, sa_orders_unreachable, method, name, data
):
    call = sa_staff_client.post if method == "POST" else sa_staff_client.get
    response = call(reverse(name), data)
    assert is_unavailable_page(response), response.status_code


# --- a real outage: a cluster of the test run's own -----------------------------------

CLUSTER, PORT, VERSION = "sa_outage", 5446, "15"
CLUSTER_TOOLS = ("pg_createcluster", "pg_ctlcluster", "pg_dropcluster")


def _run(*command):
    subprocess.run(command, check=True, capture_output=True, text=True, timeout=120)


def _as_postgres(*command):
    if os.geteuid() == 0:
        command = ("su", "postgres", "-c", " ".join(command))
    _run(*command)


@pytest.fixture(scope="session")
def own_cluster():
    """A PostgreSQL cluster on a port of its own, made for this run and dropped after it;
    the shared cluster on 5432 is never touched."""
    if connections["default"].vendor != "postgresql":
        # a session fixture comes before the test's backends mark is read: say it here,
        # or the SQLite runs would make a cluster (and two at once would collide)
        pytest.skip("postgresql only")
    if not all(shutil.which(tool) for tool in CLUSTER_TOOLS):
        if os.environ.get("SA_ORDERS_TEST_REQUIRE_ALL") == "1":
            pytest.fail("PostgreSQL's cluster tools (pg_createcluster ...) are not installed")
        pytest.skip("PostgreSQL's cluster tools (pg_createcluster ...) are not installed")
    subprocess.run(("pg_dropcluster", VERSION, CLUSTER, "--stop"), capture_output=True)
    _run("pg_createcluster", VERSION, CLUSTER, "--port", str(PORT), "--", "--auth=trust")
    _run("pg_ctlcluster", VERSION, CLUSTER, "start")
    _as_postgres("createdb", "-p", str(PORT), "sa_orders_outage")
    # A Django alias for it, for the whole run: the test plugin empties the tables of every
    # alias a test used after the test's own fixtures are gone.
    config = dict(connections["default"].settings_dict)
    config.update(NAME="sa_orders_outage", HOST="127.0.0.1", PORT=PORT, USER="postgres")
    connections.settings["outage"] = config
    try:
        yield "outage"
    finally:
        dispose_engines()
        del connections.settings["outage"]
        subprocess.run(("pg_dropcluster", VERSION, CLUSTER, "--stop"), capture_output=True)


@pytest.fixture
def outage_alias(own_cluster):
    """sa_orders' tables on the cluster, and SA_ORDERS on it."""
    with override_settings(SA_ORDERS={"DATABASE": own_cluster}):
        Base.metadata.create_all(get_engine(own_cluster))
        yield own_cluster


def _cluster(action):
    _run("pg_ctlcluster", VERSION, CLUSTER, action, *(["-m", "fast"] if action == "stop" else []))


@pytest.mark.backends("postgresql")
@pytest.mark.django_db(transaction=True)
def test_a_server_that_stops_and_comes_back(sa_staff_client, outage_alias, monkeypatch):
    with session_scope(outage_alias) as session:
        session.add_all(Customer(name=f"Customer {n}", email=f"c{n}@example.com") for n in range(7))
    listed = reverse("sa_orders:customer_list")
    assert sa_staff_client.get(listed).status_code == 200

    _cluster("stop")
    try:
        for method, name, data in PAGES:
            call = sa_staff_client.post if method == "POST" else sa_staff_client.get
            assert is_unavailable_page(call(reverse(name), data)), name
    finally:
        _cluster("start")

    response = sa_staff_client.get(listed)  # the pool's ping finds the new server
    assert response.status_code == 200
    assert "c6@example.com" in response.content.decode()
    with session_scope(outage_alias) as session:  # the POST during the outage wrote nothing
        assert session.scalar(select(func.count()).select_from(Customer)) == 7

    # An export the database stops half way ends with a line that says so, and is cut.
    monkeypatch.setattr(CustomerAdmin, "export_chunk_size", 2)
    response = sa_staff_client.get(reverse("sa_orders:customer_export"))
    chunks = response.streaming_content
    received = [next(chunks)]  # the header and the first two customers
    _cluster("stop")
    try:
        with pytest.raises(SQLAlchemyError):  # and the server aborts the response
            received.extend(chunks)
    finally:
        _cluster("start")
    text = b"".join(received).decode()
    assert text.count("@example.com") == 2
    last = text.splitlines()[-1]
    assert last.startswith(f"{CUT_OFF} after 2 rows")
    assert last.endswith("the file is incomplete.")
    time.sleep(0.5)
    assert sa_staff_client.get(listed).status_code == 200


@pytest.mark.django_db
def test_a_503_when_djangos_own_database_is_the_one_down(sa_staff_client):
    with override_settings(SESSION_ENGINE="tests.sessions_down"):
        response = sa_staff_client.get(reverse("sa_orders:customer_list"))
    assert is_unavailable_page(response)
