"""Bulk actions on list pages: one set-based statement over the ticked rows, or over every
row matching the list's search and filters.

An action names the permission it needs (``change`` or ``delete``). The built-in kinds
write through the model admin's :meth:`~sa_orders.admin.options.ModelAdmin.update_rows`
and :meth:`~sa_orders.admin.options.ModelAdmin.delete_rows` hooks, which use
:mod:`sa_orders.services.writes` unless a model admin says otherwise:

* :class:`UpdateAction`: ``UPDATE ... SET <values>, version = version + 1, updated_at =
  now WHERE <selection> AND <a value differs>``, so only rows that really change are
  counted and get a new version;
* :class:`DeleteAction`: ``DELETE ... WHERE <selection> AND NOT EXISTS (<a row that
  restricts it>)``; the database's ``ON DELETE CASCADE`` takes the dependent rows along,
  and the rows that something else restricts are left, and counted.

Host projects add their own to ``ModelAdmin.actions``: an ``UpdateAction`` with other
values, or any subclass of :class:`Action`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from sqlalchemy import ColumnElement, Select, func, select, true
from sqlalchemy.orm import Session

if TYPE_CHECKING:
    from django.http import HttpRequest

    from sa_orders.admin.options import ModelAdmin

EXAMPLES = 10


@dataclass
class Selection:
    """The rows an action applies to."""

    condition: ColumnElement[bool]
    across: bool  # every row matching the search and filters, not only the ticked ones
    ids: list[Any] = field(default_factory=list)


def selection_condition(model_admin: ModelAdmin, query: Select[Any]) -> ColumnElement[bool]:
    """A WHERE condition on the model's own table that picks the rows of ``query``.

    When the query reads only that table (as the list's search and filters do: they use
    EXISTS), its WHERE clause serves as is; otherwise the ids go through a derived table,
    which MySQL needs before it lets an UPDATE or DELETE read its own table.
    """
    table = model_admin.mapper.local_table
    if list(query.get_final_froms()) == [table]:
        return query.whereclause if query.whereclause is not None else true()
    ids = query.with_only_columns(model_admin.pk_column).distinct().subquery()
    return model_admin.pk_column.in_(select(ids.c[0]))


@dataclass
class ActionResult:
    changed: int
    skipped: int = 0  # rows the action could not apply to (deletion restricted, a rule)
    reasons: list[str] = field(default_factory=list)  # why, a sentence each


class Action:
    name: str
    label: Any
    permission: str = "change"

    def allowed(self, request: HttpRequest, model_admin: ModelAdmin) -> bool:
        return bool(getattr(model_admin, f"has_{self.permission}_permission")(request))

    def context(
        self, request: HttpRequest, session: Session, model_admin: ModelAdmin, selection: Selection
    ) -> dict[str, Any]:
        """What the confirmation page shows besides the count and the first rows."""
        return {}

    def run(
        self, request: HttpRequest, session: Session, model_admin: ModelAdmin, selection: Selection
    ) -> ActionResult:
        raise NotImplementedError

    def message(self, model_admin: ModelAdmin, result: ActionResult) -> str:
        return ngettext(
            "%(action)s: %(count)d row changed.",
            "%(action)s: %(count)d rows changed.",
            result.changed,
        ) % {"action": self.label, "count": result.changed}


class UpdateAction(Action):
    """Set attributes on every selected row: ``UpdateAction("mark_paid", _("Mark as paid"),
    {"status": OrderStatus.PAID})``."""

    def __init__(self, name: str, label: Any, values: dict[str, Any], *, done: Any = None) -> None:
        self.name = name
        self.label = label
        self.values = values
        self.done = done  # ngettext_lazy("%(count)d order marked as paid.", ..., "count")

    def run(
        self, request: HttpRequest, session: Session, model_admin: ModelAdmin, selection: Selection
    ) -> ActionResult:
        changed = model_admin.update_rows(request, session, selection.condition, self.values)
        return ActionResult(changed)

    def message(self, model_admin: ModelAdmin, result: ActionResult) -> str:
        if self.done is not None:
            message: str = self.done % {"count": result.changed}  # a lazy ngettext
            return message
        return super().message(model_admin, result)


class DeleteAction(Action):
    """Delete the selected rows that nothing restricts; the rest stay, and are counted."""

    name = "delete_selected"
    label = _("Delete")
    permission = "delete"

    def context(
        self, request: HttpRequest, session: Session, model_admin: ModelAdmin, selection: Selection
    ) -> dict[str, Any]:
        plan, blocked = model_admin.get_bulk_deletion_plan(request, session, selection.condition)
        return {"plan": plan, "blocked_count": blocked}

    def run(
        self, request: HttpRequest, session: Session, model_admin: ModelAdmin, selection: Selection
    ) -> ActionResult:
        result = model_admin.delete_rows(request, session, selection.condition)
        return ActionResult(result.deleted, result.kept)

    def message(self, model_admin: ModelAdmin, result: ActionResult) -> str:
        message = ngettext(
            "%(count)d %(name)s deleted.", "%(count)d %(names)s deleted.", result.changed
        ) % {
            "count": result.changed,
            "name": model_admin.verbose_name,
            "names": model_admin.verbose_name_plural,
        }
        if result.skipped:
            message += " " + ngettext(
                "%(count)d could not be deleted: other rows refer to it.",
                "%(count)d could not be deleted: other rows refer to them.",
                result.skipped,
            ) % {"count": result.skipped}
        return message


delete_selected = DeleteAction()


def examples(
    request: HttpRequest, session: Session, model_admin: ModelAdmin, selection: Selection
) -> tuple[int, list[str]]:
    """How many rows the selection holds, and the first of them, linked to their pages."""
    model = model_admin.model
    count = session.scalar(select(func.count()).select_from(model).where(selection.condition)) or 0
    first: Select[Any] = select(model).where(selection.condition).order_by(model_admin.pk_column)
    rows: list[Any] = list(session.scalars(first.limit(EXAMPLES)))
    return count, [model_admin.site.link(request, row) for row in rows]
