import sqlalchemy as sa
from django.db import migrations

from sa_orders.schema import CreateTables

metadata = sa.MetaData()

supplier = sa.Table(
    "hostapp_supplier",
    metadata,
    sa.Column("id", sa.Integer(), primary_key=True),
    sa.Column("name", sa.String(120), nullable=False, unique=True),
    sa.Column(
        "country",
        sa.Enum(
            "DE", "FR", "US", name="country", native_enum=False, create_constraint=True, length=2
        ),
        nullable=False,
    ),
    sa.Column("rating", sa.Integer(), nullable=True),
    sa.Column("credit_limit", sa.Numeric(10, 2), nullable=False),
    sa.Column("since", sa.Date(), nullable=True),
    sa.Column("preferred", sa.Boolean(), nullable=False),
    sa.Column("notes", sa.Text(), nullable=True),
)


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [CreateTables(metadata.sorted_tables)]
