from django.contrib import admin
from django.urls import include, path

from tests import views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("orders/", include("sa_orders.urls")),
    path("t/add-customer/", views.add_customer),
    path("t/untouched/", views.untouched),
    path("t/count-customers/", views.count_customers),
    path("t/messages/", views.show_messages),
    path("t/stream/", views.stream_after_view),
]
