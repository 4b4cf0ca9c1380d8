"""The dashboard: counts, revenue per day as an SVG chart, top customers, orders by status;
only what the user may view, in a fixed number of queries."""

import re
from collections import defaultdict
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from sa_orders import services
from sa_orders.backoffice import charts, dashboard
from sa_orders.models import OrderStatus
from sa_orders.services import kept as kept_figures
from sa_orders.services import reports
from sa_orders.services.reports import DayRevenue

pytestmark = pytest.mark.django_db

INDEX = reverse("sa_orders:index")
ZONE = "America/New_York"
TODAY = date(2026, 11, 21)  # the 90 days reach back to Aug 24 and span the end of DST (Nov 1)
FIRST = TODAY - timedelta(days=89)

POINT = re.compile(
    r'<circle class="chart-point(?: chart-point--partial)?" cx="([\d.]+)" cy="([\d.]+)" r="3" '
    r'data-day="([\d-]+)" '
    r'data-revenue="([\d.]+)" data-orders="(\d+)">'
)


@pytest.fixture
def new_york(settings, monkeypatch):
    settings.TIME_ZONE = ZONE
    monkeypatch.setattr(dashboard, "today", lambda: TODAY)
    return ZoneInfo(ZONE)


def local(zone, *args):
    return datetime(*args, tzinfo=zone)


@pytest.fixture
def sales(sa_session, make_customer, make_item, new_york):
    """Orders around the edges of days, of the 90 days and of daylight saving time."""
    ada = make_customer(name="Ada Lovelace")
    grace = make_customer(name="Grace Hopper")
    alan = make_customer(name="Alan Turing")
    widget = make_item(sku="WIDGET", price=Decimal("12.50"))
    placed = [
        (ada, OrderStatus.PAID, 2, local(new_york, 2026, 11, 1, 0, 30)),  # EDT, 04:30 UTC
        (grace, OrderStatus.SHIPPED, 1, local(new_york, 2026, 11, 1, 23, 30)),  # EST: Nov 2 UTC
        (ada, OrderStatus.PAID, 3, local(new_york, 2026, 10, 31, 23, 59)),
        (alan, OrderStatus.SHIPPED, 8, local(new_york, 2026, 11, 21, 0, 0)),  # today, at 00:00
        (grace, OrderStatus.PAID, 4, local(new_york, 2026, 8, 24, 0, 0)),  # the first day
        (alan, OrderStatus.PAID, 5, local(new_york, 2026, 8, 23, 23, 59)),  # the day before
        (alan, OrderStatus.PAID, 6, local(new_york, 2026, 11, 22, 0, 0)),  # tomorrow
        (ada, OrderStatus.PENDING, 9, local(new_york, 2026, 11, 1, 12, 0)),  # not paid yet
        (grace, OrderStatus.CANCELLED, 7, local(new_york, 2026, 11, 1, 12, 0)),  # never paid
    ]
    orders = []
    for customer, status, quantity, moment in placed:
        order = services.create_order(sa_session, customer, [(widget, quantity)], status=status)
        order.order_date = moment
        orders.append(order)
    sa_session.flush()
    return orders


def expected_days(orders, zone):
    """What the chart should show, worked out here from the orders themselves."""
    days = defaultdict(lambda: [0, Decimal("0.00")])
    for order in orders:
        if order.status in (OrderStatus.PAID, OrderStatus.SHIPPED):
            day = order.order_date.astimezone(zone).date()
            days[day][0] += 1
            days[day][1] += order.total_amount
    return days


