"""sa_orders' dashboard widgets: revenue per day, top customers, orders by status.

Each is a function of the request and the site (see ``AdminSite.add_widget``), costs
one query, and shows nothing to a user who may not view what it is about. They are
added to the default site in ``sa_orders.sa_admin``.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sa_orders.admin.sites import Widget
from sa_orders.backoffice import charts
from sa_orders.db.session import request_session
from sa_orders.models import ZERO, Customer, Order
from sa_orders.services import reports

if TYPE_CHECKING:
    from django.http import HttpRequest

    from sa_orders.admin.sites import AdminSite


def today() -> date:
    """Today in ``TIME_ZONE`` (a function, so tests can move the clock)."""
    return timezone.localdate()


def _may_view(request: HttpRequest, site: AdminSite, *models: type) -> bool:
    return all(
        site.is_registered(model) and site.admin_for(model).has_view_permission(request)
        for model in models
    )


def _day(value: date) -> str:
    return formats.date_format(value, "DATE_FORMAT")


def revenue(request: HttpRequest, site: AdminSite) -> Widget | None:
    """Revenue per day over the last 90 days, as an SVG chart and as a table."""
    if not _may_view(request, site, Order):
        return None
    current = today()
    days = reports.revenue_per_day(request_session(request), today=current)
    total = sum((day.revenue for day in days), ZERO)
    orders = sum(day.orders for day in days)
    best = max(days, key=lambda day: (day.revenue, day.day))
    description = ngettext(
        "%(total)s from %(count)d paid or shipped order between %(first)s and %(last)s.",
        "%(total)s from %(count)d paid or shipped orders between %(first)s and %(last)s.",
        orders,
    ) % {
        "total": charts.money(total),
        "count": orders,
        "first": _day(days[0].day),
        "last": _day(days[-1].day),
    }
    if orders:
        description += " " + _("The best day was %(day)s, with %(revenue)s.") % {
            "day": _day(best.day),
            "revenue": charts.money(best.revenue),
        }
    order_admin = site.admin_for(Order)
    return Widget(
        "sa_orders/widgets/revenue.html",
        {
            "chart": charts.daily_chart(days, today=current),
            "days": days,
            "days_count": len(days),
            "total": total,
            "orders": orders,
            "description": description,
            "orders_url": order_admin.list_url,
        },
        wide=True,
    )


def top_customers(request: HttpRequest, site: AdminSite) -> Widget | None:
    """The customers who brought in the most over the same 90 days."""
    if not _may_view(request, site, Customer, Order):
        return None
    last = today()
    rows = reports.top_customers(
        request_session(request),
        first=last - timedelta(days=reports.DAYS - 1),
        last=last,
    )
    detail = site.admin_for(Customer).url_name("detail")
    customers: list[dict[str, Any]] = [
        {"row": row, "url": reverse(detail, kwargs={"pk": row.id})} for row in rows
    ]
    return Widget(
        "sa_orders/widgets/top_customers.html",
        {"customers": customers, "days_count": reports.DAYS},
    )


def orders_by_status(request: HttpRequest, site: AdminSite) -> Widget | None:
    """How many orders each status has, each linking to the list filtered by it."""
    if not _may_view(request, site, Order):
        return None
    counts = reports.orders_by_status(request_session(request))
    largest = max(counts.values(), default=0) or 1
    list_url = site.admin_for(Order).list_url
    statuses = [
        {
            "status": status,
            "count": count,
            "share": f"{100 * count / largest:.1f}",
            "url": f"{list_url}?status={status.value}",
        }
        for status, count in counts.items()
    ]
    return Widget("sa_orders/widgets/orders_by_status.html", {"statuses": statuses})
