"""Looking at mapped classes, typed: a class's mapper and the table it is mapped to, and
what keeps a name from being one of its columns or relationships.

The pages, the exports and the statements work on any mapped class (sa_orders' own and
a host's); they ask here rather than through ``inspect()`` and ``__table__`` directly.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Column, Table, inspect
from sqlalchemy.orm import ColumnProperty, Mapper
from sqlalchemy.types import TypeDecorator


def mapper_of(model: type) -> Mapper[Any]:
    """The mapper of a mapped class."""
    mapper: Mapper[Any] = inspect(model)
    return mapper


def table_column(prop: ColumnProperty[Any]) -> Column[Any] | None:
    """The table column a column attribute maps; None for one that maps an expression
    (``column_property(select(...))``) or several columns."""
    if len(prop.columns) != 1:
        return None
    column = prop.columns[0]
    return column if isinstance(column, Column) else None


def table_of(model: type) -> Table:
    """The table a mapped class is mapped to."""
    table = mapper_of(model).local_table
    if not isinstance(table, Table):
        raise TypeError(f"{model.__name__} is not mapped to a table.")
    return table


def column_problem(model: type, name: str, *types: type) -> str | None:
    """What keeps ``name`` from being a column of ``model`` (of one of ``types``), if anything."""
    prop = mapper_of(model).attrs.get(name)
    if not isinstance(prop, ColumnProperty):
        return f"{model.__name__} has no column {name!r}."
    type_ = prop.columns[0].type
    if isinstance(type_, TypeDecorator):
        type_ = type_.impl_instance
    if types and not isinstance(type_, types):
        kinds = " or ".join(kind.__name__ for kind in types)
        return f"{model.__name__}.{name} is not a {kinds} column."
    return None


def relationship_problem(model: type, name: str, *, many: bool | None = None) -> str | None:
    """What keeps ``name`` from being a relationship of ``model`` (to many rows, or to one),
    if anything."""
    relationship = mapper_of(model).relationships.get(name)
    if relationship is None:
        return f"{model.__name__} has no relationship {name!r}."
    if many is True and not relationship.uselist:
        return f"{model.__name__}.{name} is a relationship to one row, not to many."
    if many is False and relationship.uselist:
        return f"{model.__name__}.{name} is not a many-to-one relationship."
    return None
