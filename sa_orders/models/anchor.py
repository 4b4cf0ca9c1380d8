"""The one Django model of sa_orders: a table-less anchor for permissions.

Django creates permissions only for its own models, and ``remove_stale_contenttypes``
deletes content types that have no model behind them (taking group grants along).
This unmanaged model, which has no table, gives the SQLAlchemy models' permissions
(``sa_orders.view_customer`` ...) a content type that stays. The permissions
themselves are created by :func:`sa_orders.admin.permissions.create_permissions`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SQLAlchemyModel(models.Model):
    class Meta:
        app_label = "sa_orders"
        managed = False  # no table, ever
        default_permissions = ()
        verbose_name = _("SQLAlchemy model")
        verbose_name_plural = _("SQLAlchemy models")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)
