"""manage.py check validates every option of every registered ModelAdmin, with an id per
option, as Django's admin does; the registrations shipped with sa_orders pass."""

from contextlib import contextmanager

import pytest
from django import forms
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from sa_orders.admin import (
    Action,
    AdminSite,
    BooleanFilter,
    ChoiceFilter,
    DateRangeFilter,
    ExportColumn,
    ListColumn,
    RelatedExistsFilter,
    RelatedIdFilter,
    TreeFilter,
    UpdateAction,
    delete_selected,
    site,
)
from sa_orders.admin.checks import ModelAdminChecks, check_sites
from sa_orders.admin.sites import all_sites
from sa_orders.backoffice.customers import CustomerAdmin
from sa_orders.backoffice.items import ItemAdmin
from sa_orders.backoffice.orders import OrderAdmin
from sa_orders.models import Customer, Item, Order
from tests.helpers import check_ids
from tests.hostapp.models import Supplier


@contextmanager
def own_site(name="checks"):
    """A site of the test's own, forgotten afterwards (``check`` looks at every site)."""
    test_site = AdminSite(name=name)
    try:
        yield test_site
    finally:
        all_sites.discard(test_site)


def problems(model, admin_class=None, **options):
    """The check messages of a model admin with ``options``, on a site of its own that
    has sa_orders' customers and items too."""
    with own_site() as test_site:
        model_admin = test_site.register(model, admin_class, **options)
        for other, other_admin in [(Customer, CustomerAdmin), (Item, ItemAdmin)]:
            if other is not model:
                test_site.register(other, other_admin)
        return ModelAdminChecks(model_admin).check()


def test_the_shipped_registrations_pass():
    assert check_sites([site]) == []


def test_the_shipped_admins_pass_one_by_one():
    for admin_class, model in [(CustomerAdmin, Customer), (ItemAdmin, Item), (OrderAdmin, Order)]:
        assert problems(model, admin_class) == []


BAD_OPTIONS = [
    ("list_display", ["name", "nmae"], "sa_orders.E101", "list_display[1]"),
    ("list_display", ["orders.id"], "sa_orders.E101", "not a many-to-one"),
    ("list_display", [ListColumn("x", "X")], "sa_orders.E101", "needs an expression"),
    ("list_display", "name", "sa_orders.E101", "must be a list"),
    ("search_fields", ["name", "emial"], "sa_orders.E102", "search_fields[1]"),
    ("search_fields", ["orders.id"], "sa_orders.E102", "not a many-to-one"),
    ("list_filter", [BooleanFilter("name")], "sa_orders.E103", "not a Boolean column"),
    ("list_filter", ["name"], "sa_orders.E103", "is not a ListFilter"),
    (
        "list_filter",
        [RelatedExistsFilter("order", "x", title="X")],
        "sa_orders.E103",
        "no relationship",
    ),
    (
        "list_filter",
        [RelatedExistsFilter("orders", "q", title="Q")],
        "sa_orders.E103",
        "one the list itself uses",
    ),
    (
        "list_filter",
        [RelatedExistsFilter("orders", "x", title="X", counted_by="figures.count")],
        "sa_orders.E103",
        "CustomerFigures has no column 'count'",
    ),
    (
        "list_filter",
        [RelatedExistsFilter("orders", "x", title="X", counted_by="orders.id")],
        "sa_orders.E103",
        "not a many-to-one",
    ),
    ("ordering", ["-nmae"], "sa_orders.E104", "not a sortable column"),
    ("form_fields", ["name", "emial"], "sa_orders.E105", "form_fields[1]"),
    ("form_overrides", {"name": "not a field"}, "sa_orders.E106", "is not a form field"),
    ("form_overrides", {"nickname": forms.CharField()}, "sa_orders.E106", "not one of the form"),
    ("autocomplete_fields", ["orders"], "sa_orders.E107", "not a many-to-one"),
    ("lookup_field", "mail", "sa_orders.E108", "no column 'mail'"),
    ("export_fields", ["id", "emial"], "sa_orders.E109", "export_fields[1]"),
    (
        "export_fields",
        [ExportColumn("x", lambda model: model.nothing)],
        "sa_orders.E109",
        "nothing",
    ),
    ("detail_fields", ["name", "nmae"], "sa_orders.E110", "detail_fields[1]"),
    ("deactivate_field", "name", "sa_orders.E111", "not a Boolean column"),
    ("actions", [delete_selected, delete_selected], "sa_orders.E112", "is the one of actions[0]"),
    ("actions", [UpdateAction("x", "X", {"vip": True})], "sa_orders.E112", "no column 'vip'"),
    ("actions", ["delete"], "sa_orders.E112", "is not an Action"),
    ("list_per_page", 0, "sa_orders.E113", "not 1 or more"),
    ("list_per_page", 500, "sa_orders.E113", "more than list_max_per_page"),
    ("list_count_cap", "many", "sa_orders.E113", "not 1 or more"),
]