def test_the_chart_has_a_point_per_day_with_that_days_orders(sa_staff_client, sales, new_york):
    html = sa_staff_client.get(INDEX).content.decode()
    points = POINT.findall(html)
    assert [day for _x, _y, day, _revenue, _orders in points] == [
        (FIRST + timedelta(days=n)).isoformat() for n in range(90)
    ]
    expected = expected_days(sales, new_york)
    for _x, _y, day, revenue, orders in points:
        count, total = expected.get(date.fromisoformat(day), (0, Decimal("0.00")))
        assert (int(orders), Decimal(revenue)) == (count, total), day
    shown = {day: Decimal(revenue) for _x, _y, day, revenue, _orders in points}
    assert shown["2026-11-01"] == Decimal("37.50")  # 00:30 EDT and 23:30 EST, both Nov 1
    assert shown["2026-10-31"] == Decimal("37.50")
    assert shown["2026-11-21"] == Decimal("100.00")
    assert shown["2026-08-24"] == Decimal("50.00")
    # the axes and their labels, the accessible name and description
    assert '<g class="axis axis--x"' in html
    assert '<g class="axis axis--y"' in html
    assert ">Revenue</text>" in html
    assert ">Day</text>" in html
    assert 'role="img" aria-labelledby="revenue-chart-title revenue-chart-desc"' in html
    assert '<desc id="revenue-chart-desc">225.00 from 5 paid or shipped orders' in html
    assert html.count('<tr><th scope="row">') >= 90  # the figures as a table


def test_heights_follow_the_revenue(sa_staff_client, sales):
    points = POINT.findall(sa_staff_client.get(INDEX).content.decode())
    heights = {day: float(y) for _x, y, day, _revenue, _orders in points}
    baseline = heights["2026-09-15"]  # a day without orders
    assert heights["2026-11-21"] < heights["2026-11-01"] < baseline
    assert heights["2026-11-01"] == heights["2026-10-31"]
    xs = [float(x) for x, *_rest in points]
    assert xs == sorted(xs)
    assert len(set(xs)) == 90


def test_revenue_per_day_cuts_days_in_the_time_zone(sa_session, sales, new_york):
    days = reports.revenue_per_day(sa_session, today=TODAY)
    assert len(days) == 90
    by_day = {entry.day: (entry.orders, entry.revenue) for entry in days}
    assert by_day[date(2026, 11, 1)] == (2, Decimal("37.50"))
    assert by_day[date(2026, 11, 2)] == (0, Decimal("0.00"))
    assert all(isinstance(entry.revenue, Decimal) for entry in days)


def test_top_customers_and_orders_by_status(sa_staff_client, sales):
    html = sa_staff_client.get(INDEX).content.decode()
    top = re.findall(
        r'<tr><th scope="row"><a href="/orders/customers/(\d+)/">([^<]+)</a></th>'
        r'<td class="numeric">(\d+)</td><td class="numeric">([\d.,]+)</td></tr>',
        html,
    )
    # Alan: today's 100.00 (his Aug 23 and tomorrow's orders are outside); Ada: 25.00 +
    # 37.50; Grace: 12.50 + 50.00; pending and cancelled orders bring in nothing
    assert [(name, orders, revenue) for _pk, name, orders, revenue in top] == [
        ("Alan Turing", "1", "100.00"),
        ("Ada Lovelace", "2", "62.50"),
        ("Grace Hopper", "2", "62.50"),
    ]
    statuses = dict(
        re.findall(
            r'<tr data-status="(\w+)">\s*<th scope="row"><a href="/orders/orders/\?status=\1">[^<]+</a></th>\s*<td class="numeric">(\d+)</td>',
            html,
        )
    )
    assert statuses == {"pending": "1", "paid": "5", "shipped": "2", "cancelled": "1"}


def test_only_five_top_customers(sa_session, make_customer, make_item, new_york):
    item = make_item(price=Decimal("1.00"))
    for n in range(1, 8):
        order = services.create_order(
            sa_session, make_customer(name=f"Buyer {n}"), [(item, n)], status=OrderStatus.PAID
        )
        order.order_date = local(new_york, 2026, 11, 20, 12, 0)
    sa_session.flush()
    rows = reports.top_customers(sa_session, first=FIRST, last=TODAY)
    assert [(row.name, row.revenue) for row in rows] == [
        (f"Buyer {n}", Decimal(n).quantize(Decimal("0.01"))) for n in range(7, 2, -1)
    ]


