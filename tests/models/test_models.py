"""The order domain: cascades, orphan removal, RESTRICT, constraints, events, hybrids."""

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import delete, insert, inspect, select, text, update
from sqlalchemy.exc import IntegrityError

from sa_orders import services
from sa_orders.db.types import utcnow
from sa_orders.exceptions import DomainError
from sa_orders.models import (
    Category,
    Customer,
    Item,
    Order,
    OrderItem,
    OrderStatus,
)
from tests.helpers import row_count

pytestmark = pytest.mark.django_db


@pytest.fixture
def order(sa_session, make_customer, make_item):
    customer = make_customer()
    hammer = make_item(sku="HAMMER", price=Decimal("24.90"))
    nails = make_item(sku="NAILS", price=Decimal("6.80"))
    created = services.create_order(sa_session, customer, [(hammer, 1), (nails, 3)])
    sa_session.flush()
    return created


# --- customers ----------------------------------------------------------------------


def test_customer_email_is_stored_lower_case_and_unique(sa_session, make_customer):
    customer = make_customer(email="  Ada.Lovelace@Example.COM ")
    assert customer.email == "ada.lovelace@example.com"
    sa_session.add(Customer(name="Another Ada", email="ADA.LOVELACE@example.com"))
    with pytest.raises(IntegrityError):
        sa_session.flush()
    sa_session.rollback()
    assert row_count(sa_session, Customer) == 0  # the rollback took the first one too


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("email", "not-an-email", "invalid"),
        ("name", "   ", "required"),
        ("name", "x" * 201, "max_length"),
        ("phone", "1" * 33, "max_length"),
    ],
)
def test_customer_validation_names_the_field(field, value, code):
    with pytest.raises(DomainError) as error:
        Customer(**{"name": "Valid", "email": "valid@example.com", field: value})
    assert (error.value.field, error.value.code) == (field, code)


def test_empty_phone_is_stored_as_null(make_customer):
    assert make_customer(phone="  ").phone is None


def test_timestamps_and_version_are_kept(sa_session, make_customer):
    customer = make_customer()
    assert customer.version == 1
    assert customer.created_at.tzinfo is not None
    assert customer.updated_at == customer.created_at
    first_update = customer.updated_at
    customer.name = "Renamed"
    sa_session.flush()
    assert customer.version == 2
    assert customer.updated_at > first_update
    assert customer.created_at < customer.updated_at


def test_an_unchanged_flush_does_not_bump_the_version(sa_session, make_customer):
    customer = make_customer()
    customer.name = customer.name  # no net change
    sa_session.flush()
    assert customer.version == 1


# --- catalog ------------------------------------------------------------------------


def test_sku_is_trimmed_and_upper_case(make_item):
    assert make_item(sku="  ab-12 ").sku == "AB-12"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (Decimal("-0.01"), "min_value"),
        (Decimal("100000.00"), "max_value"),
        ("twelve", "invalid"),
        ([12.5], "invalid"),  # neither a number nor a text of one
    ],
)
def test_item_price_is_checked(value, code):
    with pytest.raises(DomainError) as error:
        Item(sku="X", name="X", price=value)
    assert (error.value.field, error.value.code) == ("price", code)


def test_item_price_is_rounded_half_up_to_cents(make_item):
    assert make_item(price=Decimal("2.675")).price == Decimal("2.68")
    assert make_item(price="0.005").price == Decimal("0.01")


def test_category_tree_and_paths(make_category):
    garden = make_category("Garden")
    seeds = make_category("Seeds", parent=garden)
    assert seeds.path == "Garden/Seeds"
    assert garden.children == [seeds]


def test_category_names_are_unique_among_siblings_only(sa_session, make_category):
    garden, kitchen = make_category("Garden"), make_category("Kitchen")
    make_category("Tools", parent=garden)
    make_category("Tools", parent=kitchen)  # a cousin may share the name
    sa_session.add(Category(name="Tools", parent=garden))
    with pytest.raises(IntegrityError):
        sa_session.flush()


def test_two_roots_cannot_share_a_name(sa_session, make_category):
    make_category("Garden")
    sa_session.add(Category(name="Garden"))
    with pytest.raises(IntegrityError):
        sa_session.flush()


def test_category_name_cannot_contain_a_slash():
    with pytest.raises(DomainError, match="/"):
        Category(name="Indoor/Outdoor")


def test_a_category_cannot_be_moved_under_itself(sa_session, make_category):
    root = make_category("Root")
    child = make_category("Child", parent=root)
    grandchild = make_category("Grandchild", parent=child)
    with pytest.raises(DomainError) as error:
        root.parent = grandchild
    assert error.value.code == "cycle"
    with pytest.raises(DomainError):
        root.parent = root


