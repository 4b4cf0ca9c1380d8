"""Django's admin for the equivalent Django models, twice: as most projects write it,
and tuned the way Django's documentation suggests for big tables."""

from django.contrib import admin
from django.db.models import Count

from bench.models import Customer, Item, Order

idiomatic_site = admin.AdminSite(name="idiomatic")
tuned_site = admin.AdminSite(name="tuned")


class IdiomaticOrderAdmin(admin.ModelAdmin):
    """The same columns as sa_orders' list: number, customer, lines, total, status, date."""

    list_display = ("id", "customer", "line_count", "total_amount", "status", "order_date")
    list_filter = ("status",)
    search_fields = ("customer__name", "customer__email")
    ordering = ("-order_date", "-id")
    list_per_page = 25

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(line_count=Count("lines"))

    @admin.display(description="Lines", ordering="line_count")
    def line_count(self, obj: Order) -> int:
        return obj.line_count  # type: ignore[attr-defined, no-any-return]


class TunedOrderAdmin(IdiomaticOrderAdmin):
    list_select_related = ("customer",)
    show_full_result_count = False


idiomatic_site.register(Order, IdiomaticOrderAdmin)
tuned_site.register(Order, TunedOrderAdmin)


# The customer and item lists of the growth benchmark (bench/growth.py), tuned the same
# way: the same columns as sa_orders' lists, a customer's orders as an annotated Count.
class TunedCustomerAdmin(admin.ModelAdmin):
    list_display = ("name", "email", "phone", "order_count", "created_at")
    search_fields = ("name", "email", "phone")
    ordering = ("name", "id")
    list_per_page = 25
    show_full_result_count = False

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(order_count=Count("orders"))

    @admin.display(description="Orders", ordering="order_count")
    def order_count(self, obj: Customer) -> int:
        return obj.order_count  # type: ignore[attr-defined, no-any-return]


class TunedItemAdmin(admin.ModelAdmin):
    list_display = ("sku", "name", "price", "active")
    list_filter = ("active",)
    search_fields = ("sku", "name")
    ordering = ("sku",)
    list_per_page = 25
    show_full_result_count = False


tuned_site.register(Customer, TunedCustomerAdmin)
tuned_site.register(Item, TunedItemAdmin)
