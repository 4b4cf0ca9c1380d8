"""manage.py sa_export and sa_import: the same CSV both ways, upserts on the natural key,
all or nothing, every error naming its line and field."""

import csv
import io
import re
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from sqlalchemy import select

from sa_orders import services
from sa_orders.exchange import importing
from sa_orders.models import Customer, Item
from sa_orders.services import writes
from tests.helpers import run_command

pytestmark = pytest.mark.django_db


def rows_of(text):
    return list(csv.reader(io.StringIO(text, newline="")))


def customers(session):
    session.expire_all()
    rows = session.execute(
        select(Customer.email, Customer.name, Customer.phone, Customer.version).order_by(
            Customer.email
        )
    )
    return [tuple(row) for row in rows]


def items(session):
    session.expire_all()
    found = session.scalars(select(Item).order_by(Item.sku)).all()
    return [
        (item.sku, item.name, item.price, item.active, sorted(c.path for c in item.categories),
         item.version)
        for item in found
    ]  # fmt: skip


@pytest.fixture
def people(make_customer):
    return [
        make_customer(name="Ada Lovelace", email="ada@example.com", phone="+44 20 7946 0000"),
        make_customer(name='=HYPERLINK("x")', email="formula@example.com"),
        make_customer(name="Zoë, with a comma", email="zoe@example.com"),
    ]


# --- sa_export ----------------------------------------------------------------------


def test_export_to_standard_output_carries_only_data(sa_session, people):
    out, err = run_command("sa_export", "customers", "-", "--batch-size", "2")
    rows = rows_of(out)
    assert rows[0] == ["id", "email", "name", "phone", "orders", "created_at", "updated_at"]
    assert [row[1:5] for row in rows[1:]] == [
        ["ada@example.com", "Ada Lovelace", "'+44 20 7946 0000", "0"],
        ["formula@example.com", '\'=HYPERLINK("x")', "", "0"],
        ["zoe@example.com", "Zoë, with a comma", "", "0"],
    ]
    assert "Exporting" not in err  # no progress off a terminal at verbosity 1
    assert "Exported 3 customers to standard output" in err


def test_export_to_a_file_equals_the_pages_export(sa_staff_client, tmp_path, people):
    target = tmp_path / "customers.csv"
    out, _err = run_command("sa_export", "customers", str(target))
    assert f"Exported 3 customers to {target}" in out
    page = b"".join(sa_staff_client.get("/orders/customers/export.csv").streaming_content)
    written = rows_of(target.read_text(encoding="utf-8"))
    shown = rows_of(page.decode())  # the page keeps the list's order: by name
    assert written[0] == shown[0]
    assert written[1:] == sorted(shown[1:], key=lambda row: int(row[0]))
    assert [path.name for path in tmp_path.iterdir()] == ["customers.csv"]  # no leftovers


def test_export_orders_and_items(sa_session, tmp_path, make_customer, make_item):
    order = services.create_order(sa_session, make_customer(), [(make_item(sku="NAILS"), 2)])
    sa_session.flush()
    out, _err = run_command("sa_export", "orders", "-")
    header, row = rows_of(out)
    assert (header[0], row[0], row[header.index("total_amount")]) == ("id", str(order.id), "20.00")
    out, _err = run_command("sa_export", "items", "-")
    assert rows_of(out)[1][1] == "NAILS"


def test_export_to_a_folder_that_does_not_exist(sa_session, tmp_path):
    with pytest.raises(CommandError, match=r"Cannot write .*missing"):
        run_command("sa_export", "customers", str(tmp_path / "missing" / "out.csv"))


def test_a_failed_export_leaves_no_file(sa_session, tmp_path, people, monkeypatch):
    from sa_orders.exchange import csv_export

    def broken(value):
        raise RuntimeError("disk full")

    monkeypatch.setattr(csv_export, "cell", broken)
    with pytest.raises(RuntimeError):
        run_command("sa_export", "customers", str(tmp_path / "out.csv"))
    assert list(tmp_path.iterdir()) == []


