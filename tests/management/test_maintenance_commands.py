"""sa_reprice, sa_discount, sa_recalc_totals and sa_purge_orders: exact effects, dry runs,
bad input, batches that fail, and forms opened before a command ran."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.management import CommandError
from django.urls import reverse
from sqlalchemy import delete, func, select, update

from sa_orders import services
from sa_orders.db.types import utcnow
from sa_orders.management.commands import sa_purge_orders
from sa_orders.models import CustomerFigures, Item, Order, OrderFigures, OrderItem, OrderStatus
from sa_orders.models.kept import status_counts
from sa_orders.services import kept, maintenance
from sa_orders.services.calendar import cutoff_for_days
from tests.helpers import form_data, run_command

pytestmark = pytest.mark.django_db


def output(*args):
    """A command's standard output and error, together."""
    return "".join(run_command(*args))


def prices(session):
    session.expire_all()
    return dict(session.execute(select(Item.sku, Item.price)).all())


def versions(session, model, key):
    session.expire_all()
    return dict(session.execute(select(getattr(model, key), model.version)).all())


# --- sa_reprice ---------------------------------------------------------------------


@pytest.fixture
def catalog(sa_session, make_item, make_category, make_customer):
    garden, kitchen = make_category("Garden"), make_category("Kitchen")
    seeds = make_category("Seeds", parent=garden)
    made = {
        "TOMATO": make_item(sku="TOMATO", price=Decimal("0.05"), categories=[seeds]),
        "HOSE": make_item(sku="HOSE", price=Decimal("19.99"), categories=[garden]),
        "PAN": make_item(sku="PAN", price=Decimal("10.00"), categories=[kitchen]),
        "CHEAP": make_item(sku="CHEAP", price=Decimal("0.10"), categories=[kitchen]),
    }
    order = services.create_order(sa_session, make_customer(), [(made["HOSE"], 2)])
    sa_session.flush()
    return made, order


def updates(sa_queries):
    return [sql for sql in sa_queries.statements if sql.lstrip().upper().startswith("UPDATE")]


def test_reprice_everything(sa_session, sa_queries, catalog):
    _items, order = catalog
    started = utcnow()
    sa_queries.statements.clear()
    printed = output("sa_reprice", "--percent", "10")
    assert len(updates(sa_queries)) == 1  # one set-based UPDATE, not a loop
    assert re.search(r"Repriced 4 items by \+10%", printed)
    assert prices(sa_session) == {
        "TOMATO": Decimal("0.06"),  # 0.055, half up
        "HOSE": Decimal("21.99"),  # 21.989
        "PAN": Decimal("11.00"),
        "CHEAP": Decimal("0.11"),
    }
    assert set(versions(sa_session, Item, "sku").values()) == {2}
    assert sa_session.scalar(select(func.min(Item.updated_at))) >= started - timedelta(seconds=1)
    # what was paid stays as it was
    assert sa_session.scalar(select(OrderItem.price_paid)) == Decimal("19.99")
    assert sa_session.get(Order, order.id).total_amount == Decimal("39.98")


def test_only_prices_that_change_are_counted(sa_session, catalog):
    printed = output("sa_reprice", "--percent", "-5")
    # 0.10 x 0.95 = 0.095 and 0.05 x 0.95 = 0.0475 round back to 0.10 and 0.05: not
    # changed, not counted, no new version
    assert "Repriced 2 items by -5%" in printed
    assert prices(sa_session) == {
        "TOMATO": Decimal("0.05"),
        "HOSE": Decimal("18.99"),  # 18.9905
        "PAN": Decimal("9.50"),
        "CHEAP": Decimal("0.10"),
    }
    assert versions(sa_session, Item, "sku") == {"TOMATO": 1, "HOSE": 2, "PAN": 2, "CHEAP": 1}


