"""Figures kept ahead of time, so that pages cost the same on any amount of data.

The database keeps them, with triggers (:mod:`sa_orders.models.triggers`), in the same
statement as the rows they sum: whatever writes the rows (the ORM's unit of work, the
bulk actions, the commands, the imports, a host's own ``insert()``, ``update()`` and
``delete()`` statements, even SQL typed into ``dbshell``) keeps them right, and nothing
in Python ever writes them. ``sa_recalc_totals --kept`` rebuilds them from the rows.

* :class:`CustomerFigures`, one row per customer: how many orders it has, and its paid
  and shipped orders (count and revenue) in the dashboard's window of days
  (:data:`recent_window`), for the top customers;
* :class:`OrderFigures`, one row per order: how many lines it has;
* :data:`order_rollup`: orders and the sum of their totals per quarter hour (UTC) and
  status, for revenue per day in any time zone (every UTC offset in use is a whole
  number of quarter hours);
* :data:`status_counts`: orders per status.

They live in tables of their own, not on the customer and order rows: MariaDB refuses a
trigger that writes a table the statement that fired it reads, and statements on orders
often read customers (a bulk action on the orders of a search by customer name).
Their tables say ``info["kept"]``: emptying every table (``sa_seed --reset``, the tests)
empties them last, after the triggers have had their say.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _
from sqlalchemy import (
    BigInteger,
    Column,
    ForeignKey,
    Index,
    Integer,
    PrimaryKeyConstraint,
    String,
    Table,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from sa_orders.db.types import MoneySum, UTCDateTime
from sa_orders.models.base import MYSQL_TABLE_OPTIONS, Base, IdType
from sa_orders.models.orders import OrderStatus

BUCKET_SECONDS = 900  # a quarter of an hour
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

# The statuses whose totals count as revenue: paid and shipped (pending orders have not
# paid yet, cancelled ones never will). Written into the triggers: changing them takes
# a migration.
REVENUE_STATUSES = (OrderStatus.PAID, OrderStatus.SHIPPED)


def bucket_of(moment: datetime) -> int:
    """The quarter hour (UTC) of ``moment``, as the triggers number them: quarter hours
    since 1970."""
    return (moment - EPOCH) // timedelta(seconds=BUCKET_SECONDS)


class quarter_hour(FunctionElement[int]):
    """SQL for :func:`bucket_of`: the quarter hour of a timestamp column, in the database.

    The triggers use the same SQL (compiled from this), so Python, the triggers and the
    repair command number quarter hours alike."""

    type = BigInteger()
    inherit_cache = True
    name = "quarter_hour"


@compiles(quarter_hour, "postgresql")
def _quarter_hour_postgresql(element: quarter_hour, compiler: SQLCompiler, **kw: Any) -> str:
    moment = compiler.process(element.clauses, **kw)
    return f"CAST(floor(extract(epoch FROM {moment}) / {BUCKET_SECONDS}) AS BIGINT)"


# MariaDB and SQLite: whole days since 1970 (exact integers), then the hour and the
# minute, so that the microseconds before a quarter hour never round into it (SQLite's
# strftime('%s') rounds to milliseconds, TIMESTAMPDIFF truncates towards zero).
PER_DAY, PER_HOUR, MINUTES = 86_400 // BUCKET_SECONDS, 3_600 // BUCKET_SECONDS, BUCKET_SECONDS // 60


@compiles(quarter_hour, "mysql")
@compiles(quarter_hour, "mariadb")
def _quarter_hour_mysql(element: quarter_hour, compiler: SQLCompiler, **kw: Any) -> str:
    moment = compiler.process(element.clauses, **kw)
    return (
        f"((TO_DAYS({moment}) - 719528) * {PER_DAY} + HOUR({moment}) * {PER_HOUR} "
        f"+ FLOOR(MINUTE({moment}) / {MINUTES}))"
    )


@compiles(quarter_hour, "sqlite")
def _quarter_hour_sqlite(element: quarter_hour, compiler: SQLCompiler, **kw: Any) -> str:
    # stored as text: 'YYYY-MM-DD HH:MM:SS.ffffff'
    moment = compiler.process(element.clauses, **kw)
    return (
        f"(CAST(julianday(substr({moment}, 1, 10)) - 2440587.5 AS INTEGER) * {PER_DAY} "
        f"+ CAST(substr({moment}, 12, 2) AS INTEGER) * {PER_HOUR} "
        f"+ CAST(substr({moment}, 15, 2) AS INTEGER) / {MINUTES})"
    )


class CustomerFigures(Base):
    """A customer's kept figures (one row per customer, made by the database)."""

    __tablename__ = "sa_orders_customer_figures"
    __table_args__ = (
        # the customers list sorted by orders, ties by id, straight from the index
        Index(None, "order_count", "customer_id"),
        # the top customers: the largest revenue first
        Index(None, "recent_revenue", "customer_id"),
        {"info": {"kept": True}, **MYSQL_TABLE_OPTIONS},
    )

    customer_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("sa_orders_customer.id", ondelete="CASCADE"), primary_key=True
    )
    order_count: Mapped[int] = mapped_column(
        Integer, server_default="0", info={"label": _("Orders")}
    )
    recent_orders: Mapped[int] = mapped_column(Integer, server_default="0")
    recent_revenue: Mapped[Decimal] = mapped_column(MoneySum(), server_default="0")


class OrderFigures(Base):
    """An order's kept figures (one row per order, made by the database)."""

    __tablename__ = "sa_orders_order_figures"
    __table_args__ = (
        Index(None, "line_count", "order_id"),
        {"info": {"kept": True}, **MYSQL_TABLE_OPTIONS},
    )

    order_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("sa_orders_order.id", ondelete="CASCADE"), primary_key=True
    )
    line_count: Mapped[int] = mapped_column(Integer, server_default="0", info={"label": _("Lines")})


order_rollup = Table(
    "sa_orders_order_rollup",
    Base.metadata,
    Column("bucket", BigInteger, nullable=False),
    Column("status", String(16), nullable=False),
    Column("orders", BigInteger, nullable=False, server_default="0"),
    Column("revenue", MoneySum(), nullable=False, server_default="0"),
    PrimaryKeyConstraint("bucket", "status"),
    info={"kept": True},
    **MYSQL_TABLE_OPTIONS,
)

status_counts = Table(
    "sa_orders_status_count",
    Base.metadata,
    Column("status", String(16), primary_key=True),
    Column("orders", BigInteger, nullable=False, server_default="0"),
    info={"kept": True},
    **MYSQL_TABLE_OPTIONS,
)

# The days the customers' recent figures cover, as UTC instants: [starts_at, ends_at).
# One row (id 1); NULL bounds until the first dashboard view sets them. Every trigger
# that changes recent figures reads it with a share lock, and moving it takes an
# exclusive one (sa_orders.services.kept.move_recent_window), so that no order is
# counted twice or missed while the window moves.
recent_window = Table(
    "sa_orders_recent_window",
    Base.metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("starts_at", UTCDateTime(), nullable=True),
    Column("ends_at", UTCDateTime(), nullable=True),
    info={"kept": True},
    **MYSQL_TABLE_OPTIONS,
)
