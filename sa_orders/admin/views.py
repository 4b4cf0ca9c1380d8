"""The pages of one registered model: list (with its bulk actions), autocomplete, CSV
export, detail and delete. The add and edit pages are in :mod:`sa_orders.admin.editing`.

Each view gets the request (whose session is the unit of work) and the ``ModelAdmin``;
the site has already checked login, staff status and permission, and wrapped it in CSRF
protection. A refused deletion answers 409, so the middleware rolls back whatever the
attempt left in the session.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    JsonResponse,
    StreamingHttpResponse,
)
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from sqlalchemy import and_, inspect
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from sa_orders import signals
from sa_orders.admin.actions import Selection, examples, selection_condition
from sa_orders.admin.changelist import ChangeList
from sa_orders.admin.imports import can_import
from sa_orders.admin.pages import get_object_or_404, names, render_page
from sa_orders.admin.results import Results
from sa_orders.admin.search import MAX_SEARCH_LENGTH
from sa_orders.admin.tree import TreeList
from sa_orders.db.session import request_session, request_state
from sa_orders.exchange.csv_export import export_statement, stream_csv
from sa_orders.services.history import BULK_ACTION, acting_within

if TYPE_CHECKING:
    from sa_orders.admin.options import ModelAdmin

DEACTIVATE = "_deactivate"
MAX_AUTOCOMPLETE = 50


def list_view(request: HttpRequest, model_admin: ModelAdmin) -> HttpResponse:
    kind = TreeList if model_admin.tree_parent and request.method != "POST" else ChangeList
    changelist = kind(request, model_admin, request_session(request))
    if request.method == "POST":
        return _bulk_action(request, model_admin, changelist)
    changelist.get_results()
    actions = model_admin.get_actions(request)
    results = Results(changelist, selectable=bool(actions))
    context = {
        "cl": changelist,
        "results": results,
        "actions": actions,
        "import_url": model_admin.url("import") if can_import(request, model_admin) else None,
    }
    return render_page(request, model_admin, "list", context)


def _selection(
    request: HttpRequest, model_admin: ModelAdmin, changelist: ChangeList
) -> Selection | None:
    """The ticked rows, or every row matching the search and filters; None if neither."""
    if request.POST.get("select_across") == "1":
        changelist.bind_filters()
        condition = selection_condition(model_admin, changelist.filtered_query())
        return Selection(condition, across=True)
    ids = [model_admin.pk_from_url(raw) for raw in request.POST.getlist("_selected")]
    ids = sorted({pk for pk in ids if pk is not None})
    if not ids:
        return None
    allowed = selection_condition(model_admin, model_admin.get_list_query(request))
    return Selection(and_(allowed, model_admin.pk_column.in_(ids)), across=False, ids=ids)


def _bulk_action(
    request: HttpRequest, model_admin: ModelAdmin, changelist: ChangeList
) -> HttpResponse:
    """POST on a list: a confirmation page, then (with ``confirm``) the action itself."""
    session = request_session(request)
    back = HttpResponseRedirect(model_admin.list_url + changelist.querystring)
    chosen = request.POST.get("action", "")
    action = {action.name: action for action in model_admin.actions}.get(chosen)
    if action is None:
        messages.error(request, _("Choose an action from the list."))
        return back
    if not action.allowed(request, model_admin):
        raise PermissionDenied
    selection = _selection(request, model_admin, changelist)
    if selection is None:
        messages.warning(
            request, _("Tick the rows to apply the action to, or choose all the rows that match.")
        )
        return back
    if request.POST.get("confirm") != "1":
        count, sample = examples(request, session, model_admin, selection)
        context = {
            "cl": changelist,
            "action": action,
            "selection": selection,
            "count": count,
            "examples": sample,
            "more": count - len(sample),
            **action.context(request, session, model_admin, selection),
        }
        return render_page(request, model_admin, "action_confirm", context)
    try:
        with session.begin_nested(), acting_within(BULK_ACTION, str(action.label)):
            result = action.run(request, session, model_admin, selection)
    except IntegrityError:  # the savepoint is rolled back: nothing of it stays
        messages.error(
            request,
            _("%(action)s failed: the change conflicts with other rows; nothing was changed.")
            % {"action": action.label},
        )
        return back
    # rows left alone deserve more than a success message
    report = messages.warning if result.skipped else messages.success
    report(request, action.message(model_admin, result))
    return back


def autocomplete_view(request: HttpRequest, model_admin: ModelAdmin) -> JsonResponse:
    """The first rows matching ``?q=`` (as the list's search), as JSON for lookup fields:
    ``{"results": [{"value": key, "label": text, ...}], "more": bool}``; ``?limit=`` at
    most 50."""
    text = request.GET.get("q", "").strip()[:MAX_SEARCH_LENGTH]
    try:
        limit = int(request.GET.get("limit", model_admin.autocomplete_limit))
    except ValueError:
        limit = model_admin.autocomplete_limit
    limit = min(max(limit, 1), MAX_AUTOCOMPLETE)
    rows, more = model_admin.autocomplete(request, request_session(request), text, limit)
    results = [model_admin.autocomplete_result(row) for row in rows]
    return JsonResponse({"results": results, "more": more})


def export_view(request: HttpRequest, model_admin: ModelAdmin) -> StreamingHttpResponse:
    """The list as CSV: its search, filters and ordering, every row, not one page.

    The response streams: the rows are read and written in chunks by a session of the
    export's own, since the request's session is closed before the first chunk is sent.
    """
    session = request_session(request)
    # A connection now, in the view (checked by the pool's ping): a database that cannot
    # be reached is a 503 page, not a 200 that stops after its headers.
    session.connection()
    changelist = ChangeList(request, model_admin, session)
    changelist.bind_filters()
    columns = model_admin.bound_export_columns
    statement = export_statement(changelist.ordered_query(), columns)
    chunks = stream_csv(
        statement,
        columns,
        alias=request_state(request).alias,
        chunk_size=model_admin.export_chunk_size,
    )
    response = StreamingHttpResponse(chunks, content_type="text/csv; charset=utf-8")
    filename = f"{model_admin.url_prefix}-{timezone.localtime():%Y%m%d-%H%M%S}.csv"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def detail_view(request: HttpRequest, model_admin: ModelAdmin, pk: str) -> HttpResponse:
    obj = get_object_or_404(request, model_admin, pk)
    context = {
        "obj": obj,
        "rows": model_admin.detail_rows(obj, request),
        **model_admin.get_detail_context(request, request_session(request), obj),
    }
    return render_page(request, model_admin, "detail", context)


def delete_view(request: HttpRequest, model_admin: ModelAdmin, pk: str) -> HttpResponse:
    """GET: what deleting would take along or what blocks it. POST: delete, or deactivate."""
    session = request_session(request)
    obj = get_object_or_404(request, model_admin, pk)
    field = model_admin.deactivate_field
    can_deactivate = bool(field) and model_admin.has_change_permission(request)
    error = None
    if request.method == "POST" and DEACTIVATE in request.POST:
        if not can_deactivate:
            raise PermissionDenied
        error = _deactivate(request, model_admin, session, obj)
        if error is None:
            return HttpResponseRedirect(model_admin.url("detail", obj))
    plan = model_admin.get_deletion_plan(request, session, obj)
    if request.method == "POST" and DEACTIVATE not in request.POST and not plan.blocked:
        error = _delete(request, model_admin, session, obj)
        if error is None:
            if model_admin.has_view_permission(request):
                return HttpResponseRedirect(model_admin.url("list"))
            return HttpResponseRedirect(model_admin.site.index_url())
    context = {
        "obj": obj,
        "plan": plan,
        "error": error,
        "can_deactivate": can_deactivate and bool(getattr(obj, field or "", False)),
    }
    status = 409 if request.method == "POST" else 200  # a POST that got here was refused
    return render_page(request, model_admin, "delete", context, status=status)


def _deactivate(
    request: HttpRequest, model_admin: ModelAdmin, session: Session, obj: Any
) -> str | None:
    """Switch the object's ``deactivate_field`` off; an error message if that failed."""
    assert model_admin.deactivate_field is not None  # the page offers it only then
    setattr(obj, model_admin.deactivate_field, False)
    try:
        with session.begin_nested():
            session.flush()
    except StaleDataError:
        session.rollback()
        return stale_message(model_admin)
    messages.success(
        request, _("The %(name)s “%(obj)s” was deactivated.") % names(model_admin, obj)
    )
    return None


def _delete(
    request: HttpRequest, model_admin: ModelAdmin, session: Session, obj: Any
) -> str | None:
    """Delete the object; an error message if the database refused."""
    label, pk = str(obj), inspect(obj).identity[0]
    model_admin.delete_object(request, session, obj)
    try:
        with session.begin_nested():
            session.flush()
    except (IntegrityError, StaleDataError):
        session.rollback()
        return _("The %(name)s could not be deleted: other rows refer to it now.") % {
            "name": model_admin.verbose_name
        }
    signals.send_deleted(request, session, model_admin.model, pk)
    messages.success(
        request,
        _("The %(name)s “%(obj)s” was deleted.") % {"name": model_admin.verbose_name, "obj": label},
    )
    return None


def stale_message(model_admin: ModelAdmin) -> str:
    return _(
        "Someone else changed this %(name)s after you opened this form, so your changes "
        "were not saved. Reload the page to see the current values, then make your "
        "changes again."
    ) % {"name": model_admin.verbose_name}
