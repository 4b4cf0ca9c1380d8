"""Domain services: orders from (item, quantity) pairs, line changes, set-based totals, purge."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.test import override_settings
from sqlalchemy import func, select, text, update

from sa_orders import services
from sa_orders.exceptions import DomainError
from sa_orders.models import MAX_LINES_PER_ORDER, Order, OrderItem, OrderStatus
from sa_orders.services.calendar import cutoff_for_days

pytestmark = pytest.mark.django_db

CHICAGO = ZoneInfo("America/Chicago")  # the tests' TIME_ZONE


@pytest.fixture
def catalog(make_item):
    return {
        "hammer": make_item(sku="HAMMER", price=Decimal("24.90")),
        "nails": make_item(sku="NAILS", price=Decimal("6.80")),
        "drill": make_item(sku="DRILL", price=Decimal("129.00")),
    }


def test_create_order_snapshots_prices(sa_session, make_customer, catalog):
    order = services.create_order(
        sa_session, make_customer(), [(catalog["hammer"], 2), (catalog["nails"], 1)]
    )
    sa_session.flush()
    catalog["hammer"].price = Decimal("30.00")  # a later price change
    sa_session.flush()
    sa_session.expire_all()
    assert [(line.item.sku, line.price_paid) for line in order.lines] == [
        ("HAMMER", Decimal("24.90")),
        ("NAILS", Decimal("6.80")),
    ]
    assert order.total_amount == Decimal("56.60")


def test_create_order_with_a_discount(sa_session, make_customer, catalog):
    order = services.create_order(
        sa_session, make_customer(), [(catalog["drill"], 1)], discount_amount=Decimal("9.00")
    )
    assert order.total_amount == Decimal("120.00")  # already before the flush
    sa_session.flush()
    assert sa_session.scalar(select(Order.total_amount)) == Decimal("120.00")


def test_add_change_and_remove_lines(sa_session, make_customer, catalog):
    order = services.create_order(sa_session, make_customer(), [(catalog["hammer"], 1)])
    sa_session.flush()
    services.add_line(order, catalog["nails"], 3)
    assert order.total_amount == Decimal("45.30")
    services.change_quantity(order, catalog["nails"], 5)
    assert order.total_amount == Decimal("58.90")
    services.remove_line(order, catalog["hammer"])
    assert order.total_amount == Decimal("34.00")
    sa_session.flush()
    sa_session.expire_all()
    assert [(line.item.sku, line.quantity) for line in order.lines] == [("NAILS", 5)]
    assert (order.total_amount, order.version) == (Decimal("34.00"), 2)


@pytest.mark.parametrize(
    ("operation", "code"),
    [
        (lambda order, c: services.add_line(order, c["hammer"], 1), "duplicate_item"),
        (lambda order, c: services.change_quantity(order, c["drill"], 1), "missing_item"),
        (lambda order, c: services.remove_line(order, c["drill"]), "missing_item"),
        (lambda order, c: services.add_line(order, c["drill"], 0), "quantity_range"),
        (lambda order, c: services.change_quantity(order, c["hammer"], 1000), "quantity_range"),
    ],
)
def test_bad_line_operations_are_refused(sa_session, make_customer, catalog, operation, code):
    order = services.create_order(sa_session, make_customer(), [(catalog["hammer"], 1)])
    sa_session.flush()
    with pytest.raises(DomainError) as error:
        operation(order, catalog)
    assert error.value.code == code


def test_an_inactive_item_cannot_be_ordered(sa_session, make_customer, catalog):
    catalog["drill"].active = False
    with pytest.raises(DomainError) as error:
        services.create_order(sa_session, make_customer(), [(catalog["drill"], 1)])
    assert error.value.code == "inactive_item"


def test_the_number_of_lines_is_bounded(sa_session, make_customer, make_item):
    items = [make_item(price=Decimal("1.00")) for _ in range(MAX_LINES_PER_ORDER + 1)]
    order = services.create_order(sa_session, make_customer(), [(i, 1) for i in items[:-1]])
    with pytest.raises(DomainError) as error:
        services.add_line(order, items[-1], 1)
    assert error.value.code == "too_many_lines"


def test_the_largest_order_still_fits_the_total_column(sa_session, make_customer, make_item):
    items = [make_item(price=Decimal("99999.99")) for _ in range(MAX_LINES_PER_ORDER)]
    order = services.create_order(sa_session, make_customer(), [(i, 999) for i in items])
    sa_session.flush()
    sa_session.expire_all()
    assert order.total_amount == Decimal("9989999001.00")


def test_recalculate_all_totals_fixes_only_wrong_totals(sa_session, make_customer, catalog):
    customer = make_customer()
    right = services.create_order(sa_session, customer, [(catalog["hammer"], 1)])
    wrong = services.create_order(sa_session, customer, [(catalog["nails"], 3)])
    discounted = services.create_order(
        sa_session, customer, [(catalog["drill"], 1)], discount_amount=Decimal("9.00")
    )
    empty = services.create_order(sa_session, customer, [])
    sa_session.flush()
    # Corrupt three totals behind the ORM's back.
    sa_session.execute(
        update(Order).where(Order.id != right.id).values(total_amount=Decimal("1.11"))
    )
    assert [o for o, *_ in services.wrong_totals(sa_session)] == [wrong.id, discounted.id, empty.id]
    assert services.recalculate_all_totals(sa_session) == 3
    rows = dict(sa_session.execute(select(Order.id, Order.total_amount)).all())
    assert rows == {
        right.id: Decimal("24.90"),
        wrong.id: Decimal("20.40"),
        discounted.id: Decimal("120.00"),
        empty.id: Decimal("0.00"),  # an order without lines gets 0
    }
    versions = dict(sa_session.execute(select(Order.id, Order.version)).all())
    assert versions == {right.id: 1, wrong.id: 2, discounted.id: 2, empty.id: 2}
    # loaded objects see the new values
    assert wrong.total_amount == Decimal("20.40")
    # and a second run finds nothing to fix
    assert services.recalculate_all_totals(sa_session) == 0
    assert services.wrong_totals(sa_session) == []


def test_recalculation_sums_many_lines_exactly(sa_session, make_customer, make_item):
    prices = ["0.10", "0.20", "0.30", "19.99", "0.01", "33.33", "66.67"]
    items = [make_item(price=Decimal(p)) for p in prices]
    order = services.create_order(sa_session, make_customer(), [(i, 7) for i in items])
    sa_session.flush()
    sa_session.execute(update(Order).values(total_amount=Decimal(0)))
    assert services.recalculate_all_totals(sa_session) == 1
    sa_session.expire_all()
    assert order.total_amount == sum(Decimal(p) * 7 for p in prices)


def test_cutoff_counts_days_in_time_zone():
    now = datetime(2026, 3, 10, 3, 30, tzinfo=UTC)  # still March 9th in Chicago
    cutoff = cutoff_for_days(2, now)
    assert cutoff == datetime(2026, 3, 7, 0, 0, tzinfo=CHICAGO)
    assert cutoff.tzinfo is UTC
    with override_settings(TIME_ZONE="UTC"):
        assert cutoff_for_days(2, now) == datetime(2026, 3, 8, tzinfo=UTC)


def test_cutoff_across_a_daylight_saving_change():
    # Chicago moved its clocks forward on 2026-03-08: local midnight is still midnight.
    now = datetime(2026, 3, 9, 12, 0, tzinfo=UTC)
    assert cutoff_for_days(1, now).astimezone(CHICAGO) == datetime(2026, 3, 8, tzinfo=CHICAGO)
    assert cutoff_for_days(0, now) - cutoff_for_days(1, now) == timedelta(hours=23)


@pytest.mark.parametrize("days", [-1, 1.5, "3", True])
def test_cutoff_refuses_bad_days(days):
    with pytest.raises(DomainError):
        cutoff_for_days(days)


@pytest.fixture
def dated_orders(sa_session, make_customer, catalog):
    """Orders around the cutoff of "older than 30 days" as of 2026-06-15 12:00 Chicago."""
    now = datetime(2026, 6, 15, 12, 0, tzinfo=CHICAGO)
    cutoff = datetime(2026, 5, 16, 0, 0, tzinfo=CHICAGO)
    customer = make_customer()
    made = {}
    for name, when, status in [
        ("old_shipped", cutoff - timedelta(days=3), OrderStatus.SHIPPED),
        ("old_cancelled", cutoff - timedelta(microseconds=1), OrderStatus.CANCELLED),
        ("old_pending", cutoff - timedelta(days=40), OrderStatus.PENDING),
        ("at_cutoff", cutoff, OrderStatus.SHIPPED),
        ("recent", now - timedelta(days=1), OrderStatus.CANCELLED),
    ]:
        made[name] = services.create_order(
            sa_session,
            customer,
            [(catalog["hammer"], 1), (catalog["nails"], 2)],
            order_date=when,
            status=status,
        )
    sa_session.flush()
    return now, made


def remaining(sa_session):
    sa_session.expire_all()
    return dict(sa_session.execute(select(Order.id, Order.status)).all())


def test_cancel_orders_older_than(sa_session, dated_orders):
    now, made = dated_orders
    assert services.cancel_orders_older_than(sa_session, 30, now=now) == 1
    statuses = remaining(sa_session)
    assert statuses[made["old_pending"].id] is OrderStatus.CANCELLED
    assert statuses[made["old_shipped"].id] is OrderStatus.SHIPPED
    assert made["old_pending"].version == 2


@pytest.mark.parametrize("batch_size", [1, 2, 1000])
def test_purge_deletes_old_orders_with_their_lines_in_batches(sa_session, dated_orders, batch_size):
    now, made = dated_orders
    deleted = services.purge_orders_older_than(sa_session, 30, batch_size=batch_size, now=now)
    assert deleted == 2
    left = remaining(sa_session)
    assert set(left) == {made[n].id for n in ("old_pending", "at_cutoff", "recent")}
    orphans = sa_session.scalar(
        select(func.count())
        .select_from(OrderItem)
        .where(OrderItem.order_id.not_in(select(Order.id)))
    )
    assert orphans == 0
    assert sa_session.scalar(select(func.count()).select_from(OrderItem)) == 6


def test_purge_with_chosen_statuses(sa_session, dated_orders):
    now, made = dated_orders
    deleted = services.purge_orders_older_than(
        sa_session, 30, statuses=[OrderStatus.PENDING], now=now
    )
    assert deleted == 1
    assert made["old_pending"].id not in remaining(sa_session)


def test_purge_refuses_a_zero_batch(sa_session):
    with pytest.raises(DomainError):
        services.purge_orders_older_than(sa_session, 30, batch_size=0)


def test_counts_in_one_query(sa_session, sa_queries, make_customer, catalog):
    services.create_order(sa_session, make_customer(), [(catalog["hammer"], 1)])
    sa_session.flush()
    sa_queries.statements.clear()
    assert services.counts(sa_session) == {"customers": 1, "items": 3, "orders": 1}
    assert len(sa_queries) == 1


def test_sql_and_python_agree_on_every_order_total(sa_session, make_customer, catalog):
    customer = make_customer()
    for quantity in range(1, 6):
        services.create_order(
            sa_session,
            customer,
            [(catalog["hammer"], quantity), (catalog["nails"], 6 - quantity)],
            discount_amount=Decimal("0.05") * quantity,
        )
    sa_session.flush()
    in_sql = dict(
        sa_session.execute(select(Order.id, Order.subtotal - Order.discount_amount)).all()
    )
    stored = dict(sa_session.execute(text("SELECT id, total_amount FROM sa_orders_order")).all())
    assert {k: Decimal(str(v)).quantize(Decimal("0.01")) for k, v in stored.items()} == {
        k: Decimal(str(v)).quantize(Decimal("0.01")) for k, v in in_sql.items()
    }
