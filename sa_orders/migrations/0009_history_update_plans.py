"""The history's update functions on PostgreSQL plan their join of the old and the new
rows without nested loops (sa_orders.models.history_triggers.UPDATE_PLAN): PL/pgSQL kept
the plan of the first statement a connection recorded, sized for its rows, and after an
edit of one row a bulk statement's history took a nested loop over both, quadratic in its
rows. MariaDB and SQLite have row triggers: nothing to change there.

The SQL is frozen here as it was when this migration was written.
"""

from django.db import migrations

from sa_orders.schema import VendorSQL

TABLES = [
    "sa_orders_customer",
    "sa_orders_category",
    "sa_orders_item",
    "sa_orders_item_category",
    "sa_orders_order",
    "sa_orders_order_item",
]
FORWARDS = [
    f"ALTER FUNCTION {table}_history_after_update() SET enable_nestloop = off" for table in TABLES
]
BACKWARDS = [
    f"ALTER FUNCTION {table}_history_after_update() RESET enable_nestloop" for table in TABLES
]


class Migration(migrations.Migration):
    dependencies = [("sa_orders", "0008_history")]

    operations = [
        VendorSQL(
            forwards={"postgresql": FORWARDS, "mysql": [], "sqlite": []},
            backwards={"postgresql": BACKWARDS, "mysql": [], "sqlite": []},
            description="Plan the history's updates without nested loops on PostgreSQL",
        ),
    ]
