"""``manage.py sa_seed``: load the demo data set."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sa_orders import demo
from sa_orders.conf import get_config
from sa_orders.session import session_scope


def positive_int(value: str) -> int:
    number = int(value)
    if number < 0:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    help = (
        "Fill the database with a small, deterministic demo data set: customers, a "
        "category tree, items and orders with lines. Running it again with the same "
        "arguments changes nothing; --reset replaces all sa_orders data."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--database",
            default=None,
            help="Django database alias (default: SA_ORDERS['DATABASE']).",
        )
        parser.add_argument(
            "--customers",
            type=positive_int,
            default=30,
            help="How many customers to create (default: 30).",
        )
        parser.add_argument(
            "--seed", type=int, default=42, help="Random seed of the data set (default: 42)."
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete every customer, category, item and order first.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        alias = options["database"] or get_config()["DATABASE"]
        started = time.perf_counter()
        try:
            with session_scope(alias) as session:
                report = demo.seed(
                    session,
                    customers=options["customers"],
                    seed=options["seed"],
                    reset=options["reset"],
                )
        except Exception as exc:  # a clear message, not a traceback; nothing was committed
            raise CommandError(f"Seeding failed, nothing was written: {exc}") from exc
        elapsed = time.perf_counter() - started
        if report:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Created {report.customers} customers, {report.categories} categories, "
                    f"{report.items} items, {report.orders} orders with {report.lines} lines "
                    f"in {elapsed:.2f}s."
                )
            )
        else:
            self.stdout.write(f"The demo data is already there; nothing changed ({elapsed:.2f}s).")
