"""Importing customers, items and orders from CSV files as ``sa_export`` writes them.

Each row is checked with the rules of its kind's contract (:mod:`sa_orders.exchange
.contracts`, the models' own rules; an error names the line and the field), then written
a batch at a time:

* customers and items are upserted on their natural key (a customer's email, an item's
  SKU) by :func:`sa_orders.services.writes.upsert_rows`, which bumps ``version`` and
  ``updated_at`` only of rows that really change, so importing the same file twice
  changes nothing. Every batch is first classified with one SELECT (new, changed,
  unchanged): that is where the counts come from, on every backend (MariaDB's
  affected-row counts cannot tell an unchanged row from a new one);
* orders with their lines by :mod:`sa_orders.exchange.order_import`.

The import is one transaction: a bad row, a key that appears twice in the file or a
failing statement leaves the database as it was. Memory does not grow with the file: the
keys seen so far, which catch a key that appears twice, are kept in a temporary table
(:class:`~sa_orders.exchange.reading.SeenKeys`).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from django.utils.translation import gettext as _
from sqlalchemy import String, select
from sqlalchemy.orm import Session

from sa_orders.db.types import utcnow
from sa_orders.exchange import reading
from sa_orders.exchange.contracts import ORDERS, Contract
from sa_orders.exchange.contracts import Column as ContractColumn
from sa_orders.exchange.order_import import OrderImporter
from sa_orders.exchange.reading import (
    MAX_PROBLEMS,
    ImportFailed,
    ImportReport,
    Problem,
    decoded_lines,
    read_header,
)
from sa_orders.services import catalog, writes
from sa_orders.services.history import IMPORT, acting_within

__all__ = [
    "MAX_PROBLEMS",
    "ImportFailed",
    "ImportReport",
    "Problem",
    "decoded_lines",
    "import_csv",
    "read_header",
]


class Importer(Protocol):
    """What reads the rows of one kind: cleans each, writes them a batch at a time."""

    report: ImportReport

    def clean(self, line: int, header: list[str], record: list[str]) -> reading.Row | None: ...

    def write(self, batch: list[reading.Row]) -> None: ...

    def finish(self) -> None: ...


def import_csv(
    session: Session,
    kind: Contract,
    lines: Iterable[str],
    *,
    batch_size: int = 1000,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
    source_name: str = "",
    report: ImportReport | None = None,
) -> ImportReport:
    """Import the CSV text ``lines`` (see :func:`decoded_lines`) of a ``kind`` that can be
    imported into the session's transaction. The caller commits, or rolls back when the
    report has rejected rows (they are not written, but the rows around them are, so the
    transaction must not be kept)."""
    if not kind.importable:
        raise ImportFailed(_("%(kind)s cannot be imported.") % {"kind": kind.name})
    reader = csv.reader(lines)
    columns = read_header(reader, kind)
    fields = [spec for spec in kind.fields if spec.name in columns]
    report = report or ImportReport()
    importer: Importer
    if kind is ORDERS:
        importer = OrderImporter.start(session, fields, dry_run=dry_run, report=report)
    else:
        importer = _Importer.start(session, kind, fields, dry_run=dry_run, report=report)
    with acting_within(IMPORT, f"{kind.name} {source_name}".strip()):
        _import_rows(importer, reader, columns, batch_size, progress)
    importer.finish()
    return report


def _import_rows(
    importer: Importer,
    reader: Any,
    columns: list[str],
    batch_size: int,
    progress: Callable[[int], None] | None,
) -> None:
    batch: list[reading.Row] = []
    for line, record in reading.records(reader):
        importer.report.rows += 1
        row = importer.clean(line, columns, record)
        if row is not None:
            batch.append(row)
        if len(batch) >= batch_size:
            importer.write(batch)
            importer.report.settle()
            batch = []
            if progress is not None:
                progress(importer.report.rows)
    importer.write(batch)
    importer.report.settle()
    if progress is not None:
        progress(importer.report.rows)


@dataclass
class _Importer:
    session: Session
    kind: Contract
    key: str
    fields: list[ContractColumn]
    categories: dict[str, int] | None  # path -> id, when the file has categories
    dry_run: bool
    now: datetime
    seen: reading.SeenKeys
    report: ImportReport = field(default_factory=ImportReport)

    @classmethod
    def start(
        cls,
        session: Session,
        kind: Contract,
        fields: list[ContractColumn],
        *,
        dry_run: bool,
        report: ImportReport,
    ) -> _Importer:
        assert kind.key is not None
        key_type = kind.table.c[kind.key].type
        assert isinstance(key_type, String)  # natural keys are strings of a given length
        assert key_type.length is not None
        return cls(
            session=session,
            kind=kind,
            key=kind.key,
            fields=fields,
            categories=(
                {path: pk for pk, path in catalog.category_paths(session).items()}
                if any(not spec.stored for spec in fields)
                else None
            ),
            dry_run=dry_run,
            now=utcnow(),
            seen=reading.SeenKeys(session.connection(), key_type.length),
            report=report,
        )

    def finish(self) -> None:
        # Not on failure: the rollback takes the table along (or, on MariaDB, where
        # temporary tables outlive transactions, the next import drops it before making
        # its own).
        self.seen.drop()

    def clean(self, line: int, header: list[str], record: list[str]) -> reading.Row | None:
        values = reading.clean_cells(self.report, self.fields, line, header, record)
        if values is None:
            return None
        if self.categories is not None:
            for spec in (spec for spec in self.fields if not spec.stored):
                unknown = [path for path in values[spec.name] if path not in self.categories]
                if unknown:
                    self.report.reject(
                        line,
                        spec.name,
                        _("there is no category “%(path)s”.") % {"path": unknown[0]},
                    )
                    return None
        return reading.Row(line, values)

    @property
    def columns(self) -> list[str]:
        """The table's columns the file gives."""
        return [spec.name for spec in self.fields if spec.stored]

    # --- one batch --------------------------------------------------------------------

    def write(self, batch: list[reading.Row]) -> None:
        if not batch:
            return
        batch = self._without_repeated_keys(batch)
        table, key = self.kind.table, self.key
        keys = [row.values[key] for row in batch]
        compared = [table.c[name] for name in self.columns if name != key]
        with reading.by_index(self.session):
            existing = {
                found[0]: found
                for found in self.session.execute(
                    select(table.c[key], *compared, table.c.id).where(table.c[key].in_(keys))
                )
            }
        links = (
            catalog.item_category_ids(self.session, [found.id for found in existing.values()])
            if self.categories is not None
            else None
        )
        changed_rows, links_only = [], []
        for row in batch:
            found = existing.get(row.values[key])
            if found is None:
                self.report.created += 1
                changed_rows.append(row)
                continue
            differs = any(
                row.values[column.name] != value
                for column, value in zip(compared, found[1:-1], strict=True)
            )
            relinked = links is not None and links.get(found.id, set()) != self._wanted(row)
            if differs:
                changed_rows.append(row)
            elif relinked:
                links_only.append(found.id)
            if differs or relinked:
                self.report.updated += 1
            else:
                self.report.unchanged += 1
        if self.dry_run or self.report.rejected:
            return  # nothing is written: a dry run, or the transaction will be rolled back
        model = self.kind.model
        writes.upsert_rows(
            self.session,
            model,
            key,
            [{name: row.values[name] for name in self.columns} for row in changed_rows],
            now=self.now,
        )
        if links_only:  # only the links change: the rows get a new version all the same
            writes.touch_rows(self.session, model, table.c.id.in_(links_only))
        if links is not None:
            ids = dict(
                self.session.execute(
                    select(table.c[key], table.c.id).where(table.c[key].in_(keys))
                ).all()
            )
            catalog.set_item_categories(
                self.session, {ids[row.values[key]]: self._wanted(row) for row in batch}
            )

    def _wanted(self, row: reading.Row) -> set[int]:
        """The ids of the categories ``row`` names (in the column that is not stored: an
        item's links to its categories)."""
        assert self.categories is not None
        (links,) = (spec.name for spec in self.fields if not spec.stored)
        return {self.categories[path] for path in row.values[links]}

    def _without_repeated_keys(self, batch: list[reading.Row]) -> list[reading.Row]:
        """Reject a row whose key came earlier in the file; remember the others."""
        key = self.key
        earlier = self.seen.earlier([row.values[key] for row in batch])
        kept: list[reading.Row] = []
        for row in batch:
            value = row.values[key]
            if value in earlier:
                self.report.reject(
                    row.line,
                    key,
                    _("“%(value)s” is already on line %(first)d.")
                    % {"value": value, "first": earlier[value]},
                )
                continue
            earlier[value] = row.line
            kept.append(row)
        self.seen.add((row.values[key], row.line) for row in kept)
        return kept
