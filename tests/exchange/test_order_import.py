"""Orders with their lines in CSV: one row per order, its lines in one cell; sa_export
writes them, sa_import reads them back (a round trip changes nothing), creates and changes
orders through the order form's rules, and rejects every bad row with its line and field."""

import csv
import io
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.core.management import CommandError
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select

from sa_orders.db.engine import get_engine
from sa_orders.exceptions import DomainError
from sa_orders.exchange.order_lines import Line, parse_lines, write_line
from sa_orders.models import Change, HistoryContext, Order, OrderStatus
from sa_orders.models.history import IMPORT
from sa_orders.services.orders import create_order
from sa_orders.testing import QueryCounter
from tests.helpers import run_command

pytestmark = pytest.mark.django_db

HEADER = "id,customer.email,status,order_date,lines,discount_amount,notes\n"


def rows_of(text):
    return list(csv.reader(io.StringIO(text, newline="")))


def orders(session):
    """Every order as the database has it: its fields, lines, total and version."""
    session.expire_all()
    found = session.scalars(select(Order).order_by(Order.id)).all()
    return [
        (order.id, order.customer.email, order.status.value, order.discount_amount,
         order.notes, order.total_amount, order.version,
         sorted((line.item.sku, line.quantity, line.price_paid) for line in order.lines))
        for order in found
    ]  # fmt: skip


@pytest.fixture
def shop(sa_session, make_customer, make_item):
    ada = make_customer(name="Ada", email="ada@example.com")
    ben = make_customer(name="Ben", email="ben@example.com")
    tea = make_item(sku="TEA", name="Tea", price=Decimal("4.50"))
    mug = make_item(sku="MUG", name="Mug", price=Decimal("12.00"))
    old = make_item(sku="OLD", name="Old", price=Decimal("1.00"))
    first = create_order(sa_session, ada, [(tea, 2), (mug, 1)], notes="=ring first")
    second = create_order(
        sa_session, ben, [(old, 3)], status=OrderStatus.PAID, discount_amount=Decimal("0.50")
    )
    sa_session.flush()
    old.active = False
    mug.price = Decimal("13.00")  # the lines keep the price they were bought at
    sa_session.flush()
    return {"ada": ada, "ben": ben, "first": first, "second": second}


def test_the_export_writes_each_orders_lines_in_one_cell(sa_session, shop):
    out, _err = run_command("sa_export", "orders", "-")
    rows = rows_of(out)
    header = rows[0]
    assert header[:6] == ["id", "customer.email", "customer.name", "status", "order_date", "lines"]
    first = dict(zip(header, rows[1], strict=True))
    assert first["lines"] == "2 x TEA @ 4.50 | 1 x MUG @ 12.00"  # in the order they were added
    assert first["notes"] == "'=ring first"  # escaped as every text cell is
    assert (first["subtotal"], first["total_amount"]) == ("21.00", "21.00")


def test_a_round_trip_changes_nothing(sa_session, shop, tmp_path):
    path = tmp_path / "orders.csv"
    run_command("sa_export", "orders", str(path))
    before = orders(sa_session)
    out, _err = run_command("sa_import", "orders", str(path))
    assert "0 created, 0 updated, 2 unchanged" in out
    assert orders(sa_session) == before
    again = tmp_path / "again.csv"
    run_command("sa_export", "orders", str(again))
    assert again.read_bytes() == path.read_bytes()


def test_an_import_changes_an_orders_fields_and_lines(sa_session, shop):
    first = shop["first"]
    version = first.version
    text = HEADER + (
        f"{first.id},ben@example.com,paid,,3 x TEA | 1 x MUG @ 11.00,1.00,Call first\n"
    )
    out, _err = run_command("sa_import", "orders", "-", stdin=text)
    assert "0 created, 1 updated, 0 unchanged" in out
    sa_session.expire_all()
    order = sa_session.get(Order, first.id)
    assert (order.customer.email, order.status, order.notes) == (
        "ben@example.com",
        OrderStatus.PAID,
        "Call first",
    )
    lines = {line.item.sku: (line.quantity, line.price_paid) for line in order.lines}
    # TEA keeps the price it was bought at; MUG gets the price the file gives
    assert lines == {"TEA": (3, Decimal("4.50")), "MUG": (1, Decimal("11.00"))}
    assert order.total_amount == Decimal("23.50")  # 13.50 + 11.00 - 1.00, computed
    assert order.version > version


def test_lines_left_out_are_removed_and_new_ones_cost_the_current_price(sa_session, shop):
    first = shop["first"]
    text = f"id,customer.email,lines\n{first.id},ada@example.com,1 x MUG | 2 x TEA\n"
    run_command("sa_import", "orders", "-", stdin=text)  # the same lines: unchanged
    text = f"id,customer.email,lines\n{first.id},ada@example.com,1 x MUG\n"
    out, _err = run_command("sa_import", "orders", "-", stdin=text)
    assert "1 updated" in out
    sa_session.expire_all()
    order = sa_session.get(Order, first.id)
    assert [(line.item.sku, line.price_paid) for line in order.lines] == [("MUG", Decimal("12.00"))]
    assert (order.status, order.notes, order.total_amount) == (
        OrderStatus.PENDING,  # columns the file leaves out stay as they were
        "=ring first",
        Decimal("12.00"),
    )


