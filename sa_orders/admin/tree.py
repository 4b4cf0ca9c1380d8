"""The list page of a model whose rows form a tree (``ModelAdmin.tree_parent``): every
row under its parent, indented, siblings by name, on one page.

The tree is read in one query of its keys, labels and parents, and the rows shown are
loaded as a list page loads them (one query with every list column), so the page costs
the same few queries whatever the tree's shape. A search or filter shows the rows it
matches with their ancestors, greyed, so that each keeps its place. A list sorted by a
column (``?o=``), or a tree with more rows than ``tree_max_rows``, is the usual paged
list instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from sa_orders.admin.changelist import ORDER_PARAM, ChangeList
from sa_orders.db.mapping import mapper_of

if TYPE_CHECKING:
    from django.http import HttpRequest
    from sqlalchemy.orm import Session

    from sa_orders.admin.options import ModelAdmin

MAX_INDENT = 8  # deeper rows are indented as much as this (the CSS has as many steps)


def tree_order(nodes: Mapping[Any, tuple[str, Any]]) -> list[tuple[Any, int]]:
    """(key, depth) of ``nodes`` (key -> (label, parent key)) in the tree's order: each
    after its parent, siblings by label, case-folded. A chain of parents that loops
    stops at the repeat."""
    keyed = []
    for pk in nodes:
        chain: list[Any] = []
        node = pk
        while node is not None and node in nodes and node not in chain:
            chain.append(node)
            node = nodes[node][1]
        names = tuple(str(nodes[each][0]).casefold() for each in reversed(chain))
        keyed.append((names, str(pk), pk, len(chain) - 1))
    keyed.sort(key=lambda entry: entry[:2])
    return [(pk, depth) for _names, _text, pk, depth in keyed]


class TreeList(ChangeList):
    """A :class:`ChangeList` that shows the rows as a tree (see the module)."""

    def __init__(self, request: HttpRequest, model_admin: ModelAdmin, session: Session) -> None:
        super().__init__(request, model_admin, session)
        self.is_tree = False
        self.depths: dict[Any, int] = {}
        self.context_rows: set[Any] = set()  # shown as ancestors of matches only

    def get_results(self) -> None:
        if self.params.get(ORDER_PARAM):
            super().get_results()
            return
        self.bind_filters()
        cap = self.admin.tree_max_rows
        ids = self.filtered_query().with_only_columns(self.pk).order_by(None).limit(cap + 1)
        matched = set(self.session.scalars(ids))
        if len(matched) > cap:
            super().get_results()
            return
        nodes = self._nodes()
        shown: set[Any] = set()
        for pk in matched:
            node = pk
            while node is not None and node in nodes and node not in shown:
                shown.add(node)
                node = nodes[node][1]
        order = [(pk, depth) for pk, depth in tree_order(nodes) if pk in shown]
        self.is_tree = True
        self.result_count = len(matched)
        self.per_page = max(len(matched), 1)
        self.depths = dict(order)
        self.context_rows = shown - matched
        self.rows = self._load_rows([pk for pk, _depth in order]) if order else []

    @property
    def tree_url(self) -> str | None:
        """The link back to the tree from a list sorted by a column."""
        return self.url(**{ORDER_PARAM: None}) if self.params.get(ORDER_PARAM) else None

    def _nodes(self) -> dict[Any, tuple[str, Any]]:
        """Every row's key, label and parent's key, in one query."""
        relationship = mapper_of(self.model).relationships[str(self.admin.tree_parent)]
        (parent,) = relationship.local_columns
        label = getattr(self.model, self.admin.tree_label)
        rows = self.session.execute(select(self.pk, label, parent))
        return {pk: (name, parent_pk) for pk, name, parent_pk in rows}
