"""Proof that the kept figures never drift: random mixes of every write path (page edits,
bulk actions, every command, imports, a host's own bulk statements, a new day for the
recent window), then every kept figure compared with a fresh computation, and the
dashboard's figures from what is kept compared with the same figures from the orders.

Each seed is one mix; a failure names the seed and the steps, so it can be replayed.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from sqlalchemy import delete, insert, select, update

from sa_orders import services
from sa_orders.models import (
    Customer,
    Item,
    Order,
    OrderItem,
    OrderStatus,
    can_become,
    statuses_before,
)
from sa_orders.services import kept, reports
from tests.helpers import admin_url, form_data, run_command

pytestmark = pytest.mark.django_db

SEEDS = range(8)
STEPS = 14
STATUSES = [status.value for status in OrderStatus]


class Mix:
    """One random mix of writes against the test database."""

    def __init__(self, seed, session, client):
        self.rng = random.Random(seed)
        self.session = session
        self.client = client
        self.today = timezone.localdate()
        self.done: list[str] = []

    # --- what there is -------------------------------------------------------------

    def ids(self, model):
        self.session.expire_all()
        return list(self.session.scalars(select(model.id).order_by(model.id)))

    def pick(self, model):
        ids = self.ids(model)
        return self.rng.choice(ids) if ids else None

    def some(self, model):
        ids = self.ids(model)
        return self.rng.sample(ids, self.rng.randint(1, len(ids))) if ids else []

    def moment(self):
        """A moment in the last 130 days, or a few in the future, to the microsecond."""
        offset = timedelta(days=self.rng.uniform(-130, 3))
        return datetime.now(UTC) + offset

    def ok(self, response):
        assert response.status_code < 500, response.content[:2000]

    # --- the pages -------------------------------------------------------------------

    def page_new_order(self):
        customer = self.session.get(Customer, self.pick(Customer))
        items = self.rng.sample(self.ids(Item), self.rng.randint(1, 3))
        data = {
            "customer": customer.email,
            "status": self.rng.choice(STATUSES),
            "discount_amount": self.rng.choice(["0", "1.50"]),
            "notes": "",
            "lines-TOTAL_FORMS": str(len(items)),
            "lines-INITIAL_FORMS": "0",
            "lines-MIN_NUM_FORMS": "0",
            "lines-MAX_NUM_FORMS": "100",
        }
        for index, item_id in enumerate(items):
            data[f"lines-{index}-item"] = f"#{item_id}"
            data[f"lines-{index}-quantity"] = str(self.rng.randint(1, 5))
        response = self.client.post(reverse("sa_orders:order_add"), data)
        assert response.status_code == 302, response.content[:3000]

    def page_edit_order(self):
        order = self.session.get(Order, self.pick(Order))
        if order is None:
            return
        url = admin_url("order_edit", order)
        data = form_data(self.client.get(url).content.decode())
        data["status"] = self.rng.choice(STATUSES)  # a move the workflow refuses is a 400
        if data.get("lines-0-quantity") and self.rng.random() < 0.7:
            data["lines-0-quantity"] = str(self.rng.randint(1, 9))
        if data.get("lines-1-quantity") and self.rng.random() < 0.3:
            data["lines-1-DELETE"] = "on"
        self.ok(self.client.post(url, data.urlencode(), content_type=FORM))

    def page_edit_customer(self):
        customer = self.session.get(Customer, self.pick(Customer))
        url = admin_url("customer_edit", customer)
        data = form_data(self.client.get(url).content.decode())
        data["name"] = f"Renamed {self.rng.randint(1, 999)}"
        self.ok(self.client.post(url, data.urlencode(), content_type=FORM))

    def page_delete(self):
        model, name = self.rng.choice([(Order, "order"), (Customer, "customer")])
        obj = self.session.get(model, self.pick(model))
        if obj is not None:
            self.ok(self.client.post(admin_url(f"{name}_delete", obj)))

    # --- bulk actions ----------------------------------------------------------------

    def bulk_status(self):
        data = {"action": f"mark_{self.rng.choice(STATUSES)}", "confirm": "1"}
        if self.rng.random() < 0.3:
            data["select_across"] = "1"
        else:
            data["_selected"] = [str(pk) for pk in self.some(Order)]
        self.ok(self.client.post(reverse("sa_orders:order_list"), data))

    def bulk_delete(self):
        model, name = self.rng.choice([(Order, "order"), (Customer, "customer")])
        ids = self.some(model)[:2]
        if ids:
            data = {"action": "delete_selected", "confirm": "1", "_selected": [str(i) for i in ids]}
            self.ok(self.client.post(reverse(f"sa_orders:{name}_list"), data))

    # --- commands and imports ----------------------------------------------------------

    def command(self):
        args = self.rng.choice(
            [
                ["sa_reprice", "--percent", str(self.rng.choice([-5, 3, 10]))],
                ["sa_discount", "--status", self.rng.choice(STATUSES)],
                ["sa_recalc_totals", "--batch-size", "3"],
                ["sa_recalc_totals", "--kept", "--batch-size", "2"],
                ["sa_purge_orders", "--older-than", str(self.rng.randint(30, 120)), "--yes"],
                ["sa_seed", "--customers", "3", "--items", "2", "--orders", "4",
                 "--seed", str(self.rng.randint(1, 10**6))],
            ]
        )  # fmt: skip
        self.done[-1] += f" {' '.join(args)}"
        run_command(*args)

    def import_customers(self):
        emails = list(self.session.scalars(select(Customer.email)))
        lines = ["email,name,phone"]
        for email in self.rng.sample(emails, min(2, len(emails))):
            lines.append(f"{email},Imported Again,555 01{self.rng.randint(10, 99)}")
        lines.append(f"new{self.rng.randint(1, 10**9)}@example.com,Imported New,")
        run_command("sa_import", "customers", "-", stdin="\n".join(lines) + "\n")

    # --- a host's own statements ----------------------------------------------------------

    def sql_insert_order(self):
        customer_id = self.pick(Customer)
        if customer_id is None:
            return
        result = self.session.execute(
            insert(Order).values(
                customer_id=customer_id,
                status=self.rng.choice(STATUSES),
                order_date=self.moment(),
                total_amount=Decimal(self.rng.randint(0, 9999)) / 100,
            )
        )
        order_id = result.inserted_primary_key[0]
        for item_id in self.rng.sample(self.ids(Item), self.rng.randint(0, 2)):
            self.session.execute(
                insert(OrderItem).values(
                    order_id=order_id, item_id=item_id, quantity=2, price_paid=Decimal("4.20")
                )
            )

    def sql_update_orders(self):
        ids = self.some(Order)
        values = self.rng.choice(
            [
                {"status": self.rng.choice(STATUSES)},
                {"order_date": self.moment()},
                {"customer_id": self.pick(Customer)},
                {"total_amount": Decimal("12.34"), "status": "paid"},
            ]
        )
        where = Order.id.in_(ids)
        if "status" in values:  # the orders that may move there (the database refuses others)
            status = OrderStatus(values["status"])
            where &= Order.status.in_([status, *statuses_before(status)])
        self.session.execute(update(Order).where(where).values(values))

    def sql_delete(self):
        model = self.rng.choice([Order, Customer, OrderItem])
        if model is OrderItem:
            ids = self.some(Order)[:3]
            self.session.execute(delete(OrderItem).where(OrderItem.order_id.in_(ids)))
        else:
            self.session.execute(delete(model).where(model.id.in_(self.some(model)[:2])))

    def orm_changes(self):
        order = self.session.get(Order, self.pick(Order))
        if order is None:
            return
        order.status = self.rng.choice([s for s in OrderStatus if can_become(order.status, s)])
        order.order_date = self.moment()
        if order.lines and self.rng.random() < 0.5:
            order.lines.pop()
        self.session.flush()

    def new_day(self):
        self.today += timedelta(days=self.rng.choice([0, 1, 1, 2, 40]))
        kept.move_recent_window(self.session, *kept.window_for(self.today))

    WRITES = [
        page_new_order, page_edit_order, page_edit_customer, page_delete, bulk_status,
        bulk_delete, command, command, import_customers, sql_insert_order, sql_update_orders,
        sql_delete, orm_changes, new_day,
    ]  # fmt: skip

    def run(self, steps):
        for _ in range(steps):
            step = self.rng.choice(self.WRITES)
            self.done.append(step.__name__)
            step(self)
            self.session.flush()


FORM = "application/x-www-form-urlencoded"


@pytest.fixture
def shop(sa_session, make_customer, make_item):
    rng = random.Random(0)
    customers = [make_customer(name=f"Shopper {n}") for n in range(6)]
    items = [make_item(price=Decimal(f"{n + 1}.25")) for n in range(5)]
    for _n in range(12):
        order = services.create_order(
            sa_session,
            rng.choice(customers),
            [(item, rng.randint(1, 4)) for item in rng.sample(items, rng.randint(1, 3))],
            status=rng.choice(STATUSES),
        )
        order.order_date = datetime.now(UTC) - timedelta(days=rng.uniform(0, 120))
    sa_session.flush()
    kept.move_recent_window(sa_session, *kept.window_for(timezone.localdate()))


@pytest.mark.parametrize("seed", SEEDS)
def test_random_writes_never_make_a_kept_figure_drift(seed, sa_session, sa_staff_client, shop):
    mix = Mix(seed, sa_session, sa_staff_client)
    mix.run(STEPS)
    sa_session.expire_all()
    assert kept.differences(sa_session) == [], mix.done

    # the dashboard's figures, from the kept rows and from the orders, for the window's day
    first = mix.today - timedelta(days=reports.DAYS - 1)
    for fresh in (False, True):
        assert reports.revenue_per_day(sa_session, today=mix.today, fresh=fresh) == (
            reports.revenue_per_day(sa_session, today=mix.today, fresh=not fresh)
        ), mix.done
    assert reports.top_customers(sa_session, first=first, last=mix.today) == (
        reports.top_customers(sa_session, first=first, last=mix.today, fresh=True)
    ), mix.done
    assert kept.current_window(sa_session) == kept.window_for(mix.today)
    assert reports.orders_by_status(sa_session) == reports.orders_by_status(
        sa_session, fresh=True
    ), mix.done