def test_a_cycle_made_through_parent_id_is_refused_at_flush(sa_session, make_category):
    root = make_category("Root")
    child = make_category("Child", parent=root)
    root.parent_id = child.id
    with pytest.raises(DomainError) as error:
        sa_session.flush()
    assert error.value.code == "cycle"


def test_deleting_a_category_moves_its_children_to_its_parent(sa_session, make_category):
    garden = make_category("Garden")
    watering = make_category("Watering", parent=garden)
    hoses = make_category("Hoses", parent=watering)
    cans = make_category("Cans", parent=watering)
    sa_session.delete(watering)
    sa_session.flush()
    sa_session.expire_all()
    assert {child.name for child in garden.children} == {"Hoses", "Cans"}
    assert hoses.parent is garden
    assert cans.parent is garden


def test_deleting_a_root_category_makes_its_children_roots(sa_session, make_category):
    garden = make_category("Garden")
    seeds = make_category("Seeds", parent=garden)
    sa_session.delete(garden)
    sa_session.flush()
    sa_session.expire_all()
    assert seeds.parent_id is None


def test_items_and_categories_are_many_to_many(sa_session, make_item, make_category):
    tools, garden = make_category("Tools"), make_category("Garden")
    spade = make_item(sku="SPADE", categories=[tools, garden])
    sa_session.expire_all()
    assert {c.name for c in spade.categories} == {"Tools", "Garden"}
    assert [item.sku for item in garden.items] == ["SPADE"]
    sa_session.delete(garden)
    sa_session.flush()
    sa_session.expire_all()
    assert [c.name for c in spade.categories] == ["Tools"]


# --- orders -------------------------------------------------------------------------


def test_order_defaults(order):
    assert order.status is OrderStatus.PENDING
    assert order.discount_amount == Decimal("0.00")
    assert order.order_date.tzinfo is not None
    assert order.version == 1


def test_line_total_hybrid_in_python_and_sql(sa_session, order):
    assert [line.line_total for line in order.lines] == [Decimal("24.90"), Decimal("20.40")]
    totals = sa_session.scalars(
        select(OrderItem.line_total)
        .where(OrderItem.order_id == order.id)
        .order_by(OrderItem.item_id)
    ).all()
    assert totals == [Decimal("24.90"), Decimal("20.40")]


def test_subtotal_hybrid_in_python_and_sql(sa_session, order, make_customer):
    empty = Order(customer=make_customer())
    sa_session.add(empty)
    sa_session.flush()
    assert order.subtotal == Decimal("45.30")
    rows = dict(sa_session.execute(select(Order.id, Order.subtotal)).all())
    assert rows == {order.id: Decimal("45.30"), empty.id: Decimal("0.00")}
    big = sa_session.scalars(select(Order.id).where(Order.subtotal > Decimal("45"))).all()
    assert big == [order.id]


def test_total_is_recomputed_when_lines_change(sa_session, order):
    assert order.total_amount == Decimal("45.30")
    order.lines[1].quantity = 1  # changed directly, not through a service
    sa_session.flush()
    assert order.total_amount == Decimal("31.70")
    order.discount_amount = Decimal("1.70")
    sa_session.flush()
    assert order.total_amount == Decimal("30.00")
    sa_session.expire_all()
    assert order.total_amount == Decimal("30.00")


def test_a_total_given_as_input_is_ignored(sa_session, order):
    order.total_amount = Decimal("0.01")
    sa_session.flush()
    assert order.total_amount == Decimal("45.30")


def test_a_discount_larger_than_the_subtotal_gives_zero(sa_session, order):
    order.discount_amount = Decimal("100.00")
    sa_session.flush()
    assert order.total_amount == Decimal("0.00")


def test_any_change_to_the_lines_bumps_the_order_version(sa_session, order):
    first, second = order.lines
    first.quantity, second.quantity = 1, 3  # the values they already have
    sa_session.flush()
    assert order.version == 1
    second.quantity = 2
    sa_session.flush()
    assert order.version == 2
    order.lines.remove(second)
    sa_session.flush()
    assert order.version == 3
    assert order.total_amount == Decimal("24.90")


def test_a_line_change_that_keeps_the_total_still_bumps_the_version(
    sa_session, make_customer, make_item
):
    one, two = make_item(price=Decimal("2.00")), make_item(price=Decimal("2.00"))
    order = services.create_order(sa_session, make_customer(), [(one, 1), (two, 2)])
    sa_session.flush()
    order.lines[0].quantity, order.lines[1].quantity = 2, 1  # same total, 6.00
    sa_session.flush()
    assert (order.total_amount, order.version) == (Decimal("6.00"), 2)


