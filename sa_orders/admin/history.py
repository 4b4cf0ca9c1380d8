"""The history pages: a row's History, the site's Recent changes, and reverting a change.

The changes are recorded by the database (:mod:`sa_orders.models.history`); these pages
read them back (:mod:`sa_orders.services.history`) and show their values as the other
pages do: money and dates in the active language's formats, choices by their labels,
related rows by name (loaded with one query per related table for a whole page, never
one per change). Pages are keyset pages on the change's id: no count, no OFFSET.

A row's History needs the permission to view the model. The Recent changes page needs
``sa_orders.view_history`` and shows only the models the user may view; reverting needs
``sa_orders.revert_change`` and the permission to change the model. A revert opens the
model's edit form with the fields the change changed set back to their values before
it, at the version the change left the row at: saving it is an ordinary edit, so a row
changed since then gets the conflict page.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import camel_case_to_spaces, capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from sqlalchemy import Column, Table, select
from sqlalchemy.orm import Mapper, RelationshipProperty, Session, joinedload

from sa_orders.admin import editing
from sa_orders.admin.columns import Display, verbose_name
from sa_orders.admin.conflicts import proposed_data
from sa_orders.admin.forms import LookupField, RelatedChoiceField
from sa_orders.admin.pages import get_object_or_404, render_page
from sa_orders.db.mapping import table_of
from sa_orders.db.session import request_session
from sa_orders.services import history
from sa_orders.services.calendar import day_range
from sa_orders.services.history import CREATE, DELETE, SOURCES, UPDATE, Change

if TYPE_CHECKING:
    from sa_orders.admin.options import ModelAdmin
    from sa_orders.admin.sites import AdminSite

APP_LABEL = "sa_orders"
VIEW_HISTORY, REVERT = "view_history", "revert_change"
# codename -> name: created by migrate as real auth.Permission rows
PERMISSIONS = {VIEW_HISTORY: "Can view recent changes", REVERT: "Can revert changes"}
PAGE_SIZE = 50
ACTIONS = {
    CREATE: gettext_lazy("Created"),
    UPDATE: gettext_lazy("Changed"),
    DELETE: gettext_lazy("Deleted"),
}


def can_view_history(request: HttpRequest) -> bool:
    return bool(request.user.has_perm(f"{APP_LABEL}.{VIEW_HISTORY}"))


def can_revert(request: HttpRequest, model_admin: ModelAdmin) -> bool:
    return bool(
        request.user.has_perm(f"{APP_LABEL}.{REVERT}")
        and model_admin.has_change_permission(request)
    )


# --- how a change reads -----------------------------------------------------------------


@dataclass
class ShownValue:
    text: str
    url: str | None = None


@dataclass
class ShownField:
    label: Any
    before: ShownValue | None
    after: ShownValue | None


@dataclass
class Entry:
    """One change as the pages show it."""

    change: Change
    action: Any
    who: str
    where: str
    part: str  # "" for the row itself, "Line “Hammer”" for a part of it
    fields: list[ShownField] = field(default_factory=list)
    owner: str = ""  # the row, on the Recent changes page
    owner_url: str | None = None
    history_url: str | None = None
    revert_url: str | None = None

    @property
    def at(self) -> datetime:
        return self.change.at


def _mappers(site: AdminSite) -> dict[str, Mapper[Any]]:
    """The mapper of every table of the registered models' registries, by table name."""
    found: dict[str, Mapper[Any]] = {}
    for model_admin in site.model_admins:
        for mapper in model_admin.mapper.registry.mappers:
            if mapper.inherits is None:
                found.setdefault(table_of(mapper.class_).name, mapper)
    return found


def _relationship_of(
    mapper: Mapper[Any] | None, column: Column[Any]
) -> RelationshipProperty[Any] | None:
    if mapper is None:
        return None
    for prop in mapper.relationships:
        if not prop.uselist and column in prop.local_columns and prop.direction.name == "MANYTOONE":
            return prop
    return None


