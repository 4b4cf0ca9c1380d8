"""What a list's ``q`` and ``o`` parameters mean: the search condition and the ordering.

Shared by the list pages, the autocomplete, the bulk actions' "all matching" and the CSV
export, so all of them find the same rows in the same order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.text import smart_split, unescape_string_literal
from sqlalchemy import ColumnElement, and_, false, inspect, or_

from sa_orders.db.types import integer_range

if TYPE_CHECKING:
    from sa_orders.admin.columns import BoundColumn

MAX_SEARCH_LENGTH = 200
MAX_SEARCH_WORDS = 10


def search_condition(model: type, fields: list[str], text: str) -> ColumnElement[bool] | None:
    """Every word matches at least one field, case-insensitively; ``%`` and ``_`` literal.

    A field is a column name, ``relationship.column`` for a related row, or ``=column``
    for an exact match (numbers, codes).
    """
    words = [
        unescape_string_literal(word) if word[:1] in "\"'" and word[-1:] == word[:1] else word
        for word in smart_split(text)
    ][:MAX_SEARCH_WORDS]
    words = [word for word in words if word]
    if not words or not fields:
        return None
    mapper = inspect(model)
    conditions = []
    for word in words:
        matches = []
        for field in fields:
            exact = field.startswith("=")
            name, _, attribute = field.lstrip("=").partition(".")
            if attribute:
                relationship = getattr(model, name)
                target = getattr(mapper.relationships[name].mapper.class_, attribute)
                matches.append(relationship.has(_match(target, word, exact)))
            else:
                matches.append(_match(getattr(model, name), word, exact))
        conditions.append(or_(*matches))
    return and_(*conditions)


def _match(column: Any, word: str, exact: bool) -> ColumnElement[bool]:
    if not exact:
        return column.icontains(word, autoescape=True)  # type: ignore[no-any-return]
    if column.type.python_type is int:
        word = word.removeprefix("#")  # "#12" finds order 12
    try:
        value = column.type.python_type(word)
    except (ValueError, TypeError, NotImplementedError):
        return false()  # "abc" is never an order id
    bounds = integer_range(column.type)
    if bounds is not None and not bounds[0] <= value <= bounds[1]:
        return false()
    return column == value  # type: ignore[no-any-return]


def parse_ordering(value: str, sortable: dict[str, BoundColumn]) -> list[tuple[BoundColumn, bool]]:
    """``"-total,customer"`` -> [(column, descending)], unknown and repeated keys left out."""
    ordering, seen = [], set()
    for key in value.split(","):
        key = key.strip()
        name = key.lstrip("-")
        if name in sortable and name not in seen:  # anything else is ignored
            seen.add(name)
            ordering.append((sortable[name], key.startswith("-")))
    return ordering
