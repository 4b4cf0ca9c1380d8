"""The database's own check of the order status workflow (sa_orders.models.status_triggers):
an UPDATE that moves an order where the workflow does not go fails, whoever runs it. The
SQL is frozen in _0010_status_workflow_sql.py.

An order already in a status no move leads to stays as it is: the trigger checks moves only.
"""

from django.db import migrations

from sa_orders.migrations._0010_status_workflow_sql import DROP_TRIGGERS, TRIGGERS
from sa_orders.schema import VendorSQL


class Migration(migrations.Migration):
    dependencies = [("sa_orders", "0009_history_update_plans")]

    operations = [
        VendorSQL(
            TRIGGERS, DROP_TRIGGERS, description="Create the trigger that keeps the status workflow"
        ),
    ]
