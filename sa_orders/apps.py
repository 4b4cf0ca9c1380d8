from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db import connections, router
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SaOrdersConfig(AppConfig):
    name = "sa_orders"
    label = "sa_orders"
    # Pinned, so that the host's DEFAULT_AUTO_FIELD never asks for a new migration.
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Orders (SQLAlchemy)")

    def ready(self) -> None:
        # Registering checks, signal handlers and pages only: no database, no engine.
        from sa_orders import (
            checks,  # noqa: F401  (registers the system checks)
            signals,  # noqa: F401  (sends the signals after commits)
        )
        from sa_orders.admin import autodiscover
        from sa_orders.admin.permissions import create_permissions

        post_migrate.connect(create_tables_if_unmigrated, sender=self)
        post_migrate.connect(create_history_triggers, sender=self)
        post_migrate.connect(create_permissions, sender=self)
        autodiscover()


def create_tables_if_unmigrated(
    sender: AppConfig, using: str, verbosity: int = 1, **kwargs: Any
) -> None:
    """Create the tables from the models when sa_orders' migrations are switched off.

    Django creates tables for unmigrated Django apps (``pytest --no-migrations``,
    ``TEST: {"MIGRATE": False}``); this does the same for sa_orders' SQLAlchemy tables
    and for those of every model registered on its pages (whose migrations, using
    ``CreateTables``, are switched off just the same).
    """
    from django.db.migrations.loader import MigrationLoader

    module, _explicit = MigrationLoader.migrations_module(sender.label)
    if module is not None or not router.allow_migrate(using, sender.label):
        return
    from sa_orders.admin.sites import all_metadatas
    from sa_orders.db.schema import create_missing_tables

    created: list[str] = []
    for metadata in all_metadatas():
        created += create_missing_tables(connections[using], metadata)
    if created and verbosity >= 2:
        stdout = kwargs.get("stdout")
        if stdout is not None:
            stdout.write(f"  Created sa_orders tables without migrations: {', '.join(created)}\n")


def create_history_triggers(
    sender: AppConfig, using: str, verbosity: int = 1, **kwargs: Any
) -> None:
    """(Re)create the triggers that record the history of every host model registered
    with ``history = True`` (sa_orders' own tables have theirs from migration 0008).

    Run after every ``migrate``, so a table that gained a column records it from then
    on. A table that is not there (yet) is left for the next ``migrate``.
    """
    if not router.allow_migrate(using, sender.label):
        return
    from sa_orders.admin.sites import all_sites
    from sa_orders.db.mapping import table_of
    from sa_orders.services.history import host_tables, trigger_statements

    connection = connections[using]
    with connection.cursor() as cursor:
        existing = set(connection.introspection.table_names(cursor))
    tables = {
        table_of(model_admin.model)
        for site in all_sites
        for model_admin in site.model_admins
        if model_admin.history
    }
    tracked = host_tables(sorted((t for t in tables if t.name in existing), key=lambda t: t.name))
    statements = trigger_statements(connection.vendor, tracked)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
    if tracked and verbosity >= 2:
        stdout = kwargs.get("stdout")
        if stdout is not None:
            names = ", ".join(t.name for t in tracked)
            stdout.write(f"  Created the history triggers of {names}\n")
