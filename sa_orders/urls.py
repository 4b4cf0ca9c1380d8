"""The URLconf a host project includes: ``path("orders/", include("sa_orders.urls"))``."""

from django.urls import path

from sa_orders import views

app_name = "sa_orders"

urlpatterns = [
    path("", views.index, name="index"),
]
