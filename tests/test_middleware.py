"""The session per request: commit, rollback, doom, failed commits, laziness, closing."""

import pytest
from django.contrib.messages.storage.cookie import CookieStorage
from django.test import Client, override_settings
from sqlalchemy import event, select
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.orm import Session

from sa_orders.db.engine import get_engine
from sa_orders.models import Customer
from tests import views

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


def saved(sa_session, email):
    sa_session.expire_all()
    return sa_session.scalar(select(Customer.id).where(Customer.email == email)) is not None


@pytest.mark.parametrize("status", [200, 201, 204, 302])
def test_commits_when_the_response_succeeds(client, sa_session, status):
    response = client.get("/t/add-customer/", {"email": "ok@example.com", "status": status})
    assert response.status_code == status
    assert saved(sa_session, "ok@example.com")


@pytest.mark.parametrize("status", [400, 403, 404, 409, 500, 503])
def test_rolls_back_on_an_error_response(client, sa_session, status):
    response = client.get(
        "/t/add-customer/", {"email": "no@example.com", "status": status, "flush": 1}
    )
    assert response.status_code == status
    assert not saved(sa_session, "no@example.com")


def test_rolls_back_when_the_view_raises(client, sa_session):
    response = client.get("/t/add-customer/", {"email": "no@example.com", "raise": 1, "flush": 1})
    assert response.status_code == 500
    assert not saved(sa_session, "no@example.com")


def test_rolls_back_when_doomed(client, sa_session):
    response = client.get("/t/add-customer/", {"email": "no@example.com", "doom": 1, "flush": 1})
    assert response.status_code == 200
    assert not saved(sa_session, "no@example.com")


@override_settings(
    MIDDLEWARE=[
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
        "tests.middleware.SwallowExceptions",
        "sa_orders.middleware.SQLAlchemySessionMiddleware",
    ]
)
def test_an_exception_dooms_the_request_even_if_it_becomes_a_200(client, sa_session):
    response = client.get("/t/add-customer/", {"email": "no@example.com", "raise": 1, "flush": 1})
    assert response.status_code == 200
    assert not saved(sa_session, "no@example.com")


def test_a_failed_commit_is_an_error_and_its_messages_are_discarded(
    client, sa_session, make_customer
):
    make_customer(email="taken@example.com")
    # Not flushed in the view: the duplicate email fails in the middleware's commit.
    response = client.get(
        "/t/add-customer/", {"email": "taken@example.com", "message": "Customer saved."}
    )
    assert response.status_code == 500
    assert CookieStorage.cookie_name not in response.cookies
    assert client.get("/t/messages/").content == b""
    # and the request after it works normally
    ok = client.get("/t/add-customer/", {"email": "fine@example.com", "message": "Customer saved."})
    assert ok.status_code == 200
    assert client.get("/t/messages/").content == b"Customer saved."


def test_request_sa_session_is_a_session(client):
    views.seen_sessions.clear()
    client.get("/t/add-customer/", {"email": "x@example.com"})
    assert isinstance(views.seen_sessions[0], Session)


def test_the_session_is_closed_after_every_response(client):
    views.seen_sessions.clear()
    client.get("/t/add-customer/", {"email": "a@example.com"})
    client.get("/t/add-customer/", {"email": "b@example.com", "status": 400})
    client.get("/t/add-customer/", {"email": "c@example.com", "raise": 1})
    assert len(views.seen_sessions) == 3
    for session in views.seen_sessions:
        with pytest.raises(InvalidRequestError, match="closed"):
            session.scalar(select(Customer.id))


def test_a_streaming_response_cannot_use_the_request_session(client):
    response = client.get("/t/stream/")
    with pytest.raises(RuntimeError, match="session_scope"):
        b"".join(response.streaming_content)


@pytest.mark.django_db(transaction=True)
def test_a_request_that_never_touches_the_session_opens_no_connection():
    # transaction=True: sessions use the engine's pool, as in production.
    client = Client()
    engine = get_engine()
    checkouts = []

    def count_checkout(*args):
        checkouts.append(1)

    event.listen(engine, "checkout", count_checkout)
    try:
        assert client.get("/t/untouched/").status_code == 200
        assert checkouts == []
        assert client.get("/t/count-customers/").status_code == 200
        assert checkouts == [1]
        assert engine.pool.checkedout() == 0  # given back when the session closed
        client.get("/t/add-customer/", {"email": "real@example.com"})
        assert engine.pool.checkedout() == 0
        assert client.get("/t/count-customers/").content == b"1"  # really committed
    finally:
        event.remove(engine, "checkout", count_checkout)
