"""The app's settings: one ``SA_ORDERS`` dict laid over :data:`DEFAULTS`.

Settings are read lazily through :func:`get_config`, never at import time, and the
cache is cleared on ``setting_changed`` so ``override_settings`` works in tests.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from functools import cache
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver

DEFAULTS: dict[str, Any] = {
    # The Django database alias whose settings the SQLAlchemy engine is built from.
    "DATABASE": "default",
    # Keyword arguments for sqlalchemy.create_engine(), laid over the per-vendor
    # defaults; "connect_args" is merged key by key.
    "ENGINE_OPTIONS": {},
    # Keyword arguments for sqlalchemy.orm.sessionmaker(), laid over
    # expire_on_commit=False and close_resets_only=False.
    "SESSION_OPTIONS": {},
    # The Content-Security-Policy header of every page of sa_orders (None: none is
    # sent). The pages load their own static files only and run no inline script or
    # style; a host whose templates add some widens it here.
    # How many days of history sa_prune_history keeps when run without --older-than
    # (None: it needs --older-than; the history is kept until pruned).
    "HISTORY_RETENTION_DAYS": None,
    # The "Import CSV" pages: the largest file they take, in bytes, and the directory
    # an upload waits in between its preview and its confirmation (None: the system's
    # temporary directory; several app servers need one they share).
    "IMPORT_MAX_BYTES": 50 * 1024 * 1024,
    "IMPORT_DIRECTORY": None,
    "CONTENT_SECURITY_POLICY": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
        "base-uri 'none'"
    ),
}

_TYPES: dict[str, type | tuple[type, ...]] = {
    "DATABASE": str,
    "ENGINE_OPTIONS": Mapping,
    "SESSION_OPTIONS": Mapping,
    "CONTENT_SECURITY_POLICY": (str, type(None)),
    "HISTORY_RETENTION_DAYS": (int, type(None)),
    "IMPORT_MAX_BYTES": int,
    "IMPORT_DIRECTORY": (str, type(None)),
}


def _session_option_names() -> set[str]:
    from sqlalchemy.orm import Session

    return set(inspect.signature(Session.__init__).parameters) - {"self", "bind", "binds"}


def validate(user: object) -> dict[str, Any]:
    """Return ``user`` laid over :data:`DEFAULTS`, or raise ``ImproperlyConfigured``."""
    if not isinstance(user, Mapping):
        raise ImproperlyConfigured(f"settings.SA_ORDERS must be a dict, not {type(user).__name__}.")
    unknown = sorted(set(user) - set(DEFAULTS))
    if unknown:
        raise ImproperlyConfigured(
            f"Unknown key(s) in settings.SA_ORDERS: {', '.join(unknown)}. "
            f"Known keys: {', '.join(DEFAULTS)}."
        )
    for key, value in user.items():
        if not isinstance(value, _TYPES[key]):
            raise ImproperlyConfigured(
                f"settings.SA_ORDERS[{key!r}] has the wrong type "
                f"({type(value).__name__}); see the settings reference in the README."
            )
    days = user.get("HISTORY_RETENTION_DAYS")
    if isinstance(days, bool) or (isinstance(days, int) and days < 0):
        raise ImproperlyConfigured(
            "settings.SA_ORDERS['HISTORY_RETENTION_DAYS'] must be a number of days (0 or "
            f"more) or None, not {days!r}."
        )
    bad_session_options = sorted(set(user.get("SESSION_OPTIONS", {})) - _session_option_names())
    if bad_session_options:
        raise ImproperlyConfigured(
            "settings.SA_ORDERS['SESSION_OPTIONS'] has argument(s) that "
            f"sqlalchemy.orm.Session does not take: {', '.join(bad_session_options)}."
        )
    return {**DEFAULTS, **user}


@cache
def get_config() -> dict[str, Any]:
    """The effective ``SA_ORDERS`` settings (cached until the setting changes)."""
    return validate(getattr(settings, "SA_ORDERS", {}))


@receiver(setting_changed)
def _clear_cache(*, setting: str, **kwargs: Any) -> None:
    if setting == "SA_ORDERS":
        get_config.cache_clear()
