"""System checks, with stable ids (documented in the README).

=================  =====================================================================
sa_orders.E001     ``settings.SA_ORDERS`` is invalid (unknown key, wrong type)
sa_orders.E002     ``SA_ORDERS["DATABASE"]`` names no alias in ``settings.DATABASES``
sa_orders.E003     that database's backend is not SQLite, PostgreSQL or MySQL/MariaDB
sa_orders.E004     ``SQLAlchemySessionMiddleware`` is not in ``MIDDLEWARE``
sa_orders.E005     ``SQLAlchemySessionMiddleware`` comes before ``AuthenticationMiddleware``
sa_orders.E006     ``SessionMiddleware`` is not in ``MIDDLEWARE`` (the pages need logins)
sa_orders.E007     ``AuthenticationMiddleware`` is not in ``MIDDLEWARE``
sa_orders.E008     ``MessageMiddleware`` is not in ``MIDDLEWARE``
sa_orders.E009     an app the pages need is not in ``INSTALLED_APPS`` (auth, contenttypes,
                   messages, sessions)
sa_orders.W004     a context processor the pages' templates use is not enabled
sa_orders.W001     the live schema differs from the models (silent while migrations of
                   sa_orders are unapplied, or when the database cannot be reached)
sa_orders.W002     ``SQLAlchemySessionMiddleware`` comes before ``MessageMiddleware``
sa_orders.W003     the database routers do not let sa_orders migrate on its database
sa_orders.W005     PostgreSQL: the lists' searches are not indexed (no ``pg_trgm``)
sa_orders.E101...  an option of a registered ``ModelAdmin`` is wrong (one id per option;
 E113              see :mod:`sa_orders.admin.checks`)
=================  =====================================================================
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, connections, router
from django.utils.module_loading import import_string
from sqlalchemy.exc import SQLAlchemyError

from sa_orders.conf import get_config
from sa_orders.db.engine import SUPPORTED_VENDORS, get_engine, resolve_alias

SESSION_MIDDLEWARE = "sa_orders.middleware.SQLAlchemySessionMiddleware"
AUTH_MIDDLEWARE = "django.contrib.auth.middleware.AuthenticationMiddleware"
MESSAGE_MIDDLEWARE = "django.contrib.messages.middleware.MessageMiddleware"
DJANGO_SESSION_MIDDLEWARE = "django.contrib.sessions.middleware.SessionMiddleware"
REQUIRED_APPS = (
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.messages",
    "django.contrib.sessions",
)
CONTEXT_PROCESSORS = (
    "django.template.context_processors.request",
    "django.contrib.auth.context_processors.auth",
    "django.contrib.messages.context_processors.messages",
)


def _ours(app_configs: Sequence[AppConfig] | None) -> bool:
    return app_configs is None or any(config.label == "sa_orders" for config in app_configs)


def _position(middleware: list[str], path: str) -> int | None:
    """Index of the middleware ``path`` (or a subclass of it) in ``middleware``."""
    wanted = import_string(path)
    for index, entry in enumerate(middleware):
        if entry == path:
            return index
        try:
            candidate = import_string(entry)
        except ImportError:
            continue
        if isinstance(candidate, type) and issubclass(candidate, wanted):
            return index
    return None


@checks.register("sa_orders")
def check_settings(app_configs: Sequence[AppConfig] | None = None, **kwargs: Any) -> list[Any]:
    if not _ours(app_configs):
        return []
    try:
        get_config()
    except ImproperlyConfigured as exc:
        return [
            checks.Error(
                str(exc), hint="See the settings reference in the README.", id="sa_orders.E001"
            )
        ]
    try:
        alias = resolve_alias()
    except ImproperlyConfigured as exc:
        return [
            checks.Error(
                str(exc),
                hint=f"Choose one of: {', '.join(settings.DATABASES)}.",
                id="sa_orders.E002",
            )
        ]
    vendor = connections[alias].vendor
    if vendor not in SUPPORTED_VENDORS:
        return [
            checks.Error(
                f"sa_orders does not support the database backend "
                f"{connections[alias].settings_dict['ENGINE']!r} of alias {alias!r}.",
                hint="Use SQLite, PostgreSQL or MySQL/MariaDB for the tables of sa_orders, "
                "and point SA_ORDERS['DATABASE'] at that alias.",
                id="sa_orders.E003",
            )
        ]
    return []


@checks.register("sa_orders")
def check_middleware(app_configs: Sequence[AppConfig] | None = None, **kwargs: Any) -> list[Any]:
    if not _ours(app_configs):
        return []
    middleware = list(settings.MIDDLEWARE)
    ours = _position(middleware, SESSION_MIDDLEWARE)
    if ours is None:
        return [
            checks.Error(
                f"'{SESSION_MIDDLEWARE}' must be in MIDDLEWARE.",
                hint="Add it after AuthenticationMiddleware and MessageMiddleware; without it "
                "requests have no request.sa_session.",
                id="sa_orders.E004",
            )
        ]
    errors: list[Any] = []
    auth = _position(middleware, AUTH_MIDDLEWARE)
    if auth is not None and ours < auth:
        errors.append(
            checks.Error(
                f"'{SESSION_MIDDLEWARE}' must come after '{AUTH_MIDDLEWARE}' in MIDDLEWARE.",
                hint="Move it below AuthenticationMiddleware.",
                id="sa_orders.E005",
            )
        )
    messages = _position(middleware, MESSAGE_MIDDLEWARE)
    if messages is not None and ours < messages:
        errors.append(
            checks.Warning(
                f"'{SESSION_MIDDLEWARE}' comes before '{MESSAGE_MIDDLEWARE}' in MIDDLEWARE.",
                hint="Move it below MessageMiddleware, so that a commit that fails can "
                "withdraw the messages (such as “saved”) its request queued.",
                id="sa_orders.W002",
            )
        )
    return errors


@checks.register("sa_orders")
def check_page_dependencies(
    app_configs: Sequence[AppConfig] | None = None, **kwargs: Any
) -> list[Any]:
    """What the pages need from the project, as Django's admin checks it."""
    if not _ours(app_configs):
        return []
    from django.apps import apps
    from django.template import engines
    from django.template.backends.django import DjangoTemplates

    found: list[Any] = []
    middleware = list(settings.MIDDLEWARE)
    for path, check_id, why in [
        (DJANGO_SESSION_MIDDLEWARE, "sa_orders.E006", "logins are kept in sessions"),
        (AUTH_MIDDLEWARE, "sa_orders.E007", "every page requires a logged-in staff user"),
        (MESSAGE_MIDDLEWARE, "sa_orders.E008", "the pages report what they did as messages"),
    ]:
        if _position(middleware, path) is None:
            found.append(
                checks.Error(
                    f"'{path}' must be in MIDDLEWARE to use the pages of sa_orders.",
                    hint=f"Add it: {why}.",
                    id=check_id,
                )
            )
    missing = [app for app in REQUIRED_APPS if not apps.is_installed(app)]
    if missing:
        found.append(
            checks.Error(
                f"The pages of sa_orders need {', '.join(missing)} in INSTALLED_APPS.",
                hint="Add them, then run 'manage.py migrate'.",
                id="sa_orders.E009",
            )
        )
    django_engines = [e for e in engines.all() if isinstance(e, DjangoTemplates)]
    processors = {p for e in django_engines for p in e.engine.context_processors}
    absent = [p for p in CONTEXT_PROCESSORS if django_engines and p not in processors]
    if absent:
        found.append(
            checks.Warning(
                f"The templates of sa_orders use {', '.join(absent)}, which is not enabled.",
                hint="Add it to TEMPLATES[...]['OPTIONS']['context_processors'].",
                id="sa_orders.W004",
            )
        )
    return found


