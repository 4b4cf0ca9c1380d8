"""The demo data set, and data sets of any size: what they hold, drawn from the seed and
the sizes only, never from the database, so the same arguments always give the same data.

A category tree, a catalog (the hand-written items below first, generated ones after
them), customers, and the owner of each order. :mod:`sa_orders.exchange.demo` loads them.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from sa_orders.models import MAX_LINES_PER_ORDER, OrderStatus

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


DEMO = Sizes()  # the small demo set


# --- what the data set is: drawn from the seed and the sizes only -------------------


def random_stream(seed: int, part: str) -> random.Random:
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
    rng = random_stream(seed, "items")
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
    rng = random_stream(seed, "customers")
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
    rng = random_stream(seed, "order-owners")
    if sizes.orders is None:
        for position in range(sizes.customers):
            yield from [position] * rng.choice(ORDERS_PER_CUSTOMER)
    else:
        for _ in range(sizes.orders):
            yield rng.randrange(sizes.customers)
