"""sa_orders' own pages, registered on the default site the way any app registers its
models: :func:`sa_orders.admin.autodiscover` imports this module when Django starts.

The pages themselves are in :mod:`sa_orders.backoffice`.
"""

from sa_orders.admin import site
from sa_orders.backoffice import dashboard
from sa_orders.backoffice.categories import CategoryAdmin
from sa_orders.backoffice.customers import CustomerAdmin
from sa_orders.backoffice.items import ItemAdmin
from sa_orders.backoffice.orders import OrderAdmin
from sa_orders.models import Category, Customer, Item, Order

site.register(Customer, CustomerAdmin)
site.register(Item, ItemAdmin)
site.register(Category, CategoryAdmin)
site.register(Order, OrderAdmin)

# The dashboard, in this order: revenue per day, top customers, orders by status.
for widget in (dashboard.revenue, dashboard.top_customers, dashboard.orders_by_status):
    site.add_widget(widget)
