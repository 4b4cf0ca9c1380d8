"""``manage.py sa_prune_history --older-than DAYS``: delete the history older than that."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils import timezone

from sa_orders.conf import get_config
from sa_orders.db.session import session_scope
from sa_orders.exceptions import DomainError
from sa_orders.management.base import SACommand, describe_error, number
from sa_orders.services import history
from sa_orders.services.calendar import cutoff_for_days


class Command(SACommand):
    help = (
        "Delete the recorded changes made before midnight DAYS days ago (in TIME_ZONE), "
        "a batch at a time, oldest first; without --older-than, SA_ORDERS"
        "['HISTORY_RETENTION_DAYS'] says how many days to keep."
    )
    writes = True
    default_batch_size = 5000

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--older-than",
            type=int,
            metavar="DAYS",
            help="Delete the changes made before midnight this many days ago (0: before "
            "today). Default: SA_ORDERS['HISTORY_RETENTION_DAYS'].",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        days = options["older_than"]
        if days is None:
            days = get_config()["HISTORY_RETENTION_DAYS"]
        if days is None:
            raise CommandError(
                "Say how much history to keep: --older-than DAYS, or set "
                "SA_ORDERS['HISTORY_RETENTION_DAYS'] in the settings."
            )
        try:
            cutoff = cutoff_for_days(days)
        except DomainError as error:
            raise CommandError(f"--older-than: {error.message}") from None
        day = timezone.localtime(cutoff).date()
        what = f"made before {day} ({timezone.get_current_timezone_name()})"
        with session_scope(self.alias) as session:
            found = history.count_older(session, cutoff)
        if options["dry_run"]:
            self.summary(
                f"Would delete {number(found.changes)} changes {what} and the records of who "
                f"made them ({number(found.contexts)}); nothing was written"
            )
            return
        changes = contexts = 0
        with self.progress("Deleting changes", found.changes) as progress:
            while True:
                try:
                    with session_scope(self.alias) as session:
                        pruned = history.prune_batch(session, cutoff, options["batch_size"])
                except Exception as error:
                    raise CommandError(
                        f"A batch could not be deleted and was rolled back: "
                        f"{describe_error(error)}. The {number(changes)} changes deleted before "
                        "it stay deleted; run the same command again to delete the rest."
                    ) from error
                changes += pruned.changes
                contexts += pruned.contexts
                progress.advance(pruned.changes)
                if pruned.changes < options["batch_size"]:
                    break
        self.summary(
            f"Deleted {number(changes)} changes {what} and {number(contexts)} records of who "
            "made them"
        )
