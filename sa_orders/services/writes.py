"""The one place where statements that change many rows get their bookkeeping.

Bulk actions, commands and imports change rows with one statement instead of loading
objects. Such statements skip the ORM's events and version counter, so each of them is
built here, and the rule the ORM keeps for one object is kept for every row:

* :func:`stamp`: ``version = version + 1`` for a class with a version counter and
  ``updated_at = now`` for one with that column, laid over a statement's own values. It
  is the only code in sa_orders that writes a version by hand;
* :func:`update_rows`: ``UPDATE ... SET <values>, <stamp> WHERE <condition> AND <a value
  differs>``: only rows that really change are counted and get a new version, so a form
  opened before ends on the conflict page, and a row that already had the values keeps
  its version. Loaded objects of the class forget what the statement changed;
* :func:`delete_rows`: ``DELETE ... WHERE <condition> AND NOT EXISTS (<a row that
  restricts it>)``: the database's ``ON DELETE CASCADE`` takes dependent rows along, and
  rows that something restricts stay, and are counted;
* :func:`upsert_rows`: INSERT, or UPDATE the row with the same natural key when one of
  its values differs (imports);
* :func:`insert_rows`: many new rows at once through :mod:`sa_orders.db.bulk`, with their
  ``created_at`` and ``updated_at`` (bulk loads).

The ORM unit of work keeps the same rules through SQLAlchemy's version counter and the
events of :mod:`sa_orders.models.events`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    ForeignKey,
    MetaData,
    Table,
    and_,
    case,
    delete,
    exists,
    func,
    literal_column,
    or_,
    select,
    true,
    update,
)
from sqlalchemy.dialects import mysql, postgresql, sqlite
from sqlalchemy.orm import ColumnProperty, Mapper, Session
from sqlalchemy.orm.exc import UnmappedColumnError

from sa_orders.db import bulk
from sa_orders.db.mapping import mapper_of, table_of
from sa_orders.db.types import utcnow

UPDATED_AT, CREATED_AT = "updated_at", "created_at"
# A literal, not a parameter: mysqlclient's executemany cannot take parameters after
# VALUES (...), where an upsert's UPDATE clause stands.
ONE: ColumnElement[int] = literal_column("1")

Moment = datetime | ColumnElement[datetime]


def _column_key(mapper: Mapper[Any], name: str) -> str | None:
    """The attribute of the column ``name``, if ``mapper`` maps that column."""
    column = mapper.local_table.c.get(name)
    if column is None:
        return None
    try:
        prop = mapper.get_property_by_column(column)
    except UnmappedColumnError:
        return None
    return prop.key if isinstance(prop, ColumnProperty) else None


def version_key(mapper: Mapper[Any]) -> str | None:
    """The attribute of ``mapper``'s version counter, if it has one."""
    column = mapper.version_id_col
    return None if column is None else mapper.get_property_by_column(column).key


def stamp(
    model: type, *, changed: ColumnElement[bool] | None = None, now: Moment | None = None
) -> dict[str, Any]:
    """What a statement that changes rows of ``model`` sets besides its own values, as
    ``{attribute: value}``: the version plus one, and ``updated_at``.

    ``changed`` is for a statement that also rewrites rows that stay the same (MariaDB's
    ``ON DUPLICATE KEY UPDATE``): only the rows it is true for are stamped. ``now`` may be
    an expression (the inserted row's ``updated_at``). Lay the stamp before the
    statement's own values where assignments see the ones before them (MariaDB).
    """
    mapper = mapper_of(model)
    table = mapper.local_table
    values: dict[str, Any] = {}
    column = mapper.version_id_col
    if column is not None:
        bumped = column + ONE
        values[mapper.get_property_by_column(column).key] = (
            bumped if changed is None else case((changed, bumped), else_=column)
        )
    updated = _column_key(mapper, UPDATED_AT)
    if updated is not None:
        moment = utcnow() if now is None else now
        values[updated] = (
            moment if changed is None else case((changed, moment), else_=table.c[UPDATED_AT])
        )
    return values


def forget_loaded(session: Session, model: type, keys: Iterable[str]) -> None:
    """Expire ``keys`` of the loaded objects of ``model``: a statement changed them."""
    names = list(keys)
    for obj in list(session.identity_map.values()):
        if isinstance(obj, model):
            session.expire(obj, names)


