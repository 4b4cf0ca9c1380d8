"""What every page shares: the context each template gets, the row a URL names (or a
404), the page that says the database cannot be reached (503), and the headers every
response of the site carries."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from sqlalchemy import inspect

from sa_orders.conf import get_config
from sa_orders.db.session import request_session

if TYPE_CHECKING:
    from sa_orders.admin.options import ModelAdmin


def render_page(
    request: HttpRequest,
    model_admin: ModelAdmin,
    page: str,
    context: dict[str, Any],
    status: int = 200,
) -> HttpResponse:
    obj = context.get("obj")
    urls = {}
    if obj is not None and inspect(obj).identity is not None:
        urls = {page: model_admin.url(page, obj) for page in ("detail", "edit", "delete")}
        if model_admin.history:
            urls["history"] = model_admin.url("history", obj)
    context = {
        **model_admin.site.each_context(request),
        "admin": model_admin,
        "urls": urls,
        "can_view": model_admin.has_view_permission(request),
        "can_add": model_admin.has_add_permission(request),
        "can_change": model_admin.has_change_permission(request),
        "can_delete": model_admin.has_delete_permission(request),
        **context,
    }
    return render(request, model_admin.template_names(page), context, status=status)


def get_object_or_404(request: HttpRequest, model_admin: ModelAdmin, pk: str) -> Any:
    key = model_admin.pk_from_url(pk)
    obj = None if key is None else model_admin.get_object(request, request_session(request), key)
    if obj is None:
        raise Http404(_("There is no %(name)s with that id.") % {"name": model_admin.verbose_name})
    return obj


def names(model_admin: ModelAdmin, obj: Any) -> dict[str, Any]:
    return {"name": model_admin.verbose_name, "obj": obj}


RETRY_AFTER = 30  # seconds: a restarting server is usually back by then


def unavailable(request: HttpRequest) -> HttpResponse:
    """503 with ``Retry-After``, in the site's layout, for a database that cannot be
    reached. Rendered without the request's context (no user, no menu, no messages):
    each of those would ask a database too."""
    html = render_to_string("sa_orders/unavailable.html", {"retry_after": RETRY_AFTER})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    return response


def secure(response: HttpResponseBase) -> HttpResponseBase:
    """The headers of every response of the site, error pages included: never cached
    (the pages show data for one user), and the Content-Security-Policy of
    ``SA_ORDERS["CONTENT_SECURITY_POLICY"]``."""
    add_never_cache_headers(response)
    policy = get_config()["CONTENT_SECURITY_POLICY"]
    if policy and "Content-Security-Policy" not in response:
        response["Content-Security-Policy"] = policy
    return response
