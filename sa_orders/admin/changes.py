"""How a recorded change reads on the history pages (:mod:`sa_orders.admin.history`).

Values are shown as the other pages show them: money and dates in the active language's
formats, choices by their labels, related rows by name with a link (loaded with one
query per related table for a whole page of changes, never one per change), a row that
is gone since as ``#12 (deleted)``; who and where from the change's context ("code" when
nobody said).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest
from django.utils.text import camel_case_to_spaces, capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from sqlalchemy import Column, Table, select
from sqlalchemy.orm import Mapper, RelationshipProperty, Session

from sa_orders.admin.columns import Display, verbose_name
from sa_orders.db.mapping import table_of
from sa_orders.services import history
from sa_orders.services.history import CREATE, DELETE, SOURCES, UPDATE, Change

if TYPE_CHECKING:
    from sa_orders.admin.sites import AdminSite

ACTIONS = {
    CREATE: gettext_lazy("Created"),
    UPDATE: gettext_lazy("Changed"),
    DELETE: gettext_lazy("Deleted"),
}


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
    # a part's kind ("Order line") and the row it names (the item, with its link)
    part_label: str = ""
    part_row: ShownValue | None = None

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


def relationship_of(
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
            relationship = relationship_of(mapper, column)
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
        part, label, named = "", "", None
        if change.table_name != change.owner_table:
            names = [
                self._value(table, shown.name, shown.before or shown.after, rows)
                for shown in values
                if self._targets(table, shown.name) is not None
                and self._targets(table, shown.name).name != change.owner_table  # type: ignore[union-attr]
            ]
            label = capfirst(self.table_label(change.table_name))
            named = names[0] if names else None
            part = f"{label} “{named.text}”" if named is not None else label
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
        entry = Entry(change, ACTIONS.get(change.action, change.action), who, where, part, shown)
        entry.part_label, entry.part_row = label, named
        return entry

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
