"""``on_commit(session_or_request, func)``: run ``func`` once the SQLAlchemy transaction
commits, as Django's ``transaction.on_commit`` does for Django's ORM.

A callback waits in the session for the outermost transaction's commit; a rollback
drops it, and so does the rollback of a savepoint (``begin_nested()``) it was
registered in. Callbacks run in the order they were registered, after the commit, when
the session has no transaction: one that touches the database uses a session of its
own (``session_scope()``). With ``robust=True`` a callback's exception is logged and
the others still run; otherwise it propagates, as Django's does.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

if TYPE_CHECKING:
    from django.http import HttpRequest

logger = logging.getLogger("sa_orders")
KEY = "sa_orders.on_commit"


@dataclass
class _Pending:
    func: Callable[[], Any]
    transaction: SessionTransaction | None  # the innermost one it was registered in
    robust: bool


def on_commit(
    target: Session | HttpRequest, func: Callable[[], Any], *, robust: bool = False
) -> None:
    """Run ``func()`` after ``target``'s transaction commits (``target``: a session, or
    a request, for the request's session); never if it rolls back."""
    session = target if isinstance(target, Session) else _request_session(target)
    transaction = session.get_nested_transaction() or session.get_transaction() or session.begin()
    session.info.setdefault(KEY, []).append(_Pending(func, transaction, robust))


def _request_session(request: HttpRequest) -> Session:
    from sa_orders.db.session import request_session

    return request_session(request)


def _inside(transaction: SessionTransaction | None, outer: SessionTransaction) -> bool:
    node = transaction
    while node is not None:
        if node is outer:
            return True
        node = node.parent
    return False


@event.listens_for(Session, "after_soft_rollback")
def _drop_rolled_back(session: Session, previous: SessionTransaction) -> None:
    """A transaction rolled back (the outermost, or a savepoint): its callbacks go."""
    pending: list[_Pending] = session.info.get(KEY, [])
    if pending:
        session.info[KEY] = [p for p in pending if not _inside(p.transaction, previous)]


@event.listens_for(Session, "after_commit")
def _run(session: Session) -> None:
    if session.get_nested_transaction() is not None:
        return  # a savepoint released: its callbacks wait for the outermost commit
    pending: list[_Pending] = session.info.pop(KEY, [])
    for each in pending:
        if not each.robust:
            each.func()
            continue
        try:
            each.func()
        except Exception:
            logger.exception("An on_commit callback failed: %r", each.func)
