"""An order line's position: lines are listed in the order they were added. Existing
lines get 0, and so keep the order they had (by item).

The column is not in the history (its info says "recorded": False), so the history's
triggers stay as migration 0008 made them.
"""

from django.db import migrations

from sa_orders.schema import VendorSQL

ADD = "ALTER TABLE sa_orders_order_item ADD COLUMN position INTEGER DEFAULT 0 NOT NULL"
DROP = "ALTER TABLE sa_orders_order_item DROP COLUMN position"


class Migration(migrations.Migration):
    dependencies = [("sa_orders", "0010_status_workflow")]

    operations = [
        VendorSQL(
            forwards={vendor: [ADD] for vendor in ("postgresql", "mysql", "sqlite")},
            backwards={vendor: [DROP] for vendor in ("postgresql", "mysql", "sqlite")},
            description="Add the position of an order line",
        ),
    ]