@pytest.mark.parametrize(
    ("args", "changed"),
    [
        (["--category", "Garden"], {"TOMATO", "HOSE"}),  # with its subcategory
        (["--category", "Seeds"], {"TOMATO"}),  # a name only one category has
        (["--category", " garden / seeds "], {"TOMATO"}),
        (["--below", "10"], {"TOMATO", "CHEAP"}),  # PAN costs 10.00: not below
        (["--above", "0.10"], {"HOSE", "PAN"}),
        (["--category", "Kitchen", "--above", "1", "--below", "100"], {"PAN"}),
    ],
)
def test_reprice_a_part_of_the_catalog(sa_session, catalog, args, changed):
    before = prices(sa_session)
    output("sa_reprice", "--percent", "100", *args)
    after = prices(sa_session)
    assert {sku for sku in after if after[sku] != before[sku]} == changed
    assert all(after[sku] == before[sku] * 2 for sku in changed)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--percent", "-100"], "The percentage must be greater than -100."),
        (["--percent", "ten"], "“ten” is not a number."),
        (["--percent", "5", "--category", "Garten"], "There is no category “Garten”."),
        (["--percent", "5", "--below", "cheap"], "“cheap” is not a price."),
        (["--percent", "5", "--above", "-1"], "A price cannot be negative."),
        (["--percent", "5", "--below", "5", "--above", "10"], "No price is both below 5.00 and above 10.00."),
        (["--percent", "100000000"], "would take 3 items above the largest price (99999.99); nothing was changed."),
    ],
)  # fmt: skip
def test_bad_reprice_input_changes_nothing(sa_session, catalog, args, message):
    before = prices(sa_session)
    with pytest.raises(CommandError, match=re.escape(message)):
        output("sa_reprice", *args)
    assert prices(sa_session) == before


def test_an_ambiguous_category_name(sa_session, catalog, make_category, make_item):
    items, _order = catalog
    garden, kitchen = items["HOSE"].categories[0], items["PAN"].categories[0]
    make_item(
        sku="TROWEL", price=Decimal("5.00"), categories=[make_category("Tools", parent=garden)]
    )
    make_category("Tools", parent=kitchen)
    with pytest.raises(CommandError, match="could be any of Garden/Tools, Kitchen/Tools"):
        output("sa_reprice", "--percent", "5", "--category", "Tools")
    assert "Repriced 1 items" in output(
        "sa_reprice", "--percent", "5", "--category", "Garden/Tools"
    )


def test_a_dry_run_shows_the_new_prices(sa_session, catalog):
    before = prices(sa_session)
    printed = output("sa_reprice", "--percent", "10", "--dry-run")
    assert "HOSE: 19.99 -> 21.99" in printed
    assert "Would reprice 4 items by +10%; nothing was written" in printed
    assert prices(sa_session) == before


def test_a_failed_batch_says_how_to_finish(sa_session, catalog, monkeypatch):
    before = prices(sa_session)
    ids = dict(sa_session.execute(select(Item.sku, Item.id)).all())
    real = maintenance.Reprice.apply
    calls = []

    def failing(self, session, between):
        calls.append(between)
        if len(calls) == 3:
            raise RuntimeError("lock wait timeout")
        return real(self, session, between)

    monkeypatch.setattr(maintenance.Reprice, "apply", failing)
    with pytest.raises(CommandError) as raised:
        output("sa_reprice", "--percent", "100", "--batch-size", "1")
    message = str(raised.value)
    first_failed = calls[2][0]
    assert "failed and was rolled back: lock wait timeout" in message
    assert f"--after-id {first_failed - 1}" in message
    half_way = prices(sa_session)
    done = {sku for sku in half_way if half_way[sku] != before[sku]}
    assert done == {sku for sku, pk in ids.items() if pk < first_failed}  # kept
    monkeypatch.setattr(maintenance.Reprice, "apply", real)
    output("sa_reprice", "--percent", "100", "--after-id", str(first_failed - 1))
    assert prices(sa_session) == {sku: price * 2 for sku, price in before.items()}


