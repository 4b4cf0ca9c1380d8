"""The history of every change: who, when, where, and each changed field before and after.

The database records it, with triggers (:mod:`sa_orders.models.history_triggers`), in
the same statement as the change itself, as it keeps the figures of
:mod:`sa_orders.models.kept`: the ORM's unit of work, the bulk actions, the commands, the
imports and a host's own ``insert()``, ``update()`` and ``delete()`` statements all
leave a :class:`Change` per row they write, set-based for set-based statements
(PostgreSQL's statement triggers insert them with one ``INSERT ... SELECT`` over the
statement's transition tables).

*Who* and *where* are a :class:`Source`, written once per transaction as a
:class:`HistoryContext` row when the transaction first writes, and found by the
triggers through a transaction-local pointer: a ``set_config(..., true)`` setting on
PostgreSQL, a user variable on MariaDB, a row of ``sa_orders_history_now`` on SQLite
(whose writers take turns). The pointer is forgotten when the transaction ends. Changes
written while no source is set (a host's own session, SQL typed into ``dbshell``) have
no context: the pages say "code".

Set the source with :func:`acting_as` (the middleware does it for every request, the
commands for their run) and refine it with :func:`acting_as` again (a bulk action, an
import): the innermost source wins.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from datetime import datetime
from itertools import count
from typing import Any

from django.utils.translation import gettext_lazy as _
from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    Index,
    Integer,
    String,
    Table,
    Text,
    cast,
    event,
    func,
    insert,
    select,
)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import (
    Mapped,
    ORMExecuteState,
    Session,
    UOWTransaction,
    mapped_column,
    relationship,
)
from sqlalchemy.pool import Pool

from sa_orders.db.engine import vendor_of
from sa_orders.db.types import UTCDateTime, utcnow
from sa_orders.models.base import MYSQL_TABLE_OPTIONS, Base, IdType

# --- who and where -------------------------------------------------------------------

PAGE, BULK_ACTION, COMMAND, IMPORT, CODE = "page", "bulk action", "command", "import", "code"
SOURCES = {
    PAGE: _("page"),
    BULK_ACTION: _("bulk action"),
    COMMAND: _("command"),
    IMPORT: _("import"),
    CODE: _("code"),
}
ACTOR_LENGTH, DETAIL_LENGTH = 200, 500


@dataclass(frozen=True)
class Source:
    """Who made a change and where: a Django user (``user_id`` and its name as
    ``actor``) or a command line (``actor``), on a page, in a bulk action, a command or an
    import (``kind``), with a detail (the page's path, the action, the file)."""

    kind: str
    actor: str
    user_id: int | None = None
    detail: str = ""

    def within(self, kind: str, detail: str) -> Source:
        """The same actor, somewhere more precise (a bulk action of a page)."""
        return replace(self, kind=kind, detail=detail)


# A source, or a function that gives it when the first change is made (a request's
# user is looked up only by a request that writes).
SourceOrLater = Source | Callable[[], Source | None] | None
_current: ContextVar[SourceOrLater] = ContextVar("sa_orders_history_source", default=None)


def current_source() -> Source | None:
    """Whom the changes made now are recorded for (None: code)."""
    value = _current.get()
    return value() if callable(value) else value


@contextmanager
def acting_as(source: SourceOrLater) -> Iterator[None]:
    """Record the changes made inside the block (in this thread or task) as ``source``'s:
    a :class:`Source`, or a function that returns one when the first change is made."""
    token = _current.set(source)
    try:
        yield
    finally:
        _current.reset(token)


@contextmanager
def acting_within(kind: str, detail: str) -> Iterator[Source]:
    """The current actor, somewhere more precise (a bulk action, an import)."""
    source = (current_source() or Source(CODE, "code")).within(kind, detail[:DETAIL_LENGTH])
    with acting_as(source):
        yield source


# --- the tables -----------------------------------------------------------------------


class HistoryContext(Base):
    """Who and where, for the changes of one transaction (or of one part of it)."""

    __tablename__ = "sa_orders_history_context"
    __table_args__ = (
        Index(None, "user_id", "id"),
        Index(None, "kind", "id"),
        # emptied with the changes, after the rows whose deletion they record
        {"info": {"kept": True}, **MYSQL_TABLE_OPTIONS},
    )

    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    # The Django user's primary key; not a foreign key: the user may be deleted, the
    # history stays (with the name it had).
    user_id: Mapped[int | None] = mapped_column(BigInteger)
    actor: Mapped[str] = mapped_column(String(ACTOR_LENGTH))
    kind: Mapped[str] = mapped_column(String(16))
    detail: Mapped[str] = mapped_column(String(DETAIL_LENGTH), server_default="")


class Change(Base):
    """One row's change: created (``after`` is the row), changed (``before`` and
    ``after`` hold the fields that changed) or deleted (``before`` is the row). The
    values are JSON text as the database wrote them; :mod:`sa_orders.services.history`
    reads them back as the columns' Python values."""

    __tablename__ = "sa_orders_change"
    __table_args__ = (
        # a row's History page, newest first
        Index(None, "owner_table", "owner_key", "id"),
        # Recent changes between dates, by a user or a source; pruning. Both grow with
        # the id, so on PostgreSQL a BRIN index (a few pages, next to nothing to keep up
        # on every insert) finds their ranges; elsewhere a B-tree.
        Index(None, "at", postgresql_using="brin"),
        Index(None, "context_id", postgresql_using="brin"),
        {"info": {"kept": True}, **MYSQL_TABLE_OPTIONS},
    )

    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    # Not a foreign key: its check, once per recorded row, would cost a bulk statement
    # as much again as the recording itself. PostgreSQL's triggers look the context up
    # once per statement; elsewhere a context that a rolled-back savepoint took along is
    # simply not found when the history is read ("code"). Pruning deletes only the
    # contexts no change refers to.
    context_id: Mapped[int | None] = mapped_column(IdType)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    table_name: Mapped[str] = mapped_column(String(64))
    # the row's primary key as text, its columns' values joined by "/"
    row_key: Mapped[str] = mapped_column(String(200))
    # the row whose History page shows the change: the row itself, or its parent (an
    # order for its lines, an item for its links to categories)
    owner_table: Mapped[str] = mapped_column(String(64))
    owner_key: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(8))  # create, update, delete
    # the row's version after the change (before it, for a deletion)
    version: Mapped[int | None] = mapped_column(Integer)
    # (BEFORE and AFTER are reserved words of MariaDB)
    before: Mapped[str | None] = mapped_column("old_values", Text)
    after: Mapped[str | None] = mapped_column("new_values", Text)

    context: Mapped[HistoryContext | None] = relationship(
        lazy="raise",
        primaryjoin="foreign(Change.context_id) == HistoryContext.id",
    )


