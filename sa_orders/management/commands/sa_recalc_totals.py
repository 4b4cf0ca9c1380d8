"""``manage.py sa_recalc_totals``: repair order totals in one set-based UPDATE."""

from __future__ import annotations

from typing import Any

from sqlalchemy import true

from sa_orders.db.session import session_scope
from sa_orders.management.base import SACommand, number
from sa_orders.models import Order
from sa_orders.services import maintenance


class Command(SACommand):
    help = (
        "Set every order's total to the sum of its lines minus its discount (never below "
        "0; 0 for an order without lines), in one UPDATE per batch of ids that touches only "
        "the wrong totals; reports how many were wrong. --dry-run lists them."
    )
    writes = True
    default_batch_size = 10_000

    def handle(self, *args: Any, **options: Any) -> None:
        with session_scope(self.alias) as session:
            if options["dry_run"]:
                wrong = maintenance.wrong_totals(session)
                for order_id, stored, computed in wrong:
                    self.stdout.write(f"  order {order_id}: {stored} stored, {computed} computed")
                self.summary(f"{number(len(wrong))} orders have a wrong total; nothing was written")
                return
            ranges = list(maintenance.id_ranges(session, Order.id, true(), options["batch_size"]))
        fixed = self.run_batches(
            "Recalculating",
            ranges,
            maintenance.recalculate_all_totals,
            lambda first: "Run the same command again to finish: it changes only wrong totals.",
        )
        self.summary(f"Fixed {number(fixed)} wrong totals")
