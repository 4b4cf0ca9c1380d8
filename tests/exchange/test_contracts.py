"""One CSV contract per kind: the pages' Export CSV, sa_export and sa_import all follow it."""

import csv
import io

import pytest
from django.core.management import CommandError
from django.urls import reverse

from sa_orders.backoffice.customers import CustomerAdmin
from sa_orders.backoffice.items import ItemAdmin
from sa_orders.backoffice.orders import OrderAdmin
from sa_orders.exchange.contracts import CONTRACTS, CUSTOMERS, ITEMS, ORDERS, importable
from tests.helpers import run_command

pytestmark = pytest.mark.django_db


def header(text):
    return next(csv.reader(io.StringIO(text)))


def test_the_admins_export_what_the_contracts_say():
    assert CustomerAdmin.export_fields == CUSTOMERS.export_fields
    assert ItemAdmin.export_fields == ITEMS.export_fields
    assert OrderAdmin.export_fields == ORDERS.export_fields


def test_the_kinds_of_the_commands_are_the_contracts():
    assert sorted(CONTRACTS) == ["customers", "items", "orders"]
    assert sorted(importable()) == ["customers", "items", "orders"]
    with pytest.raises(CommandError, match="invalid choice: 'lines'"):
        run_command("sa_import", "lines", "-", stdin="id\n")


@pytest.mark.parametrize("contract", list(CONTRACTS.values()), ids=list(CONTRACTS))
def test_the_page_and_the_command_write_the_contract_header(sa_staff_client, contract):
    names = [column.name for column in contract.columns]
    out, _err = run_command("sa_export", contract.name, "-")
    assert header(out) == names
    page = sa_staff_client.get(reverse(f"sa_orders:{contract.model.__name__.lower()}_export"))
    assert header(b"".join(page.streaming_content).decode()) == names


@pytest.mark.parametrize("contract", list(importable().values()), ids=list(importable()))
def test_an_import_reads_every_column_the_export_writes(sa_session, contract):
    names = [column.name for column in contract.columns]
    assert {column.name for column in contract.fields} | contract.ignored == set(names)
    out, _err = run_command("sa_import", contract.name, "-", "--dry-run", stdin=",".join(names))
    assert "0 to create" in out  # the header alone: accepted, nothing in it
    with pytest.raises(CommandError, match="unknown column “extra”; the columns are"):
        run_command("sa_import", contract.name, "-", stdin=",".join([*names, "extra"]))


def test_required_columns_are_the_contracts():
    required = {name: [c.name for c in k.fields if c.required] for name, k in importable().items()}
    assert required == {
        "customers": ["email", "name"],
        "items": ["sku", "name", "price"],
        "orders": ["customer.email", "lines"],
    }
    with pytest.raises(CommandError, match="the column “price” is missing"):
        run_command("sa_import", "items", "-", stdin="sku,name\nA,B\n")