def test_rows_without_an_id_are_new_orders(sa_session, shop):
    count = sa_session.scalar(select(func.count()).select_from(Order))
    text = HEADER + (
        ",ada@example.com,,2026-03-01T10:00:00+01:00,2 x MUG,,\n"
        ",ben@example.com,shipped,,1 x TEA @ 0.00 | 1 x MUG @ 99.99,5,Gift\n"
    )
    out, _err = run_command("sa_import", "orders", "-", stdin=text)
    assert "2 created, 0 updated, 0 unchanged (2 rows)" in out
    sa_session.expire_all()
    new = sa_session.scalars(select(Order).order_by(Order.id.desc()).limit(2)).all()[::-1]
    assert sa_session.scalar(select(func.count()).select_from(Order)) == count + 2
    assert new[0].status == OrderStatus.PENDING
    assert new[0].order_date == datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    assert new[0].total_amount == Decimal("26.00")  # the item's price of today
    assert (new[1].status, new[1].notes, new[1].total_amount) == (
        OrderStatus.SHIPPED,
        "Gift",
        Decimal("94.99"),
    )


def test_an_import_is_recorded_in_the_history_as_one_import(sa_session, shop):
    start = sa_session.scalar(select(func.coalesce(func.max(Change.id), 0)))
    text = HEADER + f"{shop['first'].id},ada@example.com,paid,,2 x TEA | 1 x MUG,,\n"
    text += ",ben@example.com,,,1 x TEA,,\n"
    run_command("sa_import", "orders", "-", stdin=text)
    sa_session.expire_all()
    found = sa_session.scalars(select(Change).where(Change.id > start)).all()
    assert {(c.table_name, c.action) for c in found} >= {
        ("sa_orders_order", "update"),
        ("sa_orders_order", "create"),
        ("sa_orders_order_item", "create"),
    }
    contexts = {sa_session.get(HistoryContext, c.context_id) for c in found}
    assert {(context.kind, context.actor, context.detail) for context in contexts} == {
        (IMPORT, "sa_import orders -", "orders standard input")
    }


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("999999,ada@example.com,,,1 x TEA,,", "line 2, field id: there is no order 999999"),
        ("x1,ada@example.com,,,1 x TEA,,", "line 2, field id: “x1” is not an order's id"),
        (",nobody@example.com,,,1 x TEA,,",
         "line 2, field customer.email: there is no customer with the email “nobody@example.com”"),
        (",ada@example.com,lost,,1 x TEA,,", "line 2, field status: “lost” is not a status"),
        (",ada@example.com,,yesterday,1 x TEA,,",
         "line 2, field order_date: “yesterday” is not a date and time"),
        (",ada@example.com,,,1 x NOPE,,", "line 2, field lines: there is no item “NOPE”"),
        (",ada@example.com,,,1 x OLD,,",
         "line 2, field lines: OLD Old is inactive and cannot be ordered"),
        (",ada@example.com,,,,,", "line 2, field lines: An order needs at least one line"),
        (",ada@example.com,,,1 x TEA|1 x MUG,,",
         "line 2, field lines: “1 x TEA|1 x MUG” is not a line written as"),
        (",ada@example.com,,,two x TEA,,",
         "line 2, field lines: “two x TEA”: the quantity is not a whole number"),
        (",ada@example.com,,,1000 x TEA,,",
         "line 2, field lines: “1000 x TEA”: enter a quantity between 1 and 999"),
        (",ada@example.com,,,1 x TEA @ 1.005,,",
         "line 2, field lines: “1 x TEA @ 1.005”: Enter a price with at most 2 decimal places"),
        (",ada@example.com,,,1 x TEA @ -1,,",
         "line 2, field lines: “1 x TEA @ -1”: Enter an amount of 0 or more"),
        (",ada@example.com,,,1 x TEA | 2 x TEA,,", "line 2, field lines: TEA is on this order twice"),
        (",ada@example.com,,,1 x TEA,9.00,",
         "line 2, field discount_amount: The discount cannot be larger than the lines (4.50)"),
        (",ada@example.com,,,1 x TEA,1.001,",
         "line 2, field discount_amount: Enter a number with at most 2 decimal places"),
        (",ada@example.com,,,1 x TEA,,,", "line 2: 8 fields where the header has 7"),
    ],
)  # fmt: skip
def test_bad_rows_change_nothing(sa_session, shop, row, problem):
    before = orders(sa_session)
    good = f"{shop['first'].id},ada@example.com,paid,,2 x TEA | 1 x MUG,,\n"
    with pytest.raises(CommandError) as failure:
        run_command("sa_import", "orders", "-", stdin=HEADER + row + "\n" + good)
    assert problem in str(failure.value)
    assert "1 of 2 rows rejected, nothing was imported" in str(failure.value)
    assert orders(sa_session) == before