def test_the_dashboard_costs_six_queries_whatever_the_data(
    sa_staff_client, sa_queries, sa_session, sales, make_customer, make_item
):
    def queries():
        sa_queries.statements.clear()
        assert sa_staff_client.get(INDEX).status_code == 200
        return len(sa_queries)

    first_of_the_day = queries()  # moves the window of the kept recent figures
    few = queries()
    assert first_of_the_day > few
    item = make_item()
    for n in range(40):
        order = services.create_order(sa_session, make_customer(), [(item, 1)], status="paid")
        order.order_date = local(ZoneInfo(ZONE), 2026, 10, 1 + n % 28, 9, 0)
    sa_session.flush()
    # the counts, revenue per day, the window, top customers (a bound, then the rows),
    # statuses
    assert queries() == few == 6


# --- kept figures, fresh figures ----------------------------------------------------


def fresh_and_kept(session, today=TODAY):
    first = today - timedelta(days=reports.DAYS - 1)
    return [
        (
            reports.revenue_per_day(session, today=today, fresh=fresh),
            reports.top_customers(session, first=first, last=today, fresh=fresh),
            reports.orders_by_status(session, fresh=fresh),
        )
        for fresh in (True, False)
    ]


def test_the_kept_figures_are_what_the_orders_say(sa_session, sales, make_customer, new_york):
    fresh, kept = fresh_and_kept(sa_session)
    assert kept == fresh
    assert [row.name for row in kept[1]] == ["Alan Turing", "Ada Lovelace", "Grace Hopper"]
    # they follow every change: a status, a date, a customer, a deletion
    sales[0].status = OrderStatus.CANCELLED
    sales[5].order_date = local(new_york, 2026, 8, 24, 0, 0)  # into the first day
    sales[3].customer = make_customer(name="Zed New")
    sa_session.delete(sales[1])
    sa_session.flush()
    fresh, kept = fresh_and_kept(sa_session)
    assert kept == fresh
    assert [row.name for row in kept[1]] == [
        "Zed New",
        "Alan Turing",
        "Grace Hopper",
        "Ada Lovelace",
    ]


def test_the_window_moves_with_the_days(sa_session, sales, new_york):
    assert fresh_and_kept(sa_session)[0] == fresh_and_kept(sa_session)[1]
    for later in (1, 2, 30, 200):  # a day on, another, a month, beyond the old window
        today = TODAY + timedelta(days=later)
        fresh, kept = fresh_and_kept(sa_session, today)
        assert kept == fresh, later
        assert kept_figures.current_window(sa_session) == kept_figures.window_for(today)
    # an older span is computed from the orders and leaves the window where it is
    fresh, kept = fresh_and_kept(sa_session, TODAY)
    assert kept == fresh
    assert kept_figures.current_window(sa_session) == kept_figures.window_for(
        TODAY + timedelta(days=200)
    )


def test_a_window_someone_else_is_moving_is_not_waited_for(
    sa_session, sales, new_york, monkeypatch
):
    from sqlalchemy.exc import OperationalError

    def busy(*args, **kwargs):
        raise OperationalError("SELECT ... FOR UPDATE NOWAIT", {}, Exception("lock not available"))

    monkeypatch.setattr(services.kept, "move_recent_window", busy)
    first = TODAY - timedelta(days=reports.DAYS - 1)
    assert reports.top_customers(sa_session, first=first, last=TODAY) == reports.top_customers(
        sa_session, first=first, last=TODAY, fresh=True
    )
    assert kept_figures.current_window(sa_session) is None


