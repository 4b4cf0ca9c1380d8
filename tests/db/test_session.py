import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory
from sqlalchemy import select, text
from sqlalchemy.exc import InvalidRequestError

import sa_orders
from sa_orders.db.session import RequestSession, new_session, session_scope
from sa_orders.models import Customer

pytestmark = pytest.mark.django_db


def emails(session):
    session.expire_all()
    return set(session.scalars(select(Customer.email)))


def test_session_scope_commits_on_success(sa_session):
    with session_scope() as session:
        session.add(Customer(name="Scoped", email="scoped@example.com"))
    assert "scoped@example.com" in emails(sa_session)


def test_session_scope_rolls_back_on_error_and_reraises(sa_session):
    def fail_after_writing():
        with session_scope() as session:
            session.add(Customer(name="Scoped", email="scoped@example.com"))
            session.flush()
            raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        fail_after_writing()
    assert "scoped@example.com" not in emails(sa_session)


def test_session_scope_closes_the_session():
    with session_scope() as session:
        session.execute(text("SELECT 1"))
    with pytest.raises(InvalidRequestError, match="closed"):
        session.execute(text("SELECT 1"))


def test_public_names_are_exported():
    assert sa_orders.session_scope is session_scope
    assert sa_orders.new_session is new_session
    assert set(sa_orders.__all__) >= {"session_scope", "doom", "get_engine", "dispose_engines"}


@pytest.mark.django_db(databases=["default", "other"])
def test_session_scope_on_another_alias():
    with session_scope("other") as session:
        session.add(Customer(name="Elsewhere", email="elsewhere@example.com"))
    with session_scope("other") as session:
        assert session.scalar(select(Customer.name)) == "Elsewhere"
    with session_scope() as session:
        assert (
            session.scalar(select(Customer.id).where(Customer.email == "elsewhere@example.com"))
            is None
        )


def test_doom_without_the_middleware_says_what_is_missing():
    request = RequestFactory().get("/")
    with pytest.raises(ImproperlyConfigured, match="SQLAlchemySessionMiddleware"):
        sa_orders.doom(request)


def test_request_session_is_created_on_first_use_and_refused_after_close():
    holder = RequestSession("default")
    assert holder.session is None
    session = holder.get()
    assert holder.get() is session
    holder.close()
    with pytest.raises(RuntimeError, match="session_scope"):
        holder.get()
