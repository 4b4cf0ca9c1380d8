"""``SQLAlchemySessionMiddleware``: one SQLAlchemy session per request, one unit of work.

Place it after ``AuthenticationMiddleware`` and ``MessageMiddleware``::

    MIDDLEWARE = [
        ...
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
        "sa_orders.middleware.SQLAlchemySessionMiddleware",
        ...
    ]

After the view, the session commits when the response status is below 400 and
nobody called :func:`sa_orders.doom`; otherwise, and on any exception, it rolls back.
It is always closed. A request that never touches ``request.sa_session`` opens no
connection.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

from sa_orders.conf import get_config
from sa_orders.db.errors import is_unavailable
from sa_orders.db.session import RequestSession, attach_request_session, find_request_state
from sa_orders.services.history import PAGE, Source, acting_as

logger = logging.getLogger("sa_orders")


class SQLAlchemySessionMiddleware:
    sync_capable = True
    async_capable = False

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        holder = attach_request_session(request, get_config()["DATABASE"])
        try:
            with acting_as(lambda: request_source(request)):  # the history's who and where
                response = self.get_response(request)
                response = self._finish(request, holder, response)
        except BaseException:
            self._rollback(holder)
            raise
        finally:
            self._close(holder)
        if _site_request(request):
            from sa_orders.admin.pages import secure  # the admin needs Django's apps loaded

            secure(response)  # error pages too: never cached, and the site's CSP
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        # An exception in the view dooms the unit of work, even if another
        # middleware turns it into a response with a status below 400.
        holder = find_request_state(request)
        if holder is not None:
            holder.doomed = True

    def _finish(
        self, request: HttpRequest, holder: RequestSession, response: HttpResponseBase
    ) -> HttpResponseBase:
        session = holder.session
        if session is None:
            return response
        if response.status_code >= 400 or holder.doomed:
            self._rollback(holder)
            return response
        try:
            session.commit()
        except Exception as error:
            # Whatever the view announced ("saved") did not happen.
            self._discard_queued_messages(request)
            if is_unavailable(error) and _site_request(request):
                from sa_orders.admin.pages import unavailable

                logger.warning("The commit failed: a database cannot be reached: %s", error)
                self._rollback(holder)
                return unavailable(request)
            raise  # Django's handler turns it into an error response and logs it
        return response

    @staticmethod
    def _rollback(holder: RequestSession) -> None:
        if holder.session is not None:
            try:
                holder.session.rollback()
            except Exception:
                logger.exception("Rollback of the request's SQLAlchemy session failed")

    @staticmethod
    def _close(holder: RequestSession) -> None:
        try:
            holder.close()
        except Exception:
            logger.exception("Closing the request's SQLAlchemy session failed")

    @staticmethod
    def _discard_queued_messages(request: HttpRequest) -> None:
        storage = getattr(request, "_messages", None)
        queued = getattr(storage, "_queued_messages", None)
        if queued is not None:
            queued.clear()


def request_source(request: HttpRequest) -> Source:
    """Who made a request's changes (its user) and where (the page's path)."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return Source(PAGE, user.get_username(), user.pk, request.path)
    return Source(PAGE, "anonymous", None, request.path)


def _site_request(request: HttpRequest) -> bool:
    """Whether ``request`` went to a page of an sa_orders site (its URLs' app name)."""
    match = getattr(request, "resolver_match", None)
    return match is not None and "sa_orders" in match.app_names
