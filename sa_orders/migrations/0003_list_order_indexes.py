"""Indexes that give the lists' default orders (ties broken by id) without a sort.

Tables are frozen here with only the columns the indexes need.
"""

import sqlalchemy as sa
from django.db import migrations
from sqlalchemy.dialects import mysql

from sa_orders.schema import CreateIndexes, DropIndexes

metadata = sa.MetaData()


def Id():
    return sa.BigInteger().with_variant(sa.Integer(), "sqlite")


order = sa.Table(
    "sa_orders_order",
    metadata,
    sa.Column("id", Id(), primary_key=True),
    sa.Column(
        "order_date",
        sa.DateTime(timezone=True).with_variant(mysql.DATETIME(fsp=6), "mysql", "mariadb"),
    ),
)
customer = sa.Table(
    "sa_orders_customer",
    metadata,
    sa.Column("id", Id(), primary_key=True),
    sa.Column("name", sa.String(200)),
)


class Migration(migrations.Migration):
    dependencies = [("sa_orders", "0002_permission_anchor")]

    operations = [
        DropIndexes([sa.Index("ix_sa_orders_order_order_date", order.c.order_date)]),
        CreateIndexes(
            [
                sa.Index("ix_sa_orders_order_order_date_id", order.c.order_date, order.c.id),
                sa.Index("ix_sa_orders_customer_name_id", customer.c.name, customer.c.id),
            ]
        ),
    ]
