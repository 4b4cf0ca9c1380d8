"""Signals for host code and ``sa_orders.on_commit``: sent after the SQLAlchemy
transaction commits, never for a change that was rolled back."""

import logging
from contextlib import contextmanager
from decimal import Decimal

import pytest

from sa_orders import new_session, on_commit, session_scope
from sa_orders.models import Customer, Item, Order, OrderStatus
from sa_orders.services import create_order
from sa_orders.services.orders import change_status_where
from sa_orders.signals import object_deleted, object_saved, order_placed, order_status_changed

pytestmark = pytest.mark.django_db


@contextmanager
def listening(signal):
    """The keyword arguments of every sending of ``signal`` while the block runs."""
    sent = []

    def receiver(sender, **kwargs):
        kwargs.pop("signal")
        sent.append({"sender": sender, **kwargs})

    signal.connect(receiver)
    try:
        yield sent
    finally:
        signal.disconnect(receiver)


def rolled_back(work):
    """Run ``work(session)`` in a session that then fails, and so rolls back."""
    with session_scope() as session:
        work(session)
        session.flush()
        raise RuntimeError("rolled back")


# --- on_commit --------------------------------------------------------------------


def test_on_commit_runs_after_the_commit_in_order():
    ran = []
    with session_scope() as session:
        session.add(Customer(name="Ada", email="ada@example.com"))
        on_commit(session, lambda: ran.append("first"))
        on_commit(session, lambda: ran.append("second"))
        session.flush()
        assert ran == []  # not before the commit
    assert ran == ["first", "second"]


def test_on_commit_never_runs_for_a_rollback():
    ran = []
    with pytest.raises(RuntimeError, match="rolled back"):
        rolled_back(lambda session: on_commit(session, lambda: ran.append("no")))
    assert ran == []


def test_a_savepoints_rollback_drops_only_its_callbacks():
    ran = []
    session = new_session()
    try:
        on_commit(session, lambda: ran.append("outer"))
        savepoint = session.begin_nested()
        on_commit(session, lambda: ran.append("rolled back"))
        savepoint.rollback()
        with session.begin_nested():  # released: its callback waits for the commit
            on_commit(session, lambda: ran.append("released"))
        assert ran == []
        session.commit()
    finally:
        session.close()
    assert ran == ["outer", "released"]


def test_a_robust_callback_logs_its_error_and_the_others_run(caplog):
    ran = []

    def fails():
        raise ValueError("mail server down")

    with caplog.at_level(logging.ERROR, logger="sa_orders"), session_scope() as session:
        on_commit(session, fails, robust=True)
        on_commit(session, lambda: ran.append("after"))
    assert ran == ["after"]
    assert "on_commit callback failed" in caplog.text


# --- the signals ------------------------------------------------------------------


@pytest.fixture
def shop(sa_session, make_customer, make_item):
    return make_customer(name="Ada", email="ada@example.com"), make_item(
        sku="NAILS", price=Decimal("2.00")
    )


def test_an_order_placed_is_sent_after_the_commit(shop):
    ada_id, nails_id = shop[0].id, shop[1].id
    with listening(order_placed) as sent:
        with session_scope() as session:
            order = create_order(
                session, session.get(Customer, ada_id), [(session.get(Item, nails_id), 1)]
            )
            session.flush()
            assert sent == []
        assert sent == [{"sender": Order, "order_id": order.id}]
        with pytest.raises(RuntimeError, match="rolled back"):  # nothing was placed
            rolled_back(
                lambda session: create_order(
                    session, session.get(Customer, ada_id), [(session.get(Item, nails_id), 1)]
                )
            )
        assert len(sent) == 1


def test_the_order_form_places_an_order_and_a_form_error_does_not(sa_staff_client, shop):
    with listening(order_placed) as placed, listening(object_saved) as saved:
        data = {
            "customer": "ada@example.com",
            "status": "pending",
            "discount_amount": "0",
            "lines-TOTAL_FORMS": "1",
            "lines-INITIAL_FORMS": "0",
            "lines-0-item": "NAILS",
            "lines-0-quantity": "0",  # not a quantity: a form error
        }
        assert sa_staff_client.post("/orders/orders/add/", data).status_code == 400
        assert placed == saved == []
        data["lines-0-quantity"] = "3"
        assert sa_staff_client.post("/orders/orders/add/", data).status_code == 302
    (sent,) = placed
    assert saved == [
        {"sender": Order, "pk": sent["order_id"], "created": True, "request": saved[0]["request"]}
    ]
    assert saved[0]["request"].path == "/orders/orders/add/"


def test_status_changes_are_sent_from_the_unit_of_work_and_the_bulk_action(sa_staff_client, shop):
    ada_id, nails_id = shop[0].id, shop[1].id
    with session_scope() as session:
        customer, item = session.get(Customer, ada_id), session.get(Item, nails_id)
        first, second = (create_order(session, customer, [(item, n)]) for n in (1, 2))
        session.flush()
        ids = sorted([first.id, second.id])
    with listening(order_status_changed) as sent:
        with session_scope() as session:
            session.get(Order, ids[0]).status = OrderStatus.PAID
        assert sent == [
            {"sender": Order, "order_ids": [ids[0]], "status": OrderStatus.PAID,
             "previous": {ids[0]: OrderStatus.PENDING}}
        ]  # fmt: skip
        response = sa_staff_client.post(
            "/orders/orders/",
            {"action": "mark_shipped", "_selected": ids, "confirm": "1"},
        )
        assert response.status_code == 302
        # only the paid one may be shipped
        assert sent[1] == {
            "sender": Order, "order_ids": [ids[0]], "status": OrderStatus.SHIPPED,
            "previous": {ids[0]: OrderStatus.PAID},
        }  # fmt: skip
        with pytest.raises(RuntimeError, match="rolled back"):
            rolled_back(
                lambda session: change_status_where(
                    session, Order.id.in_(ids), OrderStatus.CANCELLED
                )
            )
        assert len(sent) == 2


def test_the_delete_page_sends_object_deleted(sa_staff_client, make_customer):
    gone = make_customer(email="gone@example.com")
    with listening(object_deleted) as sent:
        response = sa_staff_client.post(f"/orders/customers/{gone.id}/delete/")
    assert response.status_code == 302
    assert [(s["sender"], s["pk"]) for s in sent] == [(Customer, gone.id)]
