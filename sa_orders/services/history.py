"""Reading the history back (:mod:`sa_orders.models.history`), and pruning it.

The triggers write each change's values as JSON text, as each database writes JSON
(PostgreSQL's ``timestamptz`` with its offset, MariaDB's ``DATETIME`` with a space, a
boolean as ``true`` or ``1``, money as an exact number); :func:`decode` turns them back
into the columns' Python values (``Decimal``, aware ``datetime``, enums, ``bool``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from enum import Enum as PyEnum
from typing import Any

from sqlalchemy import (
    Boolean,
    ColumnElement,
    Date,
    DateTime,
    Enum,
    Integer,
    Numeric,
    Table,
    and_,
    delete,
    exists,
    func,
    or_,
    select,
)
from sqlalchemy.orm import Session, joinedload
from sqlalchemy.types import TypeDecorator, TypeEngine

from sa_orders.db.bulk import rowcount
from sa_orders.db.types import Money, to_money
from sa_orders.models.history import (
    BULK_ACTION,
    CODE,
    COMMAND,
    CREATE,
    DELETE,
    IMPORT,
    PAGE,
    SOURCES,
    UPDATE,
    Change,
    HistoryContext,
    Source,
    acting_as,
    acting_within,
    current_source,
)
from sa_orders.models.history_triggers import (
    Tracked,
    create_statements,
    drop_statements,
    own_tables,
)

__all__ = [
    "BULK_ACTION",
    "CODE",
    "COMMAND",
    "CREATE",
    "DELETE",
    "IMPORT",
    "PAGE",
    "SOURCES",
    "UPDATE",
    "Change",
    "FieldChange",
    "HistoryContext",
    "Pruned",
    "Source",
    "Tracked",
    "acting_as",
    "acting_within",
    "count_older",
    "current_source",
    "decode",
    "fields",
    "filtered",
    "host_tables",
    "of_row",
    "page",
    "prune_batch",
    "python_value",
    "trigger_statements",
]


def _base_type(type_: TypeEngine[Any]) -> TypeEngine[Any]:
    while isinstance(type_, TypeDecorator):
        type_ = type_.impl_instance
    return type_


def python_value(type_: TypeEngine[Any], raw: Any) -> Any:
    """``raw`` (a value of a change's JSON) as the column of type ``type_`` reads it."""
    if raw is None:
        return None
    outer = type_
    type_ = _base_type(type_)
    try:
        if isinstance(type_, Enum):
            enum_class = type_.enum_class
            if enum_class is not None and issubclass(enum_class, PyEnum):
                return enum_class(raw)
            return str(raw)
        if isinstance(type_, Boolean):
            return raw in (True, 1, "1", "t", "true")
        if isinstance(type_, DateTime):
            text = str(raw).replace(" ", "T")
            moment = datetime.fromisoformat(text)
            return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
        if isinstance(type_, Date):
            return date.fromisoformat(str(raw)[:10])
        if isinstance(type_, Numeric) and not isinstance(type_, Integer):
            number = Decimal(repr(raw) if isinstance(raw, float) else str(raw))
            return to_money(number) if isinstance(outer, Money) else number
        if isinstance(type_, Integer):
            return int(raw)
    except (ValueError, TypeError, InvalidOperation):
        return raw  # shown as it was written rather than not at all
    return raw


def decode(table: Table | None, text: str | None) -> dict[str, Any]:
    """The JSON ``text`` of a change as ``{column name: Python value}``; columns the
    table no longer has keep their JSON value."""
    if not text:
        return {}
    values: dict[str, Any] = json.loads(text, parse_float=Decimal)
    if table is None:
        return values
    return {
        name: python_value(table.c[name].type, value) if name in table.c else value
        for name, value in values.items()
    }


@dataclass(frozen=True)
class FieldChange:
    name: str
    before: Any
    after: Any


def fields(change: Change, table: Table | None) -> list[FieldChange]:
    """A change's fields, in the table's column order: before and after (one of them
    None for a creation or a deletion)."""
    before, after = decode(table, change.before), decode(table, change.after)
    names = list(dict.fromkeys([*before, *after]))
    if table is not None:
        order = {column.name: index for index, column in enumerate(table.columns)}
        names.sort(key=lambda name: order.get(name, len(order)))
    return [FieldChange(name, before.get(name), after.get(name)) for name in names]


# --- queries ---------------------------------------------------------------------------


def of_row(owner_table: str, owner_key: str) -> ColumnElement[bool]:
    """The changes a row's History page shows: its own and its parts' (an order's lines)."""
    return and_(Change.owner_table == owner_table, Change.owner_key == owner_key)


def page(
    session: Session,
    condition: ColumnElement[bool],
    *,
    size: int,
    after: int | None = None,
    before: int | None = None,
) -> tuple[list[Change], bool]:
    """Changes matching ``condition``, newest first, ``size`` of them after the change
    ``after`` (older ones) or before the change ``before`` (newer ones); and whether
    there are more in that direction. Keyset pages on the id: no count, no OFFSET."""
    statement = select(Change).options(joinedload(Change.context)).where(condition)
    if before is not None:
        statement = statement.where(Change.id > before).order_by(Change.id.asc())
    else:
        if after is not None:
            statement = statement.where(Change.id < after)
        statement = statement.order_by(Change.id.desc())
    rows = list(session.scalars(statement.limit(size + 1)))
    more = len(rows) > size
    rows = rows[:size]
    if before is not None:
        rows.reverse()
    return rows, more


def filtered(
    *,
    tables: Sequence[str] = (),
    user_id: int | None = None,
    kind: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> ColumnElement[bool]:
    """The Recent changes page's filters: the model (its table and its parts'), the
    user, the source, the dates (``since`` included, ``until`` not)."""
    conditions: list[ColumnElement[bool]] = []
    if tables:
        conditions.append(Change.owner_table.in_(list(tables)))
    if user_id is not None or kind is not None:
        context = [HistoryContext.id == Change.context_id]
        if user_id is not None:
            context.append(HistoryContext.user_id == user_id)
        if kind is not None:
            context.append(HistoryContext.kind == kind)
        conditions.append(exists().where(*context))
    if kind == "code" and user_id is None:  # no context at all, or one that says code
        conditions[-1] = or_(Change.context_id.is_(None), conditions[-1])
    if since is not None:
        conditions.append(Change.at >= since)
    if until is not None:
        conditions.append(Change.at < until)
    return and_(*conditions) if conditions else Change.id.is_not(None)


# --- retention -------------------------------------------------------------------------


@dataclass(frozen=True)
class Pruned:
    changes: int
    contexts: int


def count_older(session: Session, cutoff: datetime) -> Pruned:
    changes = session.scalar(select(func.count()).where(Change.at < cutoff)) or 0
    contexts = session.scalar(select(func.count()).where(HistoryContext.at < cutoff)) or 0
    return Pruned(changes, contexts)


def prune_batch(session: Session, cutoff: datetime, size: int) -> Pruned:
    """Delete up to ``size`` changes older than ``cutoff`` (the oldest first), then the
    contexts older than ``cutoff`` that no change refers to any more."""
    ids = list(
        session.scalars(select(Change.id).where(Change.at < cutoff).order_by(Change.id).limit(size))
    )
    changes = 0
    if ids:
        changes = rowcount(session.execute(delete(Change).where(Change.id.in_(ids))))
    contexts = 0
    if len(ids) < size:  # the last batch: the contexts left without changes
        contexts = rowcount(
            session.execute(
                delete(HistoryContext).where(
                    HistoryContext.at < cutoff,
                    ~exists().where(Change.context_id == HistoryContext.id),
                )
            )
        )
    return Pruned(changes, contexts)


# --- a host model's history -------------------------------------------------------------


def host_tables(tables: Sequence[Table]) -> list[Tracked]:
    """``tables`` (of models registered with ``history = True``) that are not sa_orders'
    own, whose triggers its migrations create."""
    own = {tracked.name for tracked in own_tables()}
    return [Tracked(table) for table in tables if table.name not in own]


def trigger_statements(vendor: str, tables: Sequence[Tracked]) -> list[str]:
    """What (re)creates the triggers of ``tables`` on ``vendor``: the old ones dropped
    first, so that a table that gained a column records it from now on."""
    if not tables:
        return []
    return [*drop_statements(vendor, tables), *create_statements(vendor, tables)]
