"""Keyset ("seek") pagination: the rows after (or before) a given row in a list's order,
found from an index on the sort key instead of by counting rows with ``OFFSET``.

A list's order is a sequence of sort keys, (expression, descending), that no two rows
share (the primary key last, unless the keys before it already tell the rows apart).
The page after one ends with the row whose keys are ``values`` is::

    WHERE k1 >= v1 AND (k1 > v1 OR (k1 = v1 AND (k2 > v2 OR (k2 = v2 AND ...))))

(``<`` for a descending key): the redundant first bound lets any database start from the
right place in an index on (k1, ...). A NULL value is never before or after another in
its own key (the list puts NULLs last with a flag key before it), only equal.

A cursor is the keys' values of a row as text in the page's URL (``?after=...``), read
back with the keys' types; a cursor that does not fit the list is ignored.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import ColumnElement, and_, false, or_

Key = tuple[ColumnElement[Any], bool]  # (expression, descending)
MAX_CURSOR_LENGTH = 2000


def _encode(value: Any) -> Any:
    if isinstance(value, enum.Enum):  # before str: a StrEnum is one
        return value.value
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):  # datetimes too
        return value.isoformat()
    return str(value)


def encode(values: Sequence[Any]) -> str:
    """The cursor of a row whose sort keys have ``values``."""
    return json.dumps([_encode(value) for value in values], separators=(",", ":"))


def _python_type(expression: ColumnElement[Any]) -> type | None:
    try:
        python_type: type = expression.type.python_type
    except NotImplementedError:
        return None
    return python_type


def _decode(text: Any, expression: ColumnElement[Any]) -> Any:
    if text is None:
        return None
    kind = _python_type(expression)
    if kind is bool:
        if not isinstance(text, bool):
            raise ValueError(text)
        return text
    if kind is int:
        if isinstance(text, bool) or not isinstance(text, int):
            raise ValueError(text)
        return text
    if not isinstance(text, str):
        raise ValueError(text)
    if kind is Decimal:
        return Decimal(text)
    if kind is datetime:
        return datetime.fromisoformat(text)
    if kind is date:
        return date.fromisoformat(text)
    if kind is not None and issubclass(kind, enum.Enum):
        return kind(text)
    return text


def decode(cursor: str | None, keys: Sequence[Key]) -> list[Any] | None:
    """The values a cursor holds, typed as ``keys``; None for no cursor or one that does
    not fit them (edited by hand, or from a list sorted otherwise)."""
    if not cursor or len(cursor) > MAX_CURSOR_LENGTH:
        return None
    try:
        texts = json.loads(cursor)
        if not isinstance(texts, list) or len(texts) != len(keys):
            return None
        values = [_decode(text, key) for text, (key, _desc) in zip(texts, keys, strict=True)]
    except (ValueError, TypeError, InvalidOperation, RecursionError):
        return None
    if any("\x00" in value for value in values if isinstance(value, str)):
        return None  # no stored text holds a NUL (PostgreSQL refuses even to compare)
    return values


def _beyond(key: ColumnElement[Any], value: Any, descending: bool) -> ColumnElement[bool]:
    if value is None:
        return false()
    beyond: ColumnElement[bool] = key < value if descending else key > value
    return beyond


def _equal(key: ColumnElement[Any], value: Any) -> ColumnElement[bool]:
    equal: ColumnElement[bool] = key.is_(None) if value is None else key == value
    return equal


def seek(keys: Sequence[Key], values: Sequence[Any]) -> ColumnElement[bool]:
    """The rows after the row with ``values`` in the order of ``keys``."""
    condition: ColumnElement[bool] = false()
    for (key, descending), value in reversed(list(zip(keys, values, strict=True))):
        condition = or_(_beyond(key, value, descending), and_(_equal(key, value), condition))
    first, descending = keys[0]
    if values[0] is not None:
        start: ColumnElement[bool] = first <= values[0] if descending else first >= values[0]
        condition = and_(start, condition)
    return condition


def reverse(keys: Sequence[Key]) -> list[Key]:
    """The same keys, in the opposite order (for the page before a row)."""
    return [(key, not descending) for key, descending in keys]