CREATE, UPDATE, DELETE = "create", "update", "delete"

# SQLite's pointer to the transaction's context: one row, written inside the transaction
# and deleted before it commits (SQLite has one writer at a time).
history_now = Table(
    "sa_orders_history_now",
    Base.metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("context_id", IdType, nullable=True),
    info={"kept": True},
    **MYSQL_TABLE_OPTIONS,
)

_OWN_TABLES = frozenset({"sa_orders_change", "sa_orders_history_context", history_now.name})
PG_SETTING = "sa_orders.history_context"
MARIADB_VARIABLE = "@sa_orders_history_context"
MARIADB_MUTED = "@sa_orders_history_muted"
MUTED_ROW = 0  # sa_orders_history_now's row that mutes SQLite's update triggers


# --- the pointer ------------------------------------------------------------------------

_POINTER = "sa_orders.history_pointer"  # connection.info: (session token, source, context id)
_TOKEN = "sa_orders.history_token"  # session.info: which session wrote the pointer
_tokens = count(1)
_STALE = object()  # a pointer that no source matches


def _vendor(connection: Connection) -> str:
    return vendor_of(connection.dialect)


def _point(connection: Connection, context_id: int | None) -> None:
    vendor = _vendor(connection)
    if vendor == "postgresql":
        connection.exec_driver_sql(
            "SELECT set_config(%(name)s, %(value)s, true)",
            {"name": PG_SETTING, "value": "" if context_id is None else str(context_id)},
        )
    elif vendor == "mysql":
        connection.exec_driver_sql(f"SET {MARIADB_VARIABLE} = %s", (context_id,))
    else:
        connection.execute(history_now.delete().where(history_now.c.id == 1))
        if context_id is not None:
            connection.execute(history_now.insert().values(id=1, context_id=context_id))


