"""The order pages: the list with line counts and totals, status changes in bulk, and the
order form with its lines inline (:mod:`sa_orders.backoffice.order_lines`)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
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
from sa_orders.admin.actions import ActionResult, Selection
from sa_orders.admin.conflicts import FieldConflict
from sa_orders.admin.forms import SAModelForm
from sa_orders.backoffice import order_lines
from sa_orders.exceptions import DomainError
from sa_orders.exchange.contracts import ORDERS
from sa_orders.models import (
    TRANSITIONS,
    Item,
    Order,
    OrderStatus,
    can_become,
    transition_error,
)
from sa_orders.services import orders


class StatusAction(UpdateAction):
    """Move the selected orders to a status, set-based, where the workflow allows it; the
    message says how many stayed, and why."""

    def __init__(self, status: OrderStatus, label: Any, done: Any) -> None:
        super().__init__(f"mark_{status.value}", label, {"status": status}, done=done)
        self.status = status

    def run(
        self, request: HttpRequest, session: Session, model_admin: ModelAdmin, selection: Selection
    ) -> ActionResult:
        change = orders.change_status_where(session, selection.condition, self.status)
        return ActionResult(change.changed, change.skipped_count, change.reasons())

    def message(self, model_admin: ModelAdmin, result: ActionResult) -> str:
        return " ".join([super().message(model_admin, result), *result.reasons])


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
    actions = [
        delete_selected,
        StatusAction(
            OrderStatus.PAID,
            _("Mark as paid"),
            ngettext_lazy(
                "%(count)d order marked as paid.", "%(count)d orders marked as paid.", "count"
            ),
        ),
        StatusAction(
            OrderStatus.SHIPPED,
            _("Mark as shipped"),
            ngettext_lazy(
                "%(count)d order marked as shipped.", "%(count)d orders marked as shipped.", "count"
            ),
        ),
        StatusAction(
            OrderStatus.CANCELLED,
            _("Mark as cancelled"),
            ngettext_lazy(
                "%(count)d order marked as cancelled.",
                "%(count)d orders marked as cancelled.",
                "count",
            ),
        ),
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

    def get_form_class(self, request: HttpRequest, obj: Any = None) -> type[SAModelForm]:
        """An existing order's form offers its status and the ones it can move to."""
        form_class = super().get_form_class(request, obj)
        if obj is None:
            return form_class
        offered = {obj.status.value, *(status.value for status in TRANSITIONS[obj.status])}

        class OrderForm(form_class):  # type: ignore[valid-type, misc]  # a class made at runtime
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, **kwargs)
                # The select offers the moves; the field keeps every status (their labels
                # for the conflict page, and a refused move, from a revert or a stale
                # form, gets the sentence saying why, below).
                field = self.fields["status"]
                field.widget.choices = [c for c in field.choices if c[0] in offered]

            def clean_status(self) -> Any:
                value = self.cleaned_data["status"]
                current = self.instance.stored_status
                # Only a move the user makes: a status someone else changed since the
                # form was opened is the conflict page's to show.
                moved = "status" in self.changed_data
                if moved and current is not None and not can_become(current, OrderStatus(value)):
                    raise ValidationError(transition_error(current, OrderStatus(value)))
                return value

        return OrderForm

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
