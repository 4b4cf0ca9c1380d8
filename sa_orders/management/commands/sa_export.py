"""``manage.py sa_export customers|items|orders FILE``: the pages' CSV export, for a table."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from sqlalchemy import func, select

from sa_orders.db.mapping import mapper_of
from sa_orders.db.session import session_scope
from sa_orders.exchange.contracts import CONTRACTS
from sa_orders.exchange.csv_export import (
    DEFAULT_CHUNK_SIZE,
    bind_export_column,
    export_statement,
    stream_csv,
)
from sa_orders.management.base import SACommand, number, positive_int


class Command(SACommand):
    help = (
        "Write every customer, item or order to a CSV file (or - for standard output), "
        "with the columns of the pages' Export CSV, in the order of their ids, streamed "
        "from the database so that memory does not grow with the table. A file is "
        "written under a temporary name and renamed when complete."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("kind", choices=sorted(CONTRACTS), help="What to export.")
        parser.add_argument("file", help="The CSV file to write, or - for standard output.")
        parser.add_argument(
            "--batch-size",
            type=positive_int,
            default=DEFAULT_CHUNK_SIZE,
            help=f"Rows read and written at a time (default: {DEFAULT_CHUNK_SIZE}).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        kind, target = options["kind"], options["file"]
        contract = CONTRACTS[kind]
        model = contract.model
        columns = [bind_export_column(model, spec) for spec in contract.export_fields]
        statement = export_statement(select(model).order_by(*mapper_of(model).primary_key), columns)
        with session_scope(self.alias) as session:
            total = session.scalar(select(func.count()).select_from(model)) or 0
        to_stdout = target == "-"
        with self.progress(f"Exporting {kind}", total) as progress:
            chunks = stream_csv(
                statement,
                columns,
                alias=self.alias,
                chunk_size=options["batch_size"],
                on_rows=progress.advance,
            )
            if to_stdout:
                for chunk in chunks:
                    self.stdout.write(chunk, ending="")
            else:
                self._write_file(Path(target), chunks)
        where = "standard output" if to_stdout else target
        self.summary(
            f"Exported {number(progress.done)} {kind} to {where}", data_on_stdout=to_stdout
        )

    def _write_file(self, path: Path, chunks: Any) -> None:
        """Write under a temporary name beside ``path``, then rename: never half a file."""
        folder = path.parent if str(path.parent) else Path(".")
        try:
            handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
        except OSError as error:
            raise CommandError(f"Cannot write {path}: {error.strerror}.") from None
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
                for chunk in chunks:
                    file.write(chunk)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
