"""Django's admin for the equivalent Django models, twice: as most projects write it,
and tuned the way Django's documentation suggests for big tables."""

from django.contrib import admin
from django.db.models import Count

from bench.models import Order

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