def record_source(session: Session) -> None:
    """Make the triggers attribute the session's next writes to the current source.

    Called before every write (a flush, an ``insert()``/``update()``/``delete()``
    statement, a bulk load); writes a :class:`HistoryContext` only when the source
    differs from the one already pointed at in this transaction.
    """
    source = current_source()
    connection = session.connection()
    token = session.info.setdefault(_TOKEN, next(_tokens))
    pointer = connection.info.get(_POINTER)
    if pointer is not None and pointer[0] == token and pointer[1] == source:
        return
    if source is None:
        if pointer is not None:  # another source's pointer, earlier in the transaction
            _point(connection, None)
        connection.info[_POINTER] = (token, None, None)
        return
    row = insert(HistoryContext).values(
        at=utcnow(),
        user_id=source.user_id,
        actor=source.actor[:ACTOR_LENGTH],
        kind=source.kind,
        detail=source.detail[:DETAIL_LENGTH],
    )
    if _vendor(connection) == "postgresql":  # the row and the pointer in one round trip
        written = row.returning(HistoryContext.id).cte("written")
        context_id = connection.scalar(
            select(written.c.id, func.set_config(PG_SETTING, cast(written.c.id, Text), True))
        )
    else:
        (context_id,) = connection.execute(row).inserted_primary_key or (None,)
        _point(connection, context_id)
    connection.info[_POINTER] = (token, source, context_id)


@contextmanager
def muted(session: Session) -> Iterator[None]:
    """The update triggers record nothing inside the block: the statement in it has had
    its changes recorded already (:func:`sa_orders.models.history_triggers.capture_update`).
    MariaDB and SQLite only; PostgreSQL's triggers are never muted."""
    connection = session.connection()
    vendor = _vendor(connection)
    if vendor == "mysql":
        connection.exec_driver_sql(f"SET {MARIADB_MUTED} = 1")
    elif vendor == "sqlite":
        connection.execute(history_now.insert().values(id=MUTED_ROW, context_id=None))
    try:
        yield
    finally:
        if vendor == "mysql":
            connection.exec_driver_sql(f"SET {MARIADB_MUTED} = NULL")
        elif vendor == "sqlite":
            connection.execute(history_now.delete().where(history_now.c.id == MUTED_ROW))


def forget_source(session: Session) -> None:
    """The transaction's context row is gone (its table was emptied): write a new one
    before the next change."""
    session.connection().info.pop(_POINTER, None)


@event.listens_for(Session, "before_flush")
def _before_flush(session: Session, flush_context: UOWTransaction, instances: Any) -> None:
    if session.new or session.dirty or session.deleted:
        record_source(session)


@event.listens_for(Session, "do_orm_execute")
def _before_statement(state: ORMExecuteState) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        table = getattr(state.statement, "table", None)
        if getattr(table, "name", None) in _OWN_TABLES:
            return  # pruning the history is no change to record
        record_source(state.session)


def _forget(dbapi_connection: Any, info: dict[str, Any], vendor: str) -> None:
    """The transaction ended (or is about to commit): the pointer goes with it."""
    if info.pop(_POINTER, None) is None:
        return
    if vendor == "mysql":
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"SET {MARIADB_VARIABLE} = NULL, {MARIADB_MUTED} = NULL")
        finally:
            cursor.close()
    elif vendor == "sqlite":
        dbapi_connection.execute(f"DELETE FROM {history_now.name}")  # the pointer, a mute
    # PostgreSQL: set_config(..., true) ends with the transaction by itself


@event.listens_for(Engine, "commit")
def _on_commit(connection: Connection) -> None:
    # before the commit: SQLite's row must go inside the transaction
    _forget(connection.connection.dbapi_connection, connection.info, _vendor(connection))


@event.listens_for(Engine, "rollback")
def _on_rollback(connection: Connection) -> None:
    if connection.info.get(_POINTER) is not None and _vendor(connection) == "sqlite":
        connection.info.pop(_POINTER)  # the row is rolled back with the rest
        return
    _forget(connection.connection.dbapi_connection, connection.info, _vendor(connection))


@event.listens_for(Engine, "rollback_savepoint")
def _on_rollback_savepoint(connection: Connection, name: str, context: Any) -> None:
    # The context row may have gone with the savepoint: write a new one next time, and
    # still forget the pointer when the transaction ends.
    if connection.info.get(_POINTER) is not None:
        connection.info[_POINTER] = (None, _STALE, None)


@event.listens_for(Pool, "reset")
def _on_reset(dbapi_connection: Any, record: Any, reset_state: Any) -> None:
    # A connection returned to the pool without its transaction ended by SQLAlchemy.
    info = record.info if record is not None else {}
    if info.get(_POINTER) is None:
        return
    module = type(dbapi_connection).__module__
    if module.startswith("MySQLdb") or "mysql" in module or "pymysql" in module:
        _forget(dbapi_connection, info, "mysql")
    else:
        info.pop(_POINTER, None)
