"""An index for every order the lists sort by, ties broken by id, so that any sorted page
comes straight from an index: customers by creation; items by name, price and activity;
orders by customer, total and status, and the newest of a status. The orders' single
column indexes on customer_id and status give way to the same columns with the id.

Tables are frozen here with only the columns the indexes need.
"""

import sqlalchemy as sa
from django.db import migrations
from sqlalchemy.dialects import mysql

from sa_orders.schema import CreateIndexes, DropIndexes

metadata = sa.MetaData()


def Id():
    return sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def Timestamp():
    return sa.DateTime(timezone=True).with_variant(mysql.DATETIME(fsp=6), "mysql", "mariadb")


customer = sa.Table(
    "sa_orders_customer",
    metadata,
    sa.Column("id", Id(), primary_key=True),
    sa.Column("created_at", Timestamp()),
)
item = sa.Table(
    "sa_orders_item",
    metadata,
    sa.Column("id", Id(), primary_key=True),
    sa.Column("name", sa.String(200)),
    sa.Column("price", sa.Numeric(12, 2)),
    sa.Column("active", sa.Boolean()),
)
order = sa.Table(
    "sa_orders_order",
    metadata,
    sa.Column("id", Id(), primary_key=True),
    sa.Column("customer_id", Id()),
    sa.Column("order_date", Timestamp()),
    sa.Column("status", sa.String(16)),
    sa.Column("total_amount", sa.Numeric(12, 2)),
)
c, i, o = customer.c, item.c, order.c


class Migration(migrations.Migration):
    dependencies = [("sa_orders", "0004_kept_figures")]

    operations = [
        CreateIndexes(
            [
                sa.Index("ix_sa_orders_customer_created_at_id", c.created_at, c.id),
                sa.Index("ix_sa_orders_item_name_id", i.name, i.id),
                sa.Index("ix_sa_orders_item_price_id", i.price, i.id),
                sa.Index("ix_sa_orders_item_active_id", i.active, i.id),
                # before the old ones go: MariaDB needs an index for the foreign key
                sa.Index("ix_sa_orders_order_customer_id_id", o.customer_id, o.id),
                sa.Index("ix_sa_orders_order_total_amount_id", o.total_amount, o.id),
                sa.Index("ix_sa_orders_order_status_id", o.status, o.id),
                sa.Index("ix_sa_orders_order_status_order_date_id", o.status, o.order_date, o.id),
            ]
        ),
        DropIndexes(
            [
                sa.Index("ix_sa_orders_order_customer_id", o.customer_id),
                sa.Index("ix_sa_orders_order_status", o.status),
            ]
        ),
    ]