def _has_unapplied_migrations(alias: str) -> bool:
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connections[alias])
    targets = [node for node in executor.loader.graph.leaf_nodes() if node[0] == "sa_orders"]
    return bool(executor.migration_plan(targets))


@checks.register("sa_orders")
def check_schema(
    app_configs: Sequence[AppConfig] | None = None,
    databases: Sequence[str] | None = None,
    **kwargs: Any,
) -> list[Any]:
    if not _ours(app_configs):
        return []
    try:
        alias = resolve_alias()
    except ImproperlyConfigured:
        return []  # reported by check_settings
    if databases is not None and alias not in databases:
        return []
    if connections[alias].vendor not in SUPPORTED_VENDORS:
        return []
    if not router.allow_migrate(alias, "sa_orders"):
        return [
            checks.Warning(
                f"The database routers do not allow sa_orders to migrate on {alias!r}, "
                "the database SA_ORDERS['DATABASE'] names, so migrate never creates its "
                "tables there.",
                hint="Make allow_migrate() return True for app_label 'sa_orders' on that "
                "alias, or point SA_ORDERS['DATABASE'] at the alias that holds the tables.",
                id="sa_orders.W003",
            )
        ]
    from sa_orders.db.drift import schema_differences
    from sa_orders.models import Base, search_indexes

    try:
        if _has_unapplied_migrations(alias):
            return []
        with get_engine(alias).connect() as connection:
            differences = schema_differences(connection, Base.metadata)
            unindexed = (
                search_indexes.missing_indexes(connection)
                if connection.dialect.name == "postgresql"
                else []
            )
    except (DatabaseError, SQLAlchemyError, ImproperlyConfigured):
        return []  # no database to compare with; migrate and runserver will say so
    found = []
    if unindexed:
        found.append(
            checks.Warning(
                f"The searches of sa_orders' lists are not indexed in database {alias!r} "
                f"(missing: {', '.join(unindexed)}): the PostgreSQL extension pg_trgm "
                "could not be created when it migrated, so every search reads its whole "
                "table.",
                hint="As a superuser, run 'CREATE EXTENSION pg_trgm;' in that database "
                "(or ask your provider to allow it), then 'manage.py migrate sa_orders "
                "0005' and 'manage.py migrate sa_orders' to create the indexes.",
                id="sa_orders.W005",
            )
        )
    if not differences:
        return found
    return [
        *found,
        checks.Warning(
            f"The tables of sa_orders in database {alias!r} differ from the models: "
            + "; ".join(differences),
            hint="Run 'manage.py migrate sa_orders'. If nothing is left to migrate, the "
            "models changed without a migration.",
            id="sa_orders.W001",
        ),
    ]


@checks.register("sa_orders")
def check_model_admins(app_configs: Sequence[AppConfig] | None = None, **kwargs: Any) -> list[Any]:
    """The options of every registered ``ModelAdmin`` (of the apps checked)."""
    from sa_orders.admin.checks import check_sites
    from sa_orders.admin.sites import all_sites

    return check_sites(list(all_sites), app_configs)
