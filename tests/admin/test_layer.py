"""The generic layer itself: registration rules, columns, and the app's own migrations."""

from io import StringIO

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from sqlalchemy import Column, ForeignKey, Integer, String, Table
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from sa_orders.admin import AdminSite, ListColumn, ModelAdmin, site
from sa_orders.admin.columns import bind_column
from sa_orders.admin.sites import all_sites
from sa_orders.models import Customer, Item


class Base(DeclarativeBase):
    pass


class Pair(Base):
    __tablename__ = "layer_pair"
    left: Mapped[int] = mapped_column(primary_key=True)
    right: Mapped[int] = mapped_column(primary_key=True)


class Thing(Base):
    __tablename__ = "layer_thing"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(20))


plain_table = Table("layer_plain", Base.metadata, Column("id", Integer, primary_key=True),
                    Column("thing_id", ForeignKey("layer_thing.id")))  # fmt: skip


@pytest.fixture
def local():
    """A site of its own, forgotten after the test (all_sites would keep it until GC)."""
    local = AdminSite("layer")
    yield local
    all_sites.discard(local)


def test_only_mapped_classes_with_one_primary_key_can_be_registered(local):
    with pytest.raises(ImproperlyConfigured, match="not a SQLAlchemy mapped class"):
        local.register(dict)
    with pytest.raises(ImproperlyConfigured, match="composite primary key"):
        local.register(Pair)
    local.register(Thing)
    with pytest.raises(ImproperlyConfigured, match="already registered"):
        local.register(Thing)


def test_names_and_url_prefixes_must_not_clash(local):
    local.register(Thing)
    with pytest.raises(ImproperlyConfigured, match="url_prefix"):
        local.register(Customer, name="thing")


def test_defaults_come_from_the_class(local):
    admin = local.register(Thing)
    assert (admin.name, str(admin.verbose_name), admin.url_prefix) == ("thing", "thing", "things")
    assert list(admin.list_display) == ["id", "name"]


def test_register_with_options(local):
    admin = local.register(Thing, list_display=["name"], ordering=["-name"])
    assert isinstance(admin, ModelAdmin)
    assert [column.name for column in admin.bound_columns] == ["name"]


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("nope", "has no attribute 'nope'"),
        ("name.x", "not a many-to-one relationship"),
        (ListColumn("x", "X"), "needs an expression or an attribute"),
    ],
)
def test_bad_list_columns_are_refused_early(spec, message):
    with pytest.raises(ValueError, match=message):
        bind_column(Thing, spec)


def test_the_registered_pages_of_sa_orders():
    names = {admin.name for admin in site.model_admins}
    assert {"customer", "item", "supplier"} <= names
    assert site.admin_for(Item).deactivate_field == "active"
    assert site.is_registered(Customer)


def test_per_model_templates_come_first():
    assert site.admin_for(Customer).template_names("detail") == [
        "sa_orders/customer/detail.html",
        "sa_orders/detail.html",
    ]


@pytest.mark.django_db(databases=["default", "other"])
def test_no_migration_is_missing():
    out = StringIO()
    call_command("makemigrations", "sa_orders", check=True, dry_run=True, stdout=out)
    assert "No changes detected" in out.getvalue()
