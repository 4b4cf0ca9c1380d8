"""The triggers that keep the figures of :mod:`sa_orders.models.kept`, per database.

:func:`create_statements` and :func:`drop_statements` give the DDL for a vendor
(``postgresql``, ``mysql`` for MariaDB/MySQL, ``sqlite``). The migrations freeze a copy
of what these return on the day they were written; a test checks that the latest copy
is what the models say today.

What every vendor's triggers do, for every statement that writes the rows:

* a new customer gets its figures row; a new order its figures row;
* an order that comes, goes or changes (customer, status, date, total) moves its
  customer's order count, its customer's recent figures (paid and shipped orders inside
  the recent window), its quarter hour's rollup and its status's count;
* an order line that comes or goes moves its order's line count.

PostgreSQL runs them once per statement, over the statement's transition tables
(set-based, so a bulk load of a million lines costs a few hundred statements);
MariaDB and SQLite once per row. MariaDB fires no triggers for the rows a foreign key's
``ON DELETE CASCADE`` removes, so deleting a customer there takes its orders out of the
rollups in a ``BEFORE DELETE`` trigger of the customer itself; the figures rows go with
their customers and orders by their own foreign keys.
"""

from __future__ import annotations

from sqlalchemy import literal_column
from sqlalchemy.dialects import mysql, postgresql, sqlite
from sqlalchemy.engine import Dialect

from sa_orders.db.types import cents
from sa_orders.models.kept import REVENUE_STATUSES, quarter_hour

CUSTOMER = "sa_orders_customer"
ORDER = "sa_orders_order"
LINE = "sa_orders_order_item"
CUSTOMER_FIGURES = "sa_orders_customer_figures"
ORDER_FIGURES = "sa_orders_order_figures"
ROLLUP = "sa_orders_order_rollup"
STATUS_COUNTS = "sa_orders_status_count"
WINDOW = "sa_orders_recent_window"

REVENUE = ", ".join(f"'{status.value}'" for status in REVENUE_STATUSES)
EVENTS = ("insert", "update", "delete")


def _name(table: str, event: str) -> str:
    """sa_orders_order_after_insert, ..."""
    return f"{table}_after_{event}"


POSTGRESQL = postgresql.dialect()  # type: ignore[no-untyped-call]  # its __init__ is unannotated


def _bucket(dialect: Dialect, moment: str) -> str:
    """The quarter hour of ``moment`` (SQL), as :func:`~sa_orders.models.kept.quarter_hour`."""
    return str(quarter_hour(literal_column(moment)).compile(dialect=dialect))


# --- PostgreSQL: statement triggers over transition tables ----------------------------


def _pg_changes(event: str, columns: str) -> str:
    """The rows a statement added (+1) and took away (-1)."""
    parts = []
    if event in ("insert", "update"):
        parts.append(f"SELECT {columns}, 1 AS sign FROM new_rows")
    if event in ("update", "delete"):
        parts.append(f"SELECT {columns}, -1 AS sign FROM old_rows")
    return " UNION ALL ".join(parts)


def _pg_order_function(event: str) -> str:
    changes = _pg_changes(event, "customer_id, order_date, status, total_amount")
    recent = f"status IN ({REVENUE}) AND order_date >= window_start AND order_date < window_end"
    new_figures = (
        f"INSERT INTO {ORDER_FIGURES} (order_id) SELECT id FROM new_rows;\n"
        if event == "insert"
        else ""
    )
    return f"""CREATE FUNCTION {_name(ORDER, event)}() RETURNS trigger LANGUAGE plpgsql AS $body$
DECLARE
    window_start timestamptz;
    window_end timestamptz;
BEGIN
{new_figures}SELECT starts_at, ends_at INTO window_start, window_end
FROM {WINDOW} WHERE id = 1 FOR SHARE;
WITH changes AS ({changes}),
per_customer AS (
    SELECT customer_id,
           sum(sign) AS orders,
           sum(CASE WHEN {recent} THEN sign ELSE 0 END) AS recent_orders,
           sum(CASE WHEN {recent} THEN sign * total_amount ELSE 0 END) AS recent_revenue
    FROM changes GROUP BY customer_id
)
UPDATE {CUSTOMER_FIGURES} AS figures
SET order_count = figures.order_count + per_customer.orders,
    recent_orders = figures.recent_orders + per_customer.recent_orders,
    recent_revenue = figures.recent_revenue + per_customer.recent_revenue
FROM per_customer
WHERE figures.customer_id = per_customer.customer_id
  AND (per_customer.orders <> 0 OR per_customer.recent_orders <> 0
       OR per_customer.recent_revenue <> 0);
WITH changes AS ({changes})
INSERT INTO {ROLLUP} AS rollup (bucket, status, orders, revenue)
SELECT {_bucket(POSTGRESQL, "order_date")}, status,
       sum(sign), sum(sign * total_amount)
FROM changes GROUP BY 1, 2
HAVING sum(sign) <> 0 OR sum(sign * total_amount) <> 0
ORDER BY 1, 2
ON CONFLICT (bucket, status) DO UPDATE
SET orders = rollup.orders + excluded.orders, revenue = rollup.revenue + excluded.revenue;
WITH changes AS ({changes})
INSERT INTO {STATUS_COUNTS} AS counts (status, orders)
SELECT status, sum(sign) FROM changes GROUP BY status HAVING sum(sign) <> 0 ORDER BY status
ON CONFLICT (status) DO UPDATE SET orders = counts.orders + excluded.orders;
RETURN NULL;
END
$body$"""


