"""``manage.py sa_import customers|items FILE``: read what ``sa_export`` writes."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterable
from contextlib import ExitStack
from typing import Any, BinaryIO

from django.core.management.base import CommandError, CommandParser

from sa_orders.db.session import session_scope
from sa_orders.exchange import importing
from sa_orders.exchange.contracts import importable
from sa_orders.management.base import SACommand, describe_error, number


class Command(SACommand):
    help = (
        "Create or update customers (by email) or items (by SKU) from a CSV file as "
        "sa_export writes it (- for standard input). Every row is checked first; one bad "
        "row, or a key that appears twice, and nothing is imported. Importing the same "
        "file again changes nothing."
    )
    writes = True
    stealth_options = ("stdin",)  # call_command(..., stdin=StringIO(...)) reads "-" from it

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("kind", choices=sorted(importable()), help="What to import.")
        parser.add_argument("file", help="The CSV file to read, or - for standard input.")

    def _lines(self, name: str, stack: ExitStack, stdin: Any) -> Iterable[str]:
        """The file's lines, decoded as UTF-8 one by one."""
        if name == "-":
            stream: Any = stdin or sys.stdin
            if isinstance(stream, io.TextIOBase) and not hasattr(stream, "buffer"):
                return stream  # already text (a test's StringIO)
            binary: BinaryIO = getattr(stream, "buffer", stream)
            return importing.decoded_lines(binary)
        try:
            return importing.decoded_lines(stack.enter_context(open(name, "rb")))
        except OSError as error:
            raise CommandError(f"Cannot read {name}: {error.strerror}.") from None

    def handle(self, *args: Any, **options: Any) -> None:
        kind = importable()[options["kind"]]
        name, dry_run = options["file"], options["dry_run"]
        label = "standard input" if name == "-" else name
        with ExitStack() as stack:
            lines = self._lines(name, stack, options.get("stdin"))
            with self.progress(f"Reading {label}") as progress:
                try:
                    with session_scope(self.alias) as session:
                        report = importing.import_csv(
                            session,
                            kind,
                            lines,
                            batch_size=options["batch_size"],
                            dry_run=dry_run,
                            progress=lambda rows: progress.advance(rows - progress.done),
                            source_name=label,
                        )
                        if dry_run or report.rejected:
                            session.rollback()
                except importing.ImportFailed as error:
                    raise CommandError(f"{label}: {error} Nothing was imported.") from None
                except Exception as error:
                    raise CommandError(
                        f"{label}: the import failed after {number(progress.done)} rows: "
                        f"{describe_error(error)}. Nothing was imported; run the command "
                        "again once the cause is fixed."
                    ) from error
        problems = [f"  {problem}" for problem in report.problems]
        if report.rejected > len(report.problems):
            problems.append(f"  ... and {number(report.rejected - len(report.problems))} more")
        counts = (
            f"{number(report.created)} to create, {number(report.updated)} to update, "
            f"{number(report.unchanged)} unchanged, {number(report.rejected)} rejected"
            if dry_run
            else f"{number(report.created)} created, {number(report.updated)} updated, "
            f"{number(report.unchanged)} unchanged"
        )
        if dry_run:
            for line in problems:  # the file's errors: at verbosity 0 too, on stderr
                (self.stdout if self.verbosity >= 1 else self.stderr).write(line)
            self.summary(
                f"Dry run of {label}: {counts} of {number(report.rows)} rows; nothing was written"
            )
            return
        if report.rejected:
            raise CommandError(
                f"{label}: {number(report.rejected)} of {number(report.rows)} rows rejected, "
                "nothing was imported:\n" + "\n".join(problems) + "\nFix them and run the "
                "command again."
            )
        self.summary(f"Imported {label} ({kind.name}): {counts} ({number(report.rows)} rows)")