# --- sa_import ----------------------------------------------------------------------

CUSTOMERS = """email,name,phone
ada@example.com,Ada Lovelace,+44 1
grace@example.com,Grace Hopper,
'=cmd@example.com,Formula,
"""


def test_import_creates_then_a_second_run_changes_nothing(sa_session, tmp_path):
    path = tmp_path / "customers.csv"
    path.write_text(CUSTOMERS.replace("'=cmd@example.com", "linus@example.com"), encoding="utf-8")
    out, err = run_command("sa_import", "customers", str(path), "--batch-size", "2")
    assert "3 created, 0 updated, 0 unchanged (3 rows)" in out
    assert err == ""  # no progress off a terminal at verbosity 1
    first = customers(sa_session)
    assert first == [
        ("ada@example.com", "Ada Lovelace", "+44 1", 1),
        ("grace@example.com", "Grace Hopper", None, 1),
        ("linus@example.com", "Formula", None, 1),
    ]
    out, _err = run_command("sa_import", "customers", str(path))
    assert "0 created, 0 updated, 3 unchanged (3 rows)" in out
    assert customers(sa_session) == first


def test_import_updates_only_what_changed(sa_session, people):
    text = (
        "email,name,phone\n"
        "ADA@example.com,Ada King,'+44 20 7946 0000\n"  # the email is matched in lower case
        'formula@example.com,\'=HYPERLINK("x"),\n'
        "new@example.com,Newcomer,\n"
    )
    out, _err = run_command("sa_import", "customers", "-", stdin=text)
    assert "1 created, 1 updated, 1 unchanged (3 rows)" in out
    assert customers(sa_session) == [
        ("ada@example.com", "Ada King", "+44 20 7946 0000", 2),
        ("formula@example.com", '=HYPERLINK("x")', None, 1),
        ("new@example.com", "Newcomer", None, 1),
        ("zoe@example.com", "Zoë, with a comma", None, 1),  # not in the file: left alone
    ]


def test_what_sa_export_writes_reads_back_unchanged(sa_session, tmp_path, people):
    path = tmp_path / "customers.csv"
    run_command("sa_export", "customers", str(path))
    before = customers(sa_session)
    out, _err = run_command("sa_import", "customers", str(path))
    assert "0 created, 0 updated, 3 unchanged" in out
    assert customers(sa_session) == before


def test_items_with_their_categories(sa_session, tmp_path, make_category):
    garden = make_category("Garden")
    make_category("Seeds", parent=garden)
    make_category("Kitchen")
    text = (
        "sku,name,price,active,categories\n"
        "tom-1,Tomato seeds,3.95,true,Garden/Seeds | Kitchen\n"
        "PAN,Pan,25,false,\n"
    )
    out, _err = run_command("sa_import", "items", "-", stdin=text)
    assert "2 created" in out
    assert items(sa_session) == [
        ("PAN", "Pan", Decimal("25.00"), False, [], 1),
        ("TOM-1", "Tomato seeds", Decimal("3.95"), True, ["Garden/Seeds", "Kitchen"], 1),
    ]
    # only the categories change: that is an update, with a new version
    out, _err = run_command("sa_import", "items", "-", stdin=text.replace(" | Kitchen", ""))
    assert "0 created, 1 updated, 1 unchanged" in out
    assert items(sa_session)[1] == (
        "TOM-1",
        "Tomato seeds",
        Decimal("3.95"),
        True,
        ["Garden/Seeds"],
        2,
    )
    # and the export of items reads back as it is
    path = tmp_path / "items.csv"
    run_command("sa_export", "items", str(path))
    out, _err = run_command("sa_import", "items", str(path))
    assert "0 created, 0 updated, 2 unchanged" in out


