"""Sessions: the factory, ``session_scope()`` for scripts, and the lazy request session.

There is no thread-local ``scoped_session``: a request gets its own session from
:class:`~sa_orders.middleware.SQLAlchemySessionMiddleware` (reach it with
:func:`request_session`, or ``request.sa_session``), and commands and scripts use
:func:`session_scope`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import SimpleLazyObject
from sqlalchemy.orm import Session, sessionmaker

from sa_orders.conf import get_config
from sa_orders.db.engine import get_engine, resolve_alias

if TYPE_CHECKING:
    from django.http import HttpRequest
    from sqlalchemy import Connection

SESSION_DEFAULTS: dict[str, Any] = {
    # Objects stay usable after commit (templates render after the middleware
    # commits; nothing is reloaded behind the user's back).
    "expire_on_commit": False,
    # A closed session raises when used again instead of quietly checking out a new
    # connection: a request's session must not outlive the request.
    "close_resets_only": False,
}

# Set by the test plugin (sa_orders.testing): returns the connection a test's sessions
# join, or None to use the engine as usual.
TestBindProvider = Callable[[str], "Connection | None"]
_test_bind_provider: TestBindProvider | None = None


def set_test_bind_provider(provider: TestBindProvider | None) -> None:
    """Route new sessions to a test's connection (used by ``sa_orders.testing``)."""
    global _test_bind_provider
    _test_bind_provider = provider


def session_factory(alias: str | None = None) -> sessionmaker[Session]:
    """A ``sessionmaker`` bound to the engine of ``alias``."""
    options = {**SESSION_DEFAULTS, **get_config()["SESSION_OPTIONS"]}
    return sessionmaker(bind=get_engine(alias), **options)


def new_session(alias: str | None = None) -> Session:
    """A new session on ``alias`` (default ``SA_ORDERS["DATABASE"]``). The caller closes it."""
    alias = resolve_alias(alias)
    factory = session_factory(alias)
    if _test_bind_provider is not None:
        connection = _test_bind_provider(alias)
        if connection is not None:
            # Join the test's outer transaction: commit() releases a savepoint and
            # the test's teardown rolls everything back.
            return factory(bind=connection, join_transaction_mode="create_savepoint")
    return factory()


@contextmanager
def session_scope(alias: str | None = None) -> Iterator[Session]:
    """A session for commands and scripts: commit on success, roll back on error.

    ::

        with session_scope() as session:
            session.add(customer)
    """
    session = new_session(alias)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


class RequestSession:
    """The session of one request, created on first access.

    The middleware owns it: it commits or rolls back after the view and always
    closes it. ``doomed`` is set by :func:`doom` or by an exception in the view.
    """

    def __init__(self, alias: str) -> None:
        self.alias = alias
        self.session: Session | None = None
        self.doomed = False
        self.closed = False

    def get(self) -> Session:
        if self.closed:
            raise RuntimeError(
                "request.sa_session was used after its request ended. Code that runs "
                "after the view returns (streaming responses, threads) must open its "
                "own session with sa_orders.session_scope()."
            )
        if self.session is None:
            self.session = new_session(self.alias)
        return self.session

    def close(self) -> None:
        self.closed = True
        if self.session is not None:
            self.session.close()


_STATE_ATTRIBUTE = "_sa_orders_session"


def attach_request_session(request: HttpRequest, alias: str) -> RequestSession:
    """Give ``request`` its lazy session (what the middleware does for every request):
    ``request.sa_session`` for views, and the state the middleware finishes."""
    state = RequestSession(alias)
    setattr(request, _STATE_ATTRIBUTE, state)
    setattr(request, "sa_session", SimpleLazyObject(state.get))  # noqa: B010 (stubs lack it)
    return state


def find_request_state(request: HttpRequest) -> RequestSession | None:
    """The request's session state, or None when the middleware has not run for it."""
    state = getattr(request, _STATE_ATTRIBUTE, None)
    return state if isinstance(state, RequestSession) else None


def request_state(request: HttpRequest) -> RequestSession:
    """The request's session state (its alias, whether it is doomed)."""
    state = find_request_state(request)
    if state is None:
        raise ImproperlyConfigured(
            "This request has no SQLAlchemy session: add "
            "'sa_orders.middleware.SQLAlchemySessionMiddleware' to MIDDLEWARE."
        )
    return state


def request_session(request: HttpRequest) -> Session:
    """The request's session, created on first use: the object behind
    ``request.sa_session``, typed as a ``Session``."""
    return request_state(request).get()


def doom(request: HttpRequest) -> None:
    """Make the middleware roll back this request's session instead of committing it."""
    request_state(request).doomed = True
