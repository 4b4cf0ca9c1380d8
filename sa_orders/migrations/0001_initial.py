"""The order domain's tables, frozen as they were when this migration was written.

Never import the live models here: a migration must keep creating the schema it
created on the day it was written, whatever the models look like later.
"""

import sqlalchemy as sa
from django.db import migrations
from sqlalchemy.dialects import mysql

from sa_orders.schema import CreateTables

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


def Money():
    return sa.Numeric(12, 2)


def Timestamp():
    return sa.DateTime(timezone=True).with_variant(mysql.DATETIME(fsp=6), "mysql", "mariadb")


category = sa.Table(
    "sa_orders_category",
    metadata,
    sa.Column("id", Id(), primary_key=True),
    sa.Column("name", sa.String(100), nullable=False),
    sa.Column(
        "parent_id",
        Id(),
        sa.ForeignKey("sa_orders_category.id", ondelete="RESTRICT"),
        nullable=True,
        index=True,
    ),
    # Nullable: MariaDB cannot declare a generated column NOT NULL.
    sa.Column(
        "parent_key", Id(), sa.Computed("coalesce(parent_id, 0)", persisted=True), nullable=True
    ),
    sa.UniqueConstraint("parent_key", "name"),
    sa.CheckConstraint("name <> ''", name="name_not_empty"),
    **MYSQL,
)

customer = sa.Table(
    "sa_orders_customer",
    metadata,
    sa.Column("id", Id(), primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("email", sa.String(254), nullable=False, unique=True),
    sa.Column("phone", sa.String(32), nullable=True),
    sa.Column("created_at", Timestamp(), nullable=False),
    sa.Column("updated_at", Timestamp(), nullable=False),
    sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
    sa.CheckConstraint("name <> ''", name="name_not_empty"),
    **MYSQL,
)

item = sa.Table(
    "sa_orders_item",
    metadata,
    sa.Column("id", Id(), primary_key=True),
    sa.Column("sku", sa.String(64), nullable=False, unique=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("price", Money(), nullable=False),
    sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true()),
    sa.Column("created_at", Timestamp(), nullable=False),
    sa.Column("updated_at", Timestamp(), nullable=False),
    sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
    sa.CheckConstraint("price >= 0 AND price <= 99999.99", name="price_range"),
    sa.CheckConstraint("sku <> ''", name="sku_not_empty"),
    sa.CheckConstraint("name <> ''", name="name_not_empty"),
    **MYSQL,
)

item_category = sa.Table(
    "sa_orders_item_category",
    metadata,
    sa.Column(
        "item_id", Id(), sa.ForeignKey("sa_orders_item.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column(
        "category_id",
        Id(),
        sa.ForeignKey("sa_orders_category.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
    **MYSQL,
)

order = sa.Table(
    "sa_orders_order",
    metadata,
    sa.Column("id", Id(), primary_key=True),
    sa.Column(
        "customer_id",
        Id(),
        sa.ForeignKey("sa_orders_customer.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("order_date", Timestamp(), nullable=False, index=True),
    sa.Column(
        "status",
        sa.Enum(
            "pending",
            "paid",
            "shipped",
            "cancelled",
            native_enum=False,
            create_constraint=True,
            length=16,
            name="status",
        ),
        nullable=False,
        index=True,
        server_default="pending",
    ),
    sa.Column("discount_amount", Money(), nullable=False, server_default="0"),
    sa.Column("total_amount", Money(), nullable=False, server_default="0"),
    sa.Column("notes", sa.Text(), nullable=True),
    sa.Column("created_at", Timestamp(), nullable=False),
    sa.Column("updated_at", Timestamp(), nullable=False),
    sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
    sa.CheckConstraint(
        "discount_amount >= 0 AND discount_amount <= 9999999999.99", name="discount_amount_range"
    ),
    sa.CheckConstraint(
        "total_amount >= 0 AND total_amount <= 9999999999.99", name="total_amount_range"
    ),
    **MYSQL,
)

order_item = sa.Table(
    "sa_orders_order_item",
    metadata,
    sa.Column(
        "order_id", Id(), sa.ForeignKey("sa_orders_order.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column(
        "item_id",
        Id(),
        sa.ForeignKey("sa_orders_item.id", ondelete="RESTRICT"),
        primary_key=True,
        index=True,
    ),
    sa.Column("quantity", sa.Integer(), nullable=False),
    sa.Column("price_paid", Money(), nullable=False),
    sa.CheckConstraint("quantity > 0 AND quantity <= 999", name="quantity_range"),
    sa.CheckConstraint("price_paid >= 0 AND price_paid <= 99999.99", name="price_paid_range"),
    **MYSQL,
)


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        CreateTables(metadata.sorted_tables),
    ]
