"""The history pages: a row's History, the site's Recent changes, and reverting a change.

The changes are recorded by the database (:mod:`sa_orders.models.history`); these pages
read them back (:mod:`sa_orders.services.history`) and show them as
:mod:`sa_orders.admin.changes` describes them. Pages are keyset pages on the change's
id: no count, no OFFSET.

A row's History needs the permission to view the model. The Recent changes page needs
``sa_orders.view_history`` and shows only the models the user may view; reverting needs
``sa_orders.revert_change`` and the permission to change the model. A revert opens the
model's edit form with the fields the change changed set back to their values before
it, at the version the change left the row at: saving it is an ordinary edit, so a row
changed since then gets the conflict page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from sa_orders.admin import editing
from sa_orders.admin.changes import Describer, Entry, relationship_of
from sa_orders.admin.conflicts import proposed_data
from sa_orders.admin.forms import LookupField, RelatedChoiceField
from sa_orders.admin.pages import get_object_or_404, render_page
from sa_orders.db.mapping import table_of
from sa_orders.db.session import request_session
from sa_orders.services import history
from sa_orders.services.calendar import day_range
from sa_orders.services.history import SOURCES, UPDATE, Change

if TYPE_CHECKING:
    from sa_orders.admin.options import ModelAdmin
    from sa_orders.admin.sites import AdminSite

APP_LABEL = "sa_orders"
VIEW_HISTORY, REVERT = "view_history", "revert_change"
# codename -> name: created by migrate as real auth.Permission rows
PERMISSIONS = {VIEW_HISTORY: "Can view recent changes", REVERT: "Can revert changes"}
PAGE_SIZE = 50


def can_view_history(request: HttpRequest) -> bool:
    return bool(request.user.has_perm(f"{APP_LABEL}.{VIEW_HISTORY}"))


def can_revert(request: HttpRequest, model_admin: ModelAdmin) -> bool:
    return bool(
        request.user.has_perm(f"{APP_LABEL}.{REVERT}")
        and model_admin.has_change_permission(request)
    )


# --- a row's History --------------------------------------------------------------------


def _is_id(text: str) -> bool:
    """ASCII digits that a 64-bit id can hold (``str.isdigit()`` also takes ``²``)."""
    return text.isascii() and text.isdigit() and len(text) < 19


def _keyset(request: HttpRequest) -> tuple[int | None, int | None]:
    def number(name: str) -> int | None:
        raw = request.GET.get(name, "")
        return int(raw) if _is_id(raw) else None

    return number("after"), number("before")


@dataclass
class Pages:
    newer_url: str | None
    older_url: str | None


def _pages(
    request: HttpRequest, changes: list[Change], more: bool, after: int | None, before: int | None
) -> Pages:
    params = request.GET.copy()
    for name in ("after", "before"):
        params.pop(name, None)

    def url(name: str, value: int) -> str:
        query = params.copy()
        query[name] = str(value)
        return f"?{query.urlencode()}"

    if not changes:
        return Pages(None, None)
    newer = (more if before is not None else after is not None) and url("before", changes[0].id)
    older = (more if before is None else True) and url("after", changes[-1].id)
    return Pages(newer or None, older or None)


def row_history_view(request: HttpRequest, model_admin: ModelAdmin, pk: str) -> HttpResponse:
    """A row's changes, newest first (a deleted row's too)."""
    if not model_admin.history:
        raise Http404(_("The %(name)s has no history.") % {"name": model_admin.verbose_name})
    key = model_admin.pk_from_url(pk)
    if key is None:
        raise Http404(_("There is no %(name)s with that id.") % {"name": model_admin.verbose_name})
    session = request_session(request)
    obj = model_admin.get_object(request, session, key)
    after, before = _keyset(request)
    table = table_of(model_admin.model)
    changes, more = history.page(
        session, history.of_row(table.name, str(key)), size=PAGE_SIZE, after=after, before=before
    )
    if obj is None and not changes and after is None and before is None:
        raise Http404(_("There is no %(name)s with that id.") % {"name": model_admin.verbose_name})
    entries = Describer(request, model_admin.site, session).entries(changes)
    may_revert = obj is not None and can_revert(request, model_admin)
    for entry in entries:
        if may_revert and revertible(model_admin, entry.change):
            entry.revert_url = model_admin.url_for_key("revert", str(key), change=entry.change.id)
    title = str(obj) if obj is not None else f"{capfirst(model_admin.verbose_name)} #{key}"
    context = {
        "obj": obj,
        "title": title,
        "deleted": obj is None,
        "entries": entries,
        "pages": _pages(request, changes, more, after, before),
    }
    return render_page(request, model_admin, "history", context)


def revertible(model_admin: ModelAdmin, change: Change) -> bool:
    """A change of the row's own fields, with a version to check the row against."""
    return (
        change.action == UPDATE
        and change.table_name == change.owner_table == table_of(model_admin.model).name
        and change.version is not None
        and bool(change.before)
    )


