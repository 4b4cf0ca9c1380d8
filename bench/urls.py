from django.urls import include, path

from bench import views
from bench.admin import idiomatic_site, tuned_site

urlpatterns = [
    path("orders/", include("sa_orders.urls")),
    path("idiomatic/", idiomatic_site.urls),
    path("tuned/", tuned_site.urls),
    path("bare/orders/", views.bare_orders),
    path("bare/without-login/orders/", views.bare_orders_without_login),
]