def _pg_line_function(event: str) -> str:
    changes = _pg_changes(event, "order_id")
    return f"""CREATE FUNCTION {_name(LINE, event)}() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
WITH changes AS ({changes}),
per_order AS (
    SELECT order_id, sum(sign) AS lines FROM changes GROUP BY order_id HAVING sum(sign) <> 0
)
UPDATE {ORDER_FIGURES} AS figures SET line_count = figures.line_count + per_order.lines
FROM per_order WHERE figures.order_id = per_order.order_id;
RETURN NULL;
END
$body$"""


def _pg_customer_function() -> str:
    return f"""CREATE FUNCTION {_name(CUSTOMER, "insert")}() RETURNS trigger
LANGUAGE plpgsql AS $body$
BEGIN
INSERT INTO {CUSTOMER_FIGURES} (customer_id) SELECT id FROM new_rows;
RETURN NULL;
END
$body$"""


def statement_trigger(name: str, table: str, event: str) -> str:
    """``CREATE TRIGGER name AFTER <event> ON table ... FOR EACH STATEMENT``, with the
    statement's transition tables (``new_rows``, ``old_rows``), running the function of
    the same name."""
    referencing = {
        "insert": "NEW TABLE AS new_rows",
        "update": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
        "delete": "OLD TABLE AS old_rows",
    }[event]
    return (
        f"CREATE TRIGGER {name} AFTER {event.upper()} ON {table} "
        f"REFERENCING {referencing} FOR EACH STATEMENT "
        f"EXECUTE FUNCTION {name}()"
    )


def _pg_trigger(table: str, event: str) -> str:
    return statement_trigger(_name(table, event), table, event)


def _postgresql() -> list[tuple[str, str]]:
    """(CREATE, DROP) pairs."""
    pairs = [
        (_pg_customer_function(), f"DROP FUNCTION {_name(CUSTOMER, 'insert')}()"),
        (
            _pg_trigger(CUSTOMER, "insert"),
            f"DROP TRIGGER {_name(CUSTOMER, 'insert')} ON {CUSTOMER}",
        ),
    ]
    for table, function in ((ORDER, _pg_order_function), (LINE, _pg_line_function)):
        for event in EVENTS:
            name = _name(table, event)
            pairs.append((function(event), f"DROP FUNCTION {name}()"))
            pairs.append((_pg_trigger(table, event), f"DROP TRIGGER {name} ON {table}"))
    return pairs


# --- MariaDB / MySQL: row triggers ---------------------------------------------------


def _my_bucket(row: str) -> str:
    return _bucket(mysql.dialect(), f"{row}.order_date")


def _my_order_side(row: str, sign: str) -> str:
    """Statements that add (sign ``+``) or take away (``-``) one order's row ``row``."""
    recent = (
        f"({row}.status IN ({REVENUE}) AND {row}.order_date >= window_start "
        f"AND {row}.order_date < window_end)"
    )
    return f"""UPDATE {CUSTOMER_FIGURES}
SET order_count = order_count {sign} 1,
    recent_orders = recent_orders {sign} IF(COALESCE({recent}, 0), 1, 0),
    recent_revenue = recent_revenue {sign} IF(COALESCE({recent}, 0), {row}.total_amount, 0)
WHERE customer_id = {row}.customer_id;
INSERT INTO {ROLLUP} (bucket, status, orders, revenue)
VALUES ({_my_bucket(row)}, {row}.status, {sign}1, {sign}{row}.total_amount)
ON DUPLICATE KEY UPDATE orders = orders + VALUES(orders), revenue = revenue + VALUES(revenue);
INSERT INTO {STATUS_COUNTS} (status, orders) VALUES ({row}.status, {sign}1)
ON DUPLICATE KEY UPDATE orders = orders + VALUES(orders);"""