def test_items_without_an_active_column_keep_theirs(sa_session, make_item):
    make_item(sku="OLD", name="Old", price=Decimal("1.00"), active=False)
    out, _err = run_command(
        "sa_import", "items", "-", stdin="sku,name,price\nOLD,Old,1.00\nNEW,New,2\n"
    )
    assert "1 created, 0 updated, 1 unchanged" in out
    assert [(sku, active) for sku, _n, _p, active, _c, _v in items(sa_session)] == [
        ("NEW", True),
        ("OLD", False),
    ]


def test_a_dry_run_reports_and_writes_nothing(sa_session, people):
    text = (
        "email,name\n"
        "ada@example.com,Ada King\n"
        "new@example.com,Newcomer\n"
        "not-an-email,Somebody\n"
        'zoe@example.com,"Zoë, with a comma"\n'
    )
    before = customers(sa_session)
    out, _err = run_command("sa_import", "customers", "-", "--dry-run", stdin=text)
    assert "line 4, field email: Enter a valid email address." in out
    assert "1 to create, 1 to update, 1 unchanged, 1 rejected of 4 rows; nothing was written" in out
    assert customers(sa_session) == before


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "The file is empty"),
        ("email,nme\n", "line 1: unknown column “nme”; the columns are email, name, phone"),
        ("email\nada@example.com\n", "line 1: the column “name” is missing"),
        ("email,name,name\n", "line 1: the column “name” appears twice"),
        ("email,name\nada@example.com\n", "line 2: 1 fields where the header has 2"),
        ("email,name\nada@example.com,Ada\nbad,Bad\n", "line 3, field email: Enter a valid email"),
        ("email,name\nada@example.com,\n", "line 2, field name: This field is required"),
        ("email,name\nada@example.com,Ada\nADA@example.com,Ada\n",
         "line 3, field email: “ada@example.com” is already on line 2"),
    ],
)  # fmt: skip
def test_bad_customer_files_change_nothing(sa_session, people, text, message):
    before = customers(sa_session)
    with pytest.raises(CommandError, match=re.escape(message)):
        run_command("sa_import", "customers", "-", stdin=text)
    assert customers(sa_session) == before


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("A,Thing,abc,true,", "line 3, field price: Enter a number."),
        ("A,Thing,1.005,true,", "line 3, field price: Enter a number with at most 2 decimal"),
        ("A,Thing,-1,true,", "line 3, field price: Enter an amount of 0 or more."),
        ("A,Thing,100000,true,", "line 3, field price: Enter an amount of 99999.99 or less."),
        ("A,Thing,1,maybe,", "line 3, field active: Enter true or false."),
        ("A B,Thing,1,true,", "line 3, field sku: A SKU cannot contain spaces."),
        ("A,Thing,1,true,Garden/Sedes", "line 3, field categories: there is no category “Garden/Sedes”"),
    ],
)  # fmt: skip
def test_bad_item_rows_change_nothing(sa_session, make_item, make_category, row, message):
    make_category("Garden")
    make_item(sku="KEEP", name="Kept", price=Decimal("1.00"))
    before = items(sa_session)
    text = f"sku,name,price,active,categories\nFIRST,First,1,true,\n{row}\n"
    with pytest.raises(CommandError, match=re.escape(message)):
        run_command("sa_import", "items", "-", stdin=text)
    assert items(sa_session) == before  # not even the good first row


def test_a_key_repeated_in_a_later_batch_is_caught(sa_session):
    text = "email,name\n" + "".join(f"p{n}@example.com,P{n}\n" for n in range(5))
    text += "p1@example.com,Again\n"
    with pytest.raises(
        CommandError, match=re.escape("line 7, field email: “p1@example.com” is already on line 3")
    ):
        run_command("sa_import", "customers", "-", "--batch-size", "2", stdin=text)
    assert customers(sa_session) == []


def test_many_problems_are_counted(sa_session):
    text = "email,name\n" + "".join(f"bad{n},Bad\n" for n in range(25))
    with pytest.raises(CommandError) as raised:
        run_command("sa_import", "customers", "-", stdin=text)
    message = str(raised.value)
    assert "25 of 25 rows rejected, nothing was imported" in message
    assert message.count("field email") == importing.MAX_PROBLEMS
    assert "... and 5 more" in message


