"""What sa_orders' management commands share: ``--database``, ``--dry-run`` and
``--batch-size`` for write commands, progress on standard error, a one-line summary, and
Django's ``--verbosity``:

* 0: errors only (a failed command still says why, as a ``CommandError``);
* 1 (the default): the summary, and on a terminal a progress bar on standard error;
* 2: a line per batch on standard error instead of the bar (a log, CI);
* 3: and every SQL statement the command runs, with its parameters.

The bar is drawn only on a terminal, in the terminal's own colour (standard error's
wrapper would draw it in Django's error style). The summary goes to standard output,
or to standard error when standard output carries data (``sa_export ... -``).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser, OutputWrapper
from django.utils import formats
from sqlalchemy import event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from sa_orders.conf import get_config
from sa_orders.db.engine import get_engine
from sa_orders.db.session import session_scope
from sa_orders.services.history import COMMAND, Source, acting_as

BAR_WIDTH = 30
# Django's own options of every command: not part of what a command did
BASE_OPTIONS = frozenset(
    {
        "help",
        "version",
        "verbosity",
        "settings",
        "pythonpath",
        "traceback",
        "no_color",
        "force_color",
        "skip_checks",
        "stdout",
        "stderr",
    }
)


def positive_int(value: str) -> int:
    """An argparse type: a whole number of 1 or more."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not 1 or more")
    return number


def number(value: int) -> str:
    """12345 -> "12,345" (as the pages write numbers)."""
    return formats.number_format(value, use_l10n=True, force_grouping=True)


def _plain(text: str) -> str:
    return text


class Progress:
    """``with Progress(stderr, "Inserting lines", total) as progress: progress.advance(n)``

    At ``verbosity`` 1 a bar on a terminal and nothing elsewhere; at 2 or more a line per
    ``advance`` (a batch); at 0 nothing.
    """

    def __init__(
        self, stream: OutputWrapper, label: str, total: int | None = None, *, verbosity: int = 1
    ) -> None:
        self.stream = stream
        self.label = label
        self.total = total
        self.done = 0
        self.lines = verbosity >= 2
        self.bar = verbosity == 1 and bool(getattr(stream, "isatty", lambda: False)())
        self._last = time.monotonic()

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.finish()

    def _text(self) -> str:
        if not self.total:
            return f"{self.label}: {number(self.done)}"
        share = min(self.done / self.total, 1.0)
        return f"{self.label}: {number(self.done)} of {number(self.total)} ({share:.0%})"

    def advance(self, count: int = 1) -> None:
        self.done += count
        if self.lines:
            self.stream.write(self._text(), style_func=_plain)
        elif self.bar:
            now = time.monotonic()
            if now - self._last >= 0.1:
                self._last = now
                self._draw()

    def _draw(self) -> None:
        bar = ""
        if self.total:
            filled = int(BAR_WIDTH * min(self.done / self.total, 1.0))
            bar = "[" + "#" * filled + "." * (BAR_WIDTH - filled) + "] "
        self.stream.write(f"\r{bar}{self._text()}", ending="", style_func=_plain)
        self.stream.flush()

    def finish(self) -> None:
        if self.bar:
            self._draw()
            self.stream.write("", style_func=_plain)


class SACommand(BaseCommand):
    """A command on sa_orders' database; ``writes = True`` adds ``--dry-run`` and
    ``--batch-size``."""

    writes = False
    default_batch_size = 1000

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--database",
            default=None,
            help="The Django database alias (default: SA_ORDERS['DATABASE']).",
        )
        if self.writes:
            parser.add_argument(
                "--dry-run",
                action="store_true",
                help="Say what would change, and change nothing.",
            )
            parser.add_argument(
                "--batch-size",
                type=positive_int,
                default=self.default_batch_size,
                help=f"Rows per statement and per batch (default: {self.default_batch_size}).",
            )

    def execute(self, *args: Any, **options: Any) -> Any:
        self.started = time.perf_counter()
        self.alias = options.get("database") or get_config()["DATABASE"]
        self.verbosity = int(options.get("verbosity", 1))
        # the history records the command's changes as the command line's
        with acting_as(Source(COMMAND, self.command_line(args, options))), self._showing_sql():
            return super().execute(*args, **options)

    @contextmanager
    def _showing_sql(self) -> Iterator[None]:
        """At verbosity 3, every statement on the command's engine, on standard error."""
        if self.verbosity < 3:
            yield
            return
        engine = get_engine(self.alias)

        def show(conn: Any, cursor: Any, statement: str, parameters: Any, *rest: Any) -> None:
            self.stderr.write(f"{statement.strip()}  -- {parameters!r}", style_func=_plain)

        event.listen(engine, "before_cursor_execute", show)
        try:
            yield
        finally:
            event.remove(engine, "before_cursor_execute", show)

    def say(self, text: str) -> None:
        """A line of the command's report on standard output (verbosity 1 and up)."""
        if self.verbosity >= 1:
            self.stdout.write(text)

    @property
    def command_name(self) -> str:
        return self.__module__.rsplit(".", 1)[-1]

    def command_line(self, args: Sequence[Any], options: dict[str, Any]) -> str:
        """The command as it could be typed again: its name, its arguments, and the
        options that differ from their defaults."""
        parser = self.create_parser("manage.py", self.command_name)
        words = [self.command_name, *map(str, args)]
        for action in parser._actions:
            dest = action.dest
            if dest in BASE_OPTIONS:
                continue
            if dest not in options or options[dest] == action.default:
                continue
            value = options[dest]
            if not action.option_strings:  # a positional argument
                words.extend(map(str, value) if isinstance(value, list | tuple) else [str(value)])
            elif isinstance(value, bool):
                words.append(action.option_strings[-1])
            elif value is not None:
                words.append(f"{action.option_strings[-1]}={value}")
        return " ".join(words)

    def elapsed(self) -> str:
        return f"{time.perf_counter() - self.started:.2f}s"

    def progress(self, label: str, total: int | None = None) -> Progress:
        return Progress(self.stderr, label, total, verbosity=self.verbosity)

    def summary(self, text: str, *, data_on_stdout: bool = False) -> None:
        """The one line that says what happened, with the time it took (verbosity 1 and
        up)."""
        if self.verbosity < 1:
            return
        line = f"{text} ({self.elapsed()})"
        if data_on_stdout:
            self.stderr.write(line, style_func=_plain)
        else:
            self.stdout.write(self.style.SUCCESS(line))

    def run_batches(
        self,
        label: str,
        ranges: Sequence[tuple[int, int]],
        apply: Callable[[Session, tuple[int, int]], int],
        resume: Callable[[int], str],
    ) -> int:
        """``apply`` each range of ids in a transaction of its own; the total it returns.

        A range that fails is rolled back, the ones before it stay, and the error says
        so, with ``resume(first id of the failed range)`` telling how to go on.
        """
        changed = 0
        with self.progress(label, len(ranges)) as progress:
            for between in ranges:
                try:
                    with session_scope(self.alias) as session:
                        changed += apply(session, between)
                except Exception as error:
                    raise CommandError(
                        f"The batch of ids {number(between[0])} to {number(between[1])} failed "
                        f"and was rolled back: {describe_error(error)}. The "
                        f"{number(progress.done)} batches before it ({number(changed)} rows "
                        "changed) are kept. " + resume(between[0])
                    ) from error
                progress.advance()
        return changed


def describe_error(error: BaseException) -> str:
    """The driver's own message for a database error, else the error itself."""
    return str(error.orig if isinstance(error, DBAPIError) else error)
