"""The history of every change (sa_orders.models.history): who and where per
transaction, a row per changed row with its values before and after, SQLite's pointer
to the transaction's context, and the triggers that record it (frozen in
_0008_history_sql.py).

Tables are frozen here as they were when this migration was written.
"""

import sqlalchemy as sa
from django.db import migrations
from sqlalchemy.dialects import mysql

from sa_orders.migrations._0008_history_sql import DROP_TRIGGERS, TRIGGERS
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


def Timestamp():
    return sa.DateTime(timezone=True).with_variant(mysql.DATETIME(fsp=6), "mysql", "mariadb")


context = sa.Table(
    "sa_orders_history_context",
    metadata,
    sa.Column("id", Id(), primary_key=True),
    sa.Column("at", Timestamp(), nullable=False),
    sa.Column("user_id", sa.BigInteger(), nullable=True),
    sa.Column("actor", sa.String(200), nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("detail", sa.String(500), nullable=False, server_default=""),
    sa.Index(None, "user_id", "id"),
    sa.Index(None, "kind", "id"),
    **MYSQL,
)
change = sa.Table(
    "sa_orders_change",
    metadata,
    sa.Column("id", Id(), primary_key=True),
    sa.Column("context_id", Id(), nullable=True),  # no foreign key: see the model
    sa.Column("at", Timestamp(), nullable=False),
    sa.Column("table_name", sa.String(64), nullable=False),
    sa.Column("row_key", sa.String(200), nullable=False),
    sa.Column("owner_table", sa.String(64), nullable=False),
    sa.Column("owner_key", sa.String(200), nullable=False),
    sa.Column("action", sa.String(8), nullable=False),
    sa.Column("version", sa.Integer(), nullable=True),
    sa.Column("old_values", sa.Text(), nullable=True),
    sa.Column("new_values", sa.Text(), nullable=True),
    sa.Index(None, "owner_table", "owner_key", "id"),
    sa.Index(None, "at", postgresql_using="brin"),
    sa.Index(None, "context_id", postgresql_using="brin"),
    **MYSQL,
)
now = sa.Table(
    "sa_orders_history_now",
    metadata,
    sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
    sa.Column("context_id", Id(), nullable=True),
    **MYSQL,
)


class Migration(migrations.Migration):
    dependencies = [("sa_orders", "0007_nulls_last_indexes")]

    operations = [
        CreateTables([context, change, now]),
        VendorSQL(
            TRIGGERS, DROP_TRIGGERS, description="Create the triggers that record the history"
        ),
    ]
