"""The figures the database keeps (sa_orders.models.kept), after every kind of write: the
ORM's unit of work, the SQLAlchemy tutorial's bulk statements, cascades, and the recent
window moving. Each test ends by comparing every kept figure with a fresh computation."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import delete, func, insert, select, update

from sa_orders.models import (
    Customer,
    CustomerFigures,
    Order,
    OrderFigures,
    OrderItem,
    OrderStatus,
)
from sa_orders.models.kept import bucket_of, order_rollup, quarter_hour, status_counts
from sa_orders.services import kept
from sa_orders.services.orders import create_order, remove_line

pytestmark = pytest.mark.django_db

NOON = datetime(2026, 6, 1, 12, 7, tzinfo=UTC)


def assert_kept(session):
    session.flush()
    assert [str(d) for d in kept.differences(session)] == []


def figures(session, customer):
    return session.get(CustomerFigures, customer.id, populate_existing=True)


def lines_of(session, order):
    return session.get(OrderFigures, order.id, populate_existing=True).line_count


@pytest.fixture
def shop(sa_session, make_customer, make_item):
    ada, ben = make_customer(name="Ada"), make_customer(name="Ben")
    hammer, nails = make_item(price=Decimal("24.90")), make_item(price=Decimal("6.80"))
    return ada, ben, hammer, nails


def test_the_unit_of_work_keeps_every_figure(sa_session, shop):
    ada, ben, hammer, nails = shop
    order = create_order(sa_session, ada, [(hammer, 2), (nails, 1)])
    order.order_date = NOON
    order.status = OrderStatus.PAID
    sa_session.flush()
    assert figures(sa_session, ada).order_count == 1
    assert figures(sa_session, ben).order_count == 0
    assert lines_of(sa_session, order) == 2
    rollup = sa_session.execute(
        select(order_rollup.c.orders, order_rollup.c.revenue).where(
            order_rollup.c.bucket == bucket_of(NOON), order_rollup.c.status == "paid"
        )
    ).one()
    assert rollup == (1, Decimal("56.60"))
    assert_kept(sa_session)

    remove_line(order, nails)
    sa_session.flush()
    assert lines_of(sa_session, order) == 1
    order.customer = ben  # an order moved to another customer
    order.status = OrderStatus.SHIPPED
    sa_session.flush()
    assert (figures(sa_session, ada).order_count, figures(sa_session, ben).order_count) == (0, 1)
    assert_kept(sa_session)

    sa_session.delete(order)
    sa_session.flush()
    assert figures(sa_session, ben).order_count == 0
    assert_kept(sa_session)


def test_the_tutorials_bulk_statements_keep_them_too(sa_session, shop):
    ada, ben, hammer, nails = shop
    sa_session.execute(
        insert(Order),
        [
            {"customer_id": ada.id, "order_date": NOON, "status": "paid", "total_amount": 10},
            {"customer_id": ada.id, "order_date": NOON, "status": "pending"},
            {"customer_id": ben.id, "order_date": NOON - timedelta(days=3)},
        ],
    )
    ids = sa_session.scalars(select(Order.id).order_by(Order.id)).all()
    sa_session.execute(
        insert(OrderItem),
        [
            {"order_id": ids[0], "item_id": hammer.id, "quantity": 1, "price_paid": 10},
            {"order_id": ids[0], "item_id": nails.id, "quantity": 1, "price_paid": 1},
            {"order_id": ids[2], "item_id": nails.id, "quantity": 3, "price_paid": 1},
        ],
    )
    assert figures(sa_session, ada).order_count == 2
    assert [lines_of(sa_session, sa_session.get(Order, i)) for i in ids] == [2, 0, 1]
    assert_kept(sa_session)

    sa_session.execute(update(Order).where(Order.customer_id == ada.id).values(status="paid"))
    sa_session.execute(update(Order).where(Order.customer_id == ada.id).values(status="shipped"))
    sa_session.execute(update(Order).where(Order.id == ids[2]).values(customer_id=ada.id))
    sa_session.execute(update(Order).values(order_date=NOON + timedelta(hours=1)))
    assert_kept(sa_session)
    sa_session.execute(delete(OrderItem).where(OrderItem.item_id == nails.id))
    assert_kept(sa_session)


def test_statements_that_read_the_customers_they_count(sa_session, shop):
    """MariaDB refuses a trigger that writes a table its statement reads: the figures
    are in tables of their own, so a bulk action on the orders of a customer search
    works there too."""
    ada, ben, hammer, _nails = shop
    for customer in (ada, ben):
        create_order(sa_session, customer, [(hammer, 1)])
    sa_session.flush()
    by_name = Order.customer.has(Customer.name.icontains("ada"))
    sa_session.execute(update(Order).where(by_name).values(status="paid"))
    sa_session.execute(
        delete(OrderItem).where(OrderItem.order.has(Order.customer.has(Customer.name == "Ben")))
    )
    assert_kept(sa_session)
    sa_session.execute(delete(Order).where(by_name))
    assert figures(sa_session, ada).order_count == 0
    assert_kept(sa_session)


def test_deleting_a_customer_takes_its_orders_out_of_the_rollups(sa_session, shop):
    ada, ben, hammer, nails = shop
    for customer in (ada, ada, ben):
        order = create_order(sa_session, customer, [(hammer, 1), (nails, 2)])
        order.status = OrderStatus.SHIPPED
    sa_session.flush()
    sa_session.execute(delete(Customer).where(Customer.id == ada.id))  # ON DELETE CASCADE
    counts = dict(sa_session.execute(select(status_counts.c.status, status_counts.c.orders)).all())
    assert counts["shipped"] == 1
    assert_kept(sa_session)
    sa_session.expunge_all()
    sa_session.delete(sa_session.get(Customer, ben.id))  # the unit of work, passive deletes
    assert_kept(sa_session)
    assert sa_session.scalar(select(func.sum(order_rollup.c.orders))) == 0


def test_the_quarter_hour_is_the_same_in_python_and_in_the_database(sa_session, shop):
    moments = [
        datetime(1969, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
        datetime(1970, 1, 1, tzinfo=UTC),
        datetime(2026, 3, 29, 0, 59, 59, 999999, tzinfo=UTC),
        datetime(2026, 3, 29, 1, 0, tzinfo=UTC),
        NOON,
    ]
    ada = shop[0]
    for moment in moments:
        sa_session.add(Order(customer=ada, order_date=moment))
    sa_session.flush()
    got = sa_session.execute(
        select(Order.order_date, quarter_hour(Order.order_date)).order_by(Order.order_date)
    ).all()
    assert [(moment, bucket_of(moment)) for moment in moments] == [tuple(row) for row in got]
    assert_kept(sa_session)


def test_the_recent_window_moves_a_day_at_a_time(sa_session, shop):
    ada, ben, hammer, _nails = shop
    today = date(2026, 6, 30)
    starts, ends = kept.window_for(today)
    dates = [starts - timedelta(seconds=1), starts, ends - timedelta(seconds=1), ends]
    for moment in dates:
        order = create_order(sa_session, ada, [(hammer, 1)])
        order.order_date = moment
        order.status = OrderStatus.PAID
    sa_session.flush()
    assert kept.move_recent_window(sa_session, starts, ends)
    assert not kept.move_recent_window(sa_session, starts, ends)
    assert (figures(sa_session, ada).recent_orders, figures(sa_session, ada).recent_revenue) == (
        2,
        Decimal("49.80"),
    )
    assert_kept(sa_session)

    # a new order inside, one moved out, one cancelled: the triggers read the window
    inside = create_order(sa_session, ben, [(hammer, 2)])
    inside.order_date, inside.status = starts + timedelta(days=1), OrderStatus.SHIPPED
    sa_session.flush()
    assert figures(sa_session, ben).recent_revenue == Decimal("49.80")
    assert_kept(sa_session)

    for days in (1, 2, 30, 200, -1):  # the next days, a jump, and back
        kept.move_recent_window(sa_session, *kept.window_for(today + timedelta(days=days)))
        assert_kept(sa_session)


def test_rebuild_repairs_what_went_around_the_triggers(sa_session, shop):
    ada, _ben, hammer, nails = shop
    order = create_order(sa_session, ada, [(hammer, 1), (nails, 1)])
    order.status = OrderStatus.PAID
    sa_session.flush()
    kept.move_recent_window(sa_session, *kept.window_for(date.today()))
    sa_session.execute(update(CustomerFigures).values(order_count=7, recent_revenue=3))
    sa_session.execute(delete(OrderFigures))
    sa_session.execute(update(order_rollup).values(orders=order_rollup.c.orders + 1))
    sa_session.execute(delete(status_counts))
    assert len(kept.differences(sa_session)) == 7

    rebuilt = kept.rebuild(sa_session, batch_size=1)
    assert rebuilt == kept.Rebuilt(customers=2, orders=1, rollup=1, statuses=1)
    assert_kept(sa_session)
    assert kept.rebuild(sa_session) == kept.Rebuilt(0, 0, 0, 0)