def _my_order_trigger(event: str) -> str:
    sides = {
        "insert": f"INSERT INTO {ORDER_FIGURES} (order_id) VALUES (NEW.id);\n"
        + _my_order_side("NEW", "+"),
        "delete": _my_order_side("OLD", "-"),
        "update": "IF NOT (NEW.customer_id <=> OLD.customer_id AND NEW.status <=> OLD.status "
        "AND NEW.order_date <=> OLD.order_date AND NEW.total_amount <=> OLD.total_amount) "
        f"THEN\n{_my_order_side('OLD', '-')}\n{_my_order_side('NEW', '+')}\nEND IF;",
    }
    return f"""CREATE TRIGGER {_name(ORDER, event)} AFTER {event.upper()} ON {ORDER} FOR EACH ROW
BEGIN
DECLARE window_start DATETIME(6);
DECLARE window_end DATETIME(6);
DECLARE CONTINUE HANDLER FOR NOT FOUND BEGIN END;
SELECT starts_at, ends_at INTO window_start, window_end
FROM {WINDOW} WHERE id = 1 LOCK IN SHARE MODE;
{sides[event]}
END"""


def _my_line_trigger(event: str) -> str:
    body = {
        "insert": f"UPDATE {ORDER_FIGURES} SET line_count = line_count + 1 "
        "WHERE order_id = NEW.order_id;",
        "delete": f"UPDATE {ORDER_FIGURES} SET line_count = line_count - 1 "
        "WHERE order_id = OLD.order_id;",
        "update": "IF NOT (NEW.order_id <=> OLD.order_id) THEN\n"
        f"UPDATE {ORDER_FIGURES} SET line_count = line_count - 1 WHERE order_id = OLD.order_id;\n"
        f"UPDATE {ORDER_FIGURES} SET line_count = line_count + 1 WHERE order_id = NEW.order_id;\n"
        "END IF;",
    }[event]
    return f"""CREATE TRIGGER {_name(LINE, event)} AFTER {event.upper()} ON {LINE} FOR EACH ROW
BEGIN
{body}
END"""


def _my_customer_triggers() -> list[tuple[str, str]]:
    insert = f"""CREATE TRIGGER {_name(CUSTOMER, "insert")} AFTER INSERT ON {CUSTOMER} FOR EACH ROW
BEGIN
INSERT INTO {CUSTOMER_FIGURES} (customer_id) VALUES (NEW.id);
END"""
    # The orders ON DELETE CASCADE removes fire no triggers on MariaDB: take them out of
    # the rollups here. (Their customer's figures go with the customer.)
    orders = f"FROM {ORDER} AS o WHERE o.customer_id = OLD.id"
    before_delete = f"""CREATE TRIGGER {CUSTOMER}_before_delete BEFORE DELETE ON {CUSTOMER}
FOR EACH ROW
BEGIN
INSERT INTO {ROLLUP} (bucket, status, orders, revenue)
SELECT {_my_bucket("o")}, o.status, -COUNT(*), -SUM(o.total_amount) {orders}
GROUP BY 1, 2
ON DUPLICATE KEY UPDATE orders = orders + VALUES(orders), revenue = revenue + VALUES(revenue);
INSERT INTO {STATUS_COUNTS} (status, orders)
SELECT o.status, -COUNT(*) {orders} GROUP BY o.status
ON DUPLICATE KEY UPDATE orders = orders + VALUES(orders);
END"""
    return [
        (insert, f"DROP TRIGGER {_name(CUSTOMER, 'insert')}"),
        (before_delete, f"DROP TRIGGER {CUSTOMER}_before_delete"),
    ]


def _mysql() -> list[tuple[str, str]]:
    pairs = _my_customer_triggers()
    for event in EVENTS:
        pairs.append((_my_order_trigger(event), f"DROP TRIGGER {_name(ORDER, event)}"))
        pairs.append((_my_line_trigger(event), f"DROP TRIGGER {_name(LINE, event)}"))
    return pairs


# --- SQLite: row triggers ---------------------------------------------------------


def _lite_bucket(row: str) -> str:
    return _bucket(sqlite.dialect(), f"{row}.order_date")


