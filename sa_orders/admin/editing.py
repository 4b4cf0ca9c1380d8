"""The add and edit pages: a form generated from the mapper and its inline forms, saved
in one unit of work, and the conflict page when the row changed since the form opened.

A form with errors answers 400 and a refused save 409, so the middleware rolls back
whatever the attempt left in the session.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.forms import BaseFormSet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from sqlalchemy import inspect
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from sa_orders import signals
from sa_orders.admin.conflicts import compare, merged_data
from sa_orders.admin.forms import SAModelForm, missing_version_message
from sa_orders.admin.pages import get_object_or_404, names, render_page
from sa_orders.db.session import request_session
from sa_orders.exceptions import DomainError
from sa_orders.services.writes import version_key

if TYPE_CHECKING:
    from sa_orders.admin.options import ModelAdmin

CONTINUE, ADD_ANOTHER = "_continue", "_addanother"


def add_view(request: HttpRequest, model_admin: ModelAdmin) -> HttpResponse:
    return _form_view(request, model_admin, None)


def edit_view(request: HttpRequest, model_admin: ModelAdmin, pk: str) -> HttpResponse:
    return _form_view(request, model_admin, get_object_or_404(request, model_admin, pk))


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
        if form.conflict:
            return _conflict_page(request, model_admin, session, form, formsets, obj)
    else:
        form = form_class(session=session, instance=obj)
        formsets = model_admin.get_formsets(request, session, obj)
    context = {"form": form, "formsets": formsets, "obj": obj, "adding": obj is None}
    return render_page(request, model_admin, "form", context, status=status)


def _has_errors(form: SAModelForm, formsets: list[BaseFormSet[Any]]) -> bool:
    return bool(form.errors) or any(
        formset.non_form_errors() or any(f.errors for f in formset.forms) for formset in formsets
    )


def _save(
    request: HttpRequest,
    model_admin: ModelAdmin,
    session: Session,
    form: SAModelForm,
    formsets: list[BaseFormSet[Any]],
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
            form.conflict = True
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
        form.conflict = True
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
    signals.send_saved(request, session, target, created=obj is None)
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
    formsets: list[BaseFormSet[Any]],
    obj: Any,
) -> HttpResponse:
    """409: the row changed since the form opened. Show both, offer the user's changes
    on top of the current row (see :mod:`sa_orders.admin.conflicts`)."""
    current = model_admin.get_object(request, session, inspect(obj).identity[0])
    context: dict[str, Any] = {"obj": obj, "mine": form}
    if current is None:  # deleted meanwhile: nothing to apply the changes to
        context["deleted"] = True
        return render_page(request, model_admin, "conflict", context, status=409)
    form_class = type(form)
    current_form = form_class(session=session, instance=current)
    inline_data, inline_conflicts = model_admin.merge_formsets(request, session, current, formsets)
    data = merged_data(
        form,
        current_form,
        _version(current),
        inline_data=inline_data,
        inline_prefixes=[formset.prefix or formset.get_default_prefix() for formset in formsets],
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
    return render_page(request, model_admin, "conflict", context, status=409)


def _version(obj: Any) -> Any:
    """The value of ``obj``'s version counter, whatever its attribute is called."""
    key = version_key(inspect(obj).mapper)
    return None if key is None else getattr(obj, key)


def _after_save(
    request: HttpRequest, model_admin: ModelAdmin, obj: Any, *, added: bool
) -> HttpResponse:
    message = (
        _("The %(name)s “%(obj)s” was added.")
        if added
        else _("The %(name)s “%(obj)s” was changed.")
    )
    messages.success(request, message % names(model_admin, obj))
    if CONTINUE in request.POST and model_admin.has_change_permission(request):
        return HttpResponseRedirect(model_admin.url("edit", obj))
    if ADD_ANOTHER in request.POST and model_admin.has_add_permission(request):
        return HttpResponseRedirect(model_admin.url("add"))
    if model_admin.has_view_permission(request):
        return HttpResponseRedirect(model_admin.url("detail", obj))
    return HttpResponseRedirect(model_admin.site.index_url())
