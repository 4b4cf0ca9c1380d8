"""The catalog: category paths, finding a category by name, an item's categories.

A category's path is its names from the root down, ``Garden/Seeds``: that is how the
pages, the CSV files and the commands name categories.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from sqlalchemy import Select, delete, literal, select, tuple_
from sqlalchemy.orm import Session, selectinload

from sa_orders.exceptions import DomainError
from sa_orders.models import Category, Item, item_category
from sa_orders.services import writes


@dataclass(frozen=True)
class TreeNode:
    """A category in the tree: its name, its parent and its path from the root."""

    id: int
    name: str
    parent_id: int | None
    path: str  # "Garden/Seeds"
    sort_key: tuple[str, ...]  # the names from the root, case-folded: the tree's order


def category_tree(session: Session) -> list[TreeNode]:
    """Every category in the tree's order (each after its parent, siblings by name),
    from one query of the table.

    A category whose chain of parents loops (which the models refuse, but a hand-edited
    database may hold) stops at the repeat.
    """
    rows = {
        pk: (name, parent)
        for pk, name, parent in session.execute(
            select(Category.id, Category.name, Category.parent_id)
        )
    }
    nodes = []
    for pk, (name, parent) in rows.items():
        chain: list[int] = []
        node: int | None = pk
        while node is not None and node in rows and node not in chain:
            chain.append(node)
            node = rows[node][1]
        names = [rows[each][0] for each in reversed(chain)]
        path, key = "/".join(names), tuple(each.casefold() for each in names)
        nodes.append(TreeNode(pk, name, parent, path, key))
    return sorted(nodes, key=lambda node: (node.sort_key, node.id))


def category_paths(session: Session) -> dict[int, str]:
    """Every category's path (``"Garden/Seeds"``) by id, from one query of the table."""
    return {node.id: node.path for node in category_tree(session)}


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


# --- deleting categories ------------------------------------------------------------


@dataclass
class CategoryRemoval:
    """What deleting some categories does. Their subcategories move up to the nearest
    ancestor that stays (or to the top level); their items stay in the catalog, without
    them. A category whose subcategory would meet a namesake where it moves stays, with
    its subcategories: sibling names are unique."""

    removed: list[TreeNode] = field(default_factory=list)
    # where subcategories move: (the category they move into, None for the top level, them)
    moves: list[tuple[TreeNode | None, list[TreeNode]]] = field(default_factory=list)
    kept: list[TreeNode] = field(default_factory=list)  # asked for, but they stay
    clashes: list[TreeNode] = field(default_factory=list)  # the subcategories that keep them

    @property
    def removed_ids(self) -> list[int]:
        return [node.id for node in self.removed]


def plan_category_removal(session: Session, ids: Iterable[int]) -> CategoryRemoval:
    """The :class:`CategoryRemoval` for deleting the categories ``ids`` (one query)."""
    nodes = {node.id: node for node in category_tree(session)}
    asked = {pk for pk in ids if pk in nodes}
    doomed = set(asked)
    clashes: list[TreeNode] = []
    while True:
        moves, clashing = _moves(nodes, doomed)
        if not clashing:
            break
        clashes += clashing
        doomed -= {child.parent_id for child in clashing}
    in_order = list(nodes.values())  # the tree's order

    def place(home: int | None) -> tuple[str, ...]:
        return () if home is None else nodes[home].sort_key

    return CategoryRemoval(
        removed=[node for node in in_order if node.id in doomed],
        moves=[
            (None if home is None else nodes[home], sorted(children, key=lambda n: n.sort_key))
            for home, children in sorted(moves.items(), key=lambda entry: place(entry[0]))
        ],
        kept=[node for node in in_order if node.id in asked - doomed],
        clashes=sorted(clashes, key=lambda node: node.sort_key),
    )


def _moves(
    nodes: Mapping[int, TreeNode], doomed: set[int]
) -> tuple[dict[int | None, list[TreeNode]], list[TreeNode]]:
    """Where the subcategories of the ``doomed`` categories move, and those that would
    meet a namesake there (names compared case-folded, as MariaDB's collation does)."""

    def home(node: TreeNode) -> int | None:
        parent, seen = node.parent_id, set()
        while parent is not None and parent in doomed and parent not in seen:
            seen.add(parent)
            parent = nodes[parent].parent_id
        return parent

    moves: dict[int | None, list[TreeNode]] = {}
    taken: dict[int | None, set[str]] = {}
    for node in nodes.values():
        if node.id in doomed:
            continue
        if node.parent_id in doomed:
            moves.setdefault(home(node), []).append(node)
        else:
            taken.setdefault(node.parent_id, set()).add(node.name.casefold())
    clashing = []
    for destination, children in moves.items():
        names = taken.setdefault(destination, set())
        for child in sorted(children, key=lambda node: (node.sort_key, node.id)):
            if child.name.casefold() in names:
                clashing.append(child)
            names.add(child.name.casefold())
    return moves, clashing


def items_filed_under(category_ids: Sequence[int]) -> Select[tuple[int]]:
    """The ids of the items filed under any of ``category_ids``."""
    return (
        select(item_category.c.item_id)
        .where(item_category.c.category_id.in_(list(category_ids)))
        .distinct()
    )


def remove_categories(session: Session, ids: Iterable[int]) -> CategoryRemoval:
    """Delete the categories ``ids`` as :func:`plan_category_removal` plans it: their
    items lose them (by a statement, so that the history records it on every backend,
    and a new version of each such item), their subcategories move up."""
    removal = plan_category_removal(session, ids)
    gone = removal.removed_ids
    if not gone:
        return removal
    writes.touch_rows(session, Item, Item.id.in_(items_filed_under(gone)))
    session.execute(delete(item_category).where(item_category.c.category_id.in_(gone)))
    for obj in list(session.identity_map.values()):
        if isinstance(obj, Item):
            session.expire(obj, ["categories"])
    # The whole tree with its children, in two queries: the ORM moves the subcategories
    # (sa_orders.models.events) without a query per category.
    tree = session.scalars(select(Category).options(selectinload(Category.children))).all()
    for category in tree:
        if category.id in gone:
            session.delete(category)
    session.flush()
    return removal