def test_midnights_off_the_quarter_hour_are_summed_from_the_orders(
    sa_session, settings, make_customer, make_item
):
    settings.TIME_ZONE = "Africa/Monrovia"  # UTC-0:44:30 until 1972
    zone = ZoneInfo("Africa/Monrovia")
    item = make_item(price=Decimal("3.00"))
    for hour in (0, 1, 23):
        order = services.create_order(sa_session, make_customer(), [(item, 1)], status="paid")
        order.order_date = datetime(1960, 3, 10, hour, 0, tzinfo=zone)
    sa_session.flush()
    today = date(1960, 3, 12)
    kept = reports.revenue_per_day(sa_session, today=today)
    assert kept == reports.revenue_per_day(sa_session, today=today, fresh=True)
    assert {day.day: day.orders for day in kept}[date(1960, 3, 10)] == 3


# --- only what the user may view ------------------------------------------------------


@pytest.fixture(scope="session")
def dashboard_users(sa_users):
    sa_users.create("dash-customers", permissions=["sa_orders.view_customer"])
    sa_users.create("dash-orders", permissions=["sa_orders.view_order"])
    sa_users.create("dash-nothing")
    return sa_users


def test_each_user_sees_what_they_may_view(dashboard_users, sales):
    customers_only = dashboard_users.client("dash-customers").get(INDEX).content.decode()
    assert 'data-count="customer"' in customers_only
    assert 'data-count="order"' not in customers_only
    assert "chart-point" not in customers_only
    assert "Top customers" not in customers_only
    assert "Orders by status" not in customers_only

    orders_only = dashboard_users.client("dash-orders").get(INDEX).content.decode()
    assert orders_only.count('class="chart-point') == 90
    assert "Orders by status" in orders_only
    assert "Top customers" not in orders_only  # it names customers
    assert "Ada Lovelace" not in orders_only

    nothing = dashboard_users.client("dash-nothing").get(INDEX).content.decode()
    assert "You may not view any of these pages yet" in nothing
    assert "chart-point" not in nothing


# --- the chart's geometry ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("maximum", "step"),
    [("0", "25"), ("0.40", "0.1"), ("7", "2"), ("9.5", "2.5"), ("100", "25"),
     ("914.47", "250"), ("1001", "500"), ("123456", "50000")],
)  # fmt: skip
def test_nice_steps(maximum, step):
    assert charts.nice_step(Decimal(maximum)) == Decimal(step)


def test_a_chart_without_revenue_lies_on_the_baseline():
    days = [DayRevenue(FIRST + timedelta(days=n), 0, Decimal("0.00")) for n in range(90)]
    chart = charts.daily_chart(days)
    assert {point.y for point in chart.points} == {chart.baseline}
    assert [tick.label for tick in chart.y_ticks] == ["0", "25"]
    assert chart.x_ticks[-1].label == "Nov 21"
    assert len(chart.x_ticks) == 7  # every two weeks, back from today


def test_coordinates_use_a_dot_whatever_the_language(settings):
    settings.LANGUAGE_CODE = "de"
    settings.USE_THOUSAND_SEPARATOR = True
    days = [DayRevenue(FIRST + timedelta(days=n), 1, Decimal("1234.56")) for n in range(3)]
    chart = charts.daily_chart(days)
    assert all(re.fullmatch(r"[\d.]+", point.x + point.y) for point in chart.points)
    assert re.fullmatch(r"[MLZ\d., ]+", chart.line)


def test_today_is_marked_as_not_over(sa_staff_client, new_york):
    html = sa_staff_client.get(INDEX).content.decode()
    assert html.count('class="chart-point"') == 89
    assert 'class="chart-point chart-point--partial" cx="' in html
    assert f'data-day="{TODAY.isoformat()}"' in html
    assert 'class="chart__line chart__line--partial"' in html
    assert "The dashed line ends at today, which is not over yet." in html
    assert "(today, so far)</title>" in html


def test_the_cards_group_their_counts_as_the_lists_do(sa_staff_client, sa_session, make_customer):
    from sqlalchemy import insert

    from sa_orders.models import Customer

    sa_session.execute(
        insert(Customer), [{"name": f"C{n}", "email": f"c{n}@example.com"} for n in range(1001)]
    )
    html = sa_staff_client.get(INDEX).content.decode()
    assert 'data-count="customer">1,001<' in html