def _lite_cents(row: str) -> str:
    """SQLite keeps sums of money as whole cents (sa_orders.db.types.MoneySum)."""
    return str(cents(literal_column(f"{row}.total_amount")).compile(dialect=sqlite.dialect()))


def _lite_order_side(row: str, sign: str) -> str:
    window = f"(SELECT starts_at FROM {WINDOW} WHERE id = 1)"
    window_end = f"(SELECT ends_at FROM {WINDOW} WHERE id = 1)"
    recent = (
        f"({row}.status IN ({REVENUE}) AND {row}.order_date >= {window} "
        f"AND {row}.order_date < {window_end})"
    )
    return f"""UPDATE {CUSTOMER_FIGURES}
SET order_count = order_count {sign} 1,
    recent_orders = recent_orders {sign} (CASE WHEN {recent} THEN 1 ELSE 0 END),
    recent_revenue = recent_revenue {sign} (CASE WHEN {recent} THEN {_lite_cents(row)} ELSE 0 END)
WHERE customer_id = {row}.customer_id;
INSERT INTO {ROLLUP} (bucket, status, orders, revenue)
VALUES ({_lite_bucket(row)}, {row}.status, {sign}1, {sign}{_lite_cents(row)})
ON CONFLICT (bucket, status) DO UPDATE
SET orders = orders + excluded.orders, revenue = revenue + excluded.revenue;
INSERT INTO {STATUS_COUNTS} (status, orders) VALUES ({row}.status, {sign}1)
ON CONFLICT (status) DO UPDATE SET orders = orders + excluded.orders;"""


def _lite_order_trigger(event: str) -> str:
    when = ""
    if event == "update":
        when = (
            "WHEN NOT (NEW.customer_id IS OLD.customer_id AND NEW.status IS OLD.status "
            "AND NEW.order_date IS OLD.order_date AND NEW.total_amount IS OLD.total_amount) "
        )
    body = {
        "insert": f"INSERT INTO {ORDER_FIGURES} (order_id) VALUES (NEW.id);\n"
        + _lite_order_side("NEW", "+"),
        "delete": _lite_order_side("OLD", "-"),
        "update": _lite_order_side("OLD", "-") + "\n" + _lite_order_side("NEW", "+"),
    }[event]
    return f"""CREATE TRIGGER {_name(ORDER, event)} AFTER {event.upper()} ON {ORDER}
FOR EACH ROW {when}BEGIN
{body}
END"""


def _lite_line_trigger(event: str) -> str:
    when = "WHEN NEW.order_id IS NOT OLD.order_id " if event == "update" else ""
    body = {
        "insert": f"UPDATE {ORDER_FIGURES} SET line_count = line_count + 1 "
        "WHERE order_id = NEW.order_id;",
        "delete": f"UPDATE {ORDER_FIGURES} SET line_count = line_count - 1 "
        "WHERE order_id = OLD.order_id;",
        "update": f"UPDATE {ORDER_FIGURES} SET line_count = line_count - 1 "
        "WHERE order_id = OLD.order_id;\n"
        f"UPDATE {ORDER_FIGURES} SET line_count = line_count + 1 WHERE order_id = NEW.order_id;",
    }[event]
    return f"""CREATE TRIGGER {_name(LINE, event)} AFTER {event.upper()} ON {LINE}
FOR EACH ROW {when}BEGIN
{body}
END"""


def _sqlite() -> list[tuple[str, str]]:
    pairs = [
        (
            f"CREATE TRIGGER {_name(CUSTOMER, 'insert')} AFTER INSERT ON {CUSTOMER} FOR EACH ROW "
            f"BEGIN\nINSERT INTO {CUSTOMER_FIGURES} (customer_id) VALUES (NEW.id);\nEND",
            f"DROP TRIGGER {_name(CUSTOMER, 'insert')}",
        )
    ]
    for event in EVENTS:
        pairs.append((_lite_order_trigger(event), f"DROP TRIGGER {_name(ORDER, event)}"))
        pairs.append((_lite_line_trigger(event), f"DROP TRIGGER {_name(LINE, event)}"))
    return pairs


_VENDORS = {"postgresql": _postgresql, "mysql": _mysql, "sqlite": _sqlite}


def create_statements(vendor: str) -> list[str]:
    """The statements that create the triggers (and PostgreSQL's functions) on ``vendor``."""
    return [create for create, _drop in _VENDORS[vendor]()]


def drop_statements(vendor: str) -> list[str]:
    """The statements that drop them again, in the reverse order."""
    return [drop for _create, drop in reversed(_VENDORS[vendor]())]
