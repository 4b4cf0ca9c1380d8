"""The status workflow: pending -> paid -> shipped, and pending or paid -> cancelled; nothing
else, for the model, the services, the bulk actions, the order form, the import and the
revert of a change."""

import importlib
from datetime import timedelta
from decimal import Decimal
from itertools import product

import pytest
from django.urls import reverse
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from sa_orders import services
from sa_orders.db.types import utcnow
from sa_orders.exceptions import DomainError
from sa_orders.models import Change, Order, OrderStatus, can_become, status_triggers
from sa_orders.services.orders import change_status_where
from tests.helpers import messages_of, run_command

pytestmark = pytest.mark.django_db

P, A, S, C = OrderStatus.PENDING, OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.CANCELLED
ALLOWED = {(P, A), (P, C), (A, S), (A, C)}
ORDERS = reverse("sa_orders:order_list")
frozen = importlib.import_module("sa_orders.migrations._0010_status_workflow_sql")


@pytest.fixture
def order_in(sa_session, make_customer, catalog):
    customer = make_customer(email="ada@example.com")

    def make(status):
        order = services.create_order(sa_session, customer, [(catalog["nails"], 1)], status=status)
        sa_session.flush()
        return order

    return make


@pytest.mark.parametrize(("current", "new"), list(product(OrderStatus, repeat=2)))
def test_the_model_allows_exactly_the_workflows_moves(sa_session, order_in, current, new):
    order = order_in(current)
    allowed = current == new or (current, new) in ALLOWED
    assert can_become(current, new) is allowed
    sa_session.expire(order)  # the stored status is loaded before it is checked
    if allowed:
        order.status = new
        sa_session.flush()
        return
    with pytest.raises(DomainError) as refused:
        order.status = new
    assert refused.value.field == "status"
    assert refused.value.message.startswith(f"A {current.value} order cannot")


def test_a_new_order_starts_in_any_status_and_moves_from_the_stored_one(sa_session, order_in):
    order = order_in(S)  # an old order, imported
    assert order.status is S
    order = order_in(P)
    order.status = A
    order.status = C  # paid -> cancelled is allowed, and so is pending -> cancelled
    sa_session.flush()
    with pytest.raises(DomainError, match="A cancelled order cannot change its status"):
        order.status = P


def test_the_set_based_change_skips_and_counts_what_the_workflow_refuses(sa_session, order_in):
    made = [order_in(status) for status in (P, P, A, S, C, C)]
    versions = {order.id: order.version for order in made}
    ids = [order.id for order in made]
    change = change_status_where(sa_session, Order.id.in_(ids), S)
    assert (change.changed, change.skipped) == (1, {P: 2, C: 2})
    assert change.reasons() == [
        "2 orders skipped: A pending order cannot become shipped; it can become paid or cancelled.",
        "2 orders skipped: A cancelled order cannot change its status.",
    ]
    sa_session.expire_all()
    after = {order.id: (order.status, order.version) for order in made}
    assert after[made[2].id] == (S, versions[made[2].id] + 1)
    assert after[made[0].id] == (P, versions[made[0].id])
    assert after[made[4].id] == (C, versions[made[4].id])


def test_cancelling_old_orders_leaves_shipped_ones(sa_session, order_in):
    old = [order_in(status) for status in (P, A, S)]
    for order in old:
        order.order_date = utcnow() - timedelta(days=400)
    sa_session.flush()
    cancelled = services.cancel_orders_older_than(sa_session, 300, statuses=[P, A, S])
    assert cancelled == 2
    sa_session.expire_all()
    assert [order.status for order in old] == [C, C, S]


def test_a_cancelled_order_cannot_be_bulk_shipped_nor_count_as_revenue(
    sa_staff_client, sa_session, order_in
):
    cancelled, paid = order_in(C), order_in(A)
    response = sa_staff_client.post(
        ORDERS,
        {"action": "mark_shipped", "_selected": [str(cancelled.id), str(paid.id)], "confirm": "1"},
    )
    assert response.status_code == 302
    assert messages_of(response) == [
        "1 order marked as shipped. 1 order skipped: A cancelled order cannot change its status."
    ]
    sa_session.expire_all()
    assert (cancelled.status, paid.status) == (C, S)  # so the revenue keeps it out