def test_an_item_form_opened_before_a_reprice_gets_the_conflict_page(
    sa_staff_client, sa_session, catalog
):
    edit = reverse("sa_orders:item_edit", kwargs={"pk": catalog[0]["PAN"].id})
    data = form_data(sa_staff_client.get(edit).content.decode())
    output("sa_reprice", "--percent", "10")
    data["name"] = "Frying pan"
    response = sa_staff_client.post(
        edit, data.urlencode(), content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 409
    assert prices(sa_session)["PAN"] == Decimal("11.00")


# --- sa_discount --------------------------------------------------------------------


@pytest.fixture
def subtotals(sa_session, make_customer, make_item):
    """Pending orders with subtotals 50.00, 100.10, 150.25, 250.00 and 600.00, a paid one."""
    cent = make_item(sku="CENT", price=Decimal("0.01"))
    customer = make_customer()
    made = {}
    for name, cents, status in [
        ("small", 5000, OrderStatus.PENDING),
        ("edge", 10010, OrderStatus.PENDING),
        ("half", 15025, OrderStatus.PENDING),
        ("mid", 25000, OrderStatus.PENDING),
        ("big", 60000, OrderStatus.PENDING),
        ("paid", 60000, OrderStatus.PAID),
    ]:
        order = services.create_order(sa_session, customer, [], status=status)
        sa_session.add(
            OrderItem(order=order, item=cent, quantity=1, price_paid=Decimal(cents) / 100)
        )
        made[name] = order
    sa_session.flush()
    sa_session.execute(update(Order).values(total_amount=maintenance.subtotal_expression()))
    return made


def amounts(session, made):
    session.expire_all()
    rows = dict(
        (pk, (discount, total))
        for pk, discount, total in session.execute(
            select(Order.id, Order.discount_amount, Order.total_amount)
        )
    )
    return {name: rows[order.id] for name, order in made.items()}


def test_default_tiers(sa_session, sa_queries, subtotals):
    sa_queries.statements.clear()
    printed = output("sa_discount")
    (statement,) = updates(sa_queries)  # one CASE UPDATE
    assert "CASE WHEN" in statement
    assert "Changed the discount and total of 4 orders" in printed
    assert "over 500.00 10% off, over 200.00 5% off, over 100.00 2% off" in printed
    assert amounts(sa_session, subtotals) == {
        "small": (Decimal("0.00"), Decimal("50.00")),
        "edge": (Decimal("2.00"), Decimal("98.10")),  # 2.002
        "half": (Decimal("3.01"), Decimal("147.24")),  # 3.005, half up
        "mid": (Decimal("12.50"), Decimal("237.50")),
        "big": (Decimal("60.00"), Decimal("540.00")),
        "paid": (Decimal("0.00"), Decimal("600.00")),  # not pending: left alone
    }
    assert services.wrong_totals(sa_session) == []
    before = versions(sa_session, Order, "id")
    assert "of 0 orders" in output("sa_discount")  # a second run changes nothing
    assert versions(sa_session, Order, "id") == before


def test_tiers_and_statuses_of_ones_own(sa_session, subtotals):
    output(
        "sa_discount",
        "--tier",
        "100:50",
        "--tier",
        "500:0",
        "--status",
        "paid",
        "--status",
        "pending",
    )
    found = amounts(sa_session, subtotals)
    assert found["edge"] == (Decimal("50.05"), Decimal("50.05"))
    assert found["big"] == (Decimal("0.00"), Decimal("600.00"))  # over 500: the 0% tier
    assert found["small"] == (Decimal("0.00"), Decimal("50.00"))
    assert found["paid"] == (Decimal("0.00"), Decimal("600.00"))


def test_a_discount_dry_run(sa_session, subtotals):
    before = amounts(sa_session, subtotals)
    assert "Would change 4 orders" in output("sa_discount", "--dry-run")
    assert amounts(sa_session, subtotals) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--tier", "lots"], "“lots” is not a tier"),
        (["--tier", "100:150"], "the percentage must be between 0 and 100"),
        (["--tier=-5:10"], "the subtotal cannot be negative"),
        (["--tier", "100:5", "--tier", "100:10"], "Two tiers have the same subtotal."),
        (["--status", "lost"], "invalid choice: 'lost'"),
    ],
)
def test_bad_discount_input(sa_session, subtotals, args, message):
    before = amounts(sa_session, subtotals)
    with pytest.raises(CommandError, match=re.escape(message)):
        output("sa_discount", *args)
    assert amounts(sa_session, subtotals) == before


