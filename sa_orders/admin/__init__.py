"""A small admin for SQLAlchemy models, in Django: list, detail, add, edit and delete pages.

Register any mapped class on :data:`site` from an ``sa_admin.py`` module of your app::

    from sa_orders.admin import ModelAdmin, register

    @register(Supplier)
    class SupplierAdmin(ModelAdmin):
        list_display = ["name", "email"]
"""

from sa_orders.admin.actions import Action, DeleteAction, UpdateAction, delete_selected
from sa_orders.admin.columns import ListColumn
from sa_orders.admin.filters import (
    BooleanFilter,
    ChoiceFilter,
    DateRangeFilter,
    ListFilter,
    RelatedExistsFilter,
    RelatedIdFilter,
    TreeFilter,
)
from sa_orders.admin.options import ModelAdmin
from sa_orders.admin.sites import AdminSite, Widget, autodiscover, register, site
from sa_orders.exchange.csv_export import ExportColumn

__all__ = [
    "Action",
    "AdminSite",
    "BooleanFilter",
    "ChoiceFilter",
    "DateRangeFilter",
    "DeleteAction",
    "ExportColumn",
    "ListColumn",
    "ListFilter",
    "ModelAdmin",
    "RelatedExistsFilter",
    "RelatedIdFilter",
    "TreeFilter",
    "UpdateAction",
    "Widget",
    "autodiscover",
    "delete_selected",
    "register",
    "site",
]
