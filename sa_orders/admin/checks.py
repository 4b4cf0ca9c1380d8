"""``manage.py check`` for the options of every registered ``ModelAdmin``.

As Django's admin does with ``ModelAdminChecks``: one method per option, an id per option
(documented in the README), the option and the entry at fault named in the message, a
hint with what the option takes. Each check resolves the option with the same code the
pages use (list columns, search fields, filters, form fields, export columns), so an
option the check accepts is one the pages can use, and a misspelt one fails at startup
rather than on the first request.

=================  ==========================================================
sa_orders.E101     ``list_display``
sa_orders.E102     ``search_fields``
sa_orders.E103     ``list_filter``
sa_orders.E104     ``ordering``
sa_orders.E105     ``form_fields``
sa_orders.E106     ``form_overrides``
sa_orders.E107     ``autocomplete_fields``
sa_orders.E108     ``lookup_field``
sa_orders.E109     ``export_fields``
sa_orders.E110     ``detail_fields``
sa_orders.E111     ``deactivate_field``
sa_orders.E112     ``actions``
sa_orders.E113     the page sizes and limits (``list_per_page`` ...)
=================  ==========================================================
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from django import forms
from django.apps import AppConfig, apps
from django.core import checks
from sqlalchemy import Boolean

from sa_orders.admin.actions import Action, UpdateAction
from sa_orders.admin.changelist import ORDER_PARAM, PAGING, PER_PAGE_PARAM, SEARCH_PARAM
from sa_orders.admin.columns import bind_column
from sa_orders.admin.filters import ListFilter
from sa_orders.admin.forms import editable_fields, form_field_problem
from sa_orders.admin.permissions import ACTIONS
from sa_orders.admin.search import search_field
from sa_orders.db.mapping import column_problem, mapper_of, relationship_problem
from sa_orders.exchange.csv_export import bind_export_column

if TYPE_CHECKING:
    from sa_orders.admin.options import ModelAdmin
    from sa_orders.admin.sites import AdminSite

LIST_PARAMETERS = {SEARCH_PARAM, ORDER_PARAM, PER_PAGE_PARAM, *PAGING}


def check_sites(
    sites: Iterable[AdminSite], app_configs: Sequence[AppConfig] | None = None
) -> list[checks.CheckMessage]:
    """The problems of every model admin registered on ``sites`` (those of the apps in
    ``app_configs``, if given)."""
    found: list[checks.CheckMessage] = []
    for site in sites:
        for model_admin in site.model_admins:
            if app_configs is None or _app_of(model_admin) in app_configs:
                found += ModelAdminChecks(model_admin).check()
    return found


def _app_of(model_admin: ModelAdmin) -> AppConfig | None:
    """The installed app the model admin's class (or else its model) is defined in."""
    for module in (type(model_admin).__module__, model_admin.model.__module__):
        config = apps.get_containing_app_config(module)
        if config is not None:
            return config
    return None


