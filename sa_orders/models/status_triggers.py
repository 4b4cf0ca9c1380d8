"""The database's own check of the order status workflow (:data:`~sa_orders.models.orders
.TRANSITIONS`): an ``UPDATE`` that moves an order where the workflow does not go fails, on
every write path, a host's own ``update(Order).values(status=...)`` and SQL typed into
``dbshell`` included. The pages, bulk actions, imports and services check the workflow
before they write, and say why; this is what keeps every other statement to it.

One trigger per vendor, that runs only when a status changes: PostgreSQL's row trigger
has its condition in ``WHEN`` (checked without calling the function), MariaDB's raises
``SIGNAL`` with the errno of a failed CHECK (an ``IntegrityError``, as a CHECK constraint
gives), SQLite's ``RAISE(ABORT)``. Created by migration 0010; changing the workflow takes a
new migration.
"""

from __future__ import annotations

from sa_orders.models.orders import TRANSITIONS, Order

TABLE = Order.__tablename__
NAME = f"{TABLE}_status_workflow"
MESSAGE = (  # no quote in it: it goes into SQL strings
    "sa_orders: the status of an order cannot change so "
    "(pending -> paid -> shipped; pending or paid -> cancelled)"
)
assert "'" not in MESSAGE


def _allowed(old: str, new: str) -> str:
    """SQL: the move from ``old`` to ``new`` is one the workflow allows."""
    order = list(TRANSITIONS).index
    moves = [
        f"({old} = '{current.value}' AND {new} IN "
        f"({', '.join(repr(status.value) for status in sorted(nexts, key=order))}))"
        for current, nexts in TRANSITIONS.items()
        if nexts
    ]
    return " OR ".join(moves)


def _refused(old: str, new: str, distinct: str) -> str:
    return f"{old} {distinct} {new} AND NOT ({_allowed(old, new)})"


def create_statements(vendor: str) -> list[str]:
    if vendor == "postgresql":
        return [
            f"""CREATE FUNCTION {NAME}() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
RAISE EXCEPTION USING ERRCODE = 'check_violation', MESSAGE = '{MESSAGE}',
    DETAIL = format('order %s: %s -> %s', OLD.id, OLD.status, NEW.status);
END
$body$""",
            f"CREATE TRIGGER {NAME} BEFORE UPDATE OF status ON {TABLE} FOR EACH ROW "
            f"WHEN ({_refused('OLD.status', 'NEW.status', 'IS DISTINCT FROM')}) "
            f"EXECUTE FUNCTION {NAME}()",
        ]
    if vendor == "mysql":
        return [
            f"""CREATE TRIGGER {NAME} BEFORE UPDATE ON {TABLE} FOR EACH ROW
BEGIN
IF {_refused("OLD.status", "NEW.status", "<>")} THEN
SIGNAL SQLSTATE '23000' SET MYSQL_ERRNO = 4025, MESSAGE_TEXT = '{MESSAGE}';
END IF;
END"""
        ]
    if vendor == "sqlite":
        return [
            f"""CREATE TRIGGER {NAME} BEFORE UPDATE OF status ON {TABLE} FOR EACH ROW
WHEN {_refused("OLD.status", "NEW.status", "IS NOT")}
BEGIN
SELECT RAISE(ABORT, '{MESSAGE}');
END"""
        ]
    return []


def drop_statements(vendor: str) -> list[str]:
    if vendor == "postgresql":
        return [f"DROP TRIGGER IF EXISTS {NAME} ON {TABLE}", f"DROP FUNCTION IF EXISTS {NAME}()"]
    if vendor in ("mysql", "sqlite"):
        return [f"DROP TRIGGER IF EXISTS {NAME}"]
    return []
