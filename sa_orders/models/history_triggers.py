"""The triggers that record the history of :mod:`sa_orders.models.history`, per database.

:func:`create_statements` and :func:`drop_statements` give the DDL for a vendor
(``postgresql``, ``mysql`` for MariaDB/MySQL, ``sqlite``) and a list of
:class:`Tracked` tables: sa_orders' own (:func:`own_tables`, frozen in a migration) or a
host model's that opts in (``ModelAdmin.history = True``, created after ``migrate``).

For every row a statement inserts, updates or deletes, the triggers insert a
:class:`~sa_orders.models.history.Change`: the whole row for a creation or a deletion,
the fields that changed (before and after) for an update, leaving out the columns that
change on every update (``updated_at``, ``version``: the version goes in a column of
its own) and the generated ones. An update that changes nothing else records nothing.

PostgreSQL runs them once per statement over the statement's transition tables, so a
set-based statement is recorded with one ``INSERT ... SELECT``. MariaDB and SQLite run
them per row. MariaDB fires no triggers for the rows an ``ON DELETE CASCADE`` removes, so
there a ``BEFORE DELETE`` trigger of the parent records the children (an order's lines,
a customer's orders and their lines) while they are still there.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import (
    Column,
    ColumnElement,
    Insert,
    String,
    Table,
    Text,
    case,
    cast,
    func,
    insert,
    literal,
    literal_column,
    null,
    or_,
    select,
)
from sqlalchemy.sql import visitors
from sqlalchemy.sql.elements import ClauseElement
from sqlalchemy.sql.selectable import ScalarSelect, Select, SelectBase

from sa_orders.models.history import (
    MARIADB_MUTED,
    MARIADB_VARIABLE,
    MUTED_ROW,
    PG_SETTING,
    Change,
    history_now,
)
from sa_orders.models.triggers import statement_trigger

CHANGE = Change.__tablename__
CONTEXT_TABLE = "sa_orders_history_context"
INSERT_COLUMNS = (
    "context_id, at, table_name, row_key, owner_table, owner_key, action, version, "
    "old_values, new_values"
)
EVENTS = ("insert", "update", "delete")
ACTIONS = {"insert": "create", "update": "update", "delete": "delete"}


@dataclass(frozen=True)
class Tracked:
    """A table whose rows' changes are recorded, and the row whose History page shows
    them: the row itself (``owner`` None), or the row of table ``owner`` that
    ``owner_columns`` point at."""

    table: Table
    owner: str | None = None
    owner_columns: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return self.table.name

    @property
    def owner_table(self) -> str:
        return self.owner or self.table.name

    @property
    def key_columns(self) -> list[str]:
        return [column.name for column in self.table.primary_key.columns]

    @property
    def owner_key_columns(self) -> list[str]:
        return list(self.owner_columns) if self.owner else self.key_columns

    @property
    def recorded(self) -> list[Column[object]]:
        """The columns a creation or a deletion records: all but generated ones and
        those whose ``info`` says ``"recorded": False`` (an order line's position)."""
        return [
            column
            for column in self.table.columns
            if column.computed is None and column.info.get("recorded", True)
        ]

    @property
    def compared(self) -> list[Column[object]]:
        """The columns an update records when they change."""
        return [column for column in self.recorded if column.onupdate is None]

    @property
    def version(self) -> str | None:
        column = self.table.c.get("version")
        return None if column is None else column.name


def own_tables() -> list[Tracked]:
    """sa_orders' own tables: customers, categories, items (and their links to
    categories, shown on the item), orders (and their lines, shown on the order)."""
    from sa_orders.models import Category, Customer, Item, Order, OrderItem, item_category

    return [
        Tracked(Customer.__table__),  # type: ignore[arg-type]  # a Table at runtime
        Tracked(Category.__table__),  # type: ignore[arg-type]
        Tracked(Item.__table__),  # type: ignore[arg-type]
        Tracked(item_category, "sa_orders_item", ("item_id",)),
        Tracked(Order.__table__),  # type: ignore[arg-type]
        Tracked(OrderItem.__table__, "sa_orders_order", ("order_id",)),  # type: ignore[arg-type]
    ]


def _name(table: str, event: str, when: str = "after") -> str:
    return f"{table}_history_{when}_{event}"


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# --- PostgreSQL: statement triggers over transition tables ----------------------------


def _pg_key(alias: str, columns: Sequence[str]) -> str:
    return " || '/' || ".join(f"{alias}.{name}::text" for name in columns)


def _pg_row(tracked: Tracked, alias: str) -> str:
    generated = [c.name for c in tracked.table.columns if c.computed is not None]
    json = f"to_jsonb({alias})"
    return "(" + " - ".join([json, *map(_quoted, generated)]) + ")::text"


def _pg_changed(tracked: Tracked, side: str) -> str:
    """The fields that differ between ``o`` and ``n``, as ``side`` has them, as JSON text:
    one small object per column, put together (a column of its own per CASE is much
    cheaper than taking the whole rows apart with jsonb_each)."""
    parts = "\n || ".join(
        f"(CASE WHEN o.{c.name} IS DISTINCT FROM n.{c.name} "
        f"THEN jsonb_build_object('{c.name}', {side}.{c.name}) ELSE '{{}}' END)"
        for c in tracked.compared
    )
    return f"({parts})::text"


# An update's old and new rows are joined by their key. PL/pgSQL keeps the plan of the
# first statement a connection recorded, sized for that statement's rows: after an edit
# of one row, a nested loop, which made a later bulk statement's history quadratic
# (50,000 orders repaired: 86 s instead of 2 s). Without nested loops it is a hash join,
# for one row as for a million (migration 0009 set it on the functions of 0008).
UPDATE_PLAN = "SET enable_nestloop = off"


def _pg_function(tracked: Tracked, event: str) -> str:
    name, action = tracked.name, ACTIONS[event]
    row = "o" if event == "delete" else "n"
    version = f"{row}.{tracked.version}" if tracked.version else "NULL"
    head = (
        f"SELECT context, statement_timestamp(), {_quoted(name)}, "
        f"{_pg_key(row, tracked.key_columns)}, {_quoted(tracked.owner_table)}, "
        f"{_pg_key(row, tracked.owner_key_columns)}, '{action}', {version}, "
    )
    if event == "insert":
        select = f"{head}NULL, {_pg_row(tracked, 'n')}\nFROM new_rows AS n"
    elif event == "delete":
        select = f"{head}{_pg_row(tracked, 'o')}, NULL\nFROM old_rows AS o"
    else:
        joined = " AND ".join(f"n.{key} = o.{key}" for key in tracked.key_columns)
        differs = "\n   OR ".join(
            f"o.{c.name} IS DISTINCT FROM n.{c.name}" for c in tracked.compared
        )
        select = f"""{head}{_pg_changed(tracked, "o")},
{_pg_changed(tracked, "n")}
FROM old_rows AS o JOIN new_rows AS n ON {joined}
WHERE {differs}"""
    # The planner knows nothing of transition tables' sizes and guesses big: without
    # these, a bulk statement's history pays for JIT compilation and sorts on disk.
    settings = "SET jit = off SET work_mem = '64MB'"
    if event == "update":
        settings += f" {UPDATE_PLAN}"
    return f"""CREATE FUNCTION {_name(name, event)}() RETURNS trigger LANGUAGE plpgsql
{settings} AS $body$
DECLARE
    -- the transaction's context, if it is still there (a savepoint may have taken it)
    context bigint := (
        SELECT id FROM {CONTEXT_TABLE}
        WHERE id = NULLIF(current_setting('{PG_SETTING}', true), '')::bigint
    );
BEGIN
INSERT INTO {CHANGE} ({INSERT_COLUMNS})
{select};
RETURN NULL;
END
$body$"""


def _postgresql(tables: Sequence[Tracked]) -> list[tuple[str, str]]:
    pairs = []
    for tracked in tables:
        for event in EVENTS:
            name = _name(tracked.name, event)
            pairs.append((_pg_function(tracked, event), f"DROP FUNCTION IF EXISTS {name}()"))
            pairs.append(
                (
                    statement_trigger(name, tracked.name, event),
                    f"DROP TRIGGER IF EXISTS {name} ON {tracked.name}",
                )
            )
    return pairs


# --- MariaDB / MySQL: row triggers -----------------------------------------------------

# The variable itself, not looked up per row (a row lookup costs a bulk statement a
# tenth more): a context row a rolled-back savepoint took along is simply not found
# when the history is read, which then says "code".
MY_CONTEXT = MARIADB_VARIABLE


def _my_key(row: str, columns: Sequence[str]) -> str:
    return "CONCAT_WS('/', " + ", ".join(f"{row}.{name}" for name in columns) + ")"


def _my_object(row: str, columns: Sequence[Column[object]]) -> str:
    return "JSON_OBJECT(" + ", ".join(f"'{c.name}', {row}.{c.name}" for c in columns) + ")"


def _my_values(tracked: Tracked, row: str, action: str, before: str, after: str) -> str:
    version = f"{row}.{tracked.version}" if tracked.version else "NULL"
    return (
        f"{MY_CONTEXT}, UTC_TIMESTAMP(6), {_quoted(tracked.name)}, "
        f"{_my_key(row, tracked.key_columns)}, {_quoted(tracked.owner_table)}, "
        f"{_my_key(row, tracked.owner_key_columns)}, '{action}', {version}, {before}, {after}"
    )


def _is_number(column: Column[object]) -> bool:
    try:
        python_type = column.type.python_type
    except NotImplementedError:
        return False
    return issubclass(python_type, int | float | Decimal) and not issubclass(python_type, Enum)


def _my_changed(side: str, columns: Sequence[Column[object]]) -> str:
    """The fields that changed, as ``side`` has them, as JSON text put together from
    strings (JSON functions per row cost a bulk statement about a third more)."""
    parts = []
    for c in columns:
        value = f"CAST({side}.{c.name} AS CHAR)"
        if not _is_number(c):
            value = f"JSON_QUOTE({value})"
        parts.append(
            f"IF(OLD.{c.name} <=> NEW.{c.name}, NULL, "
            f"CONCAT('\"{c.name}\":', COALESCE({value}, 'null')))"
        )
    return "CONCAT('{', CONCAT_WS(',', " + ", ".join(parts) + "), '}')"


def _my_trigger(tracked: Tracked, event: str) -> str:
    name = tracked.name
    insert = f"INSERT INTO {CHANGE} ({INSERT_COLUMNS}) VALUES"
    if event == "insert":
        # muted while sa_orders records a bulk load itself (capture_inserts)
        row = _my_object("NEW", tracked.recorded)
        body = (
            f"IF {MARIADB_MUTED} IS NULL THEN\n"
            f"{insert} ({_my_values(tracked, 'NEW', 'create', 'NULL', row)});\nEND IF;"
        )
    elif event == "delete":
        row = _my_object("OLD", tracked.recorded)
        body = f"{insert} ({_my_values(tracked, 'OLD', 'delete', row, 'NULL')});"
    else:
        same = " AND ".join(f"OLD.{c.name} <=> NEW.{c.name}" for c in tracked.compared)
        values = _my_values(
            tracked,
            "NEW",
            "update",
            _my_changed("OLD", tracked.compared),
            _my_changed("NEW", tracked.compared),
        )
        # muted while sa_orders records a statement's changes itself (capture_update)
        body = f"IF {MARIADB_MUTED} IS NULL AND NOT ({same}) THEN\n{insert} ({values});\nEND IF;"
    return f"""CREATE TRIGGER {_name(name, event)} AFTER {event.upper()} ON {name} FOR EACH ROW
BEGIN
{body}
END"""


def _cascades(tracked: Tracked, tables: Sequence[Tracked]) -> list[tuple[Tracked, list[str]]]:
    """The tracked tables whose rows a deletion of ``tracked``'s row takes along by
    ``ON DELETE CASCADE``, each with the joins from it up to the deleted row."""
    found: list[tuple[Tracked, list[str]]] = []

    def walk(parent: Tracked, joins: list[str], depth: int) -> None:
        for child in tables:
            for fk in child.table.foreign_keys:
                if fk.column.table is not parent.table or (fk.ondelete or "").upper() != "CASCADE":
                    continue
                alias = f"c{depth}"
                up = "OLD" if depth == 0 else f"c{depth - 1}"
                condition = f"{alias}.{fk.parent.name} = {up}.{fk.column.name}"
                path = [f"{child.name} AS {alias}", condition, *joins]
                found.append((child, path))
                walk(child, path, depth + 1)

    walk(tracked, [], 0)
    return found


def _my_cascade_trigger(tracked: Tracked, tables: Sequence[Tracked]) -> str | None:
    statements = []
    for child, path in _cascades(tracked, tables):
        # path: [table AS alias, condition, table AS alias, condition, ...], innermost first
        pairs = list(zip(path[::2], path[1::2], strict=True))
        alias = pairs[0][0].rsplit(" ", 1)[1]
        where = pairs[-1][1]  # the outermost condition names the deleted row (OLD)
        # each table is joined on the condition of the one before it
        froms = [pairs[0][0]]
        for index in range(1, len(pairs)):
            froms.append(f"JOIN {pairs[index][0]} ON {pairs[index - 1][1]}")
        values = _my_values(child, alias, "delete", _my_object(alias, child.recorded), "NULL")
        statements.append(
            f"INSERT INTO {CHANGE} ({INSERT_COLUMNS})\nSELECT {values}\n"
            f"FROM {' '.join(froms)} WHERE {where};"
        )
    if not statements:
        return None
    body = "\n".join(statements)
    name = _name(tracked.name, "delete", "before")
    return f"""CREATE TRIGGER {name} BEFORE DELETE ON {tracked.name}
FOR EACH ROW
BEGIN
{body}
END"""


def _mysql(tables: Sequence[Tracked]) -> list[tuple[str, str]]:
    pairs = []
    for tracked in tables:
        for event in EVENTS:
            name = _name(tracked.name, event)
            pairs.append((_my_trigger(tracked, event), f"DROP TRIGGER IF EXISTS {name}"))
        cascade = _my_cascade_trigger(tracked, tables)
        if cascade is not None:
            name = _name(tracked.name, "delete", "before")
            pairs.append((cascade, f"DROP TRIGGER IF EXISTS {name}"))
    return pairs


# --- SQLite: row triggers ---------------------------------------------------------------

LITE_CONTEXT = f"(SELECT context_id FROM {history_now.name} WHERE id = 1)"
# muted (row 0 there) while sa_orders records a statement's changes itself
LITE_UNMUTED = f"NOT EXISTS (SELECT 1 FROM {history_now.name} WHERE id = {MUTED_ROW})"
LITE_NOW = "strftime('%Y-%m-%d %H:%M:%f', 'now')"


def _lite_key(row: str, columns: Sequence[str]) -> str:
    return " || '/' || ".join(f"CAST({row}.{name} AS TEXT)" for name in columns)


def _lite_object(row: str, columns: Sequence[Column[object]]) -> str:
    return "json_object(" + ", ".join(f"'{c.name}', {row}.{c.name}" for c in columns) + ")"


def _lite_values(tracked: Tracked, row: str, action: str, before: str, after: str) -> str:
    version = f"{row}.{tracked.version}" if tracked.version else "NULL"
    return (
        f"{LITE_CONTEXT}, {LITE_NOW}, {_quoted(tracked.name)}, "
        f"{_lite_key(row, tracked.key_columns)}, {_quoted(tracked.owner_table)}, "
        f"{_lite_key(row, tracked.owner_key_columns)}, '{action}', {version}, {before}, {after}"
    )


def _lite_changed(side: str, columns: Sequence[Column[object]]) -> str:
    """The fields that changed, as ``side`` has them, as JSON text written piece by piece
    (``json_quote`` writes each value; a third of the cost of building the whole row and
    removing what did not change)."""
    parts = " || ".join(
        f"COALESCE(CASE WHEN OLD.{c.name} IS NOT NEW.{c.name} "
        f"THEN '\"{c.name}\":' || json_quote({side}.{c.name}) || ',' END, '')"
        for c in columns
    )
    return f"'{{' || rtrim({parts}, ',') || '}}'"


def _lite_trigger(tracked: Tracked, event: str) -> str:
    name = tracked.name
    when = ""
    if event == "insert":
        when = f"WHEN {LITE_UNMUTED} "
        values = _lite_values(
            tracked, "NEW", "create", "NULL", _lite_object("NEW", tracked.recorded)
        )
    elif event == "delete":
        values = _lite_values(
            tracked, "OLD", "delete", _lite_object("OLD", tracked.recorded), "NULL"
        )
    else:
        same = " AND ".join(f"OLD.{c.name} IS NEW.{c.name}" for c in tracked.compared)
        when = f"WHEN {LITE_UNMUTED} AND NOT ({same}) "
        values = _lite_values(
            tracked,
            "NEW",
            "update",
            _lite_changed("OLD", tracked.compared),
            _lite_changed("NEW", tracked.compared),
        )
    return f"""CREATE TRIGGER {_name(name, event)} AFTER {event.upper()} ON {name}
FOR EACH ROW {when}BEGIN
INSERT INTO {CHANGE} ({INSERT_COLUMNS}) VALUES ({values});
END"""


def _sqlite(tables: Sequence[Tracked]) -> list[tuple[str, str]]:
    return [
        (_lite_trigger(tracked, event), f"DROP TRIGGER IF EXISTS {_name(tracked.name, event)}")
        for tracked in tables
        for event in EVENTS
    ]


_VENDORS = {"postgresql": _postgresql, "mysql": _mysql, "sqlite": _sqlite}


def create_statements(vendor: str, tables: Sequence[Tracked] | None = None) -> list[str]:
    """The statements that create the triggers (and PostgreSQL's functions) on ``vendor``
    for ``tables`` (default: sa_orders' own)."""
    pairs = _VENDORS[vendor](own_tables() if tables is None else tables)
    return [create for create, _drop in pairs]


def drop_statements(vendor: str, tables: Sequence[Tracked] | None = None) -> list[str]:
    """The statements that drop them again, in the reverse order."""
    pairs = _VENDORS[vendor](own_tables() if tables is None else tables)
    return [drop for _create, drop in reversed(pairs)]


# --- a statement's changes recorded by the statement that makes them ------------------

CAPTURING_VENDORS = ("mysql", "sqlite")


def tracked_table(table: Table) -> Tracked | None:
    """sa_orders' own table ``table`` as the history tracks it, if it does."""
    return next((tracked for tracked in own_tables() if tracked.table is table), None)


def capture_update(
    vendor: str,
    tracked: Tracked,
    where: ColumnElement[bool],
    values: Mapping[Column[Any], Any],
) -> Insert | None:
    """``INSERT INTO sa_orders_change ... SELECT`` the changes that ``UPDATE <table> SET
    <values> WHERE <where>`` is about to make: what its update trigger would record, row
    by row, recorded by one statement instead (on MariaDB and SQLite, whose row triggers
    cost a bulk statement several times the statement itself). Run it just before the
    UPDATE, and the UPDATE with the triggers muted (:func:`sa_orders.models.history.muted`).

    Only for values computed from the row itself (``price * 1.05``, a constant): a
    value that reads other tables would be computed twice; None then, and for vendors
    whose triggers are set-based already (PostgreSQL).
    """
    if vendor not in CAPTURING_VENDORS:
        return None
    compared = {column.name for column in tracked.compared}
    pairs = [
        (column, value if isinstance(value, ClauseElement) else literal(value, column.type))
        for column, value in values.items()
        if column.name in compared
    ]
    if not pairs or not all(_of_the_row(value, tracked.table) for _column, value in pairs):
        return None
    table = tracked.table
    differs = or_(*(column.is_distinct_from(value) for column, value in pairs))
    version = table.c.version + 1 if tracked.version else null()
    columns = [
        *_recorded(vendor, tracked, "update"),
        version,
        _fields(vendor, pairs, before=True),
        _fields(vendor, pairs, before=False),
    ]
    return _insert_changes(select(*columns).where(where, differs))


def _recorded(vendor: str, tracked: Tracked, action: str) -> list[Any]:
    """The first columns of a recorded change, as the triggers write them: the
    transaction's context, the time, the row's table and key, its owner's, the action."""
    table = tracked.table
    if vendor == "mysql":
        context: Any = literal_column(MARIADB_VARIABLE)
        now: Any = func.utc_timestamp(6)
    else:
        context = select(history_now.c.context_id).where(history_now.c.id == 1).scalar_subquery()
        now = func.strftime("%Y-%m-%d %H:%M:%f", "now")
    return [
        context,
        now,
        literal(tracked.name),
        _key(vendor, [table.c[name] for name in tracked.key_columns]),
        literal(tracked.owner_table),
        _key(vendor, [table.c[name] for name in tracked.owner_key_columns]),
        literal(action),
    ]


def _insert_changes(rows: Select[Any]) -> Insert:
    """``INSERT INTO sa_orders_change (<its columns>) <rows>``."""
    return insert(Change.__table__).from_select(  # type: ignore[arg-type]  # a Table at runtime
        [name.strip() for name in INSERT_COLUMNS.split(",")], rows
    )


def _of_the_row(value: ClauseElement, table: Table) -> bool:
    """Whether ``value`` reads nothing but ``table``'s own row (no subquery, no other table)."""
    for element in visitors.iterate(value):
        if isinstance(element, SelectBase | ScalarSelect):
            return False
        if isinstance(element, Column) and element.table is not table:
            return False
    return True


def _key(vendor: str, columns: Sequence[Column[Any]]) -> Any:
    if vendor == "mysql":
        return func.concat_ws("/", *columns)
    parts: list[ColumnElement[Any]] = [cast(column, Text) for column in columns]
    joined = parts[0]
    for part in parts[1:]:
        joined = joined + "/" + part
    return joined


def _fields(vendor: str, pairs: Sequence[tuple[Column[Any], Any]], *, before: bool) -> Any:
    """The changed fields as JSON text, as the update triggers write it."""
    fragments: list[ColumnElement[Any]] = []
    piece: ColumnElement[Any]
    for column, value in pairs:
        side = column if before else value
        same = column.is_not_distinct_from(value)
        if vendor == "mysql":
            text: Any = cast(side, String)
            if not _is_number(column):
                text = func.json_quote(text, type_=String)
            piece = func.concat(f'"{column.name}":', func.coalesce(text, "null"))
            fragments.append(case((same, null()), else_=piece))
        else:
            piece = literal(f'"{column.name}":', String) + func.json_quote(side, type_=String) + ","
            fragments.append(case((same, literal("", String)), else_=piece))
    if vendor == "mysql":
        return func.concat("{", func.concat_ws(",", *fragments), "}")
    joined = fragments[0]
    for fragment in fragments[1:]:
        joined = joined + fragment
    return literal("{", String) + func.rtrim(joined, ",", type_=String) + "}"


def capture_inserts(vendor: str, tracked: Tracked, where: ColumnElement[bool]) -> Insert:
    """``INSERT INTO sa_orders_change ... SELECT`` the creation of the rows ``where``
    picks, as the insert triggers record one (the whole row): for a bulk load, recorded
    after it with its triggers muted."""
    table = tracked.table
    columns = [
        *_recorded(vendor, tracked, "create"),
        table.c.version if tracked.version else null(),
        null(),
        func.json_object(*(part for c in tracked.recorded for part in (c.name, c))),
    ]
    return _insert_changes(select(*columns).where(where))
