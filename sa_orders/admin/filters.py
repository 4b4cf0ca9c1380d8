"""Filters of list pages. Unknown or malformed values are ignored, never turned into SQL.

A filter reads its query parameters (:meth:`ListFilter.bind`, at most one query for its
choices) and narrows a ``Select`` (:meth:`ListFilter.apply`). Only values among the
choices, or values that parse (a date, an id in range), reach the query.

* :class:`BooleanFilter`: yes / no on a boolean column.
* :class:`ChoiceFilter`: one of a column's choices (an enum such as an order's status).
* :class:`RelatedExistsFilter`: rows with or without related rows.
* :class:`TreeFilter`: rows related to a node of a tree or any node below it.
* :class:`DateRangeFilter`: from / to dates, as calendar days in ``TIME_ZONE``.
* :class:`RelatedIdFilter`: rows of one related row, chosen by id (a link sets it).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from sqlalchemy import Boolean, Date, DateTime, Select, select
from sqlalchemy.orm import ColumnProperty, Session

from sa_orders.db.mapping import column_problem, mapper_of, relationship_problem
from sa_orders.db.types import key_from_text
from sa_orders.services.calendar import day_range


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    parent: str | None = None  # for trees


@dataclass
class BoundFilter:
    """A filter with the values of one request."""

    filter: ListFilter
    values: dict[str, Any] = field(default_factory=dict)  # the valid values, by parameter
    choices: list[Choice] = field(default_factory=list)
    label: str | None = None  # how the current value reads (RelatedIdFilter)
    inputs: list[dict[str, Any]] = field(default_factory=list)  # for filters of several fields
    clear_url: str = "?"  # this page without the filter (set by the ChangeList)

    @property
    def parameter_name(self) -> str:
        return self.filter.parameter_name

    @property
    def title(self) -> Any:
        return self.filter.title

    @property
    def template_name(self) -> str:
        return self.filter.template_name

    @property
    def selected(self) -> str | None:
        value = self.values.get(self.filter.parameter_name)
        return None if value is None else str(value)

    @property
    def active(self) -> bool:
        return bool(self.values)


class ListFilter:
    parameter_name: str
    title: Any
    template_name = "sa_orders/filters/select.html"

    @property
    def parameter_names(self) -> list[str]:
        return [self.parameter_name]

    def choices(self, model: type, session: Session) -> list[Choice]:
        return []

    def bind(self, model: type, session: Session, params: QueryDict) -> BoundFilter:
        """Choices, and the parameter's value if it is one of them."""
        choices = self.choices(model, session)
        value = params.get(self.parameter_name)
        values = {}
        if value is not None and any(choice.value == value for choice in choices):
            values[self.parameter_name] = value
        return BoundFilter(self, values, choices)

    def apply(self, model: type, stmt: Select[Any], bound: BoundFilter) -> Select[Any]:
        raise NotImplementedError

    def problems(self, model: type) -> list[str]:
        """What keeps this filter from working on ``model`` (``manage.py check`` reports
        it); a filter of your own may say too."""
        return []


class BooleanFilter(ListFilter):
    """Yes / no on a boolean column: ``BooleanFilter("active")``."""

    def __init__(
        self,
        attribute: str,
        *,
        title: Any = None,
        parameter_name: str | None = None,
        labels: tuple[Any, Any] = (_("Yes"), _("No")),
    ) -> None:
        self.attribute = attribute
        self.parameter_name = parameter_name or attribute
        self.title = title or attribute.replace("_", " ").capitalize()
        self.labels = labels

    def choices(self, model: type, session: Session) -> list[Choice]:
        return [Choice("1", str(self.labels[0])), Choice("0", str(self.labels[1]))]

    def apply(self, model: type, stmt: Select[Any], bound: BoundFilter) -> Select[Any]:
        column = getattr(model, self.attribute)
        return stmt.where(column.is_(True) if bound.selected == "1" else column.is_(False))

    def problems(self, model: type) -> list[str]:
        return [p for p in [column_problem(model, self.attribute, Boolean)] if p]


