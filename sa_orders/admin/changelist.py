"""The state of one list page (search, filters, ordering, page) and the queries behind it.

How the page's table reads as HTML is :mod:`sa_orders.admin.results`'s business.

The page costs a fixed number of queries, whatever its size or number: a count capped at
``list_count_cap`` (never an unbounded ``COUNT(*)``), the page's ids, the rows for those
ids with every list column (related rows joined, computed columns in the same SELECT,
collections in one more query), and one query per filter that needs its choices.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django.utils import formats
from sqlalchemy import Select, func, inspect, literal_column, select
from sqlalchemy.orm import Session

from sa_orders.admin.columns import BoundColumn, Row
from sa_orders.admin.filters import BoundFilter
from sa_orders.admin.search import MAX_SEARCH_LENGTH, parse_ordering, search_condition

if TYPE_CHECKING:
    from django.http import HttpRequest

    from sa_orders.admin.options import ModelAdmin

SEARCH_PARAM, ORDER_PARAM, PAGE_PARAM, PER_PAGE_PARAM = "q", "o", "p", "per_page"
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
        self.filters: list[BoundFilter] = []
        self.rows: list[Row] = []
        self.result_count = 0
        self.count_is_capped = False

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
        return self._order_by(self.filtered_query())

    def _order_by(self, stmt: Select[Any]) -> Select[Any]:
        joined: set[Any] = set()
        clauses: list[Any] = []
        for column, descending in self.ordering:
            if column.join is not None and column.join not in joined:
                joined.add(column.join)
                stmt = stmt.outerjoin(column.join)
            clauses += column.order_by(descending)
        # Stable: ties are broken by the primary key, in the direction of the last key,
        # so that an index on (key, id) can deliver the rows in order (SQLite and InnoDB
        # indexes carry the primary key anyway) and deep pages need no sort.
        last_descending = self.ordering[-1][1] if self.ordering else False
        clauses.append(self.pk.desc() if last_descending else self.pk.asc())
        return stmt.order_by(*clauses)

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
        # computed once): one round trip to the database for both.
        ids_query = self._order_by(
            filtered.with_only_columns(self.pk, count_query.scalar_subquery())
        )
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
        ids = [row[0] for row in page]
        self.rows = self._load_rows(ids) if ids else []

    def _page_of(self, stmt: Select[Any]) -> Select[Any]:
        return stmt.limit(self.per_page).offset((self.page_number - 1) * self.per_page)

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

    @property
    def prev_url(self) -> str | None:
        return self.url(p=self.page_number - 1) if self.page_number > 1 else None

    @property
    def next_url(self) -> str | None:
        return self.url(p=self.page_number + 1) if self.has_next else None

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
        if set(changes) - {PAGE_PARAM}:
            params.pop(PAGE_PARAM, None)  # a new search, filter or order starts on page 1
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
        return [
            {
                "number": page,
                "url": self.url(p=page) if page else None,
                "current": page == self.page_number,
            }
            for page in self.page_links()
        ]

    def hidden_params(self) -> list[tuple[str, str]]:
        """Parameters the search form keeps when it is submitted (ordering, page size)."""
        return [
            (key, self.params[key]) for key in (ORDER_PARAM, PER_PAGE_PARAM) if key in self.params
        ]