class Describer:
    """Turns changes into :class:`Entry` objects, loading the rows they refer to with
    one query per related table."""

    def __init__(self, request: HttpRequest, site: AdminSite, session: Session) -> None:
        self.request = request
        self.site = site
        self.session = session
        self.mappers = _mappers(site)
        self.admins = {table_of(a.model).name: a for a in site.model_admins}
        self.show = Display()

    def table(self, name: str) -> Table | None:
        mapper = self.mappers.get(name)
        if mapper is not None:
            return mapper.local_table  # type: ignore[return-value]
        for model_admin in self.site.model_admins:
            table = table_of(model_admin.model).metadata.tables.get(name)
            if table is not None:
                return table
        return None

    def table_label(self, name: str) -> str:
        model_admin = self.admins.get(name)
        if model_admin is not None:
            return str(model_admin.verbose_name)
        mapper = self.mappers.get(name)
        if mapper is not None:
            return camel_case_to_spaces(mapper.class_.__name__)
        return name.removeprefix("sa_orders_").replace("_", " ")

    def label(self, table: Table | None, name: str) -> Any:
        mapper = self.mappers.get(table.name) if table is not None else None
        column = table.c.get(name) if table is not None else None
        if column is not None:
            relationship = _relationship_of(mapper, column)
            if relationship is not None:
                return capfirst(verbose_name(mapper, relationship.key))  # type: ignore[arg-type]
            if mapper is not None:
                try:
                    prop = mapper.get_property_by_column(column)
                except Exception:
                    prop = None
                if prop is not None:
                    return capfirst(verbose_name(mapper, prop.key))
            if column.info.get("label"):
                return capfirst(column.info["label"])
            if column.foreign_keys:
                (fk,) = column.foreign_keys
                return capfirst(self.table_label(fk.column.table.name))
        return capfirst(name.replace("_", " "))

    def _targets(self, table: Table | None, name: str) -> Table | None:
        column = table.c.get(name) if table is not None else None
        if column is None or len(column.foreign_keys) != 1:
            return None
        (fk,) = column.foreign_keys
        return fk.column.table

    def entries(self, changes: Iterable[Change], *, with_owner: bool = False) -> list[Entry]:
        changes = list(changes)
        decoded = []
        wanted: dict[str, set[Any]] = defaultdict(set)
        for change in changes:
            table = self.table(change.table_name)
            values = history.fields(change, table)
            decoded.append((change, table, values))
            for shown in values:
                target = self._targets(table, shown.name)
                if target is not None:
                    for value in (shown.before, shown.after):
                        if value is not None:
                            wanted[target.name].add(value)
        if with_owner:
            for change in changes:
                wanted[change.owner_table].add(change.owner_key)
        rows = self._load(wanted)
        entries = []
        for change, table, values in decoded:
            entry = self._entry(change, table, values, rows)
            if with_owner:
                entry.owner, entry.owner_url, entry.history_url = self._owner(change, rows)
            entries.append(entry)
        return entries

    def _load(self, wanted: dict[str, set[Any]]) -> dict[tuple[str, str], Any]:
        """The rows referred to, by (table, key as text): one query per table."""
        rows: dict[tuple[str, str], Any] = {}
        for name, keys in wanted.items():
            mapper = self.mappers.get(name)
            if mapper is None or len(mapper.primary_key) != 1:
                continue
            (key,) = mapper.primary_key
            python_type = key.type.python_type
            typed = []
            for value in keys:
                try:
                    typed.append(python_type(value))
                except (TypeError, ValueError):
                    continue
            attribute = getattr(mapper.class_, mapper.get_property_by_column(key).key)
            for obj in self.session.scalars(select(mapper.class_).where(attribute.in_(typed))):
                rows[(name, str(getattr(obj, attribute.key)))] = obj
        return rows

    def _value(
        self, table: Table | None, name: str, value: Any, rows: dict[tuple[str, str], Any]
    ) -> ShownValue:
        target = self._targets(table, name)
        if target is not None and value is not None:
            obj = rows.get((target.name, str(value)))
            if obj is None:
                return ShownValue(_("#%(id)s (deleted)") % {"id": value})
            model_admin = self.admins.get(target.name)
            url = None
            if model_admin is not None and model_admin.has_view_permission(self.request):
                url = model_admin.url("detail", obj)
            return ShownValue(str(obj), url)
        return ShownValue(self.show(value))

    def _entry(
        self,
        change: Change,
        table: Table | None,
        values: list[history.FieldChange],
        rows: dict[tuple[str, str], Any],
    ) -> Entry:
        context = change.context
        who = context.actor if context is not None else _("code")
        if context is None:
            where = ""  # "by code" says it all
        else:
            kind = str(SOURCES.get(context.kind, context.kind))
            where = f"{kind}: {context.detail}" if context.detail else kind
        part = ""
        if change.table_name != change.owner_table:
            names = [
                self._value(table, shown.name, shown.before or shown.after, rows).text
                for shown in values
                if self._targets(table, shown.name) is not None
                and self._targets(table, shown.name).name != change.owner_table  # type: ignore[union-attr]
            ]
            label = capfirst(self.table_label(change.table_name))
            part = f"{label} “{names[0]}”" if names else label
        shown = []
        owner_columns = self._owner_columns(table, change.owner_table) if part else set()
        for value in values:
            if value.name in owner_columns or (value.name == "id" and change.action == UPDATE):
                continue
            before = (
                None
                if change.action == CREATE
                else self._value(table, value.name, value.before, rows)
            )
            after = (
                None
                if change.action == DELETE
                else self._value(table, value.name, value.after, rows)
            )
            shown.append(ShownField(self.label(table, value.name), before, after))
        return Entry(change, ACTIONS.get(change.action, change.action), who, where, part, shown)

    @staticmethod
    def _owner_columns(table: Table | None, owner_table: str) -> set[str]:
        """A part's columns that point at its owner (a line's order): they go without saying."""
        if table is None:
            return set()
        return {fk.parent.name for fk in table.foreign_keys if fk.column.table.name == owner_table}

    def _owner(
        self, change: Change, rows: dict[tuple[str, str], Any]
    ) -> tuple[str, str | None, str | None]:
        model_admin = self.admins.get(change.owner_table)
        obj = rows.get((change.owner_table, change.owner_key))
        label = self.table_label(change.owner_table)
        if model_admin is None:
            return f"{capfirst(label)} #{change.owner_key}", None, None
        history_url = model_admin.url_for_key("history", change.owner_key)
        if obj is None:
            return f"{capfirst(label)} #{change.owner_key} ({_('deleted')})", None, history_url
        return f"{capfirst(label)} “{obj}”", model_admin.url("detail", obj), history_url


# --- a row's History --------------------------------------------------------------------


def _keyset(request: HttpRequest) -> tuple[int | None, int | None]:
    def number(name: str) -> int | None:
        raw = request.GET.get(name, "")
        return int(raw) if raw.isdigit() and len(raw) < 19 else None

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
        relationship = _relationship_of(mapper, column)
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
    if change.isdigit() and len(change) < 19:
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