@pytest.mark.parametrize(("option", "value", "check_id", "says"), BAD_OPTIONS)
def test_every_option_is_checked(option, value, check_id, says):
    found = problems(Customer, **{option: value})
    assert check_ids(found) == [check_id], [str(message) for message in found]
    assert says in found[0].msg
    assert f"'{option}" in found[0].msg  # the option is named
    assert found[0].hint


def test_an_action_without_a_known_permission():
    class Shout(Action):
        name = "shout"
        label = "Shout"
        permission = "shout"

    found = problems(Customer, actions=[Shout()])
    assert check_ids(found) == ["sa_orders.E112"]
    assert "permission 'shout'" in found[0].msg


def test_filters_of_every_kind_are_checked():
    good = [
        ChoiceFilter("status", [("paid", "Paid")]),
        DateRangeFilter("order_date"),
        RelatedIdFilter("customer"),
    ]
    assert problems(Order, list_filter=good, list_display=["id"]) == []
    bad = [
        DateRangeFilter("notes"),
        RelatedIdFilter("lines"),
        ChoiceFilter("state", []),
        TreeFilter("categories", "category", title="C"),
    ]
    found = problems(Order, list_filter=bad, list_display=["id"])
    assert [message.msg.split(": ", 1)[0] for message in found] == [
        f"The value of 'list_filter[{n}]' of OrderAdmin (Order)" for n in range(4)
    ]
    assert "not a DateTime or Date column" in found[0].msg
    assert "not a many-to-one" in found[1].msg
    assert "no column 'state'" in found[2].msg
    assert "no relationship 'categories'" in found[3].msg
    assert problems(Item, list_filter=[TreeFilter("categories", "c", title="C")]) == []
    found = problems(
        Item, list_filter=[TreeFilter("categories", "c", title="C", label_attribute="title")]
    )
    assert "Category has no column 'title'" in found[0].msg


def test_autocomplete_needs_the_target_on_the_site_with_a_search():
    with own_site() as lonely:
        model_admin = lonely.register(Order, autocomplete_fields=["customer"], list_display=["id"])
        found = ModelAdminChecks(model_admin).check()
    assert check_ids(found) == ["sa_orders.E107"]
    assert "Customer is not registered" in found[0].msg
    with own_site() as lonely:
        model_admin = lonely.register(
            Order, autocomplete_fields=["customer"], form_fields=["customer"], list_display=["id"]
        )
        found = ModelAdminChecks(model_admin).check()
    assert check_ids(found) == ["sa_orders.E105", "sa_orders.E107"]
    found = problems(Order, autocomplete_fields=["customer"], list_display=["id"])
    assert found == []
    with own_site() as searchless:
        searchless.register(Customer, search_fields=[])
        model_admin = searchless.register(
            Order, autocomplete_fields=["customer"], list_display=["id"]
        )
        assert "no search_fields" in ModelAdminChecks(model_admin).check()[0].msg


@pytest.fixture
def misspelt_registration():
    """The host's Supplier registered again with a typo in list_display, for one test."""
    original = type(site.admin_for(Supplier))
    site.unregister(Supplier)
    site.register(Supplier, original, list_display=["name", "nmae"])
    yield
    site.unregister(Supplier)
    site.register(Supplier, original)


@pytest.mark.django_db
def test_manage_py_check_fails_on_a_misspelt_option_with_its_id(misspelt_registration):
    with pytest.raises(SystemCheckError) as raised:
        call_command("check")
    message = str(raised.value)
    assert "sa_orders.E101" in message
    assert "'list_display[1]' of SupplierAdmin (Supplier)" in message
    assert "nmae" in message
