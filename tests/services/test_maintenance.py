"""sa_orders.services.maintenance: set-based totals, and cancelling and purging old orders."""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select, update

from sa_orders import services
from sa_orders.exceptions import DomainError
from sa_orders.models import Order, OrderItem, OrderStatus

pytestmark = pytest.mark.django_db

CHICAGO = ZoneInfo("America/Chicago")  # the tests' TIME_ZONE


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
    before = dict(sa_session.execute(select(Order.id, Order.version)).all())
    assert before == {right.id: 1, wrong.id: 2, discounted.id: 2, empty.id: 2}  # a statement, too
    assert services.recalculate_all_totals(sa_session) == 3
    rows = dict(sa_session.execute(select(Order.id, Order.total_amount)).all())
    assert rows == {
        right.id: Decimal("24.90"),
        wrong.id: Decimal("20.40"),
        discounted.id: Decimal("120.00"),
        empty.id: Decimal("0.00"),  # an order without lines gets 0
    }
    versions = dict(sa_session.execute(select(Order.id, Order.version)).all())
    assert versions == {right.id: 1, wrong.id: 3, discounted.id: 3, empty.id: 3}
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
