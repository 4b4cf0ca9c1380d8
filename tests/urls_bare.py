"""A project as `startproject` makes it plus the README's one include(): no login URLs of
its own (tests/admin/test_access.py)."""

from django.urls import include, path

urlpatterns = [path("orders/", include("sa_orders.urls"))]