def test_an_orders_date_cannot_change_and_an_order_comes_once(sa_session, shop):
    first = shop["first"]
    text = HEADER + (
        f"{first.id},ada@example.com,,2020-01-01T00:00:00+00:00,1 x TEA,,\n"
        f"{shop['second'].id},ben@example.com,,,3 x OLD,,\n"
        f"{shop['second'].id},ben@example.com,,,3 x OLD,,\n"
    )
    with pytest.raises(CommandError) as failure:
        run_command("sa_import", "orders", "-", stdin=text)
    message = str(failure.value)
    assert "line 2, field order_date: the date of an existing order cannot be changed" in message
    assert f"line 4, field id: order {shop['second'].id} is already on line 3" in message


def test_an_inactive_items_line_stays_on_its_order(sa_session, shop):
    second = shop["second"]
    text = HEADER + f"{second.id},ben@example.com,,,5 x OLD,,\n"
    out, _err = run_command("sa_import", "orders", "-", stdin=text)
    assert "1 updated" in out
    sa_session.expire_all()
    assert [line.quantity for line in sa_session.get(Order, second.id).lines] == [5]


def test_a_dry_run_counts_and_writes_nothing(sa_session, shop):
    before = orders(sa_session)
    text = HEADER + (
        f"{shop['first'].id},ada@example.com,,,2 x TEA | 1 x MUG,,'=ring first\n"
        f"{shop['second'].id},ben@example.com,shipped,,3 x OLD,,\n"
        ",ada@example.com,,,1 x TEA,,\n"
        ",ada@example.com,,,1 x NOPE,,\n"
    )
    out, _err = run_command("sa_import", "orders", "-", "--dry-run", stdin=text)
    assert "1 to create, 1 to update, 1 unchanged, 1 rejected of 4 rows" in out
    assert "line 5, field lines: there is no item “NOPE”" in out
    assert orders(sa_session) == before


def test_problems_are_reported_in_the_order_of_their_lines(sa_session, shop):
    """Some problems are found when a row is read, others when its batch is written."""
    text = HEADER + ",nobody@example.com,,,1 x TEA,,\n,ada@example.com,lost,,1 x TEA,,\n"
    with pytest.raises(CommandError) as failure:
        run_command("sa_import", "orders", "-", stdin=text)
    message = str(failure.value)
    assert message.index("line 2,") < message.index("line 3,")


def test_the_queries_of_a_batch_do_not_grow_with_its_rows(sa_session, shop, make_customer):
    """One SELECT per table a batch: the orders (and one for their lines), the customers,
    the items, whatever the number of rows."""

    def selects(rows):
        text = HEADER + "".join(",ada@example.com,,,1 x TEA | 2 x MUG,,\n" for _ in range(rows))
        with QueryCounter().counting(get_engine()) as counter:
            run_command("sa_import", "orders", "-", "--dry-run", stdin=text)
        return len([sql for sql in counter.statements if sql.lstrip().upper().startswith("SELECT")])

    assert selects(3) == selects(40)


# --- the lines cell ------------------------------------------------------------------


def test_the_lines_cell_reads_what_people_type():
    assert parse_lines(" 2 x tea-1 @ 4.5 |  1×MUG ") == [
        Line("TEA-1", 2, Decimal("4.50")),
        Line("MUG", 1, None),
    ]
    with pytest.raises(DomainError, match="not a line written as"):
        parse_lines("2 TEA")


skus = st.from_regex(r"[A-Z0-9][A-Z0-9\-_./|@]{0,20}", fullmatch=True)
lines = st.builds(
    Line,
    sku=skus,
    quantity=st.integers(1, 999),
    price=st.none() | st.decimals(0, 99999, places=2, allow_nan=False, allow_infinity=False),
)


@given(st.lists(lines, min_size=1, max_size=20, unique_by=lambda line: line.sku))
def test_the_lines_cell_reads_back_what_it_writes(written):
    cell = " | ".join(write_line(line) for line in written)
    assert parse_lines(cell) == written


def test_empty_notes_are_none_and_an_empty_status_stays(sa_session, shop):
    first = shop["first"]
    text = f"id,customer.email,status,lines,notes\n{first.id},ada@example.com,,2 x TEA | 1 x MUG,\n"
    out, _err = run_command("sa_import", "orders", "-", stdin=text)
    assert "1 updated" in out
    sa_session.expire_all()
    order = sa_session.get(Order, first.id)
    assert (order.notes, order.status) == (None, OrderStatus.PENDING)
