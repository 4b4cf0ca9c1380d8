"""The orders list page against Django's admin changelist on the same tables (as most
projects write it, and tuned) and against a bare page, on page 1 and page 500."""

from __future__ import annotations

import gc
import statistics
import time

from django.contrib.auth import get_user_model
from django.test import Client

from bench.timing import heading, ratio_line

PAGES = {
    "sa_orders": "/orders/orders/?p={page}",
    "Django admin": "/idiomatic/bench/order/?p={page}",
    "Django admin, tuned": "/tuned/bench/order/?p={page}",
    "bare page": "/bare/orders/?p={page}",
    "bare page, no login": "/bare/without-login/orders/?p={page}",
}


def run(repeat: int) -> list[tuple[str, float, bool]]:
    user_model = get_user_model()
    user = user_model.objects.filter(username="bench").first() or (
        user_model.objects.create_superuser("bench", "bench@example.com", "bench")
    )
    client = Client()
    client.force_login(user)
    urls = {(name, page): url.format(page=page) for name, url in PAGES.items() for page in (1, 500)}
    for url in urls.values():  # warm up, and make sure every page works
        for _ in range(3):
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
    times: dict[tuple[str, int], list[float]] = {key: [] for key in urls}
    # Each page in a block of consecutive requests (a light page right after a heavy one
    # pays for the heavy one's garbage and cache misses), the blocks in one order and
    # then in the reverse order, so that drift over the run evens out.
    for keys in (list(urls), list(reversed(urls))):
        for key in keys:
            gc.collect()
            client.get(urls[key])
            for _ in range(max(1, repeat // 2)):
                started = time.perf_counter()
                client.get(urls[key])
                times[key].append(time.perf_counter() - started)
    median = {key: statistics.median(values) for key, values in times.items()}
    heading(f"The orders list, whole requests, median of {repeat}")
    for (name, page), seconds in median.items():
        print(f"  {name:<22} page {page:<4} {seconds * 1000:8.1f} ms")
    results = []
    for page in (1, 500):
        ours = median[("sa_orders", page)]
        for other in ("Django admin", "Django admin, tuned"):
            value = median[(other, page)] / ours
            met = value > 1
            label = f"{other} / sa_orders, page {page}"
            print(ratio_line(label, value, "> 1", met))
            results.append((f"list: {label}", value, met))
        value = ours / median[("bare page", page)]
        label = f"sa_orders / bare page, page {page}"
        print(ratio_line(label, value, "<= 2", value <= 2))
        results.append((f"list: {label}", value, value <= 2))
        value = ours / median[("bare page, no login", page)]
        label = f"(comparison) sa_orders / bare page without login, page {page}"
        print(ratio_line(label, value, "(none)", None))
    value = median[("sa_orders", 500)] / median[("sa_orders", 1)]
    print(ratio_line("sa_orders page 500 / page 1", value, "<= 1.2", value <= 1.2))
    results.append(("list: sa_orders page 500 / page 1", value, value <= 1.2))
    admin = median[("Django admin, tuned", 500)] / median[("Django admin, tuned", 1)]
    print(ratio_line("(for comparison) tuned admin page 500 / page 1", admin, "(none)", None))
    return results
