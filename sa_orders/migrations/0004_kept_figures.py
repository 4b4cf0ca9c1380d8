"""Figures kept by the database: each customer's orders, each order's lines, orders and
revenue per quarter hour and per status, and the customers' recent revenue (see
sa_orders.models.kept). The tables, the triggers that keep them (frozen in
_0004_kept_sql.py) and their first values, computed from the rows already there.

Tables are frozen here with only the columns the foreign keys need.
"""

import sqlalchemy as sa
from django.db import migrations
from sqlalchemy.dialects import mysql

from sa_orders.migrations._0004_kept_sql import BACKFILL, DROP_TRIGGERS, TRIGGERS
from sa_orders.schema import CreateTables, VendorSQL

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)
MYSQL = {"mysql_engine": "InnoDB", "mysql_charset": "utf8mb4"}


def Id():
    return sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def MoneySum():
    # whole cents on SQLite, where a NUMERIC is a float
    return sa.Numeric(18, 2).with_variant(sa.BigInteger(), "sqlite")


def Timestamp():
    return sa.DateTime(timezone=True).with_variant(mysql.DATETIME(fsp=6), "mysql", "mariadb")


sa.Table("sa_orders_customer", metadata, sa.Column("id", Id(), primary_key=True))
sa.Table("sa_orders_order", metadata, sa.Column("id", Id(), primary_key=True))

customer_figures = sa.Table(
    "sa_orders_customer_figures",
    metadata,
    sa.Column(
        "customer_id",
        Id(),
        sa.ForeignKey("sa_orders_customer.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column("order_count", sa.Integer(), nullable=False, server_default="0"),
    sa.Column("recent_orders", sa.Integer(), nullable=False, server_default="0"),
    sa.Column("recent_revenue", MoneySum(), nullable=False, server_default="0"),
    sa.Index(None, "order_count", "customer_id"),
    sa.Index(None, "recent_revenue", "customer_id"),
    **MYSQL,
)
order_figures = sa.Table(
    "sa_orders_order_figures",
    metadata,
    sa.Column(
        "order_id", Id(), sa.ForeignKey("sa_orders_order.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("line_count", sa.Integer(), nullable=False, server_default="0"),
    sa.Index(None, "line_count", "order_id"),
    **MYSQL,
)
order_rollup = sa.Table(
    "sa_orders_order_rollup",
    metadata,
    sa.Column("bucket", sa.BigInteger(), nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("orders", sa.BigInteger(), nullable=False, server_default="0"),
    sa.Column("revenue", MoneySum(), nullable=False, server_default="0"),
    sa.PrimaryKeyConstraint("bucket", "status"),
    **MYSQL,
)
status_count = sa.Table(
    "sa_orders_status_count",
    metadata,
    sa.Column("status", sa.String(16), primary_key=True),
    sa.Column("orders", sa.BigInteger(), nullable=False, server_default="0"),
    **MYSQL,
)
recent_window = sa.Table(
    "sa_orders_recent_window",
    metadata,
    sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
    sa.Column("starts_at", Timestamp(), nullable=True),
    sa.Column("ends_at", Timestamp(), nullable=True),
    **MYSQL,
)


class Migration(migrations.Migration):
    dependencies = [("sa_orders", "0003_list_order_indexes")]

    operations = [
        CreateTables([customer_figures, order_figures, order_rollup, status_count, recent_window]),
        VendorSQL(TRIGGERS, DROP_TRIGGERS, description="Create the triggers that keep the figures"),
        VendorSQL(
            BACKFILL,
            dict.fromkeys(BACKFILL, ()),
            description="Compute the figures of the rows already there",
        ),
    ]
