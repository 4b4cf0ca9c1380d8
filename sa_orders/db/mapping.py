"""Looking at mapped classes, typed: a class's mapper and the table it is mapped to.

The pages, the exports and the statements work on any mapped class (sa_orders' own and
a host's); they ask here rather than through ``inspect()`` and ``__table__`` directly.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Column, Table, inspect
from sqlalchemy.orm import ColumnProperty, Mapper


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
