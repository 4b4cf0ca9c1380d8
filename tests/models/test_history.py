"""The history the database records (sa_orders.models.history): every write path leaves
a change per row with its values before and after, and who and where it came from."""

import importlib
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.management import CommandError
from sqlalchemy import delete, func, insert, select, update

from sa_orders.migrations import _0008_history_sql as frozen
from sa_orders.models import (
    Change,
    Customer,
    HistoryContext,
    Item,
    Order,
    OrderItem,
    OrderStatus,
    history_triggers,
)
from sa_orders.models.history import COMMAND, PAGE, Source, acting_as
from sa_orders.services import history
from sa_orders.services.orders import create_order
from tests.helpers import run_command

pytestmark = pytest.mark.django_db

altered = importlib.import_module("sa_orders.migrations.0009_history_update_plans")
ADA = Source(PAGE, "ada", 7, "/customers/1/edit/")


@pytest.fixture(autouse=True)
def _only_this_tests_changes(sa_session):
    """Changes committed by other tests (commands, transactional tests) are not ours."""
    global FIRST
    FIRST = sa_session.scalar(select(func.coalesce(func.max(Change.id), 0)))


FIRST = 0


def changes(session, table=None):
    session.flush()
    statement = select(Change).where(Change.id > FIRST).order_by(Change.id)
    if table is not None:
        statement = statement.where(Change.table_name == table)
    return list(session.scalars(statement))


def values(change, which):
    table = Change.metadata.tables[change.table_name]
    return history.decode(table, getattr(change, which))


def context_of(session, change):
    return None if change.context_id is None else session.get(HistoryContext, change.context_id)


def _lines(statements):
    return ["\n".join(line.rstrip() for line in sql.splitlines()) for sql in statements]


def _migrated(vendor):
    """The triggers of migration 0008 as migration 0009 altered them."""
    statements = list(frozen.TRIGGERS[vendor])
    for alter in altered.FORWARDS if vendor == "postgresql" else []:
        function = alter.split()[2]  # ALTER FUNCTION <name>() SET ...
        (index,) = [n for n, sql in enumerate(statements) if f"FUNCTION {function} " in sql]
        head, rest = statements[index].split("\n", 1)
        setting = alter.split(") ", 1)[1]
        statements[index] = head + "\n" + rest.replace(" AS $body$", f" {setting} AS $body$", 1)
    return statements


@pytest.mark.parametrize("vendor", ["postgresql", "mysql", "sqlite"])
def test_the_latest_migrations_froze_what_the_models_say(vendor):
    assert _lines(history_triggers.create_statements(vendor)) == _migrated(vendor)
    assert _lines(history_triggers.drop_statements(vendor)) == frozen.DROP_TRIGGERS[vendor]


@pytest.mark.backends("postgresql")
def test_the_update_functions_plan_without_nested_loops(sa_session):
    """After a statement of one row, a connection's next bulk statement keeps a hash join
    of its old and new rows (a nested loop over both made it quadratic)."""
    from sqlalchemy import text

    settings = dict(
        sa_session.execute(
            text("SELECT proname, proconfig FROM pg_proc WHERE proname LIKE '%_history_after_%'")
        ).all()
    )
    updates = {name: config for name, config in settings.items() if name.endswith("update")}
    own = {f"{tracked.name}_history_after_update" for tracked in history_triggers.own_tables()}
    assert own <= set(updates)  # and a host model's, made after migrate
    assert all("enable_nestloop=off" in config for config in updates.values())
    assert not any(
        "enable_nestloop=off" in config for name, config in settings.items() if name not in updates
    )


def test_the_unit_of_work_records_creations_changes_and_who(sa_session):
    with acting_as(ADA):
        customer = Customer(name="Ada", email="ada@example.com", phone="1")
        sa_session.add(customer)
        sa_session.flush()
        customer.name = "Ada Lovelace"
        sa_session.flush()
    created, changed = changes(sa_session, "sa_orders_customer")
    assert created.action == "create"
    assert created.before is None
    assert values(created, "after")["email"] == "ada@example.com"
    assert created.row_key == created.owner_key == str(customer.id)
    assert changed.action == "update"
    assert values(changed, "before") == {"name": "Ada"}
    assert values(changed, "after") == {"name": "Ada Lovelace"}
    assert changed.version == customer.version == 2
    context = context_of(sa_session, changed)
    assert (context.actor, context.user_id, context.kind, context.detail) == (
        "ada",
        7,
        PAGE,
        "/customers/1/edit/",
    )
    assert created.context_id == changed.context_id  # one transaction, one context