def test_a_failure_in_the_middle_of_a_batch_leaves_nothing(sa_session, people, monkeypatch):
    calls = []
    real = writes.upsert_rows

    def failing(*args, **kwargs):
        calls.append(args)
        if len(calls) == 2:  # the second batch
            raise RuntimeError("connection lost")
        return real(*args, **kwargs)

    monkeypatch.setattr(writes, "upsert_rows", failing)
    before = customers(sa_session)
    text = "email,name\n" + "".join(f"p{n}@example.com,P{n}\n" for n in range(9))
    with pytest.raises(
        CommandError, match=re.escape("failed after 3 rows: connection lost. Nothing was")
    ):
        run_command("sa_import", "customers", "-", "--batch-size", "3", stdin=text)
    assert customers(sa_session) == before


def test_a_byte_order_mark_and_windows_line_ends(sa_session, tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes("email,name\r\nada@example.com,Ada\r\n".encode("utf-8-sig"))
    out, _err = run_command("sa_import", "customers", str(path))
    assert "1 created" in out


def test_files_that_cannot_be_read(sa_session, tmp_path):
    with pytest.raises(CommandError, match=r"Cannot read .*nowhere\.csv: No such file"):
        run_command("sa_import", "customers", str(tmp_path / "nowhere.csv"))
    latin = tmp_path / "latin.csv"
    latin.write_bytes("email,name\nada@example.com,Zo\xeb\n".encode("latin-1"))
    with pytest.raises(CommandError, match="line 2: the file is not UTF-8 text"):
        run_command("sa_import", "customers", str(latin))


def test_big_batches_of_generated_rows(sa_session):
    text = "email,name\n" + "".join(f"c{n}@example.com,Customer {n}\n" for n in range(2500))
    out, _err = run_command("sa_import", "customers", "-", stdin=text)
    assert "2,500 created" in out
    out, _err = run_command("sa_import", "customers", "-", stdin=text)
    assert "0 created, 0 updated, 2,500 unchanged" in out


def test_standard_input_as_bytes_like_a_pipe(sa_session):
    out = io.StringIO()
    piped = io.BytesIO("\ufeffemail,name\nada@example.com,Zoë\n".encode())
    call_command("sa_import", "customers", "-", stdin=piped, stdout=out, stderr=io.StringIO())
    assert "1 created" in out.getvalue()
    assert customers(sa_session) == [("ada@example.com", "Zoë", None, 1)]


def test_an_export_that_was_cut_off_is_refused(sa_session, people):
    from sa_orders.exchange.csv_export import cut_off_line

    out, _err = run_command("sa_export", "customers", "-")
    cut = out.splitlines(keepends=True)[:2]
    text = "".join(cut) + cut_off_line(1)
    before = customers(sa_session)
    with pytest.raises(CommandError, match="line 3: this file is an export that was cut off"):
        run_command("sa_import", "customers", "-", stdin=text)
    assert customers(sa_session) == before


@pytest.mark.backends("postgresql")
def test_the_import_looks_its_keys_up_through_the_unique_index(sa_session):
    """Of a table emptied since it was analysed, PostgreSQL's planner took the trigram
    index of the searches for ``email IN (...)`` (4 s a batch); the import's lookups go
    through the unique index whatever the statistics say."""
    from sqlalchemy import select, text

    from sa_orders.exchange.reading import by_index
    from sa_orders.models import Customer

    emails = [f"someone{n}@example.com" for n in range(1000)]
    statement = select(Customer.email, Customer.id).where(Customer.email.in_(emails))
    sql = str(statement.compile(sa_session.get_bind(), compile_kwargs={"literal_binds": True}))
    with by_index(sa_session):
        plan = "\n".join(row[0] for row in sa_session.execute(text(f"EXPLAIN {sql}")))
    assert "uq_sa_orders_customer_email" in plan, plan
    assert sa_session.scalar(text("SELECT current_setting('enable_bitmapscan')")) == "on"
