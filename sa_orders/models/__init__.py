"""The order domain: Customer, Category, Item, Order and OrderItem (SQLAlchemy 2.x).

These are SQLAlchemy models, not Django models. Tables are created by
``manage.py migrate`` (see ``sa_orders/migrations``); the invariants are kept by the
ORM events in :mod:`sa_orders.models.events`. The only Django model, the table-less
:class:`~sa_orders.models.anchor.SQLAlchemyModel`, anchors the pages' permissions.
"""

from sa_orders.models import events as _events  # noqa: F401  (registers the invariants)
from sa_orders.models import (
    history_triggers,
    search_indexes,
    sort_indexes,
    status_triggers,
    triggers,
)
from sa_orders.models.anchor import SQLAlchemyModel
from sa_orders.models.base import (
    MAX_AMOUNT,
    MAX_LINES_PER_ORDER,
    MAX_PRICE,
    MAX_QUANTITY,
    NAMING_CONVENTION,
    ZERO,
    Base,
    IdType,
    Timestamped,
)
from sa_orders.models.catalog import Category, Item, item_category
from sa_orders.models.customers import Customer
from sa_orders.models.history import Change, HistoryContext
from sa_orders.models.kept import CustomerFigures, OrderFigures
from sa_orders.models.orders import (
    TRANSITIONS,
    Order,
    OrderItem,
    OrderStatus,
    can_become,
    compute_total,
    statuses_before,
    transition_error,
)


def _extra_ddl(vendor: str) -> list[str]:
    return [
        *triggers.create_statements(vendor),
        *history_triggers.create_statements(vendor),
        *search_indexes.create_statements(vendor),
        *sort_indexes.create_statements(vendor),
        *status_triggers.create_statements(vendor),
    ]


def _optional_index(name: str | None) -> bool:
    return search_indexes.is_search_index(name) or sort_indexes.is_sort_index(name)


# Created with the tables when migrations are switched off (sa_orders.db.schema).
Base.metadata.info["ddl"] = _extra_ddl
# Indexes the models do not declare, being optional (sa_orders.db.drift leaves them out).
Base.metadata.info["optional_index"] = _optional_index

__all__ = [
    "MAX_AMOUNT",
    "MAX_LINES_PER_ORDER",
    "MAX_PRICE",
    "MAX_QUANTITY",
    "NAMING_CONVENTION",
    "TRANSITIONS",
    "ZERO",
    "Base",
    "Category",
    "Change",
    "Customer",
    "CustomerFigures",
    "HistoryContext",
    "IdType",
    "Item",
    "Order",
    "OrderFigures",
    "OrderItem",
    "OrderStatus",
    "SQLAlchemyModel",
    "Timestamped",
    "can_become",
    "compute_total",
    "item_category",
    "statuses_before",
    "transition_error",
]
