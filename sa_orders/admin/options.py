"""``ModelAdmin``: the options and hooks of the pages of one mapped class.

Subclass it and register it on a site::

    from sa_orders.admin import ModelAdmin, register

    @register(Supplier)
    class SupplierAdmin(ModelAdmin):
        list_display = ["name", "email", "active"]
        search_fields = ["name", "email"]
        list_filter = [BooleanFilter("active")]
        ordering = ["name"]

Hooks that shape queries return ``Select`` objects; writes go through the request's
session, so each page is one unit of work.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any

from django import forms
from django.forms import BaseFormSet
from django.urls import reverse
from django.utils.text import camel_case_to_spaces, slugify
from sqlalchemy import (
    Column,
    ColumnElement,
    MetaData,
    Select,
    UniqueConstraint,
    and_,
    exists,
    func,
    inspect,
    select,
)
from sqlalchemy.orm import ColumnProperty, RelationshipProperty, Session

from sa_orders.admin import permissions
from sa_orders.admin.actions import Action, delete_selected
from sa_orders.admin.columns import BoundColumn, ListColumn, bind_column, display, verbose_name
from sa_orders.admin.conflicts import FieldConflict
from sa_orders.admin.deletion import DeletionPlan, plan_deletion, plan_deletion_where
from sa_orders.admin.filters import ListFilter
from sa_orders.admin.forms import SAModelForm, editable_fields, modelform_for
from sa_orders.admin.search import parse_ordering, search_condition
from sa_orders.db.mapping import mapper_of, table_column
from sa_orders.db.types import key_from_text
from sa_orders.exchange.csv_export import (
    DEFAULT_CHUNK_SIZE,
    BoundExportColumn,
    ExportColumn,
    bind_export_column,
    default_export_fields,
)
from sa_orders.services import writes

if TYPE_CHECKING:
    from django.http import HttpRequest

    from sa_orders.admin.sites import AdminSite
    from sa_orders.exchange.contracts import Contract


class ModelAdmin:
    # naming: "customer" gives sa_orders:customer_list and sa_orders.view_customer
    name: str | None = None
    verbose_name: Any = None
    verbose_name_plural: Any = None
    url_prefix: str | None = None  # default: the plural, slugified ("customers")

    # list pages
    list_display: Sequence[str | ListColumn] = ()
    search_fields: Sequence[str] = ()
    list_filter: Sequence[ListFilter] = ()
    ordering: Sequence[str] = ()
    list_per_page: int = 25
    list_max_per_page: int = 100
    list_count_cap: int = 10_000
    # a tree (rows with a parent of the same model): the many-to-one relationship to the
    # parent, and the attribute siblings are sorted by; the list page shows the tree, up
    # to tree_max_rows rows (a larger one, or a sorted one, is the paged list)
    tree_parent: str | None = None
    tree_label: str = "name"
    tree_max_rows: int = 2_000

    # forms
    form_fields: Sequence[str] | None = None  # default: every editable attribute
    form_overrides: dict[str, forms.Field] = {}
    # many-to-one relationships typed as the related row's key, with suggestions
    autocomplete_fields: Sequence[str] = ()

    # lookups: the attribute that names a row in forms and CSV files ("email", "sku");
    # "#<id>" always works too. The autocomplete endpoint returns this many matches.
    lookup_field: str | None = None
    autocomplete_limit: int = 20

    # detail pages
    detail_fields: Sequence[str] | None = None  # default: every column

    # history: a History page per row and the Recent changes page (sa_orders' own
    # models have it; a host model's table gets the triggers that record it after
    # migrate, see sa_orders.services.history)
    history: bool = False

    # deletion: a boolean attribute that "deactivate instead" switches off
    deactivate_field: str | None = None

    # bulk actions on the list page (each needs its own permission)
    actions: Sequence[Action] = (delete_selected,)

    # CSV export: attribute names, "relationship.attribute", hybrids or ExportColumn
    export_fields: Sequence[str | ExportColumn] | None = None  # default: every column
    export_chunk_size: int = DEFAULT_CHUNK_SIZE  # rows fetched and written at a time
    # CSV import from the pages (the "Import CSV" page): the contract sa_import reads
    import_contract: Contract | None = None

    def __init__(self, model: type, site: AdminSite) -> None:
        self.model = model
        self.site = site
        self.mapper = mapper_of(model)
        class_name = model.__name__
        self.name = self.name or class_name.lower()
        self.verbose_name = self.verbose_name or camel_case_to_spaces(class_name)
        self.verbose_name_plural = self.verbose_name_plural or f"{self.verbose_name}s"
        self.url_prefix = self.url_prefix or slugify(str(self.verbose_name_plural))
        if not self.list_display:
            self.list_display = [
                prop.key
                for prop in self.mapper.iterate_properties
                if isinstance(prop, ColumnProperty) and not prop.columns[0].foreign_keys
            ][:6]

    def __repr__(self) -> str:
        return f"<{type(self).__name__} for {self.model.__name__}>"

    @property
    def verbose_name_for_permissions(self) -> str:
        return str(self.name).replace("_", " ")

    # --- the model ------------------------------------------------------------------

    @cached_property
    def pk_column(self) -> Column[Any]:
        (key,) = self.mapper.primary_key
        attribute: Column[Any] = getattr(self.model, self.mapper.get_property_by_column(key).key)
        return attribute

    def pk_from_url(self, value: str) -> Any | None:
        """The primary key a URL names, or ``None`` when it cannot be one (a 404)."""
        (key,) = self.mapper.primary_key
        return key_from_text(key.type, value)

    @cached_property
    def bound_columns(self) -> list[BoundColumn]:
        return [bind_column(self.model, spec) for spec in self.list_display]

    @cached_property
    def bound_export_columns(self) -> list[BoundExportColumn]:
        fields = self.export_fields
        if fields is None:
            fields = default_export_fields(self.model)
        return [bind_export_column(self.model, spec) for spec in fields]

    @property
    def metadatas(self) -> list[MetaData]:
        return self.site.metadatas()

    # --- query hooks ----------------------------------------------------------------

    def get_list_query(self, request: HttpRequest) -> Select[Any]:
        """The rows the list page may show; search, filters and ordering come on top."""
        return select(self.model)

    def lookup_key(self, obj: Any) -> str:
        """How a row is typed in a lookup field: its ``lookup_field``, or ``#<id>``."""
        if self.lookup_field:
            return str(getattr(obj, self.lookup_field))
        return f"#{inspect(obj).identity[0]}"

    def parse_key(self, key: str) -> tuple[str, Any] | None:
        """``("pk", 12)`` for ``#12``, ``("lookup", value)`` for a key normalised as the
        model stores it (an email lower-case, a SKU upper-case), or None."""
        key = key.strip()
        if key.startswith("#") and key[1:].isdigit():
            pk = self.pk_from_url(key[1:])
            return None if pk is None else ("pk", pk)
        if not self.lookup_field or not key:
            return None
        probe = self.model()
        try:
            setattr(probe, self.lookup_field, key)
            key = getattr(probe, self.lookup_field)
        except (ValueError, TypeError):
            pass  # not a valid key: it will simply match nothing
        return ("lookup", key)

    def lookup_condition(self, key: str) -> ColumnElement[bool] | None:
        """The condition that finds the row a typed key names, or None if none can."""
        parsed = self.parse_key(key)
        if parsed is None:
            return None
        kind, value = parsed
        column = self.pk_column if kind == "pk" else getattr(self.model, str(self.lookup_field))
        condition: ColumnElement[bool] = column == value
        return condition

    def find_by_search(self, session: Session, text: str) -> tuple[Any | None, int]:
        """The row a lookup field's ``text`` names when it is no key (a customer's name
        rather than the email): the one row the list's search finds, and how many it
        found (0, 1, or 2 for "more than one")."""
        condition = search_condition(self.model, list(self.search_fields), text)
        if condition is None:
            return None, 0
        rows: Sequence[Any] = session.scalars(
            select(self.model).where(condition).order_by(self.pk_column).limit(2)
        ).all()
        return (rows[0] if len(rows) == 1 else None), len(rows)

    def autocomplete(
        self, request: HttpRequest, session: Session, text: str, limit: int
    ) -> tuple[list[Any], bool]:
        """The first ``limit`` rows matching ``text`` (as the list's search does), and
        whether there are more."""
        stmt = self.get_list_query(request)
        condition = search_condition(self.model, list(self.search_fields), text)
        if condition is not None:
            stmt = stmt.where(condition)
        sortable = {c.name: c for c in self.bound_columns if c.sortable and c.join is None}
        order = [
            clause
            for column, descending in parse_ordering(",".join(self.ordering), sortable)
            for clause in column.order_by(descending)
        ]
        rows = session.scalars(stmt.order_by(*order, self.pk_column).limit(limit + 1)).all()
        return list(rows[:limit]), len(rows) > limit

    def autocomplete_result(self, row: Any) -> dict[str, Any]:
        """A suggestion as the autocomplete endpoint sends it: the key a lookup field
        takes, the text shown, and whatever else a page's script may use."""
        return {"value": self.lookup_key(row), "label": str(row)}

    def get_object_query(self, request: HttpRequest, pk: Any) -> Select[Any]:
        """The row of the detail, edit and delete pages."""
        return select(self.model).where(self.pk_column == pk)

    def get_object(self, request: HttpRequest, session: Session, pk: Any) -> Any | None:
        return session.scalars(self.get_object_query(request, pk)).unique().one_or_none()

    def get_detail_context(
        self, request: HttpRequest, session: Session, obj: Any
    ) -> dict[str, Any]:
        """Extra context for the detail page (related rows, in as few queries as you like)."""
        return {}

    def detail_rows(self, obj: Any, request: HttpRequest | None = None) -> list[tuple[Any, str]]:
        """(label, value) of the detail page; a related row is a link to its page (given
        the ``request``, for the user's permissions)."""
        names = self.detail_fields
        if names is None:
            names = [
                prop.key
                for prop in self.mapper.iterate_properties
                if isinstance(prop, ColumnProperty)
            ]
        rows = []
        for name in names:
            value = getattr(obj, name)
            if isinstance(self.mapper.attrs.get(name), RelationshipProperty) and value is not None:
                rows.append((verbose_name(self.mapper, name), self.site.link(request, value)))
            else:
                rows.append((verbose_name(self.mapper, name), display(value)))
        return rows

    # --- forms and writes -----------------------------------------------------------

    def get_form_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return list(
            self.form_fields if self.form_fields is not None else editable_fields(self.mapper)
        )

    def get_form_class(self, request: HttpRequest, obj: Any = None) -> type[SAModelForm]:
        return modelform_for(self, self.get_form_fields(request, obj), dict(self.form_overrides))

    def new_object(self, request: HttpRequest) -> Any:
        return self.model()

    def get_formsets(
        self, request: HttpRequest, session: Session, obj: Any, data: Any = None
    ) -> list[BaseFormSet[Any]]:
        """Inline forms edited together with the object (an order's lines); none by default.

        A formset may set ``template_name_inline``, the template the form page includes
        for it.
        """
        return []

    def merge_formsets(
        self, request: HttpRequest, session: Session, current: Any, formsets: list[BaseFormSet[Any]]
    ) -> tuple[list[tuple[str, Any]], list[FieldConflict]]:
        """For the conflict page: the data that lays the user's inline changes on top of
        ``current``, and a comparison of them (rows like the fields' ones)."""
        return [], []

    def apply_formsets(
        self,
        request: HttpRequest,
        session: Session,
        obj: Any,
        form: SAModelForm,
        formsets: list[BaseFormSet[Any]],
    ) -> None:
        """Apply the valid inline forms to ``obj``; put what the domain refuses on the forms.

        Called after the main form was applied, in the same unit of work: if any form
        ends up with an error, nothing is written.
        """

    def unique_conflicts(self, session: Session, obj: Any, fields: Sequence[str]) -> list[str]:
        """The unique fields whose value another row already has (one query each)."""
        conflicts = []
        for name in fields:
            prop = self.mapper.attrs.get(name)
            column = table_column(prop) if isinstance(prop, ColumnProperty) else None
            if column is None or not _is_unique(column):
                continue
            column = getattr(self.model, name)
            condition = column == getattr(obj, name)
            identity = inspect(obj).identity
            if identity is not None:
                condition = condition & (self.pk_column != identity[0])
            if session.scalar(select(exists().where(condition))):
                conflicts.append(name)
        return conflicts

    def save_object(self, request: HttpRequest, session: Session, obj: Any, change: bool) -> None:
        """Add the form's object to the unit of work (the ORM's events keep its rules)."""
        session.add(obj)

    def delete_object(self, request: HttpRequest, session: Session, obj: Any) -> None:
        session.delete(obj)

    def update_rows(
        self,
        request: HttpRequest,
        session: Session,
        condition: ColumnElement[bool],
        values: Mapping[str, Any],
    ) -> int:
        """Set ``values`` on the rows ``condition`` picks, in one statement (bulk actions);
        how many changed. Only rows that really change are counted and get a new version."""
        return writes.update_rows(session, self.model, condition, values)

    def delete_rows(
        self, request: HttpRequest, session: Session, condition: ColumnElement[bool]
    ) -> writes.Deleted:
        """Delete the rows ``condition`` picks that nothing restricts, in one statement
        (bulk actions); how many went and how many stayed."""
        return writes.delete_rows(session, self.model, condition, self.metadatas)

    def get_deletion_plan(self, request: HttpRequest, session: Session, obj: Any) -> DeletionPlan:
        labels = {admin.model: str(admin.verbose_name_plural) for admin in self.site.model_admins}
        return plan_deletion(
            session, obj, self.metadatas, labels, lambda row: self.site.link(request, row)
        )

    def get_bulk_deletion_plan(
        self, request: HttpRequest, session: Session, condition: ColumnElement[bool]
    ) -> tuple[DeletionPlan, int]:
        """For the bulk delete's confirmation: what goes along with the rows ``condition``
        picks that may go, what keeps the others, and how many those are."""
        labels = {admin.model: str(admin.verbose_name_plural) for admin in self.site.model_admins}
        free = writes.unrestricted(self.model, self.metadatas)

        def plan_of(doomed: ColumnElement[bool]) -> DeletionPlan:
            return plan_deletion_where(
                session,
                self.mapper,
                doomed,
                self.metadatas,
                labels,
                lambda row: self.site.link(request, row),
            )

        going, staying = plan_of(and_(condition, free)), plan_of(and_(condition, ~free))
        blocked = session.scalar(
            select(func.count()).select_from(self.model).where(condition, ~free)
        )
        plan = DeletionPlan(
            cascades=going.cascades, unlinks=going.unlinks, blockers=staying.blockers
        )
        return plan, blocked or 0

    def get_actions(self, request: HttpRequest) -> list[Action]:
        """The bulk actions this user may run."""
        return [action for action in self.actions if action.allowed(request, self)]

    # --- permissions ----------------------------------------------------------------

    def has_view_permission(self, request: HttpRequest) -> bool:
        return permissions.has_permission(request, "view", self) or self.has_change_permission(
            request
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return permissions.has_permission(request, "add", self)

    def has_change_permission(self, request: HttpRequest) -> bool:
        return permissions.has_permission(request, "change", self)

    def has_delete_permission(self, request: HttpRequest) -> bool:
        return permissions.has_permission(request, "delete", self)

    # --- URLs and templates ---------------------------------------------------------

    def url_name(self, page: str) -> str:
        return f"{self.site.name}:{self.name}_{page}"

    def url(self, page: str, obj: Any = None) -> str:
        if obj is None:
            return reverse(self.url_name(page))
        return reverse(self.url_name(page), kwargs={"pk": inspect(obj).identity[0]})

    def url_for_key(self, page: str, key: str, **kwargs: Any) -> str:
        """The URL of a row's page by its key (a row that may be gone: its history)."""
        return reverse(self.url_name(page), kwargs={"pk": key, **kwargs})

    @property
    def list_url(self) -> str:
        return self.url("list")

    @property
    def add_url(self) -> str:
        return self.url("add")

    @property
    def export_url(self) -> str:
        return self.url("export")

    def template_names(self, page: str) -> list[str]:
        return [f"sa_orders/{self.name}/{page}.html", f"sa_orders/{page}.html"]


def _is_unique(column: Column[Any]) -> bool:
    """Whether ``column`` alone is unique (unique=True, a unique constraint or index)."""
    if column.unique:
        return True
    table = column.table
    return any(
        isinstance(constraint, UniqueConstraint) and list(constraint.columns) == [column]
        for constraint in table.constraints
    ) or any(index.unique and list(index.columns) == [column] for index in table.indexes)
