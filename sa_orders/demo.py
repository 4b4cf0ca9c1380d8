"""A small, deterministic, realistic demo data set (loaded by ``manage.py sa_seed``).

The same seed always draws the same customers, catalog and orders. Loading is
idempotent: categories are matched by path, items by SKU and customers by email, and
a customer who already has orders gets no new ones. Order dates are counted back from
the moment the data is loaded, so recent activity stays recent.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from sa_orders import services
from sa_orders.models import Base, Category, Customer, Item, Order, OrderStatus
from sa_orders.schema import delete_all_rows
from sa_orders.types import utcnow

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


@dataclass
class SeedReport:
    """What one load of the data set created."""

    categories: int = 0
    items: int = 0
    customers: int = 0
    orders: int = 0
    lines: int = 0

    def __bool__(self) -> bool:
        return any(vars(self).values())


@dataclass
class _PlannedOrder:
    order_date: datetime
    status: OrderStatus
    lines: list[tuple[str, int]]  # (SKU, quantity)
    discount: Decimal


@dataclass
class _PlannedCustomer:
    name: str
    email: str
    phone: str | None
    orders: list[_PlannedOrder]


def plan_customers(count: int, seed: int, now: datetime) -> list[_PlannedCustomer]:
    """The customers and their orders, drawn from ``seed`` only (never from the database)."""
    rng = random.Random(seed)
    sellable = [sku for sku, _name, _price, _path, active in ITEMS if active]
    planned: list[_PlannedCustomer] = []
    seen: set[str] = set()
    while len(planned) < count:
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        email = f"{first}.{last}".lower().replace("'", "")
        if email in seen:  # two people with the same name
            email = f"{email}.{len(planned)}"
        seen.add(email)
        phone = f"+1 555 01{rng.randrange(100):02d}" if rng.random() < 0.7 else None
        orders = [
            _PlannedOrder(
                order_date=now
                - timedelta(days=rng.randrange(HISTORY_DAYS), minutes=rng.randrange(24 * 60)),
                status=rng.choice(STATUSES),
                lines=[(sku, rng.randint(1, 5)) for sku in rng.sample(sellable, rng.randint(1, 4))],
                discount=rng.choice(DISCOUNTS),
            )
            for _ in range(rng.choice(ORDERS_PER_CUSTOMER))
        ]
        planned.append(_PlannedCustomer(f"{first} {last}", f"{email}@example.com", phone, orders))
    return planned


def _load_categories(session: Session, report: SeedReport) -> dict[str, Category]:
    by_path: dict[str, Category] = {}
    for root_name, child_names in CATEGORY_TREE.items():
        root = session.scalar(
            select(Category).where(Category.parent_id.is_(None), Category.name == root_name)
        )
        if root is None:
            root = Category(name=root_name)
            session.add(root)
            report.categories += 1
        by_path[root_name] = root
        for child_name in child_names:
            child = next((c for c in root.children if c.name == child_name), None)
            if child is None:
                child = Category(name=child_name, parent=root)
                session.add(child)
                report.categories += 1
            by_path[f"{root_name}/{child_name}"] = child
    return by_path


def _load_items(
    session: Session, categories: dict[str, Category], report: SeedReport
) -> dict[str, Item]:
    items = {
        item.sku: item
        for item in session.scalars(select(Item).where(Item.sku.in_([row[0] for row in ITEMS])))
    }
    for sku, name, price, path, active in ITEMS:
        if sku not in items:
            items[sku] = Item(
                sku=sku, name=name, price=Decimal(price), active=active,
                categories=[categories[path]],
            )  # fmt: skip
            session.add(items[sku])
            report.items += 1
    return items


def seed(
    session: Session,
    *,
    customers: int = 30,
    seed: int = 42,
    reset: bool = False,
    now: datetime | None = None,
) -> SeedReport:
    """Load the demo data set into ``session`` (the caller commits)."""
    if reset:
        delete_all_rows(session, Base.metadata)
        session.expunge_all()
    report = SeedReport()
    categories = _load_categories(session, report)
    items = _load_items(session, categories, report)
    session.flush()

    planned = plan_customers(customers, seed, now or utcnow())
    existing = {
        customer.email: customer
        for customer in session.scalars(
            select(Customer).where(Customer.email.in_([p.email for p in planned]))
        )
    }
    have_orders = set(
        session.scalars(
            select(Order.customer_id)
            .where(Order.customer_id.in_([customer.id for customer in existing.values()]))
            .distinct()
        )
    )
    for plan in planned:
        customer = existing.get(plan.email)
        if customer is None:
            customer = Customer(name=plan.name, email=plan.email, phone=plan.phone)
            session.add(customer)
            report.customers += 1
        elif customer.id in have_orders:
            continue
        for planned_order in plan.orders:
            lines = [(items[sku], quantity) for sku, quantity in planned_order.lines]
            subtotal = sum((item.price * quantity for item, quantity in lines), Decimal(0))
            order = services.create_order(
                session,
                customer,
                lines,
                order_date=planned_order.order_date,
                status=planned_order.status,
                discount_amount=min(planned_order.discount, subtotal),
            )
            order.created_at = planned_order.order_date
            report.orders += 1
            report.lines += len(lines)
    session.flush()
    return report
