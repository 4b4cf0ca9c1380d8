"""How a host project gets sa_orders' pages for its own SQLAlchemy model."""

from sa_orders.admin import BooleanFilter, ModelAdmin, UpdateAction, delete_selected, register
from tests.hostapp.models import Supplier


@register(Supplier)
class SupplierAdmin(ModelAdmin):
    list_display = ["name", "country", "rating", "credit_limit", "preferred"]
    search_fields = ["name", "notes"]
    list_filter = [BooleanFilter("preferred")]
    ordering = ["name"]
    history = True  # its changes are recorded too (triggers made by migrate)
    # a host project's own bulk action, next to the built-in delete
    actions = [delete_selected, UpdateAction("prefer", "Mark as preferred", {"preferred": True})]
