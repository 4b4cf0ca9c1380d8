"""The item pages: the catalog with its categories, activation in bulk, and "deactivate
instead" for an item that order lines keep from being deleted."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sa_orders.admin import (
    BooleanFilter,
    ListColumn,
    ModelAdmin,
    TreeFilter,
    UpdateAction,
    delete_selected,
)
from sa_orders.exchange.contracts import ITEMS
from sa_orders.models import OrderItem
from sa_orders.services.catalog import item_category_paths


class ItemAdmin(ModelAdmin):
    history = True
    verbose_name = _("item")
    verbose_name_plural = _("items")
    list_display = [
        "sku",
        "name",
        "price",
        "active",
        # names, not paths: a path would walk up parents the page has not loaded
        ListColumn(
            "categories",
            _("Categories"),
            attribute="categories",
            formatter=lambda categories: ", ".join(c.name for c in categories) or "—",
        ),
    ]
    search_fields = ["sku", "name"]
    list_filter = [
        BooleanFilter("active", title=_("Active")),
        TreeFilter("categories", "category", title=_("Category")),
    ]
    ordering = ["sku"]
    lookup_field = "sku"
    actions = [
        delete_selected,
        UpdateAction(
            "activate",
            _("Set active"),
            {"active": True},
            done=ngettext_lazy(
                "%(count)d item set active.", "%(count)d items set active.", "count"
            ),
        ),
        UpdateAction(
            "deactivate",
            _("Set inactive"),
            {"active": False},
            done=ngettext_lazy(
                "%(count)d item set inactive.", "%(count)d items set inactive.", "count"
            ),
        ),
    ]
    form_fields = ["sku", "name", "price", "active", "categories"]
    detail_fields = ["sku", "name", "price", "active", "created_at", "updated_at", "version"]
    export_fields = ITEMS.export_fields
    import_contract = ITEMS
    deactivate_field = "active"

    def autocomplete_result(self, row: Any) -> dict[str, Any]:
        """With the item's current price, for the order form's totals as typed."""
        return {**super().autocomplete_result(row), "price": f"{row.price:.2f}"}

    def get_detail_context(
        self, request: HttpRequest, session: Session, obj: Any
    ) -> dict[str, Any]:
        """The item's categories (as paths) and how often it was ordered."""
        categories = item_category_paths(session, obj)
        sold = session.execute(
            select(func.count(), func.coalesce(func.sum(OrderItem.quantity), 0)).where(
                OrderItem.item_id == obj.id
            )
        ).one()
        return {"categories": categories, "line_count": sold[0], "units_sold": sold[1]}
