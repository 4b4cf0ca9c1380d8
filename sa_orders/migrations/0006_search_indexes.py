"""Trigram indexes for the lists' substring searches, on PostgreSQL only
(:mod:`sa_orders.models.search_indexes`): the extension pg_trgm if this database user may
create it, and the indexes if the extension is there. Where it is not, the migration
still succeeds and ``manage.py check`` says what is missing (``sa_orders.W005``).

The SQL is frozen here, as the models asked for it when this migration was written.
"""

from django.db import migrations

from sa_orders.schema import VendorSQL

CREATE = [
    """DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN insufficient_privilege OR undefined_file OR feature_not_supported THEN
    RAISE NOTICE 'sa_orders: pg_trgm could not be created (%), searches are not indexed; see manage.py check', SQLERRM;
END $$""",
    """DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
    CREATE INDEX IF NOT EXISTS ix_sa_orders_customer_name_trgm ON sa_orders_customer USING gin (name gin_trgm_ops);
    CREATE INDEX IF NOT EXISTS ix_sa_orders_customer_email_trgm ON sa_orders_customer USING gin (email gin_trgm_ops);
    CREATE INDEX IF NOT EXISTS ix_sa_orders_customer_phone_trgm ON sa_orders_customer USING gin (phone gin_trgm_ops);
    CREATE INDEX IF NOT EXISTS ix_sa_orders_item_sku_trgm ON sa_orders_item USING gin (sku gin_trgm_ops);
    CREATE INDEX IF NOT EXISTS ix_sa_orders_item_name_trgm ON sa_orders_item USING gin (name gin_trgm_ops);
  END IF;
END $$""",
]
DROP = [
    "DROP INDEX IF EXISTS ix_sa_orders_item_name_trgm",
    "DROP INDEX IF EXISTS ix_sa_orders_item_sku_trgm",
    "DROP INDEX IF EXISTS ix_sa_orders_customer_phone_trgm",
    "DROP INDEX IF EXISTS ix_sa_orders_customer_email_trgm",
    "DROP INDEX IF EXISTS ix_sa_orders_customer_name_trgm",
]


class Migration(migrations.Migration):
    dependencies = [("sa_orders", "0005_sort_indexes")]

    operations = [
        VendorSQL(
            forwards={"postgresql": CREATE, "mysql": [], "sqlite": []},
            backwards={"postgresql": DROP, "mysql": [], "sqlite": []},
            description="Create the trigram indexes of the searches (PostgreSQL, with pg_trgm)",
        ),
    ]
