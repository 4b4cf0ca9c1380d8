"""What a list's ``q`` and ``o`` parameters mean: the search condition and the ordering.

Shared by the list pages, the autocomplete, the bulk actions' "all matching" and the CSV
export, so all of them find the same rows in the same order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils.text import smart_split, unescape_string_literal
from sqlalchemy import Boolean, ColumnElement, and_, false, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import ColumnProperty
from sqlalchemy.sql.visitors import InternalTraversal

from sa_orders.db.mapping import mapper_of
from sa_orders.db.types import integer_range

if TYPE_CHECKING:
    from sa_orders.admin.columns import BoundColumn

MAX_SEARCH_LENGTH = 200
MAX_SEARCH_WORDS = 10


@dataclass(frozen=True)
class SearchField:
    """One entry of ``search_fields``, resolved against the model."""

    column: Any  # the attribute searched
    exact: bool  # "=column": the whole value, typed (numbers, codes)
    relationship: Any = None  # "relationship.column": through this many-to-one

    def match(self, word: str) -> ColumnElement[bool]:
        if "\x00" in word:
            return false()  # no stored text holds a NUL (PostgreSQL refuses even to compare)
        condition = _match(self.column, word, self.exact)
        if self.relationship is None:
            return condition
        return related_match(self.relationship, condition)


class _related_match(ColumnElement[bool]):
    """The rows whose many-to-one ``relationship`` leads to a row matching ``condition``.

    ``EXISTS (SELECT ... WHERE related.id = row.fk AND <condition>)`` on every database
    but PostgreSQL, where it is ``row.fk = ANY (ARRAY(SELECT related.id WHERE
    <condition>))``: the related rows are found once (from their search index) and the
    rows through the index on the foreign key, even when the search ORs this with other
    fields (an ``EXISTS`` in an ``OR`` makes PostgreSQL test every row).
    """

    type = Boolean()
    inherit_cache = True
    _traverse_internals = [
        ("exists", InternalTraversal.dp_clauseelement),
        ("column", InternalTraversal.dp_clauseelement),
        ("keys", InternalTraversal.dp_clauseelement),
    ]

    def __init__(self, exists: Any, column: Any, keys: Any) -> None:
        self.exists = exists
        self.column = column
        self.keys = keys


@compiles(_related_match)
def _related_match_exists(element: _related_match, compiler: Any, **kw: Any) -> str:
    return str(compiler.process(element.exists, **kw))


@compiles(_related_match, "postgresql")
def _related_match_any(element: _related_match, compiler: Any, **kw: Any) -> str:
    column = compiler.process(element.column, **kw)
    return f"{column} = ANY (ARRAY{compiler.process(element.keys, **kw)})"


def related_match(relationship: Any, condition: ColumnElement[bool]) -> ColumnElement[bool]:
    """``relationship.has(condition)``, written so that PostgreSQL can use indexes
    (see :class:`_related_match`); a relationship on more than one column keeps
    ``has()``."""
    prop = relationship.property
    pairs = prop.local_remote_pairs
    if len(pairs) != 1:
        has: ColumnElement[bool] = relationship.has(condition)
        return has
    (local, remote), target = pairs[0], prop.mapper.class_
    keys = select(remote).select_from(target).where(condition).correlate(None)
    return _related_match(relationship.has(condition), local, keys.scalar_subquery())


def search_field(model: type, spec: str) -> SearchField:
    """Resolve ``spec``: a column name, ``relationship.column`` for a related row's column,
    or ``=column`` for an exact match. Anything else raises ``ValueError``."""
    if not isinstance(spec, str):
        raise ValueError(f"{spec!r} is not the name of a column.")
    exact = spec.startswith("=")
    name, _, attribute = spec.removeprefix("=").partition(".")
    mapper = mapper_of(model)
    if attribute:
        relationship = mapper.relationships.get(name)
        if relationship is None or relationship.uselist:
            raise ValueError(f"{name!r} is not a many-to-one relationship of {model.__name__}.")
        target = relationship.mapper
        if not isinstance(target.attrs.get(attribute), ColumnProperty):
            raise ValueError(f"{target.class_.__name__} has no column {attribute!r}.")
        return SearchField(getattr(target.class_, attribute), exact, getattr(model, name))
    if not isinstance(mapper.attrs.get(name), ColumnProperty):
        raise ValueError(f"{model.__name__} has no column {name!r}.")
    return SearchField(getattr(model, name), exact)


def search_words(text: str) -> list[str]:
    """The words of a search (``"quoted words"`` count as one), at most ten."""
    words = [
        unescape_string_literal(word) if word[:1] in "\"'" and word[-1:] == word[:1] else word
        for word in smart_split(text)
    ][:MAX_SEARCH_WORDS]
    return [word for word in words if word]


def search_condition(model: type, fields: Sequence[str], text: str) -> ColumnElement[bool] | None:
    """Every word matches at least one field, case-insensitively; ``%`` and ``_`` literal.

    A field is a column name, ``relationship.column`` for a related row, or ``=column``
    for an exact match (numbers, codes); see :func:`search_field`.
    """
    words = search_words(text)
    if not words or not fields:
        return None
    resolved = [search_field(model, spec) for spec in fields]
    return and_(*(or_(*(field.match(word) for field in resolved)) for word in words))


def _match(column: Any, word: str, exact: bool) -> ColumnElement[bool]:
    if not exact:
        contains: ColumnElement[bool] = column.icontains(word, autoescape=True)
        return contains
    if column.type.python_type is int:
        word = word.removeprefix("#")  # "#12" finds order 12
    try:
        value = column.type.python_type(word)
    except (ValueError, TypeError, NotImplementedError):
        return false()  # "abc" is never an order id
    bounds = integer_range(column.type)
    if bounds is not None and not bounds[0] <= value <= bounds[1]:
        return false()
    equals: ColumnElement[bool] = column == value
    return equals


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
