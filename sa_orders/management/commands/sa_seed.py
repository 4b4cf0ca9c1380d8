"""``manage.py sa_seed``: load the demo data set, or one of any size."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser

from sa_orders.db import bulk
from sa_orders.db.session import session_scope
from sa_orders.exchange import demo
from sa_orders.management.base import SACommand, number
from sa_orders.services.reports import counts


def count(value: str) -> int:
    """An argparse type: a whole number of 0 or more."""
    number = int(value)
    if number < 0:
        raise ValueError(value)
    return number


class Command(SACommand):
    help = (
        "Fill the database with a deterministic data set: a category tree, items, "
        "customers and orders with lines; by default the small demo set. The same "
        "arguments always give the same data, and running it again changes nothing; "
        "--reset replaces all sa_orders data. Rows go in with COPY on PostgreSQL and "
        "multi-row INSERTs elsewhere, in one transaction: a failure writes nothing."
    )
    writes = True
    default_batch_size = bulk.DEFAULT_BATCH_SIZE

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        defaults = demo.Sizes()
        parser.add_argument(
            "--customers",
            type=count,
            default=defaults.customers,
            help=f"How many customers (default: {defaults.customers}).",
        )
        parser.add_argument(
            "--items",
            type=count,
            default=defaults.items,
            help=f"How many items; the demo catalog first (default: {defaults.items}).",
        )
        parser.add_argument(
            "--categories",
            type=count,
            default=defaults.categories,
            help=f"How many categories; the demo tree first (default: {defaults.categories}).",
        )
        parser.add_argument(
            "--orders",
            type=count,
            default=None,
            help="How many orders, spread over the customers (default: 0 to 4 per customer).",
        )
        parser.add_argument(
            "--lines-per-order",
            type=count,
            default=None,
            help="Lines of every order (default: 1 to 4).",
        )
        parser.add_argument(
            "--seed", type=int, default=42, help="The random seed of the data set (default: 42)."
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete every customer, category, item and order first.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        sizes = demo.Sizes(
            customers=options["customers"],
            items=options["items"],
            categories=options["categories"],
            orders=options["orders"],
            lines_per_order=options["lines_per_order"],
        )
        problems = sizes.problems()
        if problems:
            raise CommandError("; ".join(problems) + ".")
        dry_run = options["dry_run"]
        with self.progress("Orders") as progress:

            def advance(done: int, total: int) -> None:
                progress.total = total
                progress.advance(done - progress.done)

            try:
                with session_scope(self.alias) as session:
                    report = demo.seed(
                        session,
                        sizes=sizes,
                        seed=options["seed"],
                        reset=options["reset"],
                        dry_run=dry_run,
                        batch_size=options["batch_size"],
                        progress=advance,
                    )
                    if dry_run:
                        session.rollback()
            except Exception as exc:  # a clear message, not a traceback; nothing was committed
                raise CommandError(
                    f"Seeding failed, nothing was written: {exc}. Run the same command "
                    "again once the cause is fixed."
                ) from exc
        if not report:
            self.summary("The data set is already there; nothing changed")
            return
        self.summary(self.describe(report, dry_run))

    def describe(self, report: demo.SeedReport, dry_run: bool) -> str:
        """What the load did, exactly: what it created, the orders it left out and why,
        and what the database holds now."""
        orders = number(report.orders)
        if report.orders_left_out:
            orders += f" of the {number(report.orders_planned)} orders asked for"
        else:
            orders += " orders"
        text = (
            f"{'Would create' if dry_run else 'Created'} {number(report.customers)} customers, "
            f"{number(report.categories)} categories, {number(report.items)} items, {orders} "
            f"with {number(report.lines)} lines"
        )
        if report.orders_left_out:
            text += (
                f". {number(report.orders_left_out)} orders "
                f"{'would be' if dry_run else 'were'} left out: they were for the "
                f"{number(report.customers_with_orders)} customers who already had orders, "
                "and a customer with orders gets no new ones"
            )
        if dry_run:
            return text + " (dry run: nothing was written)"
        with session_scope(self.alias) as session:
            held = counts(session)
        return (
            f"{text}. The database now holds {number(held['customers'])} customers, "
            f"{number(held['items'])} items and {number(held['orders'])} orders"
        )
