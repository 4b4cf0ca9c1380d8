"""``manage.py sa_discount``: tiered discounts by order subtotal, in one CASE UPDATE."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser

from sa_orders.db.session import session_scope
from sa_orders.exceptions import DomainError
from sa_orders.management.base import SACommand, number
from sa_orders.models import Order, OrderStatus
from sa_orders.services.maintenance import DEFAULT_TIERS, Discount, Tier, id_ranges


def describe(tiers: list[Tier]) -> str:
    return ", ".join(
        f"over {tier.threshold} {tier.percent.normalize():f}% off"
        for tier in sorted(tiers, reverse=True)
    )


class Command(SACommand):
    help = (
        "Set the discount of orders from their subtotal (the sum of their lines): the "
        "highest tier the subtotal is over gives the percentage (default: over 500 10%%, "
        "over 200 5%%, over 100 2%%), rounded half up to cents; the total follows. One CASE "
        "UPDATE per batch of ids, of the orders whose discount or total changes, so a "
        "second run changes nothing."
    )
    writes = True
    default_batch_size = 10_000

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--tier",
            action="append",
            dest="tiers",
            metavar="SUBTOTAL:PERCENT",
            help="A tier, as 500:10 (over 500, 10%% off); repeat for more. Given tiers "
            "replace the default ones.",
        )
        parser.add_argument(
            "--status",
            action="append",
            dest="statuses",
            choices=[status.value for status in OrderStatus],
            help="Only orders with this status; repeat for more (default: pending).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            tiers = (
                [Tier.parse(text) for text in options["tiers"]]
                if options["tiers"]
                else list(DEFAULT_TIERS)
            )
            statuses = [OrderStatus(value) for value in options["statuses"] or ["pending"]]
            discount = Discount(tuple(tiers), tuple(statuses))
        except DomainError as error:
            raise CommandError(error.message) from None
        what = f"tiers: {describe(tiers)}; statuses: {', '.join(s.value for s in statuses)}"
        with session_scope(self.alias) as session:
            if options["dry_run"]:
                count = discount.count(session)
                self.summary(f"Would change {number(count)} orders ({what}); nothing was written")
                return
            ranges = list(
                id_ranges(session, Order.id, Order.status.in_(statuses), options["batch_size"])
            )
        changed = self.run_batches(
            "Discounting",
            ranges,
            discount.apply,
            lambda first: "Run the same command again to finish: it changes only what is not done.",
        )
        self.summary(f"Changed the discount and total of {number(changed)} orders ({what})")
