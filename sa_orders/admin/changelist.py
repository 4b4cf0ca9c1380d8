"""The state of one list page (search, filters, ordering, page) and the queries behind it.

How the page's table reads as HTML is :mod:`sa_orders.admin.results`'s business.

The page costs a fixed number of queries, whatever its size or number: a count capped at
``list_count_cap`` (never an unbounded ``COUNT(*)``), the page's ids, the rows for those
ids with every list column (related rows joined, computed columns in the same SELECT,
collections in one more query), and one query per filter that needs its choices.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django.utils import formats
from sqlalchemy import Select, func, inspect, literal_column, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import False_

from sa_orders.admin import keyset
from sa_orders.admin.columns import BoundColumn, Row
from sa_orders.admin.filters import BoundFilter
from sa_orders.admin.search import (
    MAX_SEARCH_LENGTH,
    parse_ordering,
    search_condition,
    search_field,
    search_words,
)

if TYPE_CHECKING:
    from django.http import HttpRequest

    from sa_orders.admin.options import ModelAdmin

SEARCH_PARAM, ORDER_PARAM, PAGE_PARAM, PER_PAGE_PARAM = "q", "o", "p", "per_page"
# keyset paging: the page after a row, the page before one, the last page from the end
AFTER_PARAM, BEFORE_PARAM, END_PARAM = "after", "before", "end"
PAGING = (PAGE_PARAM, AFTER_PARAM, BEFORE_PARAM, END_PARAM)
PAGE_SIZES = (25, 50, 100, 200)
MAX_PAGE = 10**9  # a larger page number would overflow OFFSET on some databases


def _positive_int(value: str | None, default: int) -> int:
    try:
        number = int(str(value))
    except ValueError:
        return default
    return number if number >= 1 else default


@dataclass
class SortState:
    position: int  # 1 for the primary sort key
    descending: bool


class ChangeList:
    def __init__(self, request: HttpRequest, model_admin: ModelAdmin, session: Session) -> None:
        self.request = request
        self.admin = model_admin
        self.session = session
        self.model = model_admin.model
        self.pk = model_admin.pk_column
        self.columns = model_admin.bound_columns
        params = request.GET
        self.params = params
        self.search = params.get(SEARCH_PARAM, "").strip()[:MAX_SEARCH_LENGTH]
        self.per_page = min(
            _positive_int(params.get(PER_PAGE_PARAM), model_admin.list_per_page),
            model_admin.list_max_per_page,
        )
        self.page_number = min(_positive_int(params.get(PAGE_PARAM), 1), MAX_PAGE)
        sortable = {column.name: column for column in self.columns if column.sortable}
        self.ordering = parse_ordering(params.get(ORDER_PARAM, ""), sortable) or (
            parse_ordering(",".join(model_admin.ordering), sortable)
        )
        self.sort_keys = self._sort_keys()
        self.filters: list[BoundFilter] = []
        self.rows: list[Row] = []
        self.cursors: tuple[str, str] | None = None  # of the page's first and last rows
        self.result_count = 0
        self.count_is_capped = False
        self.pinned: Any | None = None  # the row an exact search puts first

    # --- queries --------------------------------------------------------------------

    def filtered_query(self) -> Select[Any]:
        stmt = self.admin.get_list_query(self.request)
        condition = search_condition(self.model, list(self.admin.search_fields), self.search)
        if condition is not None:
            stmt = stmt.where(condition)
        for bound in self.filters:
            if bound.active:
                stmt = bound.filter.apply(self.model, stmt, bound)
        return stmt

    def ordered_query(self) -> Select[Any]:
        """Every row the search and filters match, in the list's order (for exports)."""
        return self._order_by(self.filtered_query(), self.sort_keys)

    def _sort_keys(self) -> list[keyset.Key]:
        keys: list[keyset.Key] = []
        for column, descending in self.ordering:
            keys += column.sort_keys(descending)
        # Stable: ties are broken by the primary key, in the direction of the last key,
        # so that an index on (key, id) can deliver the rows in order (SQLite and InnoDB
        # indexes carry the primary key anyway) and deep pages need no sort.
        if self.ordering and self.ordering[-1][0].identifies_row:
            return keys  # no two rows tie: no id after the keys
        last_descending = self.ordering[-1][1] if self.ordering else False
        keys.append((self.pk, last_descending))
        return keys

    def _order_by(self, stmt: Select[Any], keys: list[keyset.Key]) -> Select[Any]:
        joined: set[Any] = set()
        for column, _descending in self.ordering:
            if column.join is not None and column.join not in joined:
                joined.add(column.join)
                stmt = stmt.join(column.join, isouter=not column.inner_join)
        return stmt.order_by(*(key.desc() if desc else key.asc() for key, desc in keys))

    def bind_filters(self) -> None:
        """Read the filters' parameters (and load their choices)."""
        self.filters = [
            f.bind(self.model, self.session, self.params) for f in self.admin.list_filter
        ]
        for bound in self.filters:
            bound.clear_url = self.url(**dict.fromkeys(bound.filter.parameter_names))

    def get_results(self) -> None:
        self.bind_filters()
        filtered = self.filtered_query()

        cap = self.admin.list_count_cap
        # "SELECT 1", not the key: the database need not read a value to count the row
        # (twice as fast on SQLite).
        capped = (
            filtered.with_only_columns(literal_column("1"), maintain_column_froms=True)
            .order_by(None)
            .limit(cap + 1)
            .subquery()
        )
        count_query = select(func.count()).select_from(capped).correlate(None)
        # The page's ids, with the capped count alongside (an uncorrelated subquery,
        # computed once) and the sort keys' values (the cursors of the pages before and
        # after): one round trip to the database for all.
        keys = self.sort_keys
        ids_only = filtered.with_only_columns(
            self.pk, count_query.scalar_subquery(), *(key for key, _desc in keys)
        )
        ids_query = self._order_by(ids_only, keys)
        page: Sequence[Any] | None = self._seek_page(ids_only)
        if page is None:
            page = self.session.execute(self._page_of(ids_query)).all()
        if page:
            count = page[0][1]
        elif self.page_number == 1:
            count = 0  # nothing matches
        else:  # past the end: how far the rows go, and the last page instead
            count = self.session.scalar(count_query) or 0
            if count <= cap:
                self.page_number = max(1, -(-count // self.per_page))
                if count:
                    page = self.session.execute(self._page_of(ids_query)).all()
        self.count_is_capped = count > cap
        self.result_count = min(count, cap)
        if page:
            self.cursors = (keyset.encode(page[0][2:]), keyset.encode(page[-1][2:]))
        ids = [row[0] for row in page]
        pinned = self._exact_match(filtered)
        if pinned is not None:  # "12" finds order 12 first, before the orders of "…12@…"
            ids = [pinned, *(pk for pk in ids if pk != pinned)]
        self.pinned = pinned
        self.rows = self._load_rows(ids) if ids else []

    def _exact_match(self, filtered: Select[Any]) -> Any | None:
        """On the first page of a search for one word, the row an exact field (an order's
        number) has for that word, if the search and filters match it; one query."""
        words = search_words(self.search)
        if len(words) != 1 or self.page_number != 1 or self.params.get(AFTER_PARAM):
            return None
        fields = [search_field(self.model, spec) for spec in self.admin.search_fields]
        exact = [f.match(words[0]) for f in fields if f.exact and f.relationship is None]
        exact = [condition for condition in exact if not isinstance(condition, False_)]
        if not exact:
            return None  # the word is no value of theirs: "ada" is no order number
        return self.session.scalar(
            filtered.with_only_columns(self.pk).where(or_(*exact)).order_by(None).limit(1)
        )

    def _page_of(self, stmt: Select[Any]) -> Select[Any]:
        return stmt.limit(self.per_page).offset((self.page_number - 1) * self.per_page)

    def _seek_page(self, ids_only: Select[Any]) -> list[Any] | None:
        """The page by keyset, from the index, for the links Previous, Next and the last
        page: the rows after the cursor ``after``, those before ``before``, or the last
        ones (``end``, reading the list backwards); None for a page by number."""
        if self.page_number == 1:
            return None
        keys, backwards = self.sort_keys, keyset.reverse(self.sort_keys)
        dialect = self.session.get_bind().dialect
        after = keyset.decode(self.params.get(AFTER_PARAM), keys, dialect)
        if after is not None:
            stmt = self._order_by(ids_only.where(keyset.seek(keys, after)), keys)
            return list(self.session.execute(stmt.limit(self.per_page)).all())
        before = keyset.decode(self.params.get(BEFORE_PARAM), keys, dialect)
        if before is not None:
            stmt = self._order_by(ids_only.where(keyset.seek(backwards, before)), backwards)
            return list(reversed(self.session.execute(stmt.limit(self.per_page)).all()))
        if self.params.get(END_PARAM) != "1":
            return None
        stmt = self._order_by(ids_only, backwards).limit(self.per_page)
        tail = self.session.execute(stmt).all()
        count = tail[0][1] if tail else 0
        if not tail or count > self.admin.list_count_cap:
            return None  # the end is not known: by number, then
        self.page_number = -(-count // self.per_page)
        return list(reversed(tail[: count - (self.page_number - 1) * self.per_page]))

    def _load_rows(self, ids: list[Any]) -> list[Row]:
        computed = [
            (column.extras_key, column.select_expression)
            for column in self.columns
            if column.select_expression is not None and column.extras_key is not None
        ]
        loaders = [column.loader for column in self.columns if column.loader is not None]
        stmt = (
            select(self.model, *(expression for _key, expression in computed))
            .where(self.pk.in_(ids))
            .options(*loaders)
        )
        keys = [key for key, _expression in computed]
        rows = {}
        for result in self.session.execute(stmt).unique():
            obj, values = result[0], result[1:]
            rows[inspect(obj).identity[0]] = Row(obj, dict(zip(keys, values, strict=True)))
        return [rows[pk] for pk in ids if pk in rows]

    # --- what the template needs ----------------------------------------------------

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.result_count // self.per_page))

    @property
    def has_next(self) -> bool:
        if self.count_is_capped:
            return len(self.rows) == self.per_page
        return self.page_number < self.num_pages

    @property
    def querystring(self) -> str:
        """This page's query string, "" when it has none."""
        url = self.url()
        return "" if url == "?" else url

    @property
    def export_url(self) -> str:
        """The CSV export of this list: its search, filters and ordering, no page."""
        url = self.url(**{PAGE_PARAM: None, PER_PAGE_PARAM: None})
        return self.admin.export_url + ("" if url == "?" else url)

    def page_url(self, number: int, **cursor: str) -> str:
        """The URL of page ``number``: by keyset with a cursor (``after=`` or
        ``before=``, or ``end="1"``), else by number."""
        paging: dict[str, Any] = dict.fromkeys(PAGING)
        paging.update(cursor)
        paging[PAGE_PARAM] = number
        return self.url(**paging)

    @property
    def prev_url(self) -> str | None:
        if self.page_number <= 1:
            return None
        if self.page_number == 2 or self.cursors is None:
            return self.page_url(self.page_number - 1)
        return self.page_url(self.page_number - 1, before=self.cursors[0])

    @property
    def next_url(self) -> str | None:
        if not self.has_next:
            return None
        if self.cursors is None:
            return self.page_url(self.page_number + 1)
        return self.page_url(self.page_number + 1, after=self.cursors[1])

    @property
    def count_label(self) -> str:
        """The number of results, "10,000+" beyond the cap."""
        label = formats.number_format(self.result_count, use_l10n=True, force_grouping=True)
        return f"{label}+" if self.count_is_capped else label

    def page_links(self) -> list[int | None]:
        """Page numbers to link to; ``None`` stands for a gap (…)."""
        last = None if self.count_is_capped else self.num_pages
        current = self.page_number
        pages = {1, *range(max(1, current - 2), current + 3)}
        if last is not None:
            pages = {page for page in pages if page <= last} | {last}
        elif not self.has_next:
            pages = {page for page in pages if page <= current}
        links: list[int | None] = []
        for page in sorted(pages):
            if links and page - (links[-1] or 0) > 1:
                links.append(None)
            links.append(page)
        return links

    def url(self, **changes: Any) -> str:
        """This page's query string with some parameters changed (``None`` removes one)."""
        params = {key: self.params.get(key) for key in self.params}
        if set(changes) - set(PAGING):
            for key in PAGING:  # a new search, filter or order starts on page 1
                params.pop(key, None)
        for key, value in changes.items():
            if value is None or value == "":
                params.pop(key, None)
            else:
                params[key] = str(value)
        return "?" + urlencode(sorted(params.items())) if params else "?"

    def sort_state(self, column: BoundColumn) -> SortState | None:
        for position, (sorted_column, descending) in enumerate(self.ordering, start=1):
            if sorted_column.name == column.name:
                return SortState(position, descending)
        return None

    def sort_url(self, column: BoundColumn) -> str:
        """Sort by ``column`` first (or flip it if it is first), keeping the other keys."""
        state = self.sort_state(column)
        descending = state is not None and state.position == 1 and not state.descending
        keys = [("-" if descending else "") + column.name] + [
            ("-" if desc else "") + other.name
            for other, desc in self.ordering
            if other.name != column.name
        ]
        return self.url(**{ORDER_PARAM: ",".join(keys)})

    def page_items(self) -> list[dict[str, Any]]:
        last = None if self.count_is_capped else self.num_pages
        return [
            {
                "number": page,
                "url": (
                    None
                    if not page
                    else self.page_url(page, end="1")
                    if page == last and page > 1
                    else self.page_url(page)
                ),
                "current": page == self.page_number,
            }
            for page in self.page_links()
        ]

    @property
    def per_page_choices(self) -> list[tuple[int, bool]]:
        """The page sizes offered, (size, chosen)."""
        sizes = sorted(
            {size for size in PAGE_SIZES if size <= self.admin.list_max_per_page}
            | {self.admin.list_per_page, self.per_page}
        )
        return [(size, size == self.per_page) for size in sizes]

    def paging_params(self) -> list[tuple[str, str]]:
        """The list's parameters but its page and page size: what the page-size and
        jump-to-page form keeps."""
        return [
            (key, value)
            for key, values in self.params.lists()
            if key not in (*PAGING, PER_PAGE_PARAM)
            for value in values
        ]

    def hidden_params(self) -> list[tuple[str, str]]:
        """Parameters the search form keeps when it is submitted (ordering, page size)."""
        return [
            (key, self.params[key]) for key in (ORDER_PARAM, PER_PAGE_PARAM) if key in self.params
        ]
