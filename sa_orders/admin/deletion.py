"""What deleting a row would take along, and what would stop it.

Computed from the schema, for any mapped class: every foreign key that points at the
row's table is followed. The ORM relationship on the referencing side decides first (a
``delete`` cascade takes the rows along; otherwise the ORM unlinks nullable ones), then
the key's ``ON DELETE`` rule (``CASCADE`` takes them along, ``SET NULL`` unlinks them,
``RESTRICT`` or no rule blocks the deletion). Rows taken along are followed in turn,
so a customer's orders bring their lines, and a line that something else restricts
would block the customer. Tables of kept figures (``info["kept"]``) are not shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.text import camel_case_to_spaces, capfirst
from sqlalchemy import ColumnElement, ForeignKey, FromClause, MetaData, Table, func, inspect, select
from sqlalchemy.orm import Mapper, Session

EXAMPLES = 5
MAX_DEPTH = 4


@dataclass
class RelatedRows:
    """A group of rows that a deletion concerns."""

    label: str
    count: int
    examples: list[str] = field(default_factory=list)  # text, or HTML linking the row

    @property
    def more(self) -> int:
        return self.count - len(self.examples)


@dataclass
class DeletionPlan:
    cascades: list[RelatedRows] = field(default_factory=list)  # deleted along with the row
    unlinks: list[RelatedRows] = field(default_factory=list)  # kept, their link emptied
    moves: list[RelatedRows] = field(default_factory=list)  # kept, linked elsewhere instead
    blockers: list[RelatedRows] = field(default_factory=list)  # the reason it cannot go

    @property
    def blocked(self) -> bool:
        return bool(self.blockers)


def _action(fk: ForeignKey, referenced: Mapper[Any] | None) -> str:
    """'cascade', 'unlink' or 'block' for rows that reference a deleted row through ``fk``."""
    if referenced is not None:
        for relationship in referenced.relationships:
            if fk.parent in relationship.remote_side and relationship.direction.name != "MANYTOONE":
                if relationship.cascade.delete:
                    return "cascade"
                if not relationship.viewonly and relationship.passive_deletes is False:
                    if relationship.secondary is not None:
                        return "cascade"  # the ORM deletes the association rows
                    if fk.parent.nullable:
                        return "unlink"
    rule = (fk.ondelete or "").upper()
    if rule == "CASCADE":
        return "cascade"
    if rule in ("SET NULL", "SET DEFAULT"):
        return "unlink"
    return "block"


def _label(table: Table, mapper: Mapper[Any] | None, labels: dict[type, str]) -> str:
    """How a group of rows is named: the admin's plural, the class's, or the table's."""
    if mapper is not None and mapper.class_ in labels:
        return labels[mapper.class_]
    if mapper is not None:
        return str(plural_name(mapper.class_))
    return capfirst(table.name.removeprefix("sa_orders_").replace("_", " ")) + " links"


def plural_name(cls: type) -> Any:
    """``__verbose_name_plural__`` of a mapped class, or its name in words plus "s"."""
    return getattr(cls, "__verbose_name_plural__", None) or f"{camel_case_to_spaces(cls.__name__)}s"


def plan_deletion(
    session: Session,
    obj: Any,
    metadatas: list[MetaData],
    labels: dict[type, str] | None = None,
    link: Callable[[Any], str] = str,
) -> DeletionPlan:
    """The :class:`DeletionPlan` for deleting ``obj``. ``labels`` names classes (plural);
    ``link`` writes an example row (as text, or as HTML linking to its page)."""
    mapper = inspect(obj).mapper
    (key,) = mapper.primary_key
    return plan_deletion_where(
        session, mapper, key == inspect(obj).identity[0], metadatas, labels, link
    )


def plan_deletion_where(
    session: Session,
    mapper: Mapper[Any],
    doomed: ColumnElement[bool],
    metadatas: list[MetaData],
    labels: dict[type, str] | None = None,
    link: Callable[[Any], str] = str,
) -> DeletionPlan:
    """The :class:`DeletionPlan` for deleting the rows of ``mapper`` that ``doomed`` picks."""
    labels = labels or {}
    tables = [table for metadata in metadatas for table in metadata.sorted_tables]
    mappers: dict[FromClause, Mapper[Any]] = {}
    for registry_mapper in mapper.registry.mappers:
        mappers.setdefault(registry_mapper.local_table, registry_mapper)
    plan = DeletionPlan()
    pending: list[tuple[FromClause, ColumnElement[bool], int]] = [(mapper.local_table, doomed, 0)]
    while pending:
        table, doomed, depth = pending.pop(0)
        for child in tables:
            if child.info.get("kept"):
                continue  # figures the database keeps for the rows: they simply follow them
            for fk in child.foreign_keys:
                if fk.column.table is not table or depth >= MAX_DEPTH:
                    continue
                condition = fk.parent.in_(select(fk.column).where(doomed))
                child_mapper = mappers.get(child)
                action = _action(fk, mappers.get(table))
                group = _group(session, child, child_mapper, condition, labels, link)
                if group is None:
                    continue
                if action == "cascade":
                    plan.cascades.append(group)
                    pending.append((child, condition, depth + 1))
                elif action == "unlink":
                    plan.unlinks.append(group)
                else:
                    plan.blockers.append(group)
    return plan


def _group(
    session: Session,
    table: Table,
    mapper: Mapper[Any] | None,
    condition: ColumnElement[bool],
    labels: dict[type, str],
    link: Callable[[Any], str],
) -> RelatedRows | None:
    count = session.scalar(select(func.count()).select_from(table).where(condition)) or 0
    if not count:
        return None
    examples: list[str] = []
    if mapper is not None:
        cls = mapper.class_
        order = [cls.name] if "name" in mapper.columns else list(mapper.primary_key)
        rows = session.scalars(select(cls).where(condition).order_by(*order).limit(EXAMPLES))
        examples = [link(row) for row in rows]
    return RelatedRows(_label(table, mapper, labels), count, examples)
