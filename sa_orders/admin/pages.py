"""What every page of a model shares: the context each template gets, and the row a URL
names (or a 404)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from sqlalchemy import inspect

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
