"""The bare page: one SQLAlchemy query and a plain template, the floor for a list page.

Behind a login, as every page of orders is (sa_orders' pages and Django's admin too): the
session and the user are read from Django's database on every request, whichever page.
The same page without the login is measured too, for comparison.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from sqlalchemy import func, select

from sa_orders.models import Customer, Order, OrderItem

PER_PAGE = 25


def bare_orders_without_login(request: HttpRequest) -> HttpResponse:
    page = int(request.GET.get("p", "1"))
    lines = (
        select(func.count())
        .where(OrderItem.order_id == Order.id)
        .correlate(Order)
        .scalar_subquery()
    )
    rows = request.sa_session.execute(  # type: ignore[attr-defined]
        select(Order.id, Customer.name, lines, Order.total_amount, Order.status, Order.order_date)
        .join(Customer, Customer.id == Order.customer_id)
        .order_by(Order.order_date.desc(), Order.id.desc())
        .limit(PER_PAGE)
        .offset((page - 1) * PER_PAGE)
    ).all()
    return render(request, "bench/bare_orders.html", {"rows": rows})


bare_orders = login_required(bare_orders_without_login)
