"""``manage.py sa_reprice --percent P``: change the catalog's prices in bulk."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser

from sa_orders.db.session import session_scope
from sa_orders.exceptions import DomainError
from sa_orders.management.base import SACommand, number
from sa_orders.models import MAX_PRICE, Item
from sa_orders.services.catalog import find_category
from sa_orders.services.maintenance import Reprice, id_ranges, parse_percent, parse_price


class Command(SACommand):
    help = (
        "Multiply item prices by (1 + P/100), rounded half up to cents, in one UPDATE per "
        "batch of ids: all items, or those of a category (with its subcategories) and in a "
        "price range. Only items whose price changes are updated (and get a new version); "
        "prices already paid on order lines never change."
    )
    writes = True
    default_batch_size = 10_000

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--percent",
            required=True,
            help="The change in percent, greater than -100: 10 raises prices by 10%%, -5 "
            "lowers them by 5%%.",
        )
        parser.add_argument(
            "--category",
            help="Only items of this category or its subcategories: a path (Parent/Child) or "
            "a name only one category has.",
        )
        parser.add_argument("--below", help="Only items priced below this.")
        parser.add_argument("--above", help="Only items priced above this.")
        parser.add_argument(
            "--after-id",
            type=int,
            default=0,
            help="Only items with a larger id (to finish a run that stopped half way).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            percent = parse_percent(options["percent"])
            below = parse_price(options["below"]) if options["below"] else None
            above = parse_price(options["above"]) if options["above"] else None
            with session_scope(self.alias) as session:
                path, category_ids = (
                    find_category(session, options["category"])
                    if options["category"]
                    else (None, None)
                )
        except DomainError as error:
            raise CommandError(error.message) from None
        if below is not None and above is not None and below <= above:
            raise CommandError(f"No price is both below {below} and above {above}.")
        reprice = Reprice(percent, category_ids, below, above)
        chosen = reprice.chosen & (Item.id > options["after_id"])
        with session_scope(self.alias) as session:
            count, too_high, examples = reprice.preview(session)
            ranges = list(id_ranges(session, Item.id, chosen, options["batch_size"]))
        if too_high:
            raise CommandError(
                f"Repricing would take {number(too_high)} items above the largest price "
                f"({MAX_PRICE}); nothing was changed."
            )
        what = f"by {percent:+}%" + (f" in {path}" if path else "")
        what += f", priced below {below}" if below is not None else ""
        what += f", priced above {above}" if above is not None else ""
        if options["dry_run"]:
            for sku, old, new in examples:
                self.say(f"  {sku}: {old} -> {new}")
            self.summary(f"Would reprice {number(count)} items {what}; nothing was written")
            return
        changed = self.run_batches(
            "Repricing",
            ranges,
            lambda session, between: reprice.apply(session, between),
            lambda first: f"To reprice the rest, run the same command with --after-id {first - 1}.",
        )
        self.summary(f"Repriced {number(changed)} items {what}")