def test_an_update_that_changes_nothing_records_nothing(sa_session, make_customer):
    customer = make_customer(name="Same")
    before = len(changes(sa_session))
    sa_session.execute(
        update(Customer).where(Customer.id == customer.id).values(name="Same")
    )  # only the version and updated_at move
    assert len(changes(sa_session)) == before


def test_set_based_statements_are_recorded_row_by_row_with_their_source(sa_session, make_item):
    cheap, dear = make_item(price=Decimal("1.00")), make_item(price=Decimal("2.50"))
    reprice = Source(COMMAND, "sa_reprice --percent 10")
    with acting_as(reprice):
        sa_session.execute(
            update(Item).where(Item.id.in_([cheap.id, dear.id])).values(price=Item.price * 2)
        )
    updates = [c for c in changes(sa_session, "sa_orders_item") if c.action == "update"]
    assert [(values(c, "before")["price"], values(c, "after")["price"]) for c in updates] == [
        (Decimal("1.00"), Decimal("2.00")),
        (Decimal("2.50"), Decimal("5.00")),
    ]
    assert {context_of(sa_session, c).actor for c in updates} == {"sa_reprice --percent 10"}


def test_a_host_statement_without_a_source_is_code(sa_session):
    sa_session.execute(insert(Customer).values(name="Bulk", email="bulk@example.com"))
    (created,) = changes(sa_session, "sa_orders_customer")
    assert created.context_id is None


def test_deleting_a_customer_records_its_orders_and_lines_too(sa_session, make_customer, make_item):
    ada, hammer = make_customer(), make_item(price=Decimal("24.90"))
    order = create_order(sa_session, ada, [(hammer, 2)])
    order.status = OrderStatus.PAID
    sa_session.flush()
    sa_session.execute(delete(Customer).where(Customer.id == ada.id))
    deleted = {c.table_name: c for c in changes(sa_session) if c.action == "delete"}
    assert set(deleted) == {"sa_orders_customer", "sa_orders_order", "sa_orders_order_item"}
    line = deleted["sa_orders_order_item"]
    assert (line.owner_table, line.owner_key) == ("sa_orders_order", str(order.id))
    assert values(line, "before")["price_paid"] == Decimal("24.90")
    assert values(line, "before")["quantity"] == 2
    old_order = values(deleted["sa_orders_order"], "before")
    assert old_order["status"] == OrderStatus.PAID
    assert old_order["total_amount"] == Decimal("49.80")
    assert old_order["order_date"].tzinfo is not None


def test_an_order_line_is_shown_on_its_order(sa_session, make_customer, make_item):
    order = create_order(sa_session, make_customer(), [(make_item(), 1)])
    sa_session.flush()
    line = sa_session.scalars(select(OrderItem).where(OrderItem.order_id == order.id)).one()
    line.quantity = 3
    sa_session.flush()
    shown, more = history.page(
        sa_session, history.of_row("sa_orders_order", str(order.id)), size=10
    )
    assert not more
    assert {(c.table_name, c.action) for c in shown[:2]} == {
        ("sa_orders_order", "update"),  # the total followed the quantity
        ("sa_orders_order_item", "update"),
    }
    assert [c.id for c in shown] == sorted((c.id for c in shown), reverse=True)
    assert isinstance(sa_session.get(Order, order.id), Order)


def test_a_rolled_back_savepoint_takes_its_context_along(sa_session, make_customer):
    customer = make_customer()
    with acting_as(ADA):
        nested = sa_session.begin_nested()
        customer.phone = "111"
        sa_session.flush()
        nested.rollback()
        customer.phone = "222"
        sa_session.flush()
    (change,) = [c for c in changes(sa_session, "sa_orders_customer") if c.action == "update"]
    assert values(change, "after") == {"phone": "222"}
    assert context_of(sa_session, change).actor == "ada"


