"""The customer pages: the list with each customer's number of orders, and a detail page
with the latest orders."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sa_orders.admin import ListColumn, ModelAdmin, RelatedExistsFilter
from sa_orders.exchange.contracts import CUSTOMERS
from sa_orders.models import Order
from sa_orders.models.expressions import line_count

RECENT_ORDERS = 10


class CustomerAdmin(ModelAdmin):
    history = True
    verbose_name = _("customer")
    verbose_name_plural = _("customers")
    list_display = [
        "name",
        "email",
        "phone",
        # kept by the database (sa_orders.models.kept): sorted from an index
        ListColumn("orders", _("Orders"), attribute="figures.order_count", numeric=True),
        "created_at",
    ]
    search_fields = ["name", "email", "phone"]
    list_filter = [
        RelatedExistsFilter(
            "orders",
            "has_orders",
            title=_("Orders"),
            labels=(_("With orders"), _("Without orders")),
            counted_by="figures.order_count",  # kept by the database, indexed
        )
    ]
    ordering = ["name"]
    lookup_field = "email"
    form_fields = ["name", "email", "phone"]
    form_overrides = {"email": forms.EmailField(max_length=254, label=_("Email"))}
    detail_fields = ["name", "email", "phone", "created_at", "updated_at", "version"]
    export_fields = CUSTOMERS.export_fields
    import_contract = CUSTOMERS

    def get_detail_context(
        self, request: HttpRequest, session: Session, obj: Any
    ) -> dict[str, Any]:
        """The customer's latest orders, with their line counts, and how many there are."""
        recent = session.execute(
            select(Order, line_count(Order).label("lines"), func.count().over().label("total"))
            .where(Order.customer_id == obj.id)
            .order_by(Order.order_date.desc(), Order.id.desc())
            .limit(RECENT_ORDERS)
        ).all()
        return {
            "recent_orders": [(order, lines) for order, lines, _total in recent],
            "order_total": recent[0].total if recent else 0,
        }