class ChoiceFilter(ListFilter):
    """One of a column's choices: ``ChoiceFilter("status", OrderStatus.choices)``."""

    def __init__(
        self,
        attribute: str,
        choices: list[tuple[Any, Any]],
        *,
        title: Any = None,
        parameter_name: str | None = None,
    ) -> None:
        self.attribute = attribute
        self.parameter_name = parameter_name or attribute
        self.title = title or attribute.replace("_", " ").capitalize()
        self._choices = choices

    def choices(self, model: type, session: Session) -> list[Choice]:
        return [Choice(str(value), str(label)) for value, label in self._choices]

    def apply(self, model: type, stmt: Select[Any], bound: BoundFilter) -> Select[Any]:
        return stmt.where(getattr(model, self.attribute) == bound.selected)

    def problems(self, model: type) -> list[str]:
        return [p for p in [column_problem(model, self.attribute)] if p]


class RelatedExistsFilter(ListFilter):
    """Rows with or without related rows: ``RelatedExistsFilter("orders", "has_orders")``.

    ``counted_by="figures.order_count"`` answers it from a count kept on a one-to-one
    related row instead (more than 0, or 0), which an index on the count serves, rather
    than looking for a related row of every row."""

    def __init__(
        self,
        relationship: str,
        parameter_name: str,
        *,
        title: Any,
        labels: tuple[Any, Any] = (_("With"), _("Without")),
        counted_by: str | None = None,
    ) -> None:
        self.relationship = relationship
        self.parameter_name = parameter_name
        self.title = title
        self.labels = labels
        self.counted_by = counted_by

    def choices(self, model: type, session: Session) -> list[Choice]:
        return [Choice("yes", str(self.labels[0])), Choice("no", str(self.labels[1]))]

    def apply(self, model: type, stmt: Select[Any], bound: BoundFilter) -> Select[Any]:
        if self.counted_by is not None:
            through, _dot, name = self.counted_by.partition(".")
            relationship = getattr(model, through)
            count = getattr(relationship.property.mapper.class_, name)
            counted = count > 0 if bound.selected == "yes" else count == 0
            return stmt.where(relationship.has(counted))
        exists = getattr(model, self.relationship).any()
        return stmt.where(exists if bound.selected == "yes" else ~exists)

    def problems(self, model: type) -> list[str]:
        found = [relationship_problem(model, self.relationship, many=True)]
        if self.counted_by is not None:
            through, _dot, name = self.counted_by.partition(".")
            found.append(relationship_problem(model, through, many=False))
            if not found[-1]:
                target = getattr(model, through).property.mapper
                if not isinstance(target.attrs.get(name), ColumnProperty):
                    found.append(f"{target.class_.__name__} has no column {name!r}.")
        return [p for p in found if p]


class TreeFilter(ListFilter):
    """Rows related to a node of a tree, or to any node below it.

    ``TreeFilter("categories", "category")`` on items: choosing "Garden" also finds
    the items of "Garden/Seeds". The whole tree is read in one query, and the nodes
    below the chosen one are found from it, on every backend alike.
    """

    def __init__(
        self,
        relationship: str,
        parameter_name: str,
        *,
        title: Any,
        parent_attribute: str = "parent_id",
        label_attribute: str = "name",
    ) -> None:
        self.relationship = relationship
        self.parameter_name = parameter_name
        self.title = title
        self.parent_attribute = parent_attribute
        self.label_attribute = label_attribute

    def _target(self, model: type) -> type:
        return mapper_of(model).relationships[self.relationship].mapper.class_

    def choices(self, model: type, session: Session) -> list[Choice]:
        target = self._target(model)
        (key,) = mapper_of(target).primary_key
        label = getattr(target, self.label_attribute)
        rows = session.execute(select(key, label, getattr(target, self.parent_attribute))).all()
        nodes = {
            str(pk): (name, None if parent is None else str(parent)) for pk, name, parent in rows
        }

        def path(value: str) -> str:
            names: list[str] = []
            seen: set[str] = set()
            current: str | None = value
            while current is not None and current in nodes and current not in seen:
                seen.add(current)
                name, parent = nodes[current]
                names.append(str(name))
                current = parent
            return " / ".join(reversed(names))

        choices = [Choice(value, path(value), parent) for value, (_name, parent) in nodes.items()]
        return sorted(choices, key=lambda choice: choice.label.casefold())

    def apply(self, model: type, stmt: Select[Any], bound: BoundFilter) -> Select[Any]:
        value = bound.selected
        if value is None:
            return stmt
        wanted = {value}
        children: dict[str | None, list[str]] = {}
        for choice in bound.choices:
            children.setdefault(choice.parent, []).append(choice.value)
        pending = [value]
        while pending:
            for child in children.get(pending.pop(), []):
                if child not in wanted:
                    wanted.add(child)
                    pending.append(child)
        target = self._target(model)
        (key,) = mapper_of(target).primary_key
        python_type = key.type.python_type
        related = getattr(model, self.relationship)
        return stmt.where(related.any(key.in_(sorted(python_type(v) for v in wanted))))

    def problems(self, model: type) -> list[str]:
        problem = relationship_problem(model, self.relationship, many=True)
        if problem:
            return [problem]
        target = self._target(model)
        found = [
            column_problem(target, self.parent_attribute),
            column_problem(target, self.label_attribute),
        ]
        return [p for p in found if p]


