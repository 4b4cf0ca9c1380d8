"""Which errors mean that a database cannot be used just now, rather than that a statement
or its data is wrong.

The pages answer those with a 503 and ``Retry-After`` (see
:func:`sa_orders.admin.pages.unavailable`) instead of a 500: a server that is down or
restarting, a connection that broke, a pool with no connection left, a database that is
locked for longer than the busy timeout. They come from SQLAlchemy (sa_orders' own
engine) and from Django (its sessions and users, read by every page).
"""

from __future__ import annotations

from django.db import utils as django_errors
from sqlalchemy import exc as sqlalchemy_errors


def is_unavailable(error: BaseException) -> bool:
    """Whether ``error`` says the database cannot be reached or used for now."""
    if isinstance(error, sqlalchemy_errors.TimeoutError):  # no connection left in the pool
        return True
    if isinstance(error, sqlalchemy_errors.DBAPIError):
        return error.connection_invalidated or isinstance(
            error, sqlalchemy_errors.OperationalError | sqlalchemy_errors.InterfaceError
        )
    return isinstance(error, django_errors.OperationalError | django_errors.InterfaceError)
