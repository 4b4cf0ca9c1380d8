"""The order pages: the list with line counts and totals, status changes in bulk, and the
order form with its lines inline (:mod:`sa_orders.backoffice.order_lines`)."""

from __future__ import annotations

from typing import Any

from django.forms import BaseFormSet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from sqlalchemy import Select
from sqlalchemy.orm import Session, joinedload, selectinload

from sa_orders.admin import (
    ChoiceFilter,
    DateRangeFilter,
    ListColumn,
    ModelAdmin,
    RelatedIdFilter,
    UpdateAction,
    delete_selected,
)
from sa_orders.admin.conflicts import FieldConflict
from sa_orders.admin.forms import SAModelForm
from sa_orders.backoffice import order_lines
from sa_orders.exceptions import DomainError
from sa_orders.exchange.contracts import ORDERS
from sa_orders.models import Item, Order, OrderStatus
from sa_orders.services import orders


class OrderAdmin(ModelAdmin):
    history = True
    verbose_name = _("order")
    verbose_name_plural = _("orders")
    list_display = [
        ListColumn("id", _("Order"), attribute="id", formatter=lambda pk: f"#{pk}"),
        ListColumn("customer", _("Customer"), attribute="customer.name"),
        # kept by the database (sa_orders.models.kept): sorted from an index
        ListColumn("lines", _("Lines"), attribute="figures.line_count", numeric=True),
        ListColumn("total", _("Total"), attribute="total_amount"),
        "status",
        ListColumn("date", _("Date"), attribute="order_date"),
    ]
    search_fields = ["=id", "customer.name", "customer.email"]
    list_filter = [
        ChoiceFilter("status", OrderStatus.choices, title=_("Status")),
        DateRangeFilter("order_date", title=_("Date")),
        RelatedIdFilter("customer", title=_("Customer")),
    ]
    ordering = ["-date"]
    actions = [delete_selected] + [
        UpdateAction(f"mark_{status.value}", label, {"status": status}, done=done)
        for status, label, done in [
            (
                OrderStatus.PAID,
                _("Mark as paid"),
                ngettext_lazy(
                    "%(count)d order marked as paid.", "%(count)d orders marked as paid.", "count"
                ),
            ),
            (
                OrderStatus.SHIPPED,
                _("Mark as shipped"),
                ngettext_lazy(
                    "%(count)d order marked as shipped.",
                    "%(count)d orders marked as shipped.",
                    "count",
                ),
            ),
            (
                OrderStatus.CANCELLED,
                _("Mark as cancelled"),
                ngettext_lazy(
                    "%(count)d order marked as cancelled.",
                    "%(count)d orders marked as cancelled.",
                    "count",
                ),
            ),
        ]
    ]
    form_fields = ["customer", "status", "discount_amount", "notes"]
    autocomplete_fields = ["customer"]
    export_fields = ORDERS.export_fields
    import_contract = ORDERS
    detail_fields = [
        "customer",
        "order_date",
        "status",
        "notes",
        "created_at",
        "updated_at",
        "version",
    ]

    def get_object_query(self, request: HttpRequest, pk: Any) -> Select[Any]:
        """The order with its customer (joined) and its lines and their items (one more query)."""
        return (
            super()
            .get_object_query(request, pk)
            .options(joinedload(Order.customer), selectinload(Order.lines))
        )

    def get_formsets(
        self, request: HttpRequest, session: Session, obj: Any, data: Any = None
    ) -> list[BaseFormSet[Any]]:
        return [order_lines.line_formset(session, obj, self.site.admin_for(Item), data)]

    def merge_formsets(
        self, request: HttpRequest, session: Session, current: Any, formsets: list[BaseFormSet[Any]]
    ) -> tuple[list[tuple[str, Any]], list[FieldConflict]]:
        (lines,) = formsets
        assert isinstance(lines, order_lines.BaseOrderLineFormSet)  # from get_formsets
        return order_lines.merge_lines(lines, current)

    def apply_formsets(
        self,
        request: HttpRequest,
        session: Session,
        obj: Any,
        form: SAModelForm,
        formsets: list[BaseFormSet[Any]],
    ) -> None:
        (lines,) = formsets
        assert isinstance(lines, order_lines.BaseOrderLineFormSet)  # from get_formsets
        if not order_lines.apply_lines(session, obj, lines):
            return  # a line's own error is on its form
        try:
            orders.check_order(len(obj.lines), obj.subtotal, obj.discount_amount)
        except DomainError as error:
            if error.field == "discount_amount":
                form.add_error("discount_amount", error.message)
            else:
                lines.add_non_form_error(error.message)
