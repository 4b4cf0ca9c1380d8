from django.db import migrations, models


class Migration(migrations.Migration):
    """A table-less Django model that anchors the permissions of the SQLAlchemy models."""

    dependencies = [
        ("sa_orders", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="SQLAlchemyModel",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
            ],
            options={
                "verbose_name": "SQLAlchemy model",
                "verbose_name_plural": "SQLAlchemy models",
                "managed": False,
                "default_permissions": (),
            },
        ),
    ]
