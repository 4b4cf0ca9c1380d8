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
from sqlalchemy.engine import Dialect

from sa_orders.db.types import integer_range

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
        low, high = integer_range(expression.type) or (-(2**63), 2**63 - 1)
        if not low <= text <= high:
            raise ValueError(text)  # no row holds it, and the database would refuse it
        return text
    if not isinstance(text, str):
        raise ValueError(text)
    if kind is Decimal:
        return _decimal(text, expression.type)
    if kind is datetime:
        return datetime.fromisoformat(text)
    if kind is date:
        return date.fromisoformat(text)
    if kind is not None and issubclass(kind, enum.Enum):
        return kind(text)
    return text


def _decimal(text: str, type_: Any) -> Decimal:
    """``text`` as a number a column of ``type_`` (``Numeric(precision, scale)``) holds."""
    value = Decimal(text)
    if not value.is_finite():
        raise ValueError(text)
    precision, scale = getattr(type_, "precision", None), getattr(type_, "scale", None)
    if precision is not None and scale is not None:
        if abs(value) >= Decimal(10) ** (precision - scale):
            raise ValueError(text)
        value = value.quantize(Decimal(1).scaleb(-scale))
    return value


def _bindable(values: Sequence[Any], keys: Sequence[Key], dialect: Dialect | None) -> bool:
    """Whether each value goes through its key type's conversion for ``dialect`` (a
    datetime a UTC column cannot hold, say, would fail there, as a 500)."""
    if dialect is None:
        return True
    for value, (key, _descending) in zip(values, keys, strict=True):
        processor = key.type.bind_processor(dialect) if value is not None else None
        if processor is not None:
            try:
                processor(value)
            except Exception:
                return False
    return True


def decode(
    cursor: str | None, keys: Sequence[Key], dialect: Dialect | None = None
) -> list[Any] | None:
    """The values a cursor holds, typed as ``keys`` (and, given the ``dialect``, checked
    to convert for it); None for no cursor or one that does not fit them (edited by hand,
    or from a list sorted otherwise)."""
    if not cursor or len(cursor) > MAX_CURSOR_LENGTH:
        return None
    try:
        texts = json.loads(cursor)
        if not isinstance(texts, list) or len(texts) != len(keys):
            return None
        values = [_decode(text, key) for text, (key, _desc) in zip(texts, keys, strict=True)]
    except (ValueError, TypeError, InvalidOperation, RecursionError, OverflowError):
        return None
    if not all(_storable(value) for value in values if isinstance(value, str)):
        return None
    return values if _bindable(values, keys, dialect) else None


def _storable(text: str) -> bool:
    """Whether a column could hold ``text``: no NUL (PostgreSQL refuses even to compare
    one) and no lone surrogate (JSON's ``"\\ud800"``, which is no UTF-8)."""
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


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
