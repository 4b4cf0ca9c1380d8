"""Per-model permissions for the pages: ``sa_orders.<action>_<model name>``.

Every model registered on an admin site gets ``view``, ``add``, ``change`` and
``delete`` permissions, created by ``migrate`` (a ``post_migrate`` handler) as real
``auth.Permission`` rows on the content type of the table-less
:class:`~sa_orders.models.anchor.SQLAlchemyModel`, so that they survive
``remove_stale_contenttypes`` and can be granted to groups in Django's admin.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS, router

if TYPE_CHECKING:
    from django.http import HttpRequest

    from sa_orders.admin.options import ModelAdmin

APP_LABEL = "sa_orders"
ACTIONS = ("view", "add", "change", "delete")
ANCHOR_MODEL = "sqlalchemymodel"


def codename(action: str, model_admin: ModelAdmin) -> str:
    return f"{action}_{model_admin.name}"


def permission_name(action: str, model_admin: ModelAdmin) -> str:
    return f"{APP_LABEL}.{codename(action, model_admin)}"


def has_permission(request: HttpRequest, action: str, model_admin: ModelAdmin) -> bool:
    return bool(request.user.has_perm(permission_name(action, model_admin)))


def wanted_permissions() -> dict[str, str]:
    """codename -> name, for every model registered on any admin site."""
    from sa_orders.admin.history import PERMISSIONS
    from sa_orders.admin.sites import all_sites

    wanted: dict[str, str] = dict(PERMISSIONS)
    for site in all_sites:
        for model_admin in site.model_admins:
            for action in ACTIONS:
                wanted[codename(action, model_admin)] = (
                    f"Can {action} {model_admin.verbose_name_for_permissions}"
                )
    return wanted


def create_permissions(
    app_config: Any,
    verbosity: int = 2,
    using: str = DEFAULT_DB_ALIAS,
    apps: Any = global_apps,
    **kwargs: Any,
) -> None:
    """``post_migrate``: make sure every registered model's permissions exist."""
    try:
        content_type_model = apps.get_model("contenttypes", "ContentType")
        permission_model = apps.get_model("auth", "Permission")
    except LookupError:  # contenttypes or auth not installed (or not migrated yet)
        return
    if not router.allow_migrate_model(using, permission_model):
        return
    content_type, _ = content_type_model.objects.db_manager(using).get_or_create(
        app_label=APP_LABEL, model=ANCHOR_MODEL
    )
    existing = set(
        permission_model.objects.using(using)
        .filter(content_type=content_type)
        .values_list("codename", flat=True)
    )
    missing = [
        permission_model(codename=code, name=name, content_type=content_type)
        for code, name in sorted(wanted_permissions().items())
        if code not in existing
    ]
    permission_model.objects.using(using).bulk_create(missing)
    if verbosity >= 2:
        stdout = kwargs.get("stdout") or sys.stdout
        for permission in missing:
            stdout.write(f"Adding permission '{APP_LABEL}.{permission.codename}'\n")
    global_apps.get_model("contenttypes", "ContentType").objects.clear_cache()
