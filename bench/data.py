"""The rows every insert method writes: generated once per run, never timed.

Values are what the models hold: ``Decimal`` money, aware UTC datetimes, ``OrderStatus``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from sa_orders.models import OrderStatus

CUSTOMER_COLUMNS = ["id", "name", "email", "phone", "created_at", "updated_at"]
ITEM_COLUMNS = ["id", "sku", "name", "price", "active", "created_at", "updated_at"]
ORDER_COLUMNS = [
    "id", "customer_id", "order_date", "status", "discount_amount", "total_amount",
    "created_at", "updated_at",
]  # fmt: skip
LINE_COLUMNS = ["order_id", "item_id", "quantity", "price_paid"]
STATUSES = list(OrderStatus)


@dataclass
class Rows:
    customers: list[tuple]
    items: list[tuple]
    orders: list[tuple]
    lines: list[tuple]

    def tables(self) -> list[tuple[str, list[str], list[tuple]]]:
        """(table, columns, rows), parents first."""
        return [
            ("sa_orders_customer", CUSTOMER_COLUMNS, self.customers),
            ("sa_orders_item", ITEM_COLUMNS, self.items),
            ("sa_orders_order", ORDER_COLUMNS, self.orders),
            ("sa_orders_order_item", LINE_COLUMNS, self.lines),
        ]

    def __len__(self) -> int:
        return sum(len(rows) for _table, _columns, rows in self.tables())


def generate(customers: int, items: int, orders: int, lines_per_order: int, seed: int = 1) -> Rows:
    rng = random.Random(seed)
    now = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
    customer_rows = [
        (n, f"Customer {n}", f"customer{n}@example.com", "+1 555 0100" if n % 3 else None, now, now)
        for n in range(1, customers + 1)
    ]
    prices = [Decimal(rng.randrange(50, 50_000)) / 100 for _ in range(items)]
    item_rows = [
        (n, f"SKU-{n:06d}", f"Item {n}", prices[n - 1], n % 20 != 0, now, now)
        for n in range(1, items + 1)
    ]
    order_rows, line_rows = [], []
    for n in range(1, orders + 1):
        chosen = rng.sample(range(1, items + 1), lines_per_order)
        quantities = [rng.randint(1, 5) for _ in chosen]
        subtotal = sum(prices[i - 1] * q for i, q in zip(chosen, quantities, strict=True))
        discount = min(Decimal("5.00"), subtotal) if n % 4 == 0 else Decimal("0.00")
        when = now - timedelta(minutes=rng.randrange(365 * 24 * 60))
        order_rows.append(
            (n, rng.randint(1, customers), when, rng.choice(STATUSES), discount,
             subtotal - discount, when, when)
        )  # fmt: skip
        line_rows += [(n, i, q, prices[i - 1]) for i, q in zip(chosen, quantities, strict=True)]
    return Rows(customer_rows, item_rows, order_rows, line_rows)
