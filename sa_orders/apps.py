from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db import connections, router
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SaOrdersConfig(AppConfig):
    name = "sa_orders"
    label = "sa_orders"
    verbose_name = _("Orders (SQLAlchemy)")

    def ready(self) -> None:
        # Registering checks and signal handlers only: no database, no engine here.
        from sa_orders import checks  # noqa: F401  (registers the system checks)

        post_migrate.connect(create_tables_if_unmigrated, sender=self)


def create_tables_if_unmigrated(
    sender: AppConfig, using: str, verbosity: int = 1, **kwargs: Any
) -> None:
    """Create the tables from the models when sa_orders' migrations are switched off.

    Django creates tables for unmigrated Django apps (``pytest --no-migrations``,
    ``TEST: {"MIGRATE": False}``); this does the same for our SQLAlchemy tables.
    """
    from django.db.migrations.loader import MigrationLoader

    module, _explicit = MigrationLoader.migrations_module(sender.label)
    if module is not None or not router.allow_migrate(using, sender.label):
        return
    from sa_orders.models import Base
    from sa_orders.schema import create_missing_tables

    created = create_missing_tables(connections[using], Base.metadata)
    if created and verbosity >= 2:
        stdout = kwargs.get("stdout")
        if stdout is not None:
            stdout.write(f"  Created sa_orders tables without migrations: {', '.join(created)}\n")
