"""``manage.py sa_purge_orders --older-than DAYS``: delete old orders with their lines."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils import timezone

from sa_orders.db.session import session_scope
from sa_orders.exceptions import DomainError
from sa_orders.management.base import SACommand, describe_error, number
from sa_orders.models import OrderStatus
from sa_orders.services import maintenance
from sa_orders.services.calendar import cutoff_for_days

DEFAULT_STATUSES = [OrderStatus.CANCELLED.value, OrderStatus.SHIPPED.value]


def ask(question: str) -> str | None:
    """The user's answer, or None when nobody can answer (standard input is no terminal)."""
    if not sys.stdin.isatty():
        return None
    return input(question)


class Command(SACommand):
    help = (
        "Delete the orders dated before midnight DAYS days ago (in TIME_ZONE) whose status "
        "is one of --status (default: cancelled and shipped), with their lines, a batch of "
        "ids at a time. Asks first, unless --yes is given."
    )
    writes = True
    default_batch_size = 1000

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--older-than",
            type=int,
            required=True,
            metavar="DAYS",
            help="Delete orders dated before midnight this many days ago (0: before today).",
        )
        parser.add_argument(
            "--status",
            action="append",
            dest="statuses",
            choices=[status.value for status in OrderStatus],
            help="Only orders with this status; repeat for more (default: cancelled, shipped).",
        )
        parser.add_argument(
            "--yes", action="store_true", help="Delete without asking for a confirmation."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        statuses = [OrderStatus(value) for value in options["statuses"] or DEFAULT_STATUSES]
        try:
            cutoff = cutoff_for_days(options["older_than"])
        except DomainError as error:
            raise CommandError(f"--older-than: {error.message}") from None
        day = timezone.localtime(cutoff).date()
        what = f"dated before {day} ({timezone.get_current_timezone_name()}) with status " + (
            " or ".join(status.value for status in statuses)
        )
        with session_scope(self.alias) as session:
            orders, lines = maintenance.purge_counts(session, cutoff, statuses)
        if options["dry_run"]:
            self.summary(
                f"Would delete {number(orders)} orders and their {number(lines)} lines, "
                f"{what}; nothing was written"
            )
            return
        if not orders:
            self.summary(f"No orders {what}; nothing to delete")
            return
        if not options["yes"]:
            answer = ask(
                f"Delete {number(orders)} orders and their {number(lines)} lines, {what}? [y/N] "
            )
            if answer is None:
                raise CommandError(
                    "Nothing was deleted: standard input is not a terminal, so there is "
                    "nobody to confirm. Run the command again with --yes."
                )
            if answer.strip().lower() not in ("y", "yes"):
                self.summary("Nothing was deleted")
                return
        deleted = self._purge(cutoff, statuses, options["batch_size"], orders)
        self.summary(f"Deleted {number(deleted)} orders {what}, with their lines")

    def _purge(self, cutoff: Any, statuses: list[OrderStatus], batch_size: int, total: int) -> int:
        """Batches of the oldest matching ids, each deleted and committed on its own."""
        deleted, after = 0, None
        with self.progress("Deleting orders", total) as progress:
            while True:
                try:
                    with session_scope(self.alias) as session:
                        ids = maintenance.purge_batch(
                            session, cutoff, statuses, batch_size, after=after
                        )
                except Exception as error:
                    raise CommandError(
                        f"A batch of orders could not be deleted and was rolled back: "
                        f"{describe_error(error)}. The {number(deleted)} orders deleted before "
                        "it stay deleted; run the same command again to delete the rest."
                    ) from error
                deleted += len(ids)
                progress.advance(len(ids))
                if len(ids) < batch_size:
                    return deleted
                after = ids[-1]
