"""Figures of a row from its related rows, as SQL: a customer's number of orders, an
order's number of lines (both kept by the database, see :mod:`sa_orders.models.kept`),
the ids of an item's categories.

Each takes the class (or an alias of it) and returns a correlated scalar subquery, so a
list page or an export computes it with its rows, in the same SELECT: for the counts a
lookup of one kept row by its key, whatever the number of orders or lines.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, String, cast, func, select

from sa_orders.models.catalog import item_category
from sa_orders.models.kept import CustomerFigures, OrderFigures


def order_count(customer: Any) -> ColumnElement[int]:
    """How many orders the customer has."""
    return (
        select(CustomerFigures.order_count)
        .where(CustomerFigures.customer_id == customer.id)
        .correlate(customer)
        .scalar_subquery()
    )


def line_count(order: Any) -> ColumnElement[int]:
    """How many lines the order has."""
    return (
        select(OrderFigures.line_count)
        .where(OrderFigures.order_id == order.id)
        .correlate(order)
        .scalar_subquery()
    )


def category_ids(item: Any) -> ColumnElement[str]:
    """The ids of the item's categories, comma-separated (NULL without categories)."""
    return (
        select(func.aggregate_strings(cast(item_category.c.category_id, String), ","))
        .where(item_category.c.item_id == item.id)
        .correlate(item)
        .scalar_subquery()
    )
