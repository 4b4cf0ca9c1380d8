"""The pages of sa_orders' own models, registered on the default site.

Found by :func:`sa_orders.admin.autodiscover` like any app's ``sa_admin`` module.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.forms import BaseFormSet
from django.http import HttpRequest
from django.utils.translation import gettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _
from sqlalchemy import ColumnElement, Select, String, cast, func, literal, select
from sqlalchemy.orm import Session, joinedload, selectinload

from sa_orders import dashboard, order_lines, services
from sa_orders.admin import (
    BooleanFilter,
    ChoiceFilter,
    DateRangeFilter,
    ExportColumn,
    ListColumn,
    ModelAdmin,
    RelatedExistsFilter,
    RelatedIdFilter,
    TreeFilter,
    UpdateAction,
    delete_selected,
    register,
    site,
)
from sa_orders.admin.conflicts import FieldConflict
from sa_orders.admin.forms import SAModelForm
from sa_orders.models import (
    Category,
    Customer,
    Item,
    Order,
    OrderItem,
    OrderStatus,
    item_category,
)
from sa_orders.models.catalog import CATEGORY_LIST_SEPARATOR

RECENT_ORDERS = 10
BLOCKING_LINES = 5


def order_count(customer: type[Customer]) -> ColumnElement[int]:
    return (
        select(func.count(Order.id))
        .where(Order.customer_id == customer.id)
        .correlate(customer)
        .scalar_subquery()
    )


def line_count(order: type[Order]) -> ColumnElement[int]:
    return (
        select(func.count())
        .select_from(OrderItem)
        .where(OrderItem.order_id == order.id)
        .correlate(order)
        .scalar_subquery()
    )


def category_ids(item: type[Item]) -> ColumnElement[str]:
    """The ids of the item's categories, comma-separated, computed with the row."""
    return (
        select(func.aggregate_strings(cast(item_category.c.category_id, String), ","))
        .where(item_category.c.item_id == item.id)
        .correlate(item)
        .scalar_subquery()
    )


def category_path_list(session: Session) -> Callable[[str | None], str]:
    """For an export: the category tree, loaded once, turns ids into sorted paths."""
    paths = services.category_paths(session)

    def convert(ids: str | None) -> str:
        names = (paths.get(int(pk), "") for pk in (ids or "").split(",") if pk)
        return CATEGORY_LIST_SEPARATOR.join(sorted(names, key=str.casefold))

    return convert


@register(Customer)
class CustomerAdmin(ModelAdmin):
    verbose_name = _("customer")
    verbose_name_plural = _("customers")
    list_display = [
        "name",
        "email",
        "phone",
        ListColumn("orders", _("Orders"), expression=order_count, numeric=True),
        "created_at",
    ]
    search_fields = ["name", "email", "phone"]
    list_filter = [
        RelatedExistsFilter(
            "orders",
            "has_orders",
            title=_("Orders"),
            labels=(_("With orders"), _("Without orders")),
        )
    ]
    ordering = ["name"]
    lookup_field = "email"
    form_fields = ["name", "email", "phone"]
    form_overrides = {"email": forms.EmailField(max_length=254, label=_("Email"))}
    detail_fields = ["name", "email", "phone", "created_at", "updated_at", "version"]
    export_fields = [
        "id",
        "email",
        "name",
        "phone",
        ExportColumn("orders", order_count),
        "created_at",
        "updated_at",
    ]

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


@register(Item)
class ItemAdmin(ModelAdmin):
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
    export_fields = [
        "id",
        "sku",
        "name",
        "price",
        "active",
        ExportColumn("categories", category_ids, prepare=category_path_list),
        "created_at",
        "updated_at",
    ]
    deactivate_field = "active"

    def get_detail_context(
        self, request: HttpRequest, session: Session, obj: Any
    ) -> dict[str, Any]:
        """The item's categories (as paths) and how often it was ordered."""
        categories = category_paths(session, obj)
        sold = session.execute(
            select(func.count(), func.coalesce(func.sum(OrderItem.quantity), 0)).where(
                OrderItem.item_id == obj.id
            )
        ).one()
        return {"categories": categories, "line_count": sold[0], "units_sold": sold[1]}


def category_paths(session: Session, item: Item) -> list[str]:
    """The paths of the item's categories ("Garden/Seeds"), sorted, in one query.

    A recursive CTE walks up from the item's categories and loads their ancestors with
    them, so building the paths needs no query per level (on SQLite, PostgreSQL and
    MariaDB alike). The paths are built while every loaded category is still
    referenced: the session's identity map would otherwise let the ancestors go.
    """
    own = select(item_category.c.category_id).where(item_category.c.item_id == item.id)
    tree = (
        select(Category.id, Category.parent_id, literal(1).label("own"))
        .where(Category.id.in_(own))
        .cte("category_tree", recursive=True)
    )
    tree = tree.union(
        select(Category.id, Category.parent_id, literal(0)).join(
            tree, Category.id == tree.c.parent_id
        )
    )
    rows = session.execute(select(Category, tree.c.own).join(tree, tree.c.id == Category.id)).all()
    return sorted({category.path for category, is_own in rows if is_own}, key=str.casefold)


@register(Order)
class OrderAdmin(ModelAdmin):
    verbose_name = _("order")
    verbose_name_plural = _("orders")
    list_display = [
        ListColumn("id", _("Order"), attribute="id", formatter=lambda pk: f"#{pk}"),
        ListColumn("customer", _("Customer"), attribute="customer.name"),
        ListColumn("lines", _("Lines"), expression=line_count, numeric=True),
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
    export_fields = [
        "id",
        "customer.email",
        "customer.name",
        "status",
        "order_date",
        ExportColumn("lines", line_count),
        "subtotal",
        "discount_amount",
        "total_amount",
        "notes",
        "updated_at",
    ]
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
    ) -> list[BaseFormSet]:
        return [order_lines.line_formset(session, obj, self.site.admin_for(Item), data)]

    def merge_formsets(
        self, request: HttpRequest, session: Session, current: Any, formsets: list[BaseFormSet]
    ) -> tuple[list[tuple[str, Any]], list[FieldConflict]]:
        (lines,) = formsets
        return order_lines.merge_lines(lines, current)  # type: ignore[arg-type]

    def apply_formsets(
        self,
        request: HttpRequest,
        session: Session,
        obj: Any,
        form: SAModelForm,
        formsets: list[BaseFormSet],
    ) -> None:
        (lines,) = formsets
        order_lines.apply_lines(session, obj, lines)  # type: ignore[arg-type]
        if obj.discount_amount > obj.subtotal:
            form.add_error(
                "discount_amount",
                gettext("The discount cannot be larger than the lines (%(subtotal)s).")
                % {"subtotal": obj.subtotal},
            )


# The dashboard, in this order: revenue per day, top customers, orders by status.
for widget in (dashboard.revenue, dashboard.top_customers, dashboard.orders_by_status):
    site.add_widget(widget)
