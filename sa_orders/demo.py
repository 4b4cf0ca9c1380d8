"""The demo data set, and data sets of any size (loaded by ``manage.py sa_seed``).

Everything is drawn from the seed and the sizes only, never from the database, so the
same arguments always give the same data: a category tree, a catalog (the hand-written
items below first, generated ones after them), customers, and orders with lines. Order
dates are counted back from the moment the data is loaded, so recent activity stays
recent.

Loading is idempotent: categories are matched by path, items by SKU and customers by
email, and a customer who already has orders gets no new ones, so a second run with the
same arguments changes nothing. Rows go in through :mod:`sa_orders.bulk` (COPY on
PostgreSQL, multi-row INSERTs elsewhere) with the totals computed here, orders and their
lines a batch at a time, so a million order lines take seconds and little memory.
Everything happens in the caller's transaction: a failure leaves nothing behind.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from sa_orders import services
from sa_orders.db import bulk
from sa_orders.db.bulk import delete_all_rows
from sa_orders.db.types import utcnow
from sa_orders.models import (
    MAX_LINES_PER_ORDER,
    Base,
    Category,
    Customer,
    Item,
    Order,
    OrderItem,
    OrderStatus,
    item_category,
)

CATEGORY_TREE: dict[str, list[str]] = {
    "Hardware": ["Hand tools", "Fasteners", "Power tools"],
    "Garden": ["Seeds", "Watering"],
    "Kitchen": ["Cookware", "Utensils"],
}

# (SKU, name, price, category path, active)
ITEMS: list[tuple[str, str, str, str, bool]] = [
    ("HT-HAMMER-16", "Claw hammer 16 oz", "24.90", "Hardware/Hand tools", True),
    ("HT-SCREWSET-8", "Screwdriver set, 8 pieces", "19.50", "Hardware/Hand tools", True),
    ("HT-PLIERS-CMB", "Combination pliers", "14.75", "Hardware/Hand tools", True),
    ("HT-TAPE-5M", "Tape measure 5 m", "9.99", "Hardware/Hand tools", True),
    ("FS-SCREW-4X40", "Wood screws 4×40, box of 200", "7.45", "Hardware/Fasteners", True),
    ("FS-ANCHOR-8", "Wall anchors 8 mm, 50 pack", "5.20", "Hardware/Fasteners", True),
    ("FS-NAIL-60", "Round nails 60 mm, 1 kg", "6.80", "Hardware/Fasteners", True),
    ("PT-DRILL-18V", "Cordless drill 18 V", "129.00", "Hardware/Power tools", True),
    ("PT-SANDER-ORB", "Orbital sander", "89.90", "Hardware/Power tools", True),
    ("PT-JIGSAW-650", "Jigsaw 650 W", "74.50", "Hardware/Power tools", False),
    ("GD-SEED-TOM", "Tomato seeds, heirloom mix", "3.95", "Garden/Seeds", True),
    ("GD-SEED-BASIL", "Basil seeds", "2.49", "Garden/Seeds", True),
    ("GD-SEED-SUNF", "Sunflower seeds, giant", "3.10", "Garden/Seeds", True),
    ("GD-HOSE-25", "Garden hose 25 m", "39.00", "Garden/Watering", True),
    ("GD-CAN-10L", "Watering can 10 l", "16.90", "Garden/Watering", True),
    ("GD-SPRINK-OSC", "Oscillating sprinkler", "27.40", "Garden/Watering", True),
    ("KT-PAN-28", "Frying pan 28 cm", "44.00", "Kitchen/Cookware", True),
    ("KT-POT-5L", "Stock pot 5 l", "52.90", "Kitchen/Cookware", True),
    ("KT-DUTCH-OVEN", "Cast-iron Dutch oven", "119.00", "Kitchen/Cookware", True),
    ("KT-KNIFE-CHEF", "Chef's knife 20 cm", "59.00", "Kitchen/Utensils", True),
    ("KT-SPATULA", "Silicone spatula", "6.50", "Kitchen/Utensils", True),
    ("KT-WHISK", "Balloon whisk", "8.25", "Kitchen/Utensils", True),
    ("KT-BOARD-OAK", "Oak cutting board", "34.00", "Kitchen/Utensils", True),
    ("KT-PEELER", "Swivel peeler", "4.99", "Kitchen/Utensils", False),
]

FIRST_NAMES = [
    "Ada", "Ben", "Chiara", "Dmitri", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas",
    "Kavya", "Liam", "Maya", "Nils", "Olga", "Pedro", "Quinn", "Rosa", "Samir", "Tessa",
    "Umar", "Vera", "Wen", "Ximena", "Yusuf", "Zoe",
]  # fmt: skip
LAST_NAMES = [
    "Andersen", "Bianchi", "Chen", "Dubois", "Eriksen", "Fischer", "Garcia", "Hansen",
    "Ivanova", "Jensen", "Kowalski", "Lopez", "Mueller", "Nakamura", "O'Brien", "Petrov",
]  # fmt: skip

# A status drawn from this list: mostly shipped, some paid and pending, a few cancelled.
STATUSES = (
    [OrderStatus.PENDING] * 2
    + [OrderStatus.PAID] * 3
    + [OrderStatus.SHIPPED] * 6
    + [OrderStatus.CANCELLED]
)
DISCOUNTS = [Decimal("0")] * 3 + [Decimal("5.00"), Decimal("10.00")]
ORDERS_PER_CUSTOMER = [0, 1, 1, 2, 2, 3, 4]
HISTORY_DAYS = 120

# Words for the names of generated items.
ITEM_ADJECTIVES = ["Compact", "Heavy-duty", "Classic", "Folding", "Steel", "Bamboo", "Cordless",
                   "Mini", "Deluxe", "Eco"]  # fmt: skip
ITEM_NOUNS = ["bucket", "clamp", "ladder", "trowel", "kettle", "sieve", "rake", "lamp",
              "hook set", "drill bit set"]  # fmt: skip
CENT = Decimal("0.01")
LOOKUP_CHUNK = 1000  # keys per IN (...) when looking for existing rows


@dataclass(frozen=True)
class Sizes:
    """How much data to make. ``orders=None`` gives each customer 0 to 4 orders;
    ``lines_per_order=None`` gives each order 1 to 4 lines."""

    customers: int = 30
    items: int = len(ITEMS)
    categories: int = sum(1 + len(children) for children in CATEGORY_TREE.values())
    orders: int | None = None
    lines_per_order: int | None = None

    def problems(self) -> list[str]:
        """What makes these sizes impossible, in words."""
        found = []
        wants_orders = self.orders is None or self.orders > 0
        if self.orders and not self.customers:
            found.append("orders need customers: --customers must be 1 or more")
        if self.customers and wants_orders and not self.items:
            found.append("orders need items: --items must be 1 or more")
        if self.lines_per_order is not None and not 1 <= self.lines_per_order <= (
            MAX_LINES_PER_ORDER
        ):
            found.append(f"--lines-per-order must be between 1 and {MAX_LINES_PER_ORDER}")
        if self.items and not self.categories:
            found.append("items need categories: --categories must be 1 or more")
        return found


@dataclass
class SeedReport:
    """What one load of the data set created (or, in a dry run, would create)."""

    categories: int = 0
    items: int = 0
    customers: int = 0
    orders: int = 0
    lines: int = 0

    def __bool__(self) -> bool:
        return any(vars(self).values())


# --- what the data set is: drawn from the seed and the sizes only -------------------


def _rng(seed: int, part: str) -> random.Random:
    """One random stream per part, so that more orders do not change the customers."""
    return random.Random(f"{seed}/{part}")


def plan_categories(count: int) -> list[tuple[str, str | None]]:
    """``count`` categories as (path, parent path), parents first: the demo tree, then
    generated ranges under its roots in turn."""
    planned: list[tuple[str, str | None]] = []
    for root, children in CATEGORY_TREE.items():
        planned.append((root, None))
        planned += [(f"{root}/{child}", root) for child in children]
    roots = list(CATEGORY_TREE)
    number = 1
    while len(planned) < count:
        root = roots[(number - 1) % len(roots)]
        planned.append((f"{root}/Range {number}", root))
        number += 1
    return planned[:count]


@dataclass(frozen=True)
class PlannedItem:
    sku: str
    name: str
    price: Decimal
    active: bool
    category: str | None  # a path


def plan_items(count: int, category_paths: Sequence[str], seed: int) -> list[PlannedItem]:
    """The hand-written catalog first, then generated items in the categories there are."""
    available = set(category_paths)
    leaves = [path for path in category_paths if "/" in path] or list(category_paths)
    planned = []
    for sku, name, price, path, active in ITEMS[:count]:
        while path and path not in available:  # its category was not made: its parent
            path = path.rpartition("/")[0]
        planned.append(PlannedItem(sku, name, Decimal(price), active, path or None))
    rng = _rng(seed, "items")
    for number in range(len(planned) + 1, count + 1):
        planned.append(
            PlannedItem(
                sku=f"GEN-{number:07d}",
                name=f"{rng.choice(ITEM_ADJECTIVES)} {rng.choice(ITEM_NOUNS)} {number}",
                price=Decimal(rng.randrange(50, 50_000)) * CENT,
                active=rng.random() < 0.95,
                category=rng.choice(leaves) if leaves else None,
            )
        )
    return planned


@dataclass(frozen=True)
class PlannedCustomer:
    name: str
    email: str
    phone: str | None


def plan_customers(count: int, seed: int) -> Iterator[PlannedCustomer]:
    rng = _rng(seed, "customers")
    seen: set[str] = set()
    for number in range(count):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        email = f"{first}.{last}".lower().replace("'", "")
        if email in seen:  # two people with the same name
            email = f"{email}.{number}"
        seen.add(email)
        phone = f"+1 555 01{rng.randrange(100):02d}" if rng.random() < 0.7 else None
        yield PlannedCustomer(f"{first} {last}", f"{email}@example.com", phone)


def plan_order_owners(sizes: Sizes, seed: int) -> Iterator[int]:
    """The customer (by position) of each order, in order."""
    rng = _rng(seed, "order-owners")
    if sizes.orders is None:
        for position in range(sizes.customers):
            yield from [position] * rng.choice(ORDERS_PER_CUSTOMER)
    else:
        for _ in range(sizes.orders):
            yield rng.randrange(sizes.customers)


# --- loading ------------------------------------------------------------------------


@dataclass
class _Loader:
    connection: Connection
    dry_run: bool
    batch_size: int
    empty: bool  # --reset: what is there now does not count
    report: SeedReport = field(default_factory=SeedReport)

    def insert(self, table: object, columns: Sequence[str], rows: list[tuple[object, ...]]) -> None:
        if rows and not self.dry_run:
            bulk.insert_rows(self.connection, table, columns, rows, batch_size=self.batch_size)  # type: ignore[arg-type]

    def existing(self, column: object, keys: Sequence[str], *extra: object) -> dict[str, tuple]:
        """The rows whose ``column`` is among ``keys``: key -> (the ``extra`` columns)."""
        found: dict[str, tuple] = {}
        if self.empty:
            return found
        for start in range(0, len(keys), LOOKUP_CHUNK):
            chunk = keys[start : start + LOOKUP_CHUNK]
            rows = self.connection.execute(select(column, *extra).where(column.in_(chunk)))  # type: ignore[attr-defined]
            found.update((row[0], tuple(row[1:])) for row in rows)
        return found


def seed(
    session: Session,
    *,
    sizes: Sizes = Sizes(),
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
        delete_all_rows(session, Base.metadata)
        session.expunge_all()
    now = now or utcnow()
    loader = _Loader(session.connection(), dry_run, batch_size, empty=reset)
    report = loader.report

    categories = _load_categories(session, loader, plan_categories(sizes.categories), reset)
    items = _load_items(loader, plan_items(sizes.items, list(categories), seed), categories, now)
    customers = _load_customers(loader, sizes, seed, now)
    sellable = [(item_id, price) for item_id, price, active in items.values() if active]
    if sellable:  # without an active item, nothing can be ordered
        _load_orders(loader, sizes, seed, now, customers, sellable, progress)
    if not dry_run:
        for model in (Item, Customer, Order):
            bulk.sync_sequence(loader.connection, model.__table__)  # type: ignore[arg-type]
        if report:
            bulk.analyze(loader.connection, Base.metadata.sorted_tables)
    return report


def _load_categories(
    session: Session, loader: _Loader, planned: list[tuple[str, str | None]], reset: bool
) -> dict[str, int]:
    """Category ids by path (the ORM makes them: there are few, and they form a tree)."""
    paths = {} if reset else services.category_paths(session)
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
    loader: _Loader, planned: list[PlannedItem], categories: dict[str, int], now: datetime
) -> dict[str, tuple[int, Decimal, bool]]:
    """Items by SKU: (id, price, active); the new ones inserted with their categories."""
    found = loader.existing(
        Item.sku, [item.sku for item in planned], Item.id, Item.price, Item.active
    )
    items = {sku: (pk, price, active) for sku, (pk, price, active) in found.items()}
    next_id = bulk.next_id(loader.connection, Item.__table__)  # type: ignore[arg-type]
    rows, links = [], []
    for item in planned:
        if item.sku in items:
            continue
        items[item.sku] = (next_id, item.price, item.active)
        rows.append((next_id, item.sku, item.name, item.price, item.active, now, now))
        if item.category is not None:
            links.append((next_id, categories[item.category]))
        next_id += 1
    loader.insert(
        Item.__table__, ["id", "sku", "name", "price", "active", "created_at", "updated_at"], rows
    )
    loader.insert(item_category, ["item_id", "category_id"], links)
    loader.report.items += len(rows)
    return items


def _load_customers(loader: _Loader, sizes: Sizes, seed: int, now: datetime) -> list[int | None]:
    """Each planned customer's id, or None for an existing customer who has orders (and
    so gets no new ones)."""
    planned = list(plan_customers(sizes.customers, seed))
    found = loader.existing(Customer.email, [c.email for c in planned], Customer.id)
    existing_ids = [pk for (pk,) in found.values()]
    with_orders: set[int] = set()
    for start in range(0, len(existing_ids), LOOKUP_CHUNK):
        chunk = existing_ids[start : start + LOOKUP_CHUNK]
        with_orders.update(
            loader.connection.scalars(
                select(Order.customer_id).where(Order.customer_id.in_(chunk)).distinct()
            )
        )
    next_id = bulk.next_id(loader.connection, Customer.__table__)  # type: ignore[arg-type]
    ids: list[int | None] = []
    rows = []
    for customer in planned:
        if customer.email in found:
            (pk,) = found[customer.email]
            ids.append(None if pk in with_orders else pk)
            continue
        ids.append(next_id)
        rows.append((next_id, customer.name, customer.email, customer.phone, now, now))
        next_id += 1
    loader.insert(
        Customer.__table__, ["id", "name", "email", "phone", "created_at", "updated_at"], rows
    )
    loader.report.customers += len(rows)
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
    rng = _rng(seed, "orders")
    total = sum(1 for _ in plan_order_owners(sizes, seed))
    most_lines = min(len(sellable), MAX_LINES_PER_ORDER)
    next_id = bulk.next_id(loader.connection, Order.__table__)  # type: ignore[arg-type]
    orders: list[tuple[object, ...]] = []
    lines: list[tuple[object, ...]] = []
    done = 0

    def flush() -> None:
        nonlocal orders, lines
        loader.insert(Order.__table__, ORDER_COLUMNS, orders)
        loader.insert(OrderItem.__table__, LINE_COLUMNS, lines)
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
