"""Schema drift: how the live tables differ from the models.

:func:`schema_differences` compares a live database with a ``MetaData`` through Alembic's
``compare_metadata``; the system check ``sa_orders.W001`` reports what it finds.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

from sqlalchemy import MetaData
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SAWarning


def _describe(diff: Any) -> str:
    """One line for one of Alembic's differences, from the database's point of view."""
    if isinstance(diff, list):  # Alembic groups the changes of one column in a list
        return "; ".join(_describe(item) for item in diff)
    kind = diff[0]
    action, _, what = kind.partition("_")
    state = "is missing" if action == "add" else "is not in the models"
    if what == "table":
        return f"table {diff[1].name} {state}"
    if what == "column":
        return f"column {diff[2]}.{diff[3].name} {state}"
    if what in ("index", "constraint"):
        return f"{what} {diff[1].name} on {diff[1].table.name} {state}"
    if what == "fk":
        return f"foreign key {diff[1].name} on {diff[1].parent.name} {state}"
    if action == "modify":
        return f"column {diff[2]}.{diff[3]} has {what} {diff[5]!r} (models: {diff[6]!r})"
    return repr(diff)


def schema_differences(connection: Connection, metadata: MetaData) -> list[str]:
    """How the live schema differs from ``metadata``, one line per difference.

    Only the tables of ``metadata`` are compared; the rest of the database is not ours.
    Indexes the models do not declare because they are optional are left out: those
    whose name ``metadata.info["optional_index"]`` (a predicate) accepts, such as
    sa_orders' search indexes.
    """
    optional_index: Callable[[str | None], bool] = metadata.info.get(
        "optional_index", lambda name: False
    )
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    ours = set(metadata.tables)

    def include_name(name: str | None, type_: str, parent_names: Any) -> bool:
        if type_ == "index" and optional_index(name):
            return False
        return name in ours if type_ == "table" else True

    context = MigrationContext.configure(
        connection, opts={"include_name": include_name, "compare_type": True}
    )
    with warnings.catch_warnings():
        # an index on an expression, which some dialects cannot reflect: the models
        # declare none, and an optional one (above) is left out anyway
        warnings.filterwarnings(
            "ignore", "Skipped unsupported reflection of expression-based index", SAWarning
        )
        return [_describe(diff) for diff in compare_metadata(context, metadata)]
