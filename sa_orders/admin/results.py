"""The HTML of a list page's table: the header row and the rows, from a ``ChangeList``.

Cells are built in Python, as Django's admin builds them, so that a row costs the
template one node rather than a few per cell. Every value shown is escaped here; the
template ``sa_orders/includes/results_table.html`` writes what this returns.
"""

from __future__ import annotations

from functools import cached_property
from html import escape as html_escape
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from sqlalchemy import inspect

from sa_orders.admin.columns import Display
from sa_orders.admin.tree import MAX_INDENT

if TYPE_CHECKING:
    from sa_orders.admin.changelist import ChangeList


def _escape(value: Any) -> str:
    """HTML-escaped text, as Django's ``escape`` (which is slower per call)."""
    return html_escape(str(value), quote=True)


class Results:
    """The table of one list page. ``selectable``: each row gets a checkbox (the list
    offers bulk actions)."""

    def __init__(self, changelist: ChangeList, *, selectable: bool = False) -> None:
        self.changelist = changelist
        self.selectable = selectable

    @cached_property
    def header_cells(self) -> SafeString:
        """The header row's cells: the sort links, the sort marks and ``aria-sort`` on the
        column sorted first."""
        cl = self.changelist
        cells = []
        if self.selectable:
            # the box that ticks every row of the page is for scripts (list.js) to show
            cells.append(
                format_html(
                    '<th scope="col" class="select"><span class="visually-hidden">{}</span>'
                    '<input type="checkbox" data-sa-select-all hidden aria-label="{}"></th>',
                    gettext("Select"),
                    gettext("Select every row on this page"),
                )
            )
        several = len(cl.ordering) > 1
        for column in cl.columns:
            state = cl.sort_state(column)
            attributes = format_html(
                "{}{}",
                mark_safe(' class="numeric"' if column.numeric else ""),
                format_html(' aria-sort="{}"', "descending" if state.descending else "ascending")
                if state is not None and state.position == 1
                else "",
            )
            label = column.label
            if column.sortable:
                mark = ""
                if state is not None:
                    mark = format_html(
                        ' <span class="sort-mark" aria-hidden="true">{}{}</span>',
                        "▼" if state.descending else "▲",
                        state.position if several else "",
                    )
                label = format_html('<a href="{}">{}{}</a>', cl.sort_url(column), label, mark)
            cells.append(format_html('<th scope="col"{}>{}</th>', attributes, label))
        return mark_safe("".join(cells))

    @cached_property
    def rows(self) -> list[SafeString]:
        """Each row's cells: the first links to the row's detail page."""
        cl = self.changelist
        placeholder = "__sa_orders_pk__"
        detail = _escape(reverse(cl.admin.url_name("detail"), kwargs={"pk": placeholder}))
        select = gettext("Select %(name)s")
        shown = Display()
        opening = ['<td class="numeric">' if c.numeric else "<td>" for c in cl.columns]
        opening[0] = opening[0].replace("<td", '<th scope="row"')
        depths: dict[Any, int] = getattr(cl, "depths", {})  # a tree's rows are indented
        context: set[Any] = getattr(cl, "context_rows", set())
        rows = []
        for row in cl.rows:
            pk = inspect(row.obj).identity[0]
            # quote() leaves nothing that HTML would need escaped
            url = detail.replace(placeholder, quote(str(pk), safe=""))
            values = [_escape(column.display(row.obj, row.extras, shown)) for column in cl.columns]
            values[0] = f'<a href="{url}">{values[0]}</a>'
            starts = opening
            if pk in depths:
                node = f"tree-node tree-depth-{min(depths[pk], MAX_INDENT)}"
                if pk in context:
                    node += " tree-context"
                starts = [opening[0].replace("<th", f'<th class="{node}"'), *opening[1:]]
            cells = "".join(
                f"{start}{value}</t{start[2]}>" for start, value in zip(starts, values, strict=True)
            )
            if self.selectable:
                escaped_pk = _escape(pk)
                label = _escape(select % {"name": str(row.obj)})
                cells = (
                    f'<td class="select"><input type="checkbox" name="_selected"'
                    f' value="{escaped_pk}" id="select-{escaped_pk}" aria-label="{label}"></td>'
                    + cells
                )
            rows.append(mark_safe(cells))  # every value above is escaped
        return rows
