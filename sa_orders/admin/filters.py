"""Filters of list pages. Each reads one query parameter; unknown values are ignored.

A filter offers choices (:meth:`ListFilter.choices`, at most one query) and narrows a
``Select`` to the chosen one (:meth:`ListFilter.apply`). Only a value among the
choices is ever turned into SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _
from sqlalchemy import Select, inspect, select
from sqlalchemy.orm import Session


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    parent: str | None = None  # for trees


class ListFilter:
    parameter_name: str
    title: Any

    def choices(self, model: type, session: Session) -> list[Choice]:
        raise NotImplementedError

    def apply(
        self, model: type, stmt: Select[Any], value: str, choices: list[Choice]
    ) -> Select[Any]:
        raise NotImplementedError


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

    def apply(
        self, model: type, stmt: Select[Any], value: str, choices: list[Choice]
    ) -> Select[Any]:
        column = getattr(model, self.attribute)
        return stmt.where(column.is_(True) if value == "1" else column.is_(False))


class RelatedExistsFilter(ListFilter):
    """Rows with or without related rows: ``RelatedExistsFilter("orders", "has_orders")``."""

    def __init__(
        self,
        relationship: str,
        parameter_name: str,
        *,
        title: Any,
        labels: tuple[Any, Any] = (_("With"), _("Without")),
    ) -> None:
        self.relationship = relationship
        self.parameter_name = parameter_name
        self.title = title
        self.labels = labels

    def choices(self, model: type, session: Session) -> list[Choice]:
        return [Choice("yes", str(self.labels[0])), Choice("no", str(self.labels[1]))]

    def apply(
        self, model: type, stmt: Select[Any], value: str, choices: list[Choice]
    ) -> Select[Any]:
        exists = getattr(model, self.relationship).any()
        return stmt.where(exists if value == "yes" else ~exists)


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
        return inspect(model).relationships[self.relationship].mapper.class_  # type: ignore[no-any-return]

    def choices(self, model: type, session: Session) -> list[Choice]:
        target = self._target(model)
        (key,) = inspect(target).primary_key
        rows = session.execute(
            select(
                key, getattr(target, self.label_attribute), getattr(target, self.parent_attribute)
            )
        ).all()
        nodes = {
            str(pk): (label, None if parent is None else str(parent)) for pk, label, parent in rows
        }

        def path(value: str) -> str:
            names, seen, current = [], set(), value
            while current is not None and current in nodes and current not in seen:
                seen.add(current)
                label, parent = nodes[current]
                names.append(str(label))
                current = parent
            return " / ".join(reversed(names))

        choices = [Choice(value, path(value), parent) for value, (_label, parent) in nodes.items()]
        return sorted(choices, key=lambda choice: choice.label.casefold())

    def apply(
        self, model: type, stmt: Select[Any], value: str, choices: list[Choice]
    ) -> Select[Any]:
        wanted = {value}
        children: dict[str | None, list[str]] = {}
        for choice in choices:
            children.setdefault(choice.parent, []).append(choice.value)
        pending = [value]
        while pending:
            for child in children.get(pending.pop(), []):
                if child not in wanted:
                    wanted.add(child)
                    pending.append(child)
        target = self._target(model)
        (key,) = inspect(target).primary_key
        python_type = key.type.python_type
        related = getattr(model, self.relationship)
        return stmt.where(related.any(key.in_(sorted(python_type(v) for v in wanted))))