def test_an_order_form_opened_before_a_discount_gets_the_conflict_page(
    sa_staff_client, sa_session, subtotals
):
    edit = reverse("sa_orders:order_edit", kwargs={"pk": subtotals["big"].id})
    data = form_data(sa_staff_client.get(edit).content.decode())
    output("sa_discount")
    data["notes"] = "Gift wrap"
    response = sa_staff_client.post(
        edit, data.urlencode(), content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 409
    assert amounts(sa_session, subtotals)["big"] == (Decimal("60.00"), Decimal("540.00"))


# --- sa_recalc_totals ---------------------------------------------------------------


@pytest.fixture
def wrong(sa_session, make_customer, make_item):
    item = make_item(price=Decimal("2.50"))
    orders = [
        services.create_order(sa_session, make_customer(), [(item, n)], discount_amount=Decimal(d))
        for n, d in [(1, "0"), (2, "1"), (4, "20"), (3, "0")]
    ]
    empty = services.create_order(sa_session, make_customer(), [])
    sa_session.flush()
    for order, total in [(orders[0], "9.99"), (orders[1], "0"), (empty, "5")]:
        sa_session.execute(
            update(Order).where(Order.id == order.id).values(total_amount=Decimal(total))
        )
    return orders, empty


@pytest.mark.parametrize("batch_size", ["1", "10000"])
def test_recalc_fixes_only_the_wrong_totals(sa_session, sa_queries, wrong, batch_size):
    orders, empty = wrong
    before = versions(sa_session, Order, "id")
    sa_queries.statements.clear()
    assert "Fixed 3 wrong totals" in output("sa_recalc_totals", "--batch-size", batch_size)
    assert len(updates(sa_queries)) == (1 if batch_size == "10000" else len(before))
    assert services.wrong_totals(sa_session) == []
    after = versions(sa_session, Order, "id")
    assert {pk for pk in after if after[pk] != before[pk]} == {orders[0].id, orders[1].id, empty.id}
    assert sa_session.get(Order, empty.id).total_amount == Decimal("0.00")
    assert sa_session.get(Order, orders[2].id).total_amount == Decimal("0.00")  # never below 0
    assert "Fixed 0 wrong totals" in output("sa_recalc_totals")


def test_a_recalc_dry_run_lists_them(sa_session, wrong):
    orders, empty = wrong
    printed = output("sa_recalc_totals", "--dry-run")
    assert f"order {orders[0].id}: 9.99 stored, 2.50 computed" in printed
    assert f"order {empty.id}: 5.00 stored, 0.00 computed" in printed
    assert "3 orders have a wrong total; nothing was written" in printed
    assert len(services.wrong_totals(sa_session)) == 3


def test_recalc_kept_rebuilds_the_kept_figures(sa_session, wrong):
    orders, _empty = wrong
    sa_session.execute(update(CustomerFigures).values(order_count=7))
    sa_session.execute(delete(OrderFigures).where(OrderFigures.order_id == orders[2].id))
    sa_session.execute(delete(status_counts))
    printed = output("sa_recalc_totals", "--dry-run", "--kept")
    assert f"order count of customer {orders[0].customer_id}: kept 7, fresh 1" in printed
    assert f"line count of order {orders[2].id}: kept None, fresh 1" in printed
    assert "orders of status pending: kept 0, fresh 5" in printed
    assert "3 orders have a wrong total, 7 kept figures differ from the rows; nothing" in printed
    assert len(kept.differences(sa_session)) == 7

    printed = output("sa_recalc_totals", "--kept", "--batch-size", "2")
    assert (
        "Fixed 3 wrong totals and the kept figures of 5 customers, 1 orders, 0 quarter hours "
        "and 1 statuses" in printed
    )
    sa_session.expire_all()
    assert kept.differences(sa_session) == []
    assert services.wrong_totals(sa_session) == []
    assert "kept figures of 0 customers, 0 orders" in output("sa_recalc_totals", "--kept")


# --- sa_purge_orders ----------------------------------------------------------------


@pytest.fixture
def dated(sa_session, make_customer, make_item):
    cutoff = cutoff_for_days(30)
    item, customer = make_item(), make_customer()
    made = {}
    for name, when, status in [
        ("old_shipped", cutoff - timedelta(days=3), OrderStatus.SHIPPED),
        ("old_cancelled", cutoff - timedelta(microseconds=1), OrderStatus.CANCELLED),
        ("old_pending", cutoff - timedelta(days=40), OrderStatus.PENDING),
        ("at_cutoff", cutoff, OrderStatus.SHIPPED),
        ("recent", utcnow(), OrderStatus.CANCELLED),
    ]:
        made[name] = services.create_order(
            sa_session, customer, [(item, 1)], status=status, order_date=when
        )
    for n in range(5):
        services.create_order(
            sa_session,
            customer,
            [(item, 2)],
            status="shipped",
            order_date=cutoff - timedelta(days=n + 1),
        )
    sa_session.flush()
    return made


def left(session):
    session.expire_all()
    return set(session.scalars(select(Order.id)))


def test_purge_with_yes(sa_session, dated):
    printed = output("sa_purge_orders", "--older-than", "30", "--yes", "--batch-size", "2")
    assert "Deleted 7 orders dated before" in printed
    assert left(sa_session) == {dated[n].id for n in ("old_pending", "at_cutoff", "recent")}
    orphans = (
        select(func.count())
        .select_from(OrderItem)
        .where(OrderItem.order_id.not_in(select(Order.id)))
    )
    assert sa_session.scalar(orphans) == 0


def test_a_purge_dry_run_counts_exactly(sa_session, dated):
    before = left(sa_session)
    printed = output("sa_purge_orders", "--older-than", "30", "--dry-run")
    assert "Would delete 7 orders and their 7 lines" in printed
    printed = output("sa_purge_orders", "--older-than", "30", "--status", "pending", "--dry-run")
    assert "Would delete 1 orders and their 1 lines" in printed
    assert left(sa_session) == before


def test_without_yes_and_without_a_terminal_nothing_is_deleted(sa_session, dated):
    before = left(sa_session)
    with pytest.raises(CommandError, match="Run the command again with --yes"):
        output("sa_purge_orders", "--older-than", "30")
    assert left(sa_session) == before


@pytest.mark.parametrize(
    ("answer", "deleted"), [("y", True), ("YES", True), ("n", False), ("", False)]
)
def test_the_interactive_confirmation(sa_session, dated, monkeypatch, answer, deleted):
    questions = []
    monkeypatch.setattr(
        sa_purge_orders, "ask", lambda question: questions.append(question) or answer
    )
    before = left(sa_session)
    printed = output("sa_purge_orders", "--older-than", "30")
    assert questions[0].startswith("Delete 7 orders and their 7 lines, dated before")
    assert (left(sa_session) != before) is deleted
    assert ("Nothing was deleted" in printed) is not deleted


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--older-than", "-1"], "--older-than: The number of days must be a whole number of 0 or more."),
        (["--older-than", "soon"], "--older-than: invalid int value: 'soon'"),
        (["--older-than", "99999999"], "--older-than: The number of days must be at most "),
        (["--older-than", "9" * 5000], "--older-than: invalid int value"),
        ([], "the following arguments are required: --older-than"),
    ],
)  # fmt: skip
def test_bad_purge_input(sa_session, dated, args, message):
    before = left(sa_session)
    with pytest.raises(CommandError, match=re.escape(message)):
        output("sa_purge_orders", *args, "--yes")
    assert left(sa_session) == before


def test_a_failed_purge_batch_keeps_the_ones_before(sa_session, dated, monkeypatch):
    real = maintenance.purge_batch
    calls = []

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("deadlock found")
        return real(*args, **kwargs)

    monkeypatch.setattr(maintenance, "purge_batch", failing)
    with pytest.raises(CommandError, match=r"deadlock found\. The 3 orders deleted before it stay"):
        output("sa_purge_orders", "--older-than", "30", "--yes", "--batch-size", "3")
    assert len(left(sa_session)) == 10 - 3
    monkeypatch.setattr(maintenance, "purge_batch", real)
    assert "Deleted 4 orders" in output("sa_purge_orders", "--older-than", "30", "--yes")
