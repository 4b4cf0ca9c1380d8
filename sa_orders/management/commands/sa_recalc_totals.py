"""``manage.py sa_recalc_totals``: repair order totals in one set-based UPDATE per batch,
and with ``--kept`` the figures the database keeps ahead of time."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from sqlalchemy import true

from sa_orders.db.session import session_scope
from sa_orders.management.base import SACommand, number
from sa_orders.models import Order
from sa_orders.services import kept, maintenance

LISTED = 50  # differences a dry run prints one by one


class Command(SACommand):
    help = (
        "Set every order's total to the sum of its lines minus its discount (never below "
        "0; 0 for an order without lines), in one UPDATE per batch of ids that touches only "
        "the wrong totals; reports how many were wrong. --dry-run lists them. --kept then "
        "rebuilds the figures kept ahead of time (orders per customer, lines per order, "
        "the dashboard's rollups) from the rows, in batches too."
    )
    writes = True
    default_batch_size = 10_000

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--kept",
            action="store_true",
            help=(
                "Also compare the kept figures with the rows and rebuild the wrong ones "
                "(needed only after something went around the database's triggers)."
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["dry_run"]:
            self.dry_run(options["kept"])
            return
        with session_scope(self.alias) as session:
            ranges = list(maintenance.id_ranges(session, Order.id, true(), options["batch_size"]))
        fixed = self.run_batches(
            "Recalculating",
            ranges,
            maintenance.recalculate_all_totals,
            lambda first: "Run the same command again to finish: it changes only wrong totals.",
        )
        if not options["kept"]:
            self.summary(f"Fixed {number(fixed)} wrong totals")
            return
        with session_scope(self.alias) as session:
            rebuilt = kept.rebuild(session, options["batch_size"], commit=True)
        self.summary(
            f"Fixed {number(fixed)} wrong totals and the kept figures of "
            f"{number(rebuilt.customers)} customers, {number(rebuilt.orders)} orders, "
            f"{number(rebuilt.rollup)} quarter hours and {number(rebuilt.statuses)} statuses"
        )

    def dry_run(self, with_kept: bool) -> None:
        with session_scope(self.alias) as session:
            wrong = maintenance.wrong_totals(session)
            for order_id, stored, computed in wrong:
                self.say(f"  order {order_id}: {stored} stored, {computed} computed")
            text = f"{number(len(wrong))} orders have a wrong total"
            if with_kept:
                found = kept.differences(session)
                for difference in found[:LISTED]:
                    self.say(f"  {difference}")
                if len(found) > LISTED:
                    self.say(f"  ... and {number(len(found) - LISTED)} more")
                text += f", {number(len(found))} kept figures differ from the rows"
        self.summary(f"{text}; nothing was written")
