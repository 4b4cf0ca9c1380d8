"""One database of the growth benchmark: ``python -m bench.growth_worker``.

A Django process on the database of ``BENCH_DATABASE_URL``, driven by
:mod:`bench.growth` over standard input and output, one JSON object per line each way:

* ``{"do": "plan"}``: the pages to time on this database (see :func:`plan`);
* ``{"do": "time", "url": ..., "repeat": n}``: one untimed request, then ``n`` timed
  ones; the seconds of each and the SQL statements of the last;
* ``{"do": "command", "name": ..., "args": [...], "rows": ...}``: a management command
  through ``call_command``, timed, with the rows it handled;
* ``{"do": "quit"}``.

Two of these run side by side, one per database, and :mod:`bench.growth` alternates
between them, so that both see the same machine at the same time.
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
import time
from contextlib import redirect_stdout
from datetime import timedelta
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402
from sqlalchemy import event, func, select  # noqa: E402

from sa_orders import get_engine, session_scope  # noqa: E402
from sa_orders.admin import site  # noqa: E402
from sa_orders.admin.filters import DateRangeFilter, RelatedIdFilter  # noqa: E402
from sa_orders.models import Customer, Item, Order, OrderItem  # noqa: E402

PER_PAGE = 25
# Django's tuned admin on the same tables (bench/admin.py): its list, and the position of
# the computed column in its list_display (Django's ?o= takes positions).
DJANGO_LISTS = {
    "customer": ("/tuned/bench/customer/", {"orders": 4}),
    "order": ("/tuned/bench/order/", {"lines": 3}),
    "item": ("/tuned/bench/item/", {}),
}

statements = 0


def _count_statement(*_args: Any) -> None:
    global statements
    statements += 1


def client() -> Client:
    user_model = get_user_model()
    user = user_model.objects.filter(username="bench").first() or (
        user_model.objects.create_superuser("bench", "bench@example.com", "bench")
    )
    browser = Client()
    browser.force_login(user)
    return browser


def _pages(count: int) -> int:
    return max(1, -(-count // PER_PAGE))


def _filter_urls(model_admin: Any, session: Any, values: dict[str, str]) -> dict[str, str]:
    """A URL for every choice of every filter of the list (free-form ones from ``values``)."""
    urls = {}
    for list_filter in model_admin.list_filter:
        names = list_filter.parameter_names
        if isinstance(list_filter, DateRangeFilter):
            urls[f"filter {names[0]}, last 7 days"] = {names[0]: values["week_ago"]}
        elif isinstance(list_filter, RelatedIdFilter):
            urls[f"filter {names[0]}, the busiest"] = {names[0]: values["busiest"]}
        else:
            for choice in list_filter.choices(model_admin.model, session):
                urls[f"filter {names[0]}={choice.value}"] = {names[0]: choice.value}
    return {key: "?" + urlencode(params) for key, params in urls.items()}


def _next_link(browser: Client, url: str) -> str:
    """The query string of the Next link of the page at ``url``."""
    html = browser.get(url).content.decode()
    found = re.search(r'<a href="(\?[^"]+)" rel="next">', html)
    assert found is not None, f"no Next link on {url}"
    return unescape(found.group(1))


def plan() -> list[dict[str, Any]]:
    """The pages: the dashboard; for every list its first page, a page a quarter of the
    way in (by its number, and the one after it by its Next link, a keyset page) and the
    last page, every sortable column both ways, every filter choice and
    the searches below; the detail page of the customer with the most orders; every edit
    form; every autocomplete. Keys are the same on every database, URLs need not be."""
    browser = client()
    with session_scope() as session:
        busiest = session.execute(
            select(Order.customer_id, func.count().label("orders"))
            .group_by(Order.customer_id)
            .order_by(func.count().desc(), Order.customer_id)
            .limit(1)
        ).one()
        customer = session.get(Customer, busiest.customer_id)
        order = session.scalars(
            select(Order).where(Order.customer_id == busiest.customer_id).limit(1)
        ).one()
        item = session.scalars(select(Item).join(OrderItem).limit(1)).first()
        counts = {
            Customer: session.scalar(select(func.count()).select_from(Customer)),
            Item: session.scalar(select(func.count()).select_from(Item)),
            Order: session.scalar(select(func.count()).select_from(Order)),
        }
        assert customer is not None
        assert item is not None
        first_name, last_name = customer.name.split(" ", 1)
        searches = {
            Customer: {
                "one word": last_name,
                "two words": f"{first_name} {last_name}",
                "email fragment": customer.email.split("@")[0][:-1],
                "phone fragment": "555 0142",
            },
            Order: {
                "one word": last_name,
                "two words": f"{first_name} {last_name}",
                "email fragment": customer.email.split("@")[0][:-1],
                "order number": str(order.id),
            },
            Item: {
                "one word": "ladder",
                "two words": "steel ladder",
                "SKU fragment": "GEN-00001",
            },
        }
        values = {
            "week_ago": (timezone.localdate() - timedelta(days=6)).isoformat(),
            "busiest": str(customer.id),
        }
        pages: list[dict[str, Any]] = [{"key": "dashboard", "url": site.index_url()}]
        for model_admin in site.model_admins:
            name = model_admin.name
            list_url = model_admin.list_url
            django_url, django_columns = DJANGO_LISTS[name]
            last = _pages(counts[model_admin.model])
            quarter = f"?p={max(1, last // 4)}"
            pages += [
                {"key": f"{name}: first page", "url": list_url, "django": django_url},
                {
                    "key": f"{name}: a quarter of the way in",
                    "url": list_url + quarter,
                    "django": django_url + quarter,
                },
                {
                    # the page after it, by the Next link a person on it follows (keyset)
                    "key": f"{name}: a quarter of the way in, by Next",
                    "url": list_url + _next_link(browser, list_url + quarter),
                },
                {"key": f"{name}: last page", "url": f"{list_url}?p={last}"},
            ]
            for column in model_admin.bound_columns:
                if column.sortable:
                    for sign in ("", "-"):
                        page = {
                            "key": f"{name}: sorted by {sign}{column.name}",
                            "url": f"{list_url}?o={sign}{column.name}",
                        }
                        if column.name in django_columns:
                            page["django"] = f"{django_url}?o={sign}{django_columns[column.name]}"
                        pages.append(page)
            for key, query in _filter_urls(model_admin, session, values).items():
                pages.append({"key": f"{name}: {key}", "url": list_url + query})
            for kind, text in searches[model_admin.model].items():
                query = "?" + urlencode({"q": text})
                page = {"key": f"{name}: search, {kind}", "url": list_url + query}
                if kind != "order number":  # Django's admin searches names and emails
                    page["django"] = django_url + query
                pages.append(page)
        customers, orders, items = (site.admin_for(m) for m in (Customer, Order, Item))
        pages += [
            {
                "key": "customer with the most orders: detail",
                "url": customers.url("detail", customer),
            },
            {"key": "customer: edit form", "url": customers.url("edit", customer)},
            {"key": "order: detail", "url": orders.url("detail", order)},
            {"key": "order: edit form", "url": orders.url("edit", order)},
            {"key": "order: new order form", "url": orders.add_url},
            {"key": "item: edit form", "url": items.url("edit", item)},
            {
                "key": "customer autocomplete",
                "url": f"{customers.url('autocomplete')}?{urlencode({'q': last_name[:4]})}",
            },
            {
                "key": "item autocomplete",
                "url": f"{items.url('autocomplete')}?{urlencode({'q': 'ladd'})}",
            },
        ]
    return pages


def time_page(browser: Client, url: str, repeat: int) -> dict[str, Any]:
    global statements
    response = browser.get(url)
    if response.status_code != 200:
        return {"error": f"{url}: HTTP {response.status_code}"}
    times = []
    for _ in range(repeat):
        statements = 0
        started = time.perf_counter()
        browser.get(url)
        times.append(time.perf_counter() - started)
    return {"times": times, "statements": statements}


def count_rows(what: str) -> int:
    model = {"customers": Customer, "items": Item, "orders": Order, "lines": OrderItem}[what]
    with session_scope() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def run_command(name: str, args: list[str], rows: str | int) -> dict[str, Any]:
    """Run a command; ``rows`` is a table whose rows it handles (counted before and, for
    a purge, after: the difference), or a number of rows."""
    before = count_rows(rows) if isinstance(rows, str) else rows
    output = io.StringIO()
    started = time.perf_counter()
    with redirect_stdout(output):
        call_command(name, *args, stdout=output, stderr=output)
    seconds = time.perf_counter() - started
    handled = before
    if name == "sa_purge_orders" and isinstance(rows, str):
        handled = before - count_rows(rows)
    return {"seconds": seconds, "rows": handled, "output": output.getvalue()[-400:]}


def csv_rows(path: str) -> int:
    with Path(path).open(encoding="utf-8") as lines:
        return sum(1 for _ in lines) - 1


def info() -> str:
    engine = get_engine()
    with engine.connect():  # the dialect learns the server's version on connecting
        version = ".".join(str(part) for part in engine.dialect.server_version_info or ())
    return f"{engine.dialect.name} {version} ({engine.dialect.driver})"


def main() -> None:
    event.listen(get_engine(), "before_cursor_execute", _count_statement)
    browser = client()
    for line in sys.stdin:
        request = json.loads(line)
        kind = request["do"]
        try:
            if kind == "plan":
                answer: Any = plan()
            elif kind == "time":
                answer = time_page(browser, request["url"], request["repeat"])
            elif kind == "command":
                rows = request["rows"]
                if isinstance(rows, str) and rows.startswith("file:"):
                    rows = csv_rows(rows[5:])
                answer = run_command(request["name"], request["args"], rows)
            elif kind == "info":
                answer = info()
            elif kind == "rows":
                answer = count_rows(request["table"])
            elif kind == "quit":
                break
            else:
                answer = {"error": f"unknown request {kind!r}"}
        except Exception as error:  # reported to the coordinator, which stops the run
            answer = {"error": f"{type(error).__name__}: {error}"}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
