"""sa_orders: customers, orders and a catalog in SQLAlchemy 2.x models, at home in Django.

The public names::

    from sa_orders import session_scope, doom, get_engine

* ``session_scope(alias=None)``: a session for commands and scripts that commits on
  success and rolls back on error;
* ``doom(request)``: make the request's session roll back instead of committing;
* ``get_engine(alias=None)``: the SQLAlchemy engine of a Django database alias;
* ``new_session(alias=None)``: a bare session (you commit and close it);
* ``dispose_engines()``: close every pooled connection (before dropping a database,
  after a fork);
* ``request_session(request)``: the request's session, typed as a ``Session`` (the
  object behind ``request.sa_session``, see ``sa_orders.middleware``);
* ``on_commit(session_or_request, func)``: run ``func`` after the transaction commits,
  as Django's ``transaction.on_commit`` (the signals for host code are in
  ``sa_orders.signals``).
"""

from sa_orders.db.commit_hooks import on_commit
from sa_orders.db.engine import dispose_engines, get_engine
from sa_orders.db.session import doom, new_session, request_session, session_scope

__all__ = [
    "dispose_engines",
    "doom",
    "get_engine",
    "new_session",
    "on_commit",
    "request_session",
    "session_scope",
]
__version__ = "0.1.0"