class ModelAdminChecks:
    """The checks of one model admin; :meth:`check` runs them all."""

    def __init__(self, model_admin: ModelAdmin) -> None:
        self.admin = model_admin
        self.model = model_admin.model
        self.mapper = mapper_of(model_admin.model)

    def check(self) -> list[checks.CheckMessage]:
        found: list[checks.CheckMessage] = []
        for method in (
            self.check_list_display,
            self.check_search_fields,
            self.check_list_filter,
            self.check_ordering,
            self.check_form_fields,
            self.check_form_overrides,
            self.check_autocomplete_fields,
            self.check_lookup_field,
            self.check_export_fields,
            self.check_detail_fields,
            self.check_deactivate_field,
            self.check_actions,
            self.check_limits,
        ):
            found += method()
        return found

    # --- helpers --------------------------------------------------------------------

    def error(self, option: str, message: str, hint: str, number: int) -> checks.Error:
        return checks.Error(
            f"The value of '{option}' of {type(self.admin).__name__} "
            f"({self.model.__name__}): {message}",
            hint=hint,
            obj=type(self.admin),
            id=f"sa_orders.E{number}",
        )

    def entries(
        self,
        option: str,
        values: Any,
        problem: Callable[[Any], str | None],
        hint: str,
        number: int,
    ) -> list[checks.CheckMessage]:
        """``problem(entry)`` for each entry of a list option; a non-list is one error."""
        if isinstance(values, str) or not isinstance(values, list | tuple):
            return [self.error(option, "it must be a list or a tuple.", hint, number)]
        found: list[checks.CheckMessage] = []
        for index, value in enumerate(values):
            message = problem(value)
            if message is not None:
                found.append(self.error(f"{option}[{index}]", message, hint, number))
        return found

    def _column_problem(self, name: Any, *types: type) -> str | None:
        if not isinstance(name, str):
            return f"{name!r} is not the name of a column."
        return column_problem(self.model, name, *types)

    @staticmethod
    def _raises(function: Callable[[], object]) -> str | None:
        try:
            function()
        except (ValueError, TypeError, AttributeError, KeyError) as error:
            return str(error).strip("'\"")
        return None

    # --- one method per option ------------------------------------------------------

    def check_list_display(self) -> list[checks.CheckMessage]:
        return self.entries(
            "list_display",
            self.admin.list_display,
            lambda spec: self._raises(lambda: bind_column(self.model, spec)),
            "List columns are mapped attributes, 'relationship.attribute' of a many-to-one "
            "relationship, hybrid properties, relationships, or ListColumn(...).",
            101,
        )

    def check_search_fields(self) -> list[checks.CheckMessage]:
        return self.entries(
            "search_fields",
            self.admin.search_fields,
            lambda spec: self._raises(lambda: search_field(self.model, spec)),
            "Search fields are column names, 'relationship.column' of a many-to-one "
            "relationship, or '=column' for an exact match.",
            102,
        )

    def check_list_filter(self) -> list[checks.CheckMessage]:
        hint = (
            "Filters are instances of BooleanFilter, ChoiceFilter, DateRangeFilter, "
            "RelatedExistsFilter, RelatedIdFilter, TreeFilter or another ListFilter, each "
            "with a query parameter of its own."
        )
        taken: dict[str, int] = {}

        def problem(entry: Any) -> str | None:
            if not isinstance(entry, ListFilter):
                return f"{entry!r} is not a ListFilter."
            problems = entry.problems(self.model)
            if problems:
                return " ".join(problems)
            for name in entry.parameter_names:
                if name in LIST_PARAMETERS:
                    return f"its parameter {name!r} is one the list itself uses."
                if name in taken:
                    return f"its parameter {name!r} is the one of list_filter[{taken[name]}]."
                taken[name] = len(taken)
            return None

        return self.entries("list_filter", self.admin.list_filter, problem, hint, 103)

    def check_ordering(self) -> list[checks.CheckMessage]:
        sortable = self._sortable()

        def problem(key: Any) -> str | None:
            if not isinstance(key, str):
                return f"{key!r} is not the name of a list column."
            if sortable is not None and key.removeprefix("-") not in sortable:
                return (
                    f"{key.removeprefix('-')!r} is not a sortable column of list_display "
                    f"(those are: {', '.join(sorted(sortable)) or 'none'})."
                )
            return None

        return self.entries(
            "ordering",
            self.admin.ordering,
            problem,
            "Name columns of list_display that can be sorted, '-' first for descending.",
            104,
        )

    def _sortable(self) -> set[str] | None:
        """The names of the sortable list columns; None if list_display is broken."""
        try:
            return {column.name for column in self.admin.bound_columns if column.sortable}
        except (ValueError, TypeError, AttributeError):
            return None  # check_list_display says why

    def check_form_fields(self) -> list[checks.CheckMessage]:
        fields = self.admin.form_fields
        if fields is None:
            return []
        return self.entries(
            "form_fields",
            fields,
            lambda name: (
                f"{name!r} is not the name of an attribute."
                if not isinstance(name, str)
                else form_field_problem(self.admin, name)
            ),
            "Form fields are columns and relationships (not view-only) of the model, or "
            "names that form_overrides gives a field.",
            105,
        )

    def check_form_overrides(self) -> list[checks.CheckMessage]:
        hint = "form_overrides maps form fields to django.forms.Field instances."
        overrides = self.admin.form_overrides
        if not isinstance(overrides, dict):
            return [self.error("form_overrides", "it must be a dict.", hint, 106)]
        fields = self._form_field_names()
        found: list[checks.CheckMessage] = []
        for name, field in overrides.items():
            option = f"form_overrides[{name!r}]"
            if not isinstance(field, forms.Field):
                found.append(self.error(option, f"{field!r} is not a form field.", hint, 106))
            elif fields is not None and name not in fields:
                found.append(
                    self.error(option, f"{name!r} is not one of the form's fields.", hint, 106)
                )
        return found

    def _form_field_names(self) -> set[str] | None:
        fields = self.admin.form_fields
        if fields is None:
            return set(editable_fields(self.mapper))
        return set(fields) if isinstance(fields, list | tuple) else None

    def check_autocomplete_fields(self) -> list[checks.CheckMessage]:
        def problem(name: Any) -> str | None:
            if not isinstance(name, str):
                return f"{name!r} is not the name of a relationship."
            problem = relationship_problem(self.model, name, many=False)
            if problem is not None:
                return problem
            target = self.mapper.relationships[name].mapper.class_
            site = self.admin.site
            if not site.is_registered(target):
                return f"{target.__name__} is not registered on the site, so it has no suggestions."
            target_admin = site.admin_for(target)
            if not target_admin.search_fields:
                return f"the admin of {target.__name__} has no search_fields to suggest from."
            return None

        return self.entries(
            "autocomplete_fields",
            self.admin.autocomplete_fields,
            problem,
            "Autocomplete fields are many-to-one relationships to models registered on the "
            "same site with search_fields.",
            107,
        )

    def check_lookup_field(self) -> list[checks.CheckMessage]:
        name = self.admin.lookup_field
        problem = None if name is None else self._column_problem(name)
        if problem is None:
            return []
        return [
            self.error(
                "lookup_field",
                problem,
                "The lookup field is the column that names a row (an email, a SKU), or None.",
                108,
            )
        ]

    def check_export_fields(self) -> list[checks.CheckMessage]:
        fields = self.admin.export_fields
        if fields is None:
            return []
        return self.entries(
            "export_fields",
            fields,
            lambda spec: self._raises(lambda: bind_export_column(self.model, spec)),
            "Export columns are mapped columns, 'relationship.attribute' of a many-to-one "
            "relationship, hybrid properties, or ExportColumn(...).",
            109,
        )

    def check_detail_fields(self) -> list[checks.CheckMessage]:
        fields = self.admin.detail_fields
        if fields is None:
            return []

        def problem(name: Any) -> str | None:
            if not isinstance(name, str) or not hasattr(self.model, name):
                return f"{self.model.__name__} has no attribute {name!r}."
            return None

        return self.entries(
            "detail_fields",
            fields,
            problem,
            "Detail fields are attributes of the model.",
            110,
        )

    def check_deactivate_field(self) -> list[checks.CheckMessage]:
        name = self.admin.deactivate_field
        problem = None if name is None else self._column_problem(name, Boolean)
        if problem is None:
            return []
        return [
            self.error(
                "deactivate_field",
                problem,
                "The deactivate field is a boolean column that “deactivate instead” switches "
                "off, or None.",
                111,
            )
        ]

    def check_actions(self) -> list[checks.CheckMessage]:
        names: dict[str, int] = {}

        def problem(action: Any) -> str | None:
            if not isinstance(action, Action):
                return f"{action!r} is not an Action."
            name = getattr(action, "name", None)
            if not isinstance(name, str) or not name:
                return f"{type(action).__name__} has no name."
            if name in names:
                return f"the name {name!r} is the one of actions[{names[name]}]."
            names[name] = len(names)
            if action.permission not in ACTIONS:
                return f"its permission {action.permission!r} is none of {', '.join(ACTIONS)}."
            if isinstance(action, UpdateAction):
                for key in action.values:
                    column = self._column_problem(key)
                    if column is not None:
                        return column
            return None

        return self.entries(
            "actions",
            self.admin.actions,
            problem,
            "Actions are Action instances (UpdateAction with values for columns, "
            "delete_selected, ...) with names of their own.",
            112,
        )

    def check_limits(self) -> list[checks.CheckMessage]:
        hint = "Page sizes, caps and limits are whole numbers of 1 or more."
        found: list[checks.CheckMessage] = []
        options = (
            "list_per_page",
            "list_max_per_page",
            "list_count_cap",
            "autocomplete_limit",
            "export_chunk_size",
        )
        for option in options:
            value = getattr(self.admin, option)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                found.append(self.error(option, f"{value!r} is not 1 or more.", hint, 113))
        if not found and self.admin.list_per_page > self.admin.list_max_per_page:
            found.append(
                self.error(
                    "list_per_page",
                    f"{self.admin.list_per_page} is more than list_max_per_page "
                    f"({self.admin.list_max_per_page}).",
                    hint,
                    113,
                )
            )
        return found