# --- retention ---------------------------------------------------------------------------


def _age(sa_session, days):
    """Make every change and context so far ``days`` days old."""
    moment = datetime.now(UTC) - timedelta(days=days)
    sa_session.execute(update(Change).where(Change.id > FIRST).values(at=moment))
    sa_session.execute(update(HistoryContext).values(at=moment))


def test_prune_history_deletes_what_is_older_and_keeps_the_rest(sa_session, make_customer):
    with acting_as(ADA):
        old = make_customer(name="Old")
    _age(sa_session, 40)
    with acting_as(Source(COMMAND, "recent")):
        make_customer(name="New")
    sa_session.flush()
    out, _ = run_command("sa_prune_history", "--older-than", "30", "--dry-run")
    assert "Would delete 1 changes" in out
    assert len(changes(sa_session)) == 2
    out, _ = run_command("sa_prune_history", "--older-than", "30", "--batch-size", "1")
    assert "Deleted 1 changes" in out
    left = changes(sa_session)
    assert [c.row_key for c in left] != [str(old.id)]
    assert len(left) == 1
    assert {c.actor for c in sa_session.scalars(select(HistoryContext))} >= {"recent"}
    assert "ada" not in {c.actor for c in sa_session.scalars(select(HistoryContext))}


def test_prune_history_takes_the_days_from_the_setting(sa_session, make_customer, settings):
    make_customer()
    _age(sa_session, 10)
    with pytest.raises(CommandError, match="HISTORY_RETENTION_DAYS"):
        run_command("sa_prune_history")
    settings.SA_ORDERS = {"HISTORY_RETENTION_DAYS": 5}
    out, _ = run_command("sa_prune_history")
    assert "Deleted 1 changes" in out
    with pytest.raises(CommandError, match="--older-than"):
        run_command("sa_prune_history", "--older-than", "-1")


def test_pruning_is_not_itself_recorded(sa_session, make_customer):
    make_customer()
    _age(sa_session, 10)
    before = sa_session.scalar(select(func.count()).select_from(HistoryContext))
    run_command("sa_prune_history", "--older-than", "1")
    after = sa_session.scalar(select(func.count()).select_from(HistoryContext))
    assert after <= before


# --- every command ------------------------------------------------------------------------


@pytest.fixture
def shop(sa_session, make_customer, make_item):
    """A customer with an old shipped order and a pending one whose total is wrong."""
    ada = make_customer(name="Ada")
    hammer = make_item(name="Hammer", price=Decimal("400.00"))
    old = create_order(sa_session, ada, [(hammer, 1)], status=OrderStatus.SHIPPED)
    old.order_date = datetime.now(UTC) - timedelta(days=400)
    pending = create_order(sa_session, ada, [(hammer, 2)])
    sa_session.flush()
    sa_session.execute(update(Order).where(Order.id == pending.id).values(total_amount=1))
    return old, pending


@pytest.mark.parametrize(
    ("args", "table", "action", "actor"),
    [
        (["sa_reprice", "--percent", "5"], "sa_orders_item", "update", "sa_reprice --percent=5"),
        (["sa_recalc_totals"], "sa_orders_order", "update", "sa_recalc_totals"),
        (["sa_discount"], "sa_orders_order", "update", "sa_discount"),
        (
            ["sa_purge_orders", "--older-than", "300", "--yes"],
            "sa_orders_order",
            "delete",
            "sa_purge_orders --older-than=300 --yes",
        ),
        (["sa_seed", "--customers", "2", "--items", "2", "--orders", "1"], "sa_orders_customer",
         "create", "sa_seed --customers=2 --items=2 --orders=1"),
    ],
)  # fmt: skip
def test_every_command_records_its_changes_as_its_command_line(
    sa_session, shop, args, table, action, actor
):
    start = sa_session.scalar(select(func.coalesce(func.max(Change.id), 0)))
    run_command(*args)
    sa_session.expire_all()
    found = list(
        sa_session.scalars(
            select(Change).where(
                Change.id > start, Change.table_name == table, Change.action == action
            )
        )
    )
    assert found, "the command changed nothing"
    contexts = {context_of(sa_session, change).actor for change in found}
    assert contexts == {actor}
    assert {context_of(sa_session, change).kind for change in found} == {COMMAND}


