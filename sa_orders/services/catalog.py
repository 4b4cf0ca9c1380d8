"""The catalog: category paths, finding a category by name, an item's categories.

A category's path is its names from the root down, ``Garden/Seeds``: that is how the
pages, the CSV files and the commands name categories.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from django.utils.translation import gettext as _
from sqlalchemy import delete, literal, select, tuple_
from sqlalchemy.orm import Session

from sa_orders.exceptions import DomainError
from sa_orders.models import Category, Item, item_category
from sa_orders.services import writes


def category_paths(session: Session) -> dict[int, str]:
    """Every category's path (``"Garden/Seeds"``) by id, from one query of the table.

    A category whose chain of parents loops (which the models refuse, but a hand-edited
    database may hold) stops at the repeat.
    """
    nodes = {
        pk: (name, parent)
        for pk, name, parent in session.execute(
            select(Category.id, Category.name, Category.parent_id)
        )
    }
    paths: dict[int, str] = {}
    for pk in nodes:
        chain: list[int] = []
        node: int | None = pk
        while node is not None and node in nodes and node not in chain:
            chain.append(node)
            node = nodes[node][1]
        paths[pk] = "/".join(nodes[each][0] for each in reversed(chain))
    return paths


def find_category(session: Session, name: str) -> tuple[str, list[int]]:
    """The category ``name`` names (a path, ``Parent/Child``, or a name that only one
    category has), with its subcategories: (its path, their ids)."""
    paths = category_paths(session)
    wanted = "/".join(part.strip() for part in name.strip().strip("/").split("/"))
    matches = [path for path in paths.values() if path.casefold() == wanted.casefold()]
    if not matches:
        matches = [
            path for path in paths.values() if path.casefold().endswith("/" + wanted.casefold())
        ]
    if not matches:
        raise DomainError(_("There is no category “%(name)s”.") % {"name": name}, field="category")
    if len(matches) > 1:
        raise DomainError(
            _("“%(name)s” could be any of %(paths)s; give the whole path.")
            % {"name": name, "paths": ", ".join(sorted(matches))},
            field="category",
        )
    (path,) = matches
    ids = [pk for pk, other in paths.items() if other == path or other.startswith(path + "/")]
    return path, ids


def item_category_paths(session: Session, item: Item) -> list[str]:
    """The paths of the item's categories ("Garden/Seeds"), sorted, in one query.

    A recursive CTE walks up from the item's categories and loads their ancestors with
    them, so building the paths needs no query per level (on SQLite, PostgreSQL and
    MariaDB alike). The paths are built while every loaded category is still
    referenced: the session's identity map would otherwise let the ancestors go.
    """
    own = select(item_category.c.category_id).where(item_category.c.item_id == item.id)
    tree = (
        select(Category.id, Category.parent_id, literal(1).label("own"))
        .where(Category.id.in_(own))
        .cte("category_tree", recursive=True)
    )
    tree = tree.union(
        select(Category.id, Category.parent_id, literal(0)).join(
            tree, Category.id == tree.c.parent_id
        )
    )
    rows = session.execute(select(Category, tree.c.own).join(tree, tree.c.id == Category.id)).all()
    return sorted({category.path for category, is_own in rows if is_own}, key=str.casefold)


def item_category_ids(session: Session, item_ids: Sequence[int]) -> dict[int, set[int]]:
    """The ids of the categories of each of ``item_ids`` (one query); an item without
    categories is left out."""
    links: dict[int, set[int]] = {}
    if item_ids:
        rows = session.execute(
            select(item_category.c.item_id, item_category.c.category_id).where(
                item_category.c.item_id.in_(list(item_ids))
            )
        )
        for item_id, category_id in rows:
            links.setdefault(item_id, set()).add(category_id)
    return links


def set_item_categories(session: Session, categories: Mapping[int, Iterable[int]]) -> None:
    """Make the categories of each item (by id) exactly the given ones: one DELETE of the
    links that go, one bulk INSERT of those that come. Versions are the caller's."""
    wanted = {(item, category) for item, chosen in categories.items() for category in chosen}
    current = item_category_ids(session, list(categories))
    have = {(item, category) for item, chosen in current.items() for category in chosen}
    extra = have - wanted
    if extra:
        session.execute(
            delete(item_category).where(
                tuple_(item_category.c.item_id, item_category.c.category_id).in_(sorted(extra))
            )
        )
    writes.insert_rows(session, item_category, ["item_id", "category_id"], sorted(wanted - have))