class DateRangeFilter(ListFilter):
    """From / to dates on a timestamp: ``DateRangeFilter("order_date")``.

    Reads ``<parameter>_from`` and ``<parameter>_to`` (``YYYY-MM-DD``), both inclusive,
    as calendar days in ``TIME_ZONE``: "to 2026-03-08" ends at midnight before the 9th
    there, whatever the offset that day.
    """

    template_name = "sa_orders/filters/date_range.html"

    def __init__(self, attribute: str, *, title: Any = None, parameter_name: str | None = None):
        self.attribute = attribute
        self.parameter_name = parameter_name or attribute
        self.title = title or attribute.replace("_", " ").capitalize()

    @property
    def parameter_names(self) -> list[str]:
        return [f"{self.parameter_name}_from", f"{self.parameter_name}_to"]

    def bind(self, model: type, session: Session, params: QueryDict) -> BoundFilter:
        values = {}
        for name in self.parameter_names:
            try:
                values[name] = datetime.date.fromisoformat(params.get(name, "").strip())
            except ValueError:
                continue  # empty or not a date: ignored
        inputs = [
            {
                "name": name,
                "label": label,
                "value": values[name].isoformat() if name in values else "",
            }
            for name, label in zip(self.parameter_names, (_("from"), _("to")), strict=True)
        ]
        return BoundFilter(self, values, inputs=inputs)

    def apply(self, model: type, stmt: Select[Any], bound: BoundFilter) -> Select[Any]:
        column = getattr(model, self.attribute)
        start, end = day_range(
            bound.values.get(self.parameter_names[0]), bound.values.get(self.parameter_names[1])
        )
        if start is not None:
            stmt = stmt.where(column >= start)
        if end is not None:
            stmt = stmt.where(column < end)
        return stmt

    def problems(self, model: type) -> list[str]:
        return [p for p in [column_problem(model, self.attribute, DateTime, Date)] if p]


class RelatedIdFilter(ListFilter):
    """Rows of one related row, by its id: ``RelatedIdFilter("customer")`` reads
    ``?customer=12``. No list of choices (there may be millions); links set it, and the
    page names the chosen row (one query, only when it is set)."""

    template_name = "sa_orders/filters/related_id.html"

    def __init__(self, relationship: str, *, title: Any = None, parameter_name: str | None = None):
        self.relationship = relationship
        self.parameter_name = parameter_name or relationship
        self.title = title or relationship.replace("_", " ").capitalize()

    def bind(self, model: type, session: Session, params: QueryDict) -> BoundFilter:
        target = mapper_of(model).relationships[self.relationship].mapper
        (key_column,) = target.primary_key
        key = key_from_text(key_column.type, params.get(self.parameter_name, "").strip())
        row = None if key is None else session.get(target.class_, key)
        if row is None:
            return BoundFilter(self)
        return BoundFilter(self, {self.parameter_name: key}, label=str(row))

    def apply(self, model: type, stmt: Select[Any], bound: BoundFilter) -> Select[Any]:
        relationship = mapper_of(model).relationships[self.relationship]
        (column,) = relationship.local_columns
        return stmt.where(column == bound.values[self.parameter_name])

    def problems(self, model: type) -> list[str]:
        problem = relationship_problem(model, self.relationship, many=False)
        if (
            problem is None
            and len(mapper_of(model).relationships[self.relationship].local_columns) != 1
        ):
            problem = f"{model.__name__}.{self.relationship} is keyed by more than one column."
        return [problem] if problem else []
