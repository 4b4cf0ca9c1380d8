"""The "Import CSV" page: upload, preview (counts, every row in error, paged), confirm
through the same code as sa_import, recorded as one import; its bad files and its
permissions; and a round trip with the list's Export CSV that changes nothing."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from sqlalchemy import select

from sa_orders.admin import imports, site
from sa_orders.models import Change, Customer, HistoryContext, Item, Order
from sa_orders.services.orders import create_order
from tests.helpers import messages_of, row_count

pytestmark = pytest.mark.django_db

URL = "/orders/customers/import/"
ORDERS_URL = "/orders/orders/import/"
HEADER = "email,name,phone\n"


@pytest.fixture(autouse=True)
def _uploads_in_a_directory_of_the_tests(tmp_path, settings):
    settings.SA_ORDERS = {"IMPORT_DIRECTORY": str(tmp_path / "uploads")}


@pytest.fixture(scope="session")
def import_users(sa_users):
    sa_users.create("imp-both", permissions=["sa_orders.add_customer", "sa_orders.change_customer"])
    sa_users.create(
        "imp-add-only", permissions=["sa_orders.add_customer", "sa_orders.view_customer"]
    )
    sa_users.create(
        "imp-orders",
        permissions=["sa_orders.add_order", "sa_orders.change_order", "sa_orders.view_order"],
    )
    return sa_users


def upload(client, text, name="customers.csv", url=URL):
    data = text.encode() if isinstance(text, str) else text
    return client.post(url, {"file": SimpleUploadedFile(name, data, content_type="text/csv")})


def preview(client, text, **kwargs):
    response = upload(client, text, **kwargs)
    assert response.status_code == 302, response.content.decode()
    return client.get(response["Location"])


def confirm(client, page, url=URL):
    return client.post(url, {"upload": page.context["token"], "confirm": "1"})


def test_upload_preview_and_confirm(sa_staff_client, sa_staff_user, sa_session, make_customer):
    make_customer(name="Ada", email="ada@example.com", phone="+1")
    make_customer(name="Ben", email="ben@example.com", phone="+2")
    list_page = sa_staff_client.get("/orders/customers/").content.decode()
    assert f'href="{URL}"' in list_page
    text = HEADER + "ada@example.com,Ada King,+1\nben@example.com,Ben,+2\nnew@example.com,New,\n"
    page = preview(sa_staff_client, text)
    assert page.status_code == 200
    report = page.context["report"]
    assert (report.rows, report.created, report.updated, report.unchanged, report.rejected) == (
        3,
        1,
        1,
        1,
        0,
    )
    assert row_count(sa_session, Customer) == 2  # a preview writes nothing
    response = confirm(sa_staff_client, page)
    assert response.status_code == 302
    assert messages_of(response) == ["Imported customers.csv: 1 created, 1 updated, 1 unchanged."]
    sa_session.expire_all()
    names = sorted(sa_session.scalars(select(Customer.name)))
    assert names == ["Ada King", "Ben", "New"]
    # recorded as one import, by the user
    changes = sa_session.scalars(
        select(Change)
        .where(Change.table_name == "sa_orders_customer")
        .order_by(Change.id.desc())
        .limit(2)
    ).all()
    assert {c.action for c in changes} == {"create", "update"}
    assert len({c.context_id for c in changes}) == 1
    context = sa_session.get(HistoryContext, changes[0].context_id)
    assert (context.kind, context.actor, context.detail) == (
        "import",
        sa_staff_user.get_username(),
        "customers customers.csv",
    )
    # the upload is gone once used
    assert (
        sa_staff_client.post(URL, {"upload": page.context["token"], "confirm": "1"}).status_code
        == 302
    )
    gone = sa_staff_client.get(URL, {"upload": page.context["token"]})
    assert any("no longer there" in message for message in messages_of(gone))


def test_every_row_in_error_is_listed_with_its_line_and_field_paged(
    sa_staff_client, sa_session, monkeypatch
):
    monkeypatch.setattr(imports, "PROBLEMS_PER_PAGE", 2)
    rows = [f"c{n}@example.com,Name {n},\n" for n in range(3)]
    rows[1] = "not-an-email,Bad,\n"
    text = HEADER + "".join(rows) + ",,\n" + "x@example.com,,\n" + "y@example.com,Y,\n"
    page = preview(sa_staff_client, text)
    report = page.context["report"]
    assert report.rejected == 2
    assert [(p.line, p.field) for p in report.problems] == [(3, "email"), (6, "name")]
    assert "nothing will be imported until they are fixed" in page.content.decode()
    assert b'name="confirm"' not in page.content
    more = HEADER + "".join(f"bad{n},N,\n" for n in range(5))
    first = preview(sa_staff_client, more)
    assert first.context["pages"] == 3
    second = sa_staff_client.get(first.context["next_url"])
    assert [p.line for p in second.context["report"].problems] == [4, 5]
    assert row_count(sa_session, Customer) == 0


def test_a_row_that_fails_at_confirmation_writes_nothing(
    sa_staff_client, sa_session, make_customer
):
    admin = site.admin_for(Customer)
    page = preview(sa_staff_client, HEADER + "a@example.com,A,\nb@example.com,B,\n")
    assert page.context["report"].created == 2
    # meanwhile the file on the server is swapped for one with a bad row
    path = imports._path(imports._upload(page.wsgi_request, admin, page.context["token"])["file"])
    with open(path, "w") as changed:
        changed.write(HEADER + "a@example.com,A,\nb@example.com,,\n")
    response = confirm(sa_staff_client, page)
    assert response.status_code == 409
    assert response.context["report"].rejected == 1
    assert row_count(sa_session, Customer) == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (HEADER.replace("phone", "fax") + "a@example.com,A,1\n", "unknown column “fax”"),
        (
            b"email,name\n" + b"a@example.com,\xff\xfe\n",
            "line 2: the file is not UTF-8 text.",
        ),
        ("name,phone\nA,1\n", "the column “email” is missing"),
    ],
)
def test_bad_files_get_a_clear_message(sa_staff_client, sa_session, content, message):
    page = preview(sa_staff_client, content)
    assert page.status_code == 400
    assert message in page.content.decode()
    assert row_count(sa_session, Customer) == 0


def test_an_empty_upload_and_a_too_large_one_are_form_errors(sa_staff_client, settings, tmp_path):
    response = upload(sa_staff_client, b"")
    assert response.status_code == 400
    assert "The submitted file is empty." in response.content.decode()
    settings.SA_ORDERS = {"IMPORT_DIRECTORY": str(tmp_path), "IMPORT_MAX_BYTES": 10}
    response = upload(sa_staff_client, HEADER + "a@example.com,A,\n")
    assert response.status_code == 400
    assert "the largest that can be imported is 10\xa0bytes" in response.content.decode()


def test_the_page_needs_add_and_change(import_users, sa_staff_client):
    assert import_users.client("imp-add-only").get(URL).status_code == 403
    assert import_users.client("imp-both").get(URL).status_code == 200
    assert (
        "Import CSV"
        not in import_users.client("imp-add-only").get("/orders/customers/").content.decode()
    )
    # the orders' page needs the orders' permissions
    assert import_users.client("imp-both").get(ORDERS_URL).status_code == 403
    assert import_users.client("imp-orders").get(ORDERS_URL).status_code == 200


def test_another_session_cannot_use_an_upload(import_users, sa_staff_client):
    page = preview(sa_staff_client, HEADER + "a@example.com,A,\n")
    other = import_users.client("imp-both")
    response = other.post(URL, {"upload": page.context["token"], "confirm": "1"})
    assert response.status_code == 302
    assert any("no longer there" in message for message in messages_of(response))


def test_a_cancelled_import_changes_nothing_and_forgets_the_file(
    sa_staff_client, sa_session, tmp_path
):
    page = preview(sa_staff_client, HEADER + "a@example.com,A,\n")
    response = sa_staff_client.post(URL, {"upload": page.context["token"], "cancel": "1"})
    assert response.status_code == 302
    assert row_count(sa_session, Customer) == 0
    assert not list((tmp_path / "uploads").iterdir())


def test_a_round_trip_with_the_export_changes_nothing(
    sa_staff_client, sa_session, make_item, make_category
):
    tools = make_category("Tools")
    hammer = make_item(name="Hammer", price=Decimal("24.90"))
    hammer.categories.append(tools)
    make_item(name="Nails", price=Decimal("0.10"), active=False)
    sa_session.flush()
    exported = b"".join(sa_staff_client.get(reverse("sa_orders:item_export")).streaming_content)
    before = sa_session.scalar(select(Change.id).order_by(Change.id.desc()).limit(1))
    page = preview(sa_staff_client, exported, name="items.csv", url="/orders/items/import/")
    report = page.context["report"]
    assert (report.rows, report.unchanged, report.created, report.updated) == (2, 2, 0, 0)
    assert "The file changes nothing." in page.content.decode()
    sa_session.expire_all()
    versions = sorted(sa_session.scalars(select(Item.version)))
    assert versions == [1, 2]  # the category link made one change
    after = sa_session.scalar(select(Change.id).order_by(Change.id.desc()).limit(1))
    assert after == before


# --- orders with their lines ---------------------------------------------------------


@pytest.fixture
def two_orders(sa_session, make_customer, make_item):
    ada = make_customer(name="Ada", email="ada@example.com")
    tea = make_item(sku="TEA", name="Tea", price=Decimal("4.50"))
    mug = make_item(sku="MUG", name="Mug", price=Decimal("12.00"))
    orders = [
        create_order(sa_session, ada, [(tea, 2), (mug, 1)]),
        create_order(sa_session, ada, [(mug, 3)]),
    ]
    sa_session.flush()
    return orders


def test_orders_round_trip_through_the_pages(sa_staff_client, sa_session, two_orders):
    assert f'href="{ORDERS_URL}"' in sa_staff_client.get("/orders/orders/").content.decode()
    exported = b"".join(sa_staff_client.get(reverse("sa_orders:order_export")).streaming_content)
    assert b"2 x TEA @ 4.50 | 1 x MUG @ 12.00" in exported
    before = sa_session.scalar(select(Change.id).order_by(Change.id.desc()).limit(1))
    page = preview(sa_staff_client, exported, name="orders.csv", url=ORDERS_URL)
    report = page.context["report"]
    assert (report.rows, report.unchanged, report.created, report.updated) == (2, 2, 0, 0)
    assert "The file changes nothing." in page.content.decode()
    after = sa_session.scalar(select(Change.id).order_by(Change.id.desc()).limit(1))
    assert after == before


def test_an_edited_export_of_orders_is_previewed_then_applied(
    sa_staff_client, sa_staff_user, sa_session, two_orders
):
    first, _second = two_orders
    exported = b"".join(sa_staff_client.get(reverse("sa_orders:order_export")).streaming_content)
    text = exported.decode().replace("2 x TEA @ 4.50 | 1 x MUG @ 12.00", "5 x TEA | 1 x MUG")
    bad = text + ",ada@example.com,,,,1 x NOPE,,0,,,\r\n"
    page = preview(sa_staff_client, bad, name="orders.csv", url=ORDERS_URL)
    report = page.context["report"]
    assert (report.updated, report.unchanged, report.rejected) == (1, 1, 1)
    assert [(p.line, p.field) for p in report.problems] == [(4, "lines")]
    assert "there is no item “NOPE”" in page.content.decode()
    assert b'name="confirm"' not in page.content
    page = preview(sa_staff_client, text, name="orders.csv", url=ORDERS_URL)
    response = confirm(sa_staff_client, page, url=ORDERS_URL)
    assert response.status_code == 302
    assert any("0 created, 1 updated, 1 unchanged" in m for m in messages_of(response))
    sa_session.expire_all()
    order = sa_session.get(Order, first.id)
    assert {line.item.sku: line.quantity for line in order.lines} == {"TEA": 5, "MUG": 1}
    assert order.total_amount == Decimal("34.50")
    change = sa_session.scalars(
        select(Change).where(Change.table_name == "sa_orders_order").order_by(Change.id.desc())
    ).first()
    context = sa_session.get(HistoryContext, change.context_id)
    assert (context.kind, context.actor, context.detail) == (
        "import",
        sa_staff_user.get_username(),
        "orders orders.csv",
    )