def form_values(
    model_admin: ModelAdmin, session: Session, form: Any, values: dict[str, Any]
) -> dict[str, Any]:
    """A change's column values as the form's fields hold them: a many-to-one's key
    column as the related row (its lookup key, or its id for a choice)."""
    mapper = model_admin.mapper
    table = table_of(model_admin.model)
    result: dict[str, Any] = {}
    for name, value in values.items():
        column = table.c.get(name)
        if column is None:
            continue
        relationship = relationship_of(mapper, column)
        if relationship is not None and relationship.key in form.fields:
            field_ = form.fields[relationship.key]
            related = None if value is None else session.get(relationship.mapper.class_, value)
            if isinstance(field_, LookupField):
                result[relationship.key] = (
                    field_.target_admin.lookup_key(related) if related else ""
                )
            elif isinstance(field_, RelatedChoiceField):
                result[relationship.key] = value if related is not None else None
            continue
        try:
            prop = mapper.get_property_by_column(column)
        except Exception:
            continue
        if prop.key in form.fields:
            result[prop.key] = value
    return result


def revert_view(
    request: HttpRequest, model_admin: ModelAdmin, pk: str, change: str
) -> HttpResponse:
    """GET: the edit form with the change's fields set back. POST: the edit page's save."""
    if not can_revert(request, model_admin):
        raise PermissionDenied
    if request.method == "POST":
        return editing.edit_view(request, model_admin, pk)
    obj = get_object_or_404(request, model_admin, pk)
    session = request_session(request)
    found = None
    if _is_id(change):
        statement = (
            select(Change).options(joinedload(Change.context)).where(Change.id == int(change))
        )
        found = session.scalars(statement).first()
    key = model_admin.pk_from_url(pk)
    if found is None or not revertible(model_admin, found) or found.owner_key != str(key):
        raise Http404(
            _("There is no such change of this %(name)s.") % {"name": model_admin.verbose_name}
        )
    form_class = model_admin.get_form_class(request, obj)
    current = form_class(session=session, instance=obj)
    before = history.decode(table_of(model_admin.model), found.before)
    values = form_values(model_admin, session, current, before)
    assert found.version is not None  # revertible() checked it
    form = form_class(proposed_data(current, values, found.version), session=session, instance=obj)
    context = {
        "form": form,
        "formsets": model_admin.get_formsets(request, session, obj),
        "obj": obj,
        "adding": False,
        "reverting": Describer(request, model_admin.site, session).entries([found])[0],
    }
    return render_page(request, model_admin, "form", context)


# --- Recent changes -------------------------------------------------------------------


class RecentFilters(forms.Form):
    model = forms.ChoiceField(label=gettext_lazy("Model"), required=False)
    user = forms.CharField(label=gettext_lazy("User"), required=False, max_length=150)
    source = forms.ChoiceField(label=gettext_lazy("Source"), required=False)
    since = forms.DateField(
        label=gettext_lazy("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=gettext_lazy("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, data: Any, *, admins: list[ModelAdmin]) -> None:
        super().__init__(data)
        model_field = self.fields["model"]
        assert isinstance(model_field, forms.ChoiceField)
        model_field.choices = [
            ("", _("All")),
            *((a.name, capfirst(a.verbose_name_plural)) for a in admins),
        ]
        source_field = self.fields["source"]
        assert isinstance(source_field, forms.ChoiceField)
        source_field.choices = [("", _("All")), *((k, capfirst(v)) for k, v in SOURCES.items())]

    def clean_user(self) -> int | None:
        name = self.cleaned_data.get("user", "").strip()
        if not name:
            return None
        if "\x00" in name:  # PostgreSQL refuses even to compare one
            raise forms.ValidationError(_("There is no user called “%(name)s”.") % {"name": ""})
        user = (
            get_user_model()
            ._default_manager.filter(**{get_user_model().USERNAME_FIELD: name})
            .first()
        )
        if user is None:
            raise forms.ValidationError(_("There is no user called “%(name)s”.") % {"name": name})
        return int(user.pk)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", _("The end comes before the start."))
        return cleaned


def recent_view(request: HttpRequest, site: AdminSite) -> HttpResponse:
    """Every change of the models the user may view, newest first, filtered."""
    if not can_view_history(request):
        raise PermissionDenied
    admins = [a for a in site.visible_admins(request) if a.history]
    filters = RecentFilters(request.GET or None, admins=admins)
    entries: list[Entry] = []
    pages = Pages(None, None)
    status = 200
    if filters.is_bound and not filters.is_valid():
        status = 400
    elif admins:
        cleaned = filters.cleaned_data if filters.is_bound else {}
        chosen = [a for a in admins if a.name == cleaned.get("model")] or admins
        since, until = day_range(cleaned.get("since"), cleaned.get("until"))
        condition = history.filtered(
            tables=[table_of(a.model).name for a in chosen],
            user_id=cleaned.get("user"),
            kind=cleaned.get("source") or None,
            since=since,
            until=until,
        )
        session = request_session(request)
        after, before = _keyset(request)
        changes, more = history.page(session, condition, size=PAGE_SIZE, after=after, before=before)
        entries = Describer(request, site, session).entries(changes, with_owner=True)
        pages = _pages(request, changes, more, after, before)
    context = {**site.each_context(request), "filters": filters, "entries": entries, "pages": pages}
    return render(request, "sa_orders/recent_changes.html", context, status=status)
