"""Indexes for the customers sorted by phone, NULLs last, either way (PostgreSQL and
SQLite, which index expressions; :mod:`sa_orders.models.sort_indexes`).

The SQL is frozen here, as the models asked for it when this migration was written.
"""

from django.db import migrations

from sa_orders.schema import VendorSQL

CREATE = [
    "CREATE INDEX ix_sa_orders_customer_phone_nulls_last ON sa_orders_customer "
    "((CASE WHEN phone IS NULL THEN 1 ELSE 0 END), phone, id)",
    "CREATE INDEX ix_sa_orders_customer_phone_desc_nulls_last ON sa_orders_customer "
    "((CASE WHEN phone IS NULL THEN 1 ELSE 0 END), phone DESC, id DESC)",
]
DROP = [
    "DROP INDEX ix_sa_orders_customer_phone_desc_nulls_last",
    "DROP INDEX ix_sa_orders_customer_phone_nulls_last",
]


class Migration(migrations.Migration):
    dependencies = [("sa_orders", "0006_search_indexes")]

    operations = [
        VendorSQL(
            forwards={"postgresql": CREATE, "sqlite": CREATE, "mysql": []},
            backwards={"postgresql": DROP, "sqlite": DROP, "mysql": []},
            description="Create the indexes of the sorts by phone, NULLs last",
        ),
    ]
