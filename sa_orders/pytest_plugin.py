"""The entry point pytest loads for every project that has sa_orders installed
(``pytest11``); it turns on :mod:`sa_orders.testing` only for a project that uses
sa_orders, so that it never changes anyone else's tests.

"Uses" means: pytest-django has configured Django's settings, and ``INSTALLED_APPS``
holds sa_orders. ``-p no:sa_orders`` switches it off; ``pytest_plugins =
["sa_orders.testing"]`` in a ``conftest.py`` turns it on explicitly (both ways load the
same module once).
"""

from __future__ import annotations

import pytest

PLUGIN = "sa_orders.testing"


@pytest.hookimpl(trylast=True)
def pytest_configure(config: pytest.Config) -> None:
    if config.pluginmanager.has_plugin(PLUGIN) or not _project_uses_sa_orders():
        return
    config.pluginmanager.import_plugin(PLUGIN)


def _project_uses_sa_orders() -> bool:
    try:
        from django.conf import settings

        apps = list(settings.INSTALLED_APPS)
    except Exception:  # no Django, or settings nobody configured: not a host of ours
        return False
    return any(app == "sa_orders" or app.startswith("sa_orders.") for app in apps)
