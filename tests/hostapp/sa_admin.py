"""How a host project gets sa_orders' pages for its own SQLAlchemy model."""

from sa_orders.admin import BooleanFilter, ModelAdmin, register
from tests.hostapp.models import Supplier


@register(Supplier)
class SupplierAdmin(ModelAdmin):
    list_display = ["name", "country", "rating", "credit_limit", "preferred"]
    search_fields = ["name", "notes"]
    list_filter = [BooleanFilter("preferred")]
    ordering = ["name"]
