"""Statements that change many rows, with the same rules as the unit of work.

The rules themselves are declared once, on the columns (:mod:`sa_orders.models.base`):
``created_at`` and ``updated_at`` have defaults, ``updated_at`` and ``version`` an
``onupdate`` (``version + 1``), so SQLAlchemy applies them to every ``insert()`` and
``update()`` that does not set them itself: the ORM's flushes, the SQLAlchemy tutorial's
bulk statements in a host's code, and the statements built here. What is here is what
the bulk actions, the commands and the imports need besides:

* :func:`update_rows`: ``UPDATE ... SET <values> WHERE <condition> AND <a value
  differs>``: only rows that really change are counted and get a new version, so a form
  opened before ends on the conflict page, and a row that already had the values keeps
  its version. Loaded objects of the class forget what the statement changed;
* :func:`touch_rows`: only the version and ``updated_at`` (a change the row's columns do
  not show, such as its links to categories);
* :func:`delete_rows`: ``DELETE ... WHERE <condition> AND NOT EXISTS (<a row that
  restricts it>)``: the database's ``ON DELETE CASCADE`` takes dependent rows along, and
  rows that something restricts stay, and are counted;
* :func:`upsert_rows`: INSERT, or UPDATE the row with the same natural key when one of
  its values differs (imports). The UPDATE of an upsert is the database's, which
  SQLAlchemy does not give the columns' ``onupdate``: :func:`stamp` reads them from the
  model and sets them there;
* :func:`insert_rows`: many new rows at once through :mod:`sa_orders.db.bulk` (``COPY`` and
  multi-row ``INSERT``s, which column defaults do not reach), with their ``created_at``
  and ``updated_at``.

Nothing in sa_orders writes a version by hand: every ``version + 1`` is the column's own.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
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
    or_,
    select,
    true,
    tuple_,
    update,
)
from sqlalchemy.dialects import mysql, postgresql, sqlite
from sqlalchemy.orm import ColumnProperty, Mapper, Session
from sqlalchemy.orm.exc import UnmappedColumnError
from sqlalchemy.schema import ColumnDefault

from sa_orders.db import bulk
from sa_orders.db.engine import vendor_of
from sa_orders.db.mapping import mapper_of, table_of
from sa_orders.db.types import utcnow
from sa_orders.models import history, history_triggers

UPDATED_AT, CREATED_AT = "updated_at", "created_at"

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
    """The columns' ``onupdate`` of ``model``, as ``{attribute: value}`` for a statement
    that SQLAlchemy does not give them (an upsert's UPDATE): ``version + 1`` and
    ``updated_at``, as the model declares them.

    ``changed`` is for a statement that also rewrites rows that stay the same (MariaDB's
    ``ON DUPLICATE KEY UPDATE``): only the rows it is true for are stamped. ``now`` is the
    time for a Python-side ``onupdate`` (it may be an expression: the inserted row's
    ``updated_at``). Lay the stamp before the statement's own values where assignments see
    the ones before them (MariaDB).
    """
    mapper = mapper_of(model)
    values: dict[str, Any] = {}
    for column in mapper.local_table.columns:
        default = column.onupdate
        key = _column_key(mapper, column.name)
        if not isinstance(default, ColumnDefault) or key is None:
            continue
        if default.is_clause_element:
            value: Any = default.arg
        elif default.is_callable:
            value = now if now is not None else utcnow()
        else:
            value = default.arg
        values[key] = value if changed is None else case((changed, value), else_=column)
    return values


def forget_loaded(session: Session, model: type, keys: Iterable[str]) -> None:
    """Expire ``keys`` of the loaded objects of ``model``: a statement changed them."""
    names = list(keys)
    for obj in list(session.identity_map.values()):
        if isinstance(obj, model):
            session.expire(obj, names)


def _updated_by_statements(model: type) -> list[str]:
    """The attributes a statement's ``onupdate`` changes besides its values."""
    mapper = mapper_of(model)
    found = [_column_key(mapper, c.name) for c in mapper.local_table.columns if c.onupdate]
    return [key for key in found if key is not None]


def update_rows(
    session: Session,
    model: type,
    condition: ColumnElement[bool],
    values: Mapping[str, Any],
    *,
    changed_only: bool = True,
) -> int:
    """Set ``values`` (attribute -> value or SQL expression) on the rows of ``model`` that
    ``condition`` picks; the columns' ``onupdate`` gives them a new version and
    ``updated_at``. Return how many changed.

    With ``changed_only`` (the default), rows that already have every value are left
    alone; pass ``False`` when ``condition`` already says which rows change.
    """
    if not values:
        raise ValueError("update_rows() needs values; touch_rows() changes only versions.")
    where = condition
    if changed_only:
        differs = or_(
            *(getattr(model, key).is_distinct_from(value) for key, value in values.items())
        )
        where = and_(condition, differs)
    statement = (
        update(model).where(where).values(dict(values)).execution_options(synchronize_session=False)
    )
    capture = _history_capture(session, model, where, values)
    if capture is None:  # the triggers record the changes
        result = session.execute(statement)
    else:  # one INSERT ... SELECT records them, and the row triggers stay quiet
        history.record_source(session)
        session.execute(capture)
        with history.muted(session):
            result = session.execute(statement)
    forget_loaded(session, model, [*values, *_updated_by_statements(model)])
    return bulk.rowcount(result)


def _history_capture(
    session: Session, model: type, where: ColumnElement[bool], values: Mapping[str, Any]
) -> Any | None:
    """The statement that records an ``update_rows`` statement's changes in the history
    set-based, where the database's row triggers would cost more (MariaDB, SQLite)."""
    vendor = vendor_of(session.get_bind().dialect)
    if vendor not in history_triggers.CAPTURING_VENDORS:
        return None
    tracked = history_triggers.tracked_table(table_of(model))
    if tracked is None:
        return None
    mapper = mapper_of(model)
    columns = {mapper.attrs[key].columns[0]: value for key, value in values.items()}
    return history_triggers.capture_update(vendor, tracked, where, columns)


def touch_rows(session: Session, model: type, condition: ColumnElement[bool]) -> int:
    """Give the rows ``condition`` picks a new version and ``updated_at`` only: for a
    change that their columns do not show (their links to other rows)."""
    stamps = stamp(model)
    if not stamps:
        return 0
    result = session.execute(
        update(model).where(condition).values(stamps).execution_options(synchronize_session=False)
    )
    forget_loaded(session, model, stamps)
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
    history.record_source(session)  # not a statement of the session's: say who writes
    loader = _HistoryOfLoad.start(session, table, columns)
    if loader is None:  # the triggers record each row
        return bulk.insert_rows(session.connection(), table, columns, rows, batch_size=batch_size)
    with history.muted(session):
        count = bulk.insert_rows(
            session.connection(), table, columns, loader.watch(rows), batch_size=batch_size
        )
    loader.record(session)
    return count


@dataclass
class _HistoryOfLoad:
    """The history of a bulk load on MariaDB or SQLite, recorded set-based after it (their
    row triggers would cost the load several times over): the rows whose key is above
    every key the table had before (a new batch of ids, lines of new orders) by their
    range, any others by their primary keys."""

    vendor: str
    tracked: history_triggers.Tracked
    column: int  # where the range's column is in the rows
    keys: list[int]  # where the primary key's columns are
    above: Any  # the largest value of the range's column before the load
    low: Any = None
    high: Any = None
    others: list[tuple[Any, ...]] | None = None

    @classmethod
    def start(cls, session: Session, table: Table, columns: Sequence[str]) -> _HistoryOfLoad | None:
        vendor = vendor_of(session.get_bind().dialect)
        if vendor not in history_triggers.CAPTURING_VENDORS:
            return None
        tracked = history_triggers.tracked_table(table)
        if tracked is None or not set(tracked.key_columns) <= set(columns):
            return None
        name = tracked.owner_key_columns[0]
        if name not in columns:
            return None
        above = session.scalar(select(func.max(table.c[name])))
        keys = [list(columns).index(key) for key in tracked.key_columns]
        return cls(vendor, tracked, list(columns).index(name), keys, above, others=[])

    def watch(self, rows: Iterable[Sequence[Any]]) -> Iterator[Sequence[Any]]:
        assert self.others is not None
        for row in rows:
            value = row[self.column]
            if self.above is None or value > self.above:
                if self.low is None or value < self.low:
                    self.low = value
                if self.high is None or value > self.high:
                    self.high = value
            else:
                self.others.append(tuple(row[index] for index in self.keys))
            yield row

    def record(self, session: Session) -> None:
        table = self.tracked.table
        column = table.c[self.tracked.owner_key_columns[0]]
        if self.low is not None:
            where: ColumnElement[bool] = column.between(self.low, self.high)
            if self.above is not None:
                where = and_(where, column > self.above)
            session.execute(history_triggers.capture_inserts(self.vendor, self.tracked, where))
        key = tuple_(*(table.c[name] for name in self.tracked.key_columns))
        others = self.others or []
        for start in range(0, len(others), 500):
            chunk = others[start : start + 500]
            session.execute(
                history_triggers.capture_inserts(self.vendor, self.tracked, key.in_(chunk))
            )


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
