"""sa_orders.services.writes: the one place set-based statements get their version and
updated_at, on every backend."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from sa_orders import services
from sa_orders.models import Base, Customer, Item, Order, OrderStatus
from sa_orders.services import writes

pytestmark = pytest.mark.django_db

LONG_AGO = datetime(2020, 1, 1, tzinfo=UTC)


def state(session, model, *columns):
    session.expire_all()
    return session.execute(select(model.id, *columns).order_by(model.id)).all()


def test_the_stamp_is_the_version_and_the_time():
    moment = datetime(2026, 5, 1, tzinfo=UTC)
    values = writes.stamp(Item, now=moment)
    assert sorted(values) == ["updated_at", "version"]  # the columns' onupdate
    assert str(values["version"]) == "sa_orders_item.version + 1"
    assert values["updated_at"] == moment


def test_a_class_without_a_version_or_timestamps_gets_no_stamp():
    from tests.hostapp.models import Supplier

    assert writes.stamp(Supplier) == {}


def test_update_rows_changes_only_rows_that_differ(sa_session, make_item):
    cheap = make_item(price=Decimal("1.00"), updated_at=LONG_AGO)
    already = make_item(price=Decimal("2.00"), updated_at=LONG_AGO)
    other = make_item(price=Decimal("3.00"), updated_at=LONG_AGO)
    changed = writes.update_rows(
        sa_session, Item, Item.id.in_([cheap.id, already.id]), {"price": Decimal("2.00")}
    )
    assert changed == 1
    rows = {
        pk: (price, version, at)
        for pk, price, version, at in state(
            sa_session, Item, Item.price, Item.version, Item.updated_at
        )
    }
    assert rows[cheap.id][:2] == (Decimal("2.00"), 2)
    assert rows[cheap.id][2] > LONG_AGO
    assert rows[already.id] == (Decimal("2.00"), 1, LONG_AGO)  # had the value: untouched
    assert rows[other.id] == (Decimal("3.00"), 1, LONG_AGO)


def test_update_rows_makes_loaded_objects_forget_what_it_changed(sa_session, make_item):
    item = make_item(price=Decimal("1.00"))
    writes.update_rows(sa_session, Item, Item.id == item.id, {"price": Decimal("5.00")})
    assert item.price == Decimal("5.00")  # reloaded, not the stale value
    assert item.version == 2


def test_touch_rows_only_stamps(sa_session, make_item):
    item = make_item(updated_at=LONG_AGO)
    other = make_item(updated_at=LONG_AGO)
    assert writes.touch_rows(sa_session, Item, Item.id == item.id) == 1
    assert item.version == 2
    assert item.updated_at > LONG_AGO
    assert (other.version, other.updated_at) == (1, LONG_AGO)
    with pytest.raises(ValueError, match="touch_rows"):
        writes.update_rows(sa_session, Item, Item.id == item.id, {})


def test_delete_rows_keeps_what_other_rows_restrict(sa_session, make_customer, make_item):
    sold, unsold = make_item(), make_item()
    services.create_order(sa_session, make_customer(), [(sold, 1)])
    sa_session.flush()
    result = writes.delete_rows(
        sa_session, Item, Item.id.in_([sold.id, unsold.id]), [Base.metadata]
    )
    assert result == writes.Deleted(deleted=1, kept=1)
    assert [pk for (pk,) in state(sa_session, Item)] == [sold.id]


def test_upsert_rows_leaves_an_unchanged_row_alone(sa_session, make_customer):
    """What protects a row that changed between an import's SELECT and its upsert."""
    ada = make_customer(name="Ada Lovelace", email="ada@example.com", updated_at=LONG_AGO)
    same = {"email": "ada@example.com", "name": "Ada Lovelace", "phone": None}
    new = {"email": "zoe@example.com", "name": "Zoë", "phone": None}
    writes.upsert_rows(sa_session, Customer, "email", [same, new])
    rows = state(sa_session, Customer, Customer.email, Customer.version, Customer.updated_at)
    assert rows[0] == (ada.id, "ada@example.com", 1, LONG_AGO)
    assert rows[1][1:3] == ("zoe@example.com", 1)
    changed = {"email": "ada@example.com", "name": "Ada King", "phone": None}
    writes.upsert_rows(sa_session, Customer, "email", [changed])
    rows = state(sa_session, Customer, Customer.name, Customer.version, Customer.updated_at)
    assert rows[0][1:3] == ("Ada King", 2)
    assert rows[0][3] > LONG_AGO


def test_insert_rows_sets_the_timestamps_the_columns_leave_out(sa_session):
    moment = datetime(2026, 2, 3, 4, 5, tzinfo=UTC)
    count = writes.insert_rows(
        sa_session,
        Customer,
        ["id", "name", "email"],
        [(901, "Bulk One", "one@example.com"), (902, "Bulk Two", "two@example.com")],
        now=moment,
    )
    assert count == 2
    rows = state(sa_session, Customer, Customer.created_at, Customer.updated_at, Customer.version)
    assert rows == [(901, moment, moment, 1), (902, moment, moment, 1)]


def test_insert_rows_keeps_timestamps_it_is_given(sa_session, make_customer, make_item):
    customer = make_customer()
    dated = datetime(2025, 6, 7, tzinfo=UTC)
    writes.insert_rows(
        sa_session,
        Order,
        [
            "id",
            "customer_id",
            "order_date",
            "status",
            "discount_amount",
            "total_amount",
            "created_at",
            "updated_at",
        ],
        [(77, customer.id, dated, OrderStatus.PAID, Decimal("0"), Decimal("0"), dated, dated)],
        now=dated + timedelta(days=9),
    )
    assert state(sa_session, Order, Order.created_at, Order.updated_at) == [(77, dated, dated)]