def update_rows(
    session: Session,
    model: type,
    condition: ColumnElement[bool],
    values: Mapping[str, Any],
    *,
    changed_only: bool = True,
    now: datetime | None = None,
) -> int:
    """Set ``values`` (attribute -> value or SQL expression) on the rows of ``model`` that
    ``condition`` picks, stamped; return how many changed.

    With ``changed_only`` (the default), rows that already have every value are left
    alone; pass ``False`` when ``condition`` already says which rows change.
    """
    where = condition
    if changed_only and values:
        differs = or_(
            *(getattr(model, key).is_distinct_from(value) for key, value in values.items())
        )
        where = and_(condition, differs)
    stamps = stamp(model, now=now)
    result = session.execute(
        update(model)
        .where(where)
        .values({**values, **stamps})
        .execution_options(synchronize_session=False)
    )
    forget_loaded(session, model, [*values, *stamps])
    return bulk.rowcount(result)


# --- deleting -----------------------------------------------------------------------


def restricting_keys(mapper: Mapper[Any], metadatas: Sequence[MetaData]) -> list[ForeignKey]:
    """The foreign keys whose ``ON DELETE`` rule keeps a row of ``mapper`` from being
    deleted by a plain ``DELETE`` (RESTRICT, NO ACTION, or no rule)."""
    table = mapper.local_table
    return [
        fk
        for metadata in metadatas
        for child in metadata.sorted_tables
        for fk in child.foreign_keys
        if fk.column.table is table
        and (fk.ondelete or "").upper() not in ("CASCADE", "SET NULL", "SET DEFAULT")
    ]


def unrestricted(model: type, metadatas: Sequence[MetaData]) -> ColumnElement[bool]:
    """The rows of ``model`` that no restricting foreign key points at."""
    conditions = [
        ~exists().where(fk.parent == fk.column)
        for fk in restricting_keys(mapper_of(model), metadatas)
    ]
    return and_(true(), *conditions)


@dataclass(frozen=True)
class Deleted:
    deleted: int
    kept: int  # rows the condition picked that other rows restrict


def delete_rows(
    session: Session,
    model: type,
    condition: ColumnElement[bool],
    metadatas: Sequence[MetaData],
) -> Deleted:
    """Delete the rows of ``model`` that ``condition`` picks and nothing restricts (the
    tables of ``metadatas`` are those that may refer to them)."""
    picked = session.scalar(select(func.count()).select_from(model).where(condition)) or 0
    result = session.execute(
        delete(model)
        .where(condition, unrestricted(model, metadatas))
        .execution_options(synchronize_session=False)
    )
    deleted = bulk.rowcount(result)
    return Deleted(deleted, picked - deleted)


# --- inserting ----------------------------------------------------------------------


def _table(target: type | Table) -> Table:
    return target if isinstance(target, Table) else table_of(target)


def insert_rows(
    session: Session,
    target: type | Table,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    batch_size: int = bulk.DEFAULT_BATCH_SIZE,
    now: datetime | None = None,
) -> int:
    """Insert new rows (tuples in the order of ``columns``) the fastest way the backend
    has; ``created_at`` and ``updated_at`` that ``columns`` leave out are ``now``."""
    table = _table(target)
    missing = [name for name in (CREATED_AT, UPDATED_AT) if name in table.c and name not in columns]
    if missing:
        moment = (now or utcnow(),) * len(missing)
        columns = [*columns, *missing]
        rows = (tuple(row) + moment for row in rows)
    return bulk.insert_rows(session.connection(), table, columns, rows, batch_size=batch_size)


def upsert_rows(
    session: Session,
    model: type,
    key: str,
    rows: Sequence[Mapping[str, Any]],
    *,
    now: datetime | None = None,
) -> None:
    """Insert each row (a dict of column values, all with the same keys), or update the
    row with the same ``key`` when one of its values differs; changed rows are stamped,
    the others left as they are."""
    if not rows:
        return
    table = _table(model)
    moment = now or utcnow()
    changing = [name for name in rows[0] if name != key]
    parameters = [{**row, CREATED_AT: moment, UPDATED_AT: moment} for row in rows]
    if session.get_bind().dialect.name == "mysql":
        statement = mysql.insert(table)
        new = statement.inserted
        same = and_(*(table.c[name].is_not_distinct_from(new[name]) for name in changing))
        # MariaDB assigns left to right, each seeing the ones before: the stamp is decided
        # while the old values are still there.
        upsert: Any = statement.on_duplicate_key_update(
            [
                *stamp(model, changed=~same, now=new[UPDATED_AT]).items(),
                *((name, new[name]) for name in changing),
            ]
        )
    else:
        module = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
        statement = module.insert(table)
        new = statement.excluded
        upsert = statement.on_conflict_do_update(
            index_elements=[table.c[key]],
            set_={
                **{name: new[name] for name in changing},
                **stamp(model, now=new[UPDATED_AT]),
            },
            where=or_(*(table.c[name].is_distinct_from(new[name]) for name in changing)),
        )
    session.execute(upsert, parameters)
