"""What recording the history costs: the same work with the history's triggers and
without them (dropped for the measurement, created again after), in one run.

* a customer's edit page, a whole POST (form, unit of work, commit, redirect);
* ``sa_reprice --percent 1`` of every item;
* ``sa_recalc_totals`` repairing every order's total.

Runs alternate, with and without, so that drift over the run evens out; each figure is
the median of its runs.
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable
from decimal import Decimal
from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import Client
from sqlalchemy import Engine, false, func, select, update

from bench.inserts import analyze
from bench.timing import heading, ratio_line
from sa_orders.models import Customer, Item, Order, history_triggers
from sa_orders.models.history import Change

CAPTURING = history_triggers.CAPTURING_VENDORS


def set_history(engine: Engine, on: bool) -> None:
    """Drop the history's triggers, and create them again when ``on``; without them,
    bulk updates do not record their changes themselves either."""
    history_triggers.CAPTURING_VENDORS = CAPTURING if on else ()
    vendor = connection.vendor
    with engine.begin() as db:
        for statement in history_triggers.drop_statements(vendor):
            db.exec_driver_sql(statement)
        if on:
            for statement in history_triggers.create_statements(vendor):
                db.exec_driver_sql(statement)


def warm(engine: Engine) -> None:
    """Run a statement on every tracked table, as a running site has long done: the first
    statement on a table after its triggers were created or dropped pays for reading
    them (MariaDB loads a table's triggers when it opens the table, SQLite reads its
    schema again), which a site pays once after ``migrate``, not per statement."""
    with engine.begin() as db:
        for tracked in history_triggers.own_tables():
            column = tracked.table.c[tracked.key_columns[0]]
            db.execute(update(tracked.table).where(false()).values({column: column}))


def _alternating(
    engine: Engine, runs: int, work: Callable[[], None], before: Callable[[], None] | None = None
) -> tuple[float, float]:
    """Median seconds of ``work`` with the history, and without."""
    times: dict[bool, list[float]] = {True: [], False: []}
    for index in range(runs * 2):
        on = (index % 4) in (0, 3)  # on, off, off, on, ...
        if before is not None:  # the same preparation for both: without the history
            set_history(engine, False)
            before()
        set_history(engine, on)
        warm(engine)
        gc.collect()
        started = time.perf_counter()
        work()
        times[on].append(time.perf_counter() - started)
    set_history(engine, True)
    return statistics.median(times[True]), statistics.median(times[False])


def _edit_page(engine: Engine, requests: int) -> tuple[float, float]:
    user_model = get_user_model()
    user = user_model.objects.filter(username="bench").first() or (
        user_model.objects.create_superuser("bench", "bench@example.com", "bench")
    )
    client = Client()
    client.force_login(user)
    with engine.connect() as db:
        customer_id = db.scalar(select(func.min(Customer.id)))
    url = f"/orders/customers/{customer_id}/edit/"
    counter = iter(range(10**9))

    def one_post() -> float:
        """Seconds of one POST of the edit form (what the form would send, read first)."""
        with engine.connect() as db:
            name, email, phone, version = db.execute(
                select(Customer.name, Customer.email, Customer.phone, Customer.version).where(
                    Customer.id == customer_id
                )
            ).one()
        data = {
            "name": name,
            "email": email,
            "phone": f"+1 {next(counter)}",
            "version": str(version),
            "initial-name": name,
            "initial-email": email,
            "initial-phone": phone or "",
        }
        started = time.perf_counter()
        response = client.post(url, data)
        elapsed = time.perf_counter() - started
        assert response.status_code == 302, (response.status_code, response.content[:500])
        return elapsed

    def mean_post() -> float:
        return sum(one_post() for _ in range(requests)) / requests

    mean_post()  # warm up
    samples: dict[bool, list[float]] = {True: [], False: []}
    for index in range(8):
        on = (index % 4) in (0, 3)  # on, off, off, on, ...
        set_history(engine, on)
        warm(engine)
        gc.collect()
        samples[on].append(mean_post())
    set_history(engine, True)
    return statistics.median(samples[True]), statistics.median(samples[False])


def _quiet(name: str, *args: str) -> Callable[[], None]:
    return lambda: call_command(name, *args, stdout=StringIO(), stderr=StringIO())


def run(engine: Engine, repeat: int, requests: int) -> list[tuple[str, float, bool]]:
    with engine.connect() as db:
        items = db.scalar(select(func.count()).select_from(Item))
        orders = db.scalar(select(func.count()).select_from(Order))
    heading(f"The history's cost: with its triggers / without ({engine.dialect.name})")
    results = []

    edit_with, edit_without = _edit_page(engine, requests)
    value = edit_with / edit_without
    print(f"  {'edit page POST':<30} {edit_with * 1000:8.1f} ms / {edit_without * 1000:8.1f} ms")
    print(ratio_line("edit page POST, with / without history", value, "<= 1.2", value <= 1.2))
    results.append(("history: edit page POST with / without", value, value <= 1.2))

    reprice_with, reprice_without = _alternating(
        engine, max(repeat, 7), _quiet("sa_reprice", "--percent", "1")
    )
    value = reprice_with / reprice_without
    print(
        f"  {f'sa_reprice, {items:,} items':<30} {reprice_with:8.2f} s  / {reprice_without:8.2f} s"
    )
    print(ratio_line("sa_reprice of every item, with / without", value, "<= 1.5", value <= 1.5))
    results.append(("history: sa_reprice with / without", value, value <= 1.5))

    def wreck() -> None:
        with engine.begin() as db:
            db.execute(update(Order).values(total_amount=Decimal("0.00")))
        analyze(engine)

    recalc_with, recalc_without = _alternating(
        engine, repeat, _quiet("sa_recalc_totals"), before=wreck
    )
    value = recalc_with / recalc_without
    print(
        f"  {f'sa_recalc_totals, {orders:,}':<30} {recalc_with:8.2f} s  / {recalc_without:8.2f} s"
    )
    print(ratio_line("sa_recalc_totals, with / without", value, "<= 1.5", value <= 1.5))
    results.append(("history: sa_recalc_totals with / without", value, value <= 1.5))
    with engine.connect() as db:
        recorded = db.scalar(select(func.count()).select_from(Change))
    print(f"  ({recorded:,} changes recorded in the history by now)")
    return results