# --- what update_rows records itself is what the triggers record -------------------------


def test_a_set_based_update_records_what_the_triggers_would(sa_session, make_item):
    """MariaDB and SQLite record update_rows' changes with one INSERT ... SELECT (their
    row triggers muted); the rows must be those the triggers write for the same change."""
    from sa_orders.services import writes

    items = [make_item(price=Decimal(price), active=True) for price in ("1.00", "2.50", "3.00")]
    ids = [item.id for item in items]
    new = {"price": Item.price * 2, "active": False, "name": "Renamed"}
    with acting_as(ADA):
        writes.update_rows(sa_session, Item, Item.id.in_(ids[:2]), new)
        sa_session.execute(update(Item).where(Item.id == ids[2]).values(new))
    recorded = [c for c in changes(sa_session, "sa_orders_item") if c.action == "update"]
    assert len(recorded) == 3
    for change in recorded:
        assert (
            set(values(change, "before"))
            == set(values(change, "after"))
            == {
                "price",
                "active",
                "name",
            }
        )
        assert values(change, "after")["price"] == 2 * values(change, "before")["price"]
        assert values(change, "after")["active"] is False
        assert context_of(sa_session, change).actor == "ada"
        assert change.version == 2
    captured, triggered = recorded[0], recorded[2]
    assert (captured.owner_table, captured.row_key) == ("sa_orders_item", str(ids[0]))
    assert triggered.row_key == str(ids[2])
    # unchanged rows record nothing, either way
    writes.update_rows(sa_session, Item, Item.id.in_(ids), {"name": "Renamed"})
    assert len([c for c in changes(sa_session, "sa_orders_item") if c.action == "update"]) == 3
    # and the triggers are not left muted
    sa_session.execute(update(Item).where(Item.id == ids[0]).values(name="Again"))
    assert len([c for c in changes(sa_session, "sa_orders_item") if c.action == "update"]) == 4


def test_a_bulk_load_records_each_new_row_as_the_triggers_would(sa_session, make_customer):
    """sa_seed's path (writes.insert_rows): recorded set-based after the load on MariaDB
    and SQLite, by the triggers on PostgreSQL; the same rows either way."""
    from sa_orders.db import bulk
    from sa_orders.models import item_category
    from sa_orders.services import writes

    existing = make_customer(name="Before")
    first = bulk.next_id(sa_session.connection(), Customer.__table__)
    rows = [(first + n, f"Loaded {n}", f"loaded{n}@example.com") for n in range(3)]
    with acting_as(Source(COMMAND, "sa_seed")):
        writes.insert_rows(sa_session, Customer, ["id", "name", "email"], rows)
    bulk.sync_sequence(sa_session.connection(), Customer.__table__)  # explicit ids, as sa_seed
    created = [c for c in changes(sa_session, "sa_orders_customer") if c.action == "create"]
    assert [c.row_key for c in created] == [str(existing.id)] + [str(row[0]) for row in rows]
    loaded = created[1:]
    assert {context_of(sa_session, c).actor for c in loaded} == {"sa_seed"}
    assert [values(c, "after")["email"] for c in loaded] == [row[2] for row in rows]
    assert all(c.version == 1 for c in loaded)
    # links of rows that were there before: recorded by their keys
    from sa_orders.models import Category

    tools = Category(name="Tools")
    sa_session.add(tools)
    sa_session.flush()
    item = Item(sku="X-1", name="X", price=Decimal("1.00"))
    sa_session.add(item)
    sa_session.flush()
    writes.insert_rows(sa_session, item_category, ["item_id", "category_id"], [(item.id, tools.id)])
    (link,) = [c for c in changes(sa_session, "sa_orders_item_category")]
    assert (link.action, link.owner_table, link.owner_key) == (
        "create",
        "sa_orders_item",
        str(item.id),
    )
    assert values(link, "after") == {"item_id": item.id, "category_id": tools.id}
    # and the insert triggers are not left muted
    sa_session.add(Customer(name="After", email="after@example.com"))
    assert len([c for c in changes(sa_session, "sa_orders_customer") if c.action == "create"]) == 5