def test_the_order_form_offers_the_moves_the_workflow_allows(sa_staff_client, sa_session, order_in):
    order = order_in(A)
    url = reverse("sa_orders:order_edit", args=[order.id])
    html = sa_staff_client.get(url).content.decode()
    offered = [status.value for status in OrderStatus if f'<option value="{status.value}"' in html]
    assert offered == ["paid", "shipped", "cancelled"]
    page = sa_staff_client.get(url)
    data = {key: value for key, value in page.context["form"].initial.items() if value is not None}
    form = page.context["form"]
    post = {name: form[name].value() or "" for name in form.fields}
    post.update({f"initial-{name}": form[name].value() or "" for name in form.fields})
    post["status"] = "pending"
    formset = page.context["formsets"][0]
    post.update(
        {
            f"{formset.prefix}-{key}": value
            for key, value in {"TOTAL_FORMS": "0", "INITIAL_FORMS": "0"}.items()
        }
    )
    assert data  # the form has its order's values
    response = sa_staff_client.post(url, post)
    assert response.status_code == 400
    assert "A paid order cannot become pending; it can become shipped or cancelled." in (
        response.content.decode()
    )
    sa_session.expire_all()
    assert order.status is A


def test_an_import_cannot_move_an_order_back(sa_session, order_in):
    order = order_in(S)
    text = f"id,customer.email,status,lines\n{order.id},ada@example.com,paid,1 x NAILS\n"
    with pytest.raises(Exception, match="line 2, field status: A shipped order cannot change"):
        run_command("sa_import", "orders", "-", stdin=text)


def test_reverting_a_status_change_that_the_workflow_refuses_is_a_form_error(
    sa_staff_client, sa_session, order_in
):
    order = order_in(P)
    order.status = A
    sa_session.flush()
    change = sa_session.scalars(
        select(Change)
        .where(Change.table_name == "sa_orders_order", Change.action == "update")
        .order_by(Change.id.desc())
    ).first()
    url = reverse("sa_orders:order_revert", args=[order.id, change.id])
    page = sa_staff_client.get(url)
    assert page.status_code == 200
    assert "A paid order cannot become pending" in page.content.decode()
    assert sa_session.scalar(select(func.count()).select_from(Order).where(Order.status == A))


def test_discounts_still_apply_to_any_status(sa_session, order_in):
    order = order_in(S)
    order.discount_amount = Decimal("1.00")
    sa_session.flush()


# --- the database keeps the workflow for every other statement ------------------------


@pytest.mark.parametrize("vendor", ["postgresql", "mysql", "sqlite"])
def test_the_migration_froze_what_the_models_say(vendor):
    assert status_triggers.create_statements(vendor) == frozen.TRIGGERS[vendor]
    assert status_triggers.drop_statements(vendor) == frozen.DROP_TRIGGERS[vendor]


def test_a_hosts_own_statement_cannot_move_an_order_where_the_workflow_does_not_go(
    sa_session, order_in
):
    shipped, pending = order_in(S), order_in(P)
    refused = pytest.raises(IntegrityError, match="the status of an order cannot change so")
    with refused, sa_session.begin_nested():
        sa_session.execute(update(Order).where(Order.id == shipped.id).values(status="paid"))
    # a statement over both: nothing of it stays
    with pytest.raises(IntegrityError), sa_session.begin_nested():
        sa_session.execute(
            update(Order).where(Order.id.in_([shipped.id, pending.id])).values(status="cancelled")
        )
    # allowed moves, and other columns of any order, are fine
    sa_session.execute(update(Order).where(Order.id == pending.id).values(status="paid"))
    sa_session.execute(update(Order).where(Order.id == shipped.id).values(notes="Left at 9"))
    sa_session.expire_all()
    assert (shipped.status, shipped.notes, pending.status) == (S, "Left at 9", A)