def test_orphan_removal_deletes_the_line(sa_session, order):
    line = order.lines[0]
    order.lines.remove(line)
    sa_session.flush()
    assert inspect(line).deleted or inspect(line).detached
    assert row_count(sa_session, OrderItem) == 1


def test_line_item_cannot_be_changed_once_saved(sa_session, order, make_item):
    with pytest.raises(DomainError) as error:
        order.lines[0].item = make_item()
    assert error.value.code == "item_locked"


@pytest.mark.parametrize(
    ("quantity", "code"),
    [(0, "quantity_range"), (-1, "quantity_range"), (1000, "quantity_range"), ("many", "invalid")],
)
def test_line_quantity_is_checked(make_item, quantity, code):
    with pytest.raises(DomainError) as error:
        OrderItem(item=make_item(), quantity=quantity)
    assert (error.value.field, error.value.code) == ("quantity", code)


def test_unknown_status_is_refused(order):
    with pytest.raises(DomainError) as error:
        order.status = "lost"
    assert error.value.field == "status"
    order.status = "paid"
    assert order.status is OrderStatus.PAID


# --- cascades and restrictions ------------------------------------------------------


def test_deleting_a_customer_deletes_its_orders_and_lines(sa_session, order):
    sa_session.delete(order.customer)
    sa_session.flush()
    assert (row_count(sa_session, Order), row_count(sa_session, OrderItem)) == (0, 0)


def test_a_bulk_delete_of_customers_leaves_no_orphans(sa_session, order):
    # ON DELETE CASCADE in the database, not only in the ORM
    sa_session.execute(delete(Customer))
    assert (row_count(sa_session, Order), row_count(sa_session, OrderItem)) == (0, 0)


def test_a_bulk_delete_of_orders_takes_their_lines(sa_session, order):
    sa_session.execute(delete(Order).where(Order.id == order.id))
    assert row_count(sa_session, OrderItem) == 0


def test_an_item_on_order_lines_cannot_be_deleted_but_can_be_deactivated(sa_session, order):
    hammer = order.lines[0].item
    assert [line.order_id for line in hammer.order_lines] == [order.id]
    with sa_session.begin_nested():
        sa_session.delete(hammer)
        with pytest.raises(IntegrityError):
            sa_session.flush()
    assert row_count(sa_session, Item) == 2
    hammer.active = False
    sa_session.flush()
    assert sa_session.scalar(select(Item.active).where(Item.id == hammer.id)) is False


def test_an_item_without_lines_can_be_deleted(sa_session, make_item):
    item = make_item()
    sa_session.delete(item)
    sa_session.flush()
    assert row_count(sa_session, Item) == 0


# --- constraints in the database ----------------------------------------------------


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE sa_orders_order_item SET quantity = 0",
        "UPDATE sa_orders_order_item SET quantity = 1000",
        "UPDATE sa_orders_order_item SET price_paid = -1",
        "UPDATE sa_orders_item SET price = 100000",
        "UPDATE sa_orders_order SET status = 'lost'",
        "UPDATE sa_orders_order SET discount_amount = -5",
        "UPDATE sa_orders_order SET total_amount = -0.01",
        "UPDATE sa_orders_customer SET name = ''",
        "UPDATE sa_orders_item SET sku = ''",
    ],
)
def test_check_constraints_refuse_bad_rows_and_write_nothing(sa_session, order, statement):
    before = sa_session.execute(
        text("SELECT quantity, price_paid FROM sa_orders_order_item ORDER BY item_id")
    ).all()
    with pytest.raises(IntegrityError), sa_session.begin_nested():
        sa_session.execute(text(statement))
    after = sa_session.execute(
        text("SELECT quantity, price_paid FROM sa_orders_order_item ORDER BY item_id")
    ).all()
    assert before == after
    assert sa_session.scalar(text("SELECT status FROM sa_orders_order")) == "pending"


def test_an_order_line_for_an_unknown_item_is_refused(sa_session, order):
    with pytest.raises(IntegrityError), sa_session.begin_nested():
        sa_session.execute(
            insert(OrderItem).values(
                order_id=order.id, item_id=999_999, quantity=1, price_paid=Decimal(1)
            )
        )
    assert row_count(sa_session, OrderItem) == 2


def test_bulk_statements_set_their_own_timestamps(sa_session, order):
    later = utcnow() + timedelta(seconds=5)
    sa_session.execute(
        update(Order)
        .where(Order.id == order.id)
        .values(status=OrderStatus.PAID, version=Order.version + 1, updated_at=later)
    )
    sa_session.expire_all()
    assert (order.status, order.version, order.updated_at) == (OrderStatus.PAID, 2, later)
