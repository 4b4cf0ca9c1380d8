"""The category pages: the tree as a list with each category's items, a parent chosen
from the tree, and a deletion that says where the subcategories and items go.

Deleting goes through :func:`sa_orders.services.catalog.remove_categories`, from the
delete page and the bulk action alike: subcategories move up to the nearest ancestor
that stays, items stay in the catalog without the category.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from sqlalchemy import ColumnElement, exists, func, inspect, select
from sqlalchemy.orm import Session

from sa_orders.admin import ListColumn, ModelAdmin, delete_selected
from sa_orders.admin.deletion import EXAMPLES, DeletionPlan, RelatedRows
from sa_orders.models import Category, Item, item_category
from sa_orders.services import catalog
from sa_orders.services.writes import Deleted

RECENT_ITEMS = 10


def _item_count(model: Any) -> Any:
    """How many items are filed under the category (a list column)."""
    return (
        select(func.count())
        .select_from(item_category)
        .where(item_category.c.category_id == model.id)
        .scalar_subquery()
    )


class CategoryAdmin(ModelAdmin):
    history = True
    verbose_name = _("category")
    verbose_name_plural = _("categories")
    tree_parent = "parent"
    list_display = [
        "name",
        ListColumn("items", _("Items"), expression=_item_count, numeric=True),
    ]
    search_fields = ["name"]
    ordering = ["name"]
    form_fields = ["name", "parent"]
    detail_fields = ["name", "parent"]
    actions = [delete_selected]

    def get_detail_context(
        self, request: HttpRequest, session: Session, obj: Any
    ) -> dict[str, Any]:
        """Its subcategories (links) and the first items filed under it."""
        items = session.scalars(
            select(Item)
            .join(item_category, item_category.c.item_id == Item.id)
            .where(item_category.c.category_id == obj.id)
            .order_by(Item.name, Item.id)
            .limit(RECENT_ITEMS)
        ).all()
        count = session.scalar(
            select(func.count())
            .select_from(item_category)
            .where(item_category.c.category_id == obj.id)
        )
        site = self.site
        items_admin = site.admin_for(Item) if site.is_registered(Item) else None
        return {
            "subcategories": [site.link(request, child) for child in obj.children],
            "items": [site.link(request, item) for item in items],
            "item_count": count or 0,
            "items_url": (
                items_admin.list_url + "?" + urlencode({"category": obj.id})
                if items_admin is not None and items_admin.has_view_permission(request)
                else None
            ),
        }

    def unique_conflicts(self, session: Session, obj: Any, fields: Sequence[str]) -> list[str]:
        """The name, when a sibling (a category with the same parent) has it: names are
        unique among siblings, compared as the database compares them."""
        conflicts = super().unique_conflicts(session, obj, fields)
        if "name" in fields and "name" not in conflicts:
            parent = obj.parent.id if obj.parent is not None else None
            sibling = select(Category.id).where(
                Category.name == obj.name,
                Category.parent_id.is_(None) if parent is None else Category.parent_id == parent,
            )
            if inspect(obj).identity is not None:
                sibling = sibling.where(Category.id != obj.id)
            if session.scalar(select(exists(sibling))):
                conflicts.append("name")
        return conflicts

    # --- deleting -------------------------------------------------------------------

    def get_deletion_plan(self, request: HttpRequest, session: Session, obj: Any) -> DeletionPlan:
        plan, _kept = self._plan(request, session, [obj.id])
        return plan

    def get_bulk_deletion_plan(
        self, request: HttpRequest, session: Session, condition: ColumnElement[bool]
    ) -> tuple[DeletionPlan, int]:
        return self._plan(request, session, session.scalars(select(Category.id).where(condition)))

    def _plan(self, request: HttpRequest, session: Session, ids: Any) -> tuple[DeletionPlan, int]:
        removal = catalog.plan_category_removal(session, ids)
        links = self._links(request, session, removal)
        plan = DeletionPlan()
        for home, children in removal.moves:
            label = (
                gettext("subcategories, moved into “%(name)s”") % {"name": home.path}
                if home is not None
                else gettext("subcategories, moved to the top level")
            )
            plan.moves.append(
                RelatedRows(label, len(children), [links[c.id] for c in children[:EXAMPLES]])
            )
        if removal.clashes:
            plan.blockers.append(
                RelatedRows(
                    gettext(
                        "subcategories that would meet a category of the same name where "
                        "they would move (rename or move them first)"
                    ),
                    len(removal.clashes),
                    [links[c.id] for c in removal.clashes[:EXAMPLES]],
                )
            )
        gone = removal.removed_ids
        if gone:
            filed = catalog.items_filed_under(gone)
            count = session.scalar(select(func.count()).select_from(filed.subquery())) or 0
            if count:
                first = session.scalars(
                    select(Item)
                    .where(Item.id.in_(filed))
                    .order_by(Item.name, Item.id)
                    .limit(EXAMPLES)
                )
                plan.unlinks.append(
                    RelatedRows(
                        gettext("items (they stay in the catalog)"),
                        count,
                        [self.site.link(request, item) for item in first],
                    )
                )
        return plan, len(removal.kept)

    def _links(
        self, request: HttpRequest, session: Session, removal: catalog.CategoryRemoval
    ) -> dict[int, str]:
        """The categories the plan names, as links to their pages (one query)."""
        wanted = {c.id for _home, children in removal.moves for c in children}
        wanted |= {c.id for c in removal.clashes}
        paths = {c.id: c.path for _home, children in removal.moves for c in children}
        paths |= {c.id: c.path for c in removal.clashes}
        rows: list[Category] = []
        if wanted:
            rows = list(session.scalars(select(Category).where(Category.id.in_(wanted))))
        return {row.id: self.site.link(request, row, paths[row.id]) for row in rows}

    def delete_object(self, request: HttpRequest, session: Session, obj: Any) -> None:
        catalog.remove_categories(session, [obj.id])

    def delete_rows(
        self, request: HttpRequest, session: Session, condition: ColumnElement[bool]
    ) -> Deleted:
        ids = list(session.scalars(select(Category.id).where(condition)))
        removal = catalog.remove_categories(session, ids)
        return Deleted(len(removal.removed), len(removal.kept))
