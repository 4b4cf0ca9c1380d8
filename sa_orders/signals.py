"""Signals for host code, each sent after the SQLAlchemy transaction commits (through
:func:`sa_orders.on_commit`), never for a change that was rolled back::

    from django.dispatch import receiver
    from sa_orders.signals import order_placed

    @receiver(order_placed)
    def confirm(sender, order_id, **kwargs):
        send_confirmation.delay(order_id)

* ``order_placed(sender=Order, order_id)``: a new order, from any unit of work (the
  order form, the import, ``services.create_order``, a host's own session);
* ``order_status_changed(sender=Order, order_ids, status, previous)``: orders moved to
  ``status``; ``previous`` maps each id to the status it left. Sent once per flush and
  status from a unit of work, and once per statement from the bulk actions, the
  commands and ``services.change_status_where``;
* ``object_saved(sender=<model class>, pk, created, request)`` and
  ``object_deleted(sender=<model class>, pk, request)``: a row saved or deleted
  through the pages (the add, edit and delete pages).

Rows a bulk load writes by statements (``sa_seed``, ``writes.insert_rows``) send no
``order_placed``. A receiver that writes uses a session of its own
(``sa_orders.session_scope()``): the committed session has no transaction.
"""

from __future__ import annotations

from collections import defaultdict
from functools import partial
from typing import TYPE_CHECKING, Any

from django.dispatch import Signal
from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, UOWTransaction

from sa_orders.db.commit_hooks import on_commit

if TYPE_CHECKING:
    from sa_orders.models import OrderStatus

order_placed = Signal()
order_status_changed = Signal()
object_saved = Signal()
object_deleted = Signal()


def send_status_changed(
    session: Session, previous: dict[int, OrderStatus], status: OrderStatus
) -> None:
    """Send ``order_status_changed`` for ``previous`` (id -> the status it left) once
    ``session`` commits."""
    from sa_orders.models import Order

    if previous:
        on_commit(
            session,
            partial(
                order_status_changed.send,
                sender=Order,
                order_ids=sorted(previous),
                status=status,
                previous=dict(previous),
            ),
        )


@event.listens_for(Session, "after_flush")
def _orders_of_the_flush(session: Session, context: UOWTransaction) -> None:
    """The orders the unit of work placed, and those whose status it changed."""
    if not (order_placed.receivers or order_status_changed.receivers):
        return
    # imported here: the generic pages use this module without the order domain
    from sa_orders.models import Order, OrderStatus

    for obj in session.new:
        if isinstance(obj, Order) and order_placed.receivers:
            on_commit(session, partial(order_placed.send, sender=Order, order_id=obj.id))
    moved: dict[OrderStatus, dict[int, OrderStatus]] = defaultdict(dict)
    for obj in session.dirty:
        if isinstance(obj, Order):
            history = inspect(obj).attrs.status.history
            if history.deleted and history.added and history.deleted[0] != history.added[0]:
                moved[OrderStatus(history.added[0])][obj.id] = OrderStatus(history.deleted[0])
    for status, previous in moved.items():
        send_status_changed(session, previous, status)


def send_saved(request: Any, session: Session, obj: Any, *, created: bool) -> None:
    """``object_saved`` for a row the pages saved, once the request's session commits."""
    pk = inspect(obj).identity[0]
    on_commit(
        session,
        partial(object_saved.send, sender=type(obj), pk=pk, created=created, request=request),
    )


def send_deleted(request: Any, session: Session, model: type, pk: Any) -> None:
    """``object_deleted`` for a row the pages deleted, once the request's session commits."""
    on_commit(session, partial(object_deleted.send, sender=model, pk=pk, request=request))
