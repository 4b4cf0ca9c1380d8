"""The pages of one registered model: list, detail, add, edit, delete.

Each view gets the request (whose ``sa_session`` is the unit of work) and the
``ModelAdmin``; the site has already checked login, staff status and permission, and
wrapped it in CSRF protection. A form with errors answers 400 and a refused save 409,
so the middleware rolls back whatever the attempt left in the session.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.forms import BaseFormSet
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from sqlalchemy import and_, inspect
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from sa_orders.admin.actions import Selection, examples, selection_condition
from sa_orders.admin.changelist import MAX_SEARCH_LENGTH, ChangeList
from sa_orders.admin.conflicts import compare, merged_data
from sa_orders.admin.forms import SAModelForm, missing_version_message
from sa_orders.db.session import request_session, request_state
from sa_orders.exceptions import DomainError
from sa_orders.exchange.csv_export import export_statement, stream_csv

if TYPE_CHECKING:
    from sa_orders.admin.options import ModelAdmin

SAVE, CONTINUE, ADD_ANOTHER, DEACTIVATE = "_save", "_continue", "_addanother", "_deactivate"
MAX_AUTOCOMPLETE = 50


def _render(
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


def _get_object(request: HttpRequest, model_admin: ModelAdmin, pk: str) -> Any:
    key = model_admin.pk_from_url(pk)
    obj = None if key is None else model_admin.get_object(request, request_session(request), key)
    if obj is None:
        raise Http404(_("There is no %(name)s with that id.") % {"name": model_admin.verbose_name})
    return obj


def _names(model_admin: ModelAdmin, obj: Any) -> dict[str, Any]:
    return {"name": model_admin.verbose_name, "obj": obj}


def list_view(request: HttpRequest, model_admin: ModelAdmin) -> HttpResponse:
    changelist = ChangeList(request, model_admin, request_session(request))
    if request.method == "POST":
        return _bulk_action(request, model_admin, changelist)
    changelist.get_results()
    actions = model_admin.get_actions(request)
    changelist.selectable = bool(actions)
    context = {"cl": changelist, "actions": actions}
    return _render(request, model_admin, "list", context)


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
        count, sample = examples(session, model_admin, selection)
        context = {
            "cl": changelist,
            "action": action,
            "selection": selection,
            "count": count,
            "examples": sample,
            "more": count - len(sample),
            **action.context(request, session, model_admin, selection),
        }
        return _render(request, model_admin, "action_confirm", context)
    try:
        with session.begin_nested():
            result = action.run(request, session, model_admin, selection)
    except IntegrityError:  # the savepoint is rolled back: nothing of it stays
        messages.error(
            request,
            _("%(action)s failed: the change conflicts with other rows; nothing was changed.")
            % {"action": action.label},
        )
        return back
    messages.success(request, action.message(model_admin, result))
    return back


def autocomplete_view(request: HttpRequest, model_admin: ModelAdmin) -> JsonResponse:
    """The first rows matching ``?q=`` (as the list's search), as JSON for lookup fields:
    ``{"results": [{"value": key, "label": text}], "more": bool}``; ``?limit=`` at most 50."""
    text = request.GET.get("q", "").strip()[:MAX_SEARCH_LENGTH]
    try:
        limit = int(request.GET.get("limit", model_admin.autocomplete_limit))
    except ValueError:
        limit = model_admin.autocomplete_limit
    limit = min(max(limit, 1), MAX_AUTOCOMPLETE)
    rows, more = model_admin.autocomplete(request, request_session(request), text, limit)
    results = [{"value": model_admin.lookup_key(row), "label": str(row)} for row in rows]
    return JsonResponse({"results": results, "more": more})


def export_view(request: HttpRequest, model_admin: ModelAdmin) -> StreamingHttpResponse:
    """The list as CSV: its search, filters and ordering, every row, not one page.

    The response streams: the rows are read and written in chunks by a session of the
    export's own, since the request's session is closed before the first chunk is sent.
    """
    changelist = ChangeList(request, model_admin, request_session(request))
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
    obj = _get_object(request, model_admin, pk)
    context = {
        "obj": obj,
        "rows": model_admin.detail_rows(obj),
        **model_admin.get_detail_context(request, request_session(request), obj),
    }
    return _render(request, model_admin, "detail", context)


def add_view(request: HttpRequest, model_admin: ModelAdmin) -> HttpResponse:
    return _form_view(request, model_admin, None)


def edit_view(request: HttpRequest, model_admin: ModelAdmin, pk: str) -> HttpResponse:
    return _form_view(request, model_admin, _get_object(request, model_admin, pk))


def _form_view(request: HttpRequest, model_admin: ModelAdmin, obj: Any) -> HttpResponse:
    session = request_session(request)
    form_class = model_admin.get_form_class(request, obj)
    status = 200
    if request.method == "POST":
        form = form_class(request.POST, session=session, instance=obj)
        formsets = model_admin.get_formsets(request, session, obj, request.POST)
        saved, status = _save(request, model_admin, session, form, formsets, obj)
        if saved is not None:
            return _after_save(request, model_admin, saved, added=obj is None)
        session.rollback()  # nothing of the attempt is left in the session
        if getattr(form, "conflict", False):
            return _conflict_page(request, model_admin, session, form, formsets, obj)
    else:
        form = form_class(session=session, instance=obj)
        formsets = model_admin.get_formsets(request, session, obj)
    context = {"form": form, "formsets": formsets, "obj": obj, "adding": obj is None}
    return _render(request, model_admin, "form", context, status=status)


def _has_errors(form: SAModelForm, formsets: list[BaseFormSet]) -> bool:
    return bool(form.errors) or any(
        formset.non_form_errors() or any(f.errors for f in formset.forms) for formset in formsets
    )


def _save(
    request: HttpRequest,
    model_admin: ModelAdmin,
    session: Session,
    form: SAModelForm,
    formsets: list[BaseFormSet],
    obj: Any,
) -> tuple[Any, int]:
    """Save the form and its inline forms: (the saved object, 302), or (None, the error status)."""
    valid = [form.is_valid()] + [formset.is_valid() for formset in formsets]  # validate all
    if obj is not None and form.has_version and valid[0]:
        # The version first: inline forms that no longer match a changed row are a
        # conflict, not a mistake of the user's.
        version = form.cleaned_data.get("version")
        if version is None:
            form.add_error(None, missing_version_message())
            return None, 400
        if version != _version(obj):
            form.conflict = True  # type: ignore[attr-defined]
            return None, 409
    if not all(valid):
        return None, 400
    target = obj if obj is not None else model_admin.new_object(request)
    with session.no_autoflush:
        form.apply_to(target)
        if form.errors:
            return None, 400
        model_admin.apply_formsets(request, session, target, form, formsets)
        if _has_errors(form, formsets):
            return None, 400
        for name in model_admin.unique_conflicts(session, target, list(form.fields)):
            form.add_error(
                name,
                _("%(name)s with this %(field)s already exists.")
                % {
                    "name": capfirst(model_admin.verbose_name),
                    "field": _lower(form.fields[name].label),
                },
            )
        if form.errors:
            return None, 400
    model_admin.save_object(request, session, target, change=obj is not None)
    try:
        with session.begin_nested():
            session.flush()
    except StaleDataError:
        form.conflict = True  # type: ignore[attr-defined]
        return None, 409
    except DomainError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return None, 400
    except IntegrityError:
        form.add_error(
            None,
            _("The %(name)s could not be saved: another change conflicts with it. Try again.")
            % {"name": model_admin.verbose_name},
        )
        return None, 409
    return target, 302


def _lower(label: Any) -> str:
    """ "Email" -> "email", but "SKU" stays "SKU"."""
    text = str(label)
    return text if text[:2].isupper() else text[:1].lower() + text[1:]


def _conflict_page(
    request: HttpRequest,
    model_admin: ModelAdmin,
    session: Session,
    form: SAModelForm,
    formsets: list[BaseFormSet],
    obj: Any,
) -> HttpResponse:
    """409: the row changed since the form opened. Show both, offer the user's changes
    on top of the current row (see :mod:`sa_orders.admin.conflicts`)."""
    current = model_admin.get_object(request, session, inspect(obj).identity[0])
    context: dict[str, Any] = {"obj": obj, "mine": form}
    if current is None:  # deleted meanwhile: nothing to apply the changes to
        context["deleted"] = True
        return _render(request, model_admin, "conflict", context, status=409)
    form_class = type(form)
    current_form = form_class(session=session, instance=current)
    inline_data, inline_conflicts = model_admin.merge_formsets(request, session, current, formsets)
    data = merged_data(
        form,
        current_form,
        _version(current),
        inline_data=inline_data,
        inline_prefixes=[formset.prefix for formset in formsets],
    )
    context.update(
        {
            "obj": current,
            "conflicts": compare(form, current_form),
            "inline_conflicts": inline_conflicts,
            "form": form_class(data, session=session, instance=current),
            "formsets": model_admin.get_formsets(request, session, current, data),
        }
    )
    return _render(request, model_admin, "conflict", context, status=409)


def _version(obj: Any) -> Any:
    """The value of ``obj``'s version counter, whatever its attribute is called."""
    mapper = inspect(obj).mapper
    return getattr(obj, mapper.get_property_by_column(mapper.version_id_col).key)


def _stale_message(model_admin: ModelAdmin) -> str:
    return _(
        "Someone else changed this %(name)s after you opened this form, so your changes "
        "were not saved. Reload the page to see the current values, then make your "
        "changes again."
    ) % {"name": model_admin.verbose_name}


def _after_save(
    request: HttpRequest, model_admin: ModelAdmin, obj: Any, *, added: bool
) -> HttpResponse:
    message = (
        _("The %(name)s “%(obj)s” was added.")
        if added
        else _("The %(name)s “%(obj)s” was changed.")
    )
    messages.success(request, message % _names(model_admin, obj))
    if CONTINUE in request.POST and model_admin.has_change_permission(request):
        return HttpResponseRedirect(model_admin.url("edit", obj))
    if ADD_ANOTHER in request.POST and model_admin.has_add_permission(request):
        return HttpResponseRedirect(model_admin.url("add"))
    if model_admin.has_view_permission(request):
        return HttpResponseRedirect(model_admin.url("detail", obj))
    return HttpResponseRedirect(model_admin.site.index_url())


def delete_view(request: HttpRequest, model_admin: ModelAdmin, pk: str) -> HttpResponse:
    """GET: what deleting would take along or what blocks it. POST: delete, or deactivate."""
    session = request_session(request)
    obj = _get_object(request, model_admin, pk)
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
    return _render(request, model_admin, "delete", context, status=status)


def _deactivate(
    request: HttpRequest, model_admin: ModelAdmin, session: Session, obj: Any
) -> str | None:
    """Switch the object's ``deactivate_field`` off; an error message if that failed."""
    setattr(obj, model_admin.deactivate_field, False)  # type: ignore[arg-type]
    try:
        with session.begin_nested():
            session.flush()
    except StaleDataError:
        session.rollback()
        return _stale_message(model_admin)
    messages.success(
        request, _("The %(name)s “%(obj)s” was deactivated.") % _names(model_admin, obj)
    )
    return None


def _delete(
    request: HttpRequest, model_admin: ModelAdmin, session: Session, obj: Any
) -> str | None:
    """Delete the object; an error message if the database refused."""
    label = str(obj)
    model_admin.delete_object(request, session, obj)
    try:
        with session.begin_nested():
            session.flush()
    except (IntegrityError, StaleDataError):
        session.rollback()
        return _("The %(name)s could not be deleted: other rows refer to it now.") % {
            "name": model_admin.verbose_name
        }
    messages.success(
        request,
        _("The %(name)s “%(obj)s” was deleted.") % {"name": model_admin.verbose_name, "obj": label},
    )
    return None
