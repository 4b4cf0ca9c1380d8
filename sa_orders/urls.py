"""The URLconf a host project includes: ``path("orders/", include("sa_orders.urls"))``.

Namespace ``sa_orders``: ``sa_orders:index`` and, for every registered model,
``sa_orders:<name>_list``, ``_add``, ``_detail``, ``_edit`` and ``_delete``.
"""

from sa_orders.admin import site

app_name = "sa_orders"

urlpatterns = site.get_urls()
