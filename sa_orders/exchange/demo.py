"""Loading the demo data set, and data sets of any size (``manage.py sa_seed``).

What the data set holds is drawn in :mod:`sa_orders.exchange.demo_data`; order dates are
counted back from the moment the data is loaded, so recent activity stays recent.

Loading is idempotent: categories are matched by path, items by SKU and customers by
email, and a customer who already has orders gets no new ones, so a second run with the
same arguments changes nothing. Rows go in through
:func:`sa_orders.services.writes.insert_rows` (COPY on PostgreSQL, multi-row INSERTs
elsewhere) with the totals computed here, orders and their lines a batch at a time, so a
million order lines take seconds and little memory. Everything happens in the caller's
transaction: a failure leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from sa_orders.db import bulk
from sa_orders.db.bulk import delete_all_rows
from sa_orders.db.mapping import table_of
from sa_orders.db.types import utcnow
from sa_orders.exchange.demo_data import (
    DEMO,
    DISCOUNTS,
    HISTORY_DAYS,
    STATUSES,
    PlannedItem,
    Sizes,
    plan_categories,
    plan_customers,
    plan_items,
    plan_order_owners,
    random_stream,
)
from sa_orders.models import (
    MAX_LINES_PER_ORDER,
    Base,
    Category,
    Customer,
    Item,
    Order,
    OrderItem,
    history,
    item_category,
)
from sa_orders.services import catalog, writes

LOOKUP_CHUNK = 1000  # keys per IN (...) when looking for existing rows

__all__ = ["SeedReport", "Sizes", "seed"]


@dataclass
class SeedReport:
    """What one load of the data set created (or, in a dry run, would create), and the
    orders of the data set it left out: those of customers who already had orders."""

    categories: int = 0
    items: int = 0
    customers: int = 0
    orders: int = 0
    lines: int = 0
    orders_planned: int = 0
    orders_left_out: int = 0
    customers_with_orders: int = 0  # customers of the data set found with orders already

    def __bool__(self) -> bool:
        """Whether anything was (or would be) created."""
        return any((self.categories, self.items, self.customers, self.orders, self.lines))


# --- loading ------------------------------------------------------------------------


@dataclass
class _Loader:
    session: Session
    dry_run: bool
    batch_size: int
    empty: bool  # --reset: what is there now does not count
    now: datetime
    report: SeedReport = field(default_factory=SeedReport)

    def insert(
        self, target: type | Table, columns: Sequence[str], rows: Sequence[Sequence[Any]]
    ) -> None:
        if rows and not self.dry_run:
            writes.insert_rows(
                self.session, target, columns, rows, batch_size=self.batch_size, now=self.now
            )

    def existing(self, column: Any, keys: Sequence[str], *extra: Any) -> dict[str, tuple[Any, ...]]:
        """The rows whose ``column`` is among ``keys``: key -> (the ``extra`` columns)."""
        found: dict[str, tuple[Any, ...]] = {}
        if self.empty:
            return found
        for start in range(0, len(keys), LOOKUP_CHUNK):
            chunk = keys[start : start + LOOKUP_CHUNK]
            rows = self.session.execute(select(column, *extra).where(column.in_(chunk)))
            found.update((row[0], tuple(row[1:])) for row in rows)
        return found


def seed(
    session: Session,
    *,
    sizes: Sizes = DEMO,
    seed: int = 42,
    reset: bool = False,
    now: datetime | None = None,
    dry_run: bool = False,
    batch_size: int = bulk.DEFAULT_BATCH_SIZE,
    progress: Callable[[int, int], None] | None = None,
) -> SeedReport:
    """Load the data set in the session's transaction (the caller commits).

    ``progress(done, total)`` is called as orders are written.
    """
    if reset and not dry_run:
        delete_all_rows(session, Base.metadata)  # the history too: a new demo starts afresh
        history.forget_source(session)  # its context row went with the rest
        session.expunge_all()
    now = now or utcnow()
    loader = _Loader(session, dry_run, batch_size, empty=reset, now=now)
    report = loader.report

    categories = _load_categories(session, loader, plan_categories(sizes.categories), reset)
    items = _load_items(loader, plan_items(sizes.items, list(categories), seed), categories)
    customers = _load_customers(loader, sizes, seed)
    sellable = [(item_id, price) for item_id, price, active in items.values() if active]
    if sellable:  # without an active item, nothing can be ordered
        _load_orders(loader, sizes, seed, now, customers, sellable, progress)
    if not dry_run:
        for model in (Item, Customer, Order):
            bulk.sync_sequence(session.connection(), table_of(model))
        if report:
            bulk.analyze(session.connection(), Base.metadata.sorted_tables)
    return report


def _load_categories(
    session: Session, loader: _Loader, planned: list[tuple[str, str | None]], reset: bool
) -> dict[str, int]:
    """Category ids by path (the ORM makes them: there are few, and they form a tree)."""
    paths = {} if reset else catalog.category_paths(session)
    by_path = {path: pk for pk, path in paths.items()}
    made: dict[str, Category] = {}
    for path, parent_path in planned:
        if path in by_path:
            continue
        loader.report.categories += 1
        if loader.dry_run:
            by_path[path] = -len(by_path) - 1  # a stand-in id: nothing is written
            continue
        parent = made.get(parent_path) if parent_path else None
        if parent is None and parent_path is not None:
            parent = session.get(Category, by_path[parent_path])
        made[path] = Category(name=path.rpartition("/")[2], parent=parent)
        session.add(made[path])
    session.flush()
    by_path.update({path: category.id for path, category in made.items()})
    return by_path


def _load_items(
    loader: _Loader, planned: list[PlannedItem], categories: dict[str, int]
) -> dict[str, tuple[int, Decimal, bool]]:
    """Items by SKU: (id, price, active); the new ones inserted with their categories."""
    found = loader.existing(
        Item.sku, [item.sku for item in planned], Item.id, Item.price, Item.active
    )
    items = {sku: (pk, price, active) for sku, (pk, price, active) in found.items()}
    next_id = bulk.next_id(loader.session.connection(), table_of(Item))
    rows, links = [], []
    for item in planned:
        if item.sku in items:
            continue
        items[item.sku] = (next_id, item.price, item.active)
        rows.append((next_id, item.sku, item.name, item.price, item.active))
        if item.category is not None:
            links.append((next_id, categories[item.category]))
        next_id += 1
    loader.insert(Item, ["id", "sku", "name", "price", "active"], rows)
    loader.insert(item_category, ["item_id", "category_id"], links)
    loader.report.items += len(rows)
    return items


def _load_customers(loader: _Loader, sizes: Sizes, seed: int) -> list[int | None]:
    """Each planned customer's id, or None for an existing customer who has orders (and
    so gets no new ones)."""
    planned = list(plan_customers(sizes.customers, seed))
    found = loader.existing(Customer.email, [c.email for c in planned], Customer.id)
    existing_ids = [pk for (pk,) in found.values()]
    with_orders: set[int] = set()
    for start in range(0, len(existing_ids), LOOKUP_CHUNK):
        chunk = existing_ids[start : start + LOOKUP_CHUNK]
        with_orders.update(
            loader.session.scalars(
                select(Order.customer_id).where(Order.customer_id.in_(chunk)).distinct()
            )
        )
    next_id = bulk.next_id(loader.session.connection(), table_of(Customer))
    ids: list[int | None] = []
    rows = []
    for customer in planned:
        if customer.email in found:
            (pk,) = found[customer.email]
            ids.append(None if pk in with_orders else pk)
            continue
        ids.append(next_id)
        rows.append((next_id, customer.name, customer.email, customer.phone))
        next_id += 1
    loader.insert(Customer, ["id", "name", "email", "phone"], rows)
    loader.report.customers += len(rows)
    loader.report.customers_with_orders += sum(1 for pk in ids if pk is None)
    return ids


ORDER_COLUMNS = [
    "id", "customer_id", "order_date", "status", "discount_amount", "total_amount",
    "created_at", "updated_at",
]  # fmt: skip
LINE_COLUMNS = ["order_id", "item_id", "quantity", "price_paid"]


def _load_orders(
    loader: _Loader,
    sizes: Sizes,
    seed: int,
    now: datetime,
    customers: list[int | None],
    sellable: list[tuple[int, Decimal]],
    progress: Callable[[int, int], None] | None,
) -> None:
    """Orders and their lines, ``batch_size`` orders at a time: orders first, then the
    lines that refer to them."""
    rng = random_stream(seed, "orders")
    total = sum(1 for _ in plan_order_owners(sizes, seed))
    loader.report.orders_planned += total
    most_lines = min(len(sellable), MAX_LINES_PER_ORDER)
    next_id = bulk.next_id(loader.session.connection(), table_of(Order))
    orders: list[tuple[object, ...]] = []
    lines: list[tuple[object, ...]] = []
    done = 0

    def flush() -> None:
        nonlocal orders, lines
        loader.insert(Order, ORDER_COLUMNS, orders)
        loader.insert(OrderItem, LINE_COLUMNS, lines)
        loader.report.orders += len(orders)
        loader.report.lines += len(lines)
        orders, lines = [], []
        if progress is not None:
            progress(done, total)

    for owner in plan_order_owners(sizes, seed):
        # every order is drawn, even one that is skipped, so the rest stays the same
        order_date = now - timedelta(
            days=rng.randrange(HISTORY_DAYS), minutes=rng.randrange(24 * 60)
        )
        status = rng.choice(STATUSES)
        count = sizes.lines_per_order or rng.randint(1, 4)
        chosen = rng.sample(sellable, min(count, most_lines))
        quantities = [rng.randint(1, 5) for _ in chosen]
        discount = rng.choice(DISCOUNTS)
        done += 1
        customer_id = customers[owner]
        if customer_id is None:
            loader.report.orders_left_out += 1
            continue
        subtotal = sum(
            (price * quantity for (_pk, price), quantity in zip(chosen, quantities, strict=True)),
            Decimal(0),
        )
        discount = min(discount, subtotal)
        orders.append(
            (
                next_id,
                customer_id,
                order_date,
                status,
                discount,
                subtotal - discount,
                order_date,
                order_date,
            )
        )
        lines += [
            (next_id, item_id, quantity, price)
            for (item_id, price), quantity in zip(chosen, quantities, strict=True)
        ]
        next_id += 1
        if len(orders) >= loader.batch_size:
            flush()
    flush()
