"""``python -m bench``: run the benchmarks on the database of ``BENCH_DATABASE_URL``.

The database must exist and be migrated (``scripts/bench`` does both); its sa_orders
tables are emptied and filled again.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

django.setup()

import sqlalchemy  # noqa: E402
from django.db import connection  # noqa: E402

from bench import data, history, inserts, memory, pages, recalc  # noqa: E402
from sa_orders import get_engine  # noqa: E402

PARTS = ("insert", "recalc", "list", "history", "memory")


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--only", choices=PARTS, action="append", help="Run only this part.")
    parser.add_argument("--repeat", type=int, default=3, help="Runs per insert method.")
    parser.add_argument("--requests", type=int, default=40, help="Requests per page.")
    parser.add_argument("--customers", type=int, default=10_000)
    parser.add_argument("--items", type=int, default=1_000)
    parser.add_argument("--orders", type=int, default=50_000)
    parser.add_argument("--lines-per-order", type=int, default=4)
    parser.add_argument("--memory-sizes", type=int, nargs=2, default=[100_000, 1_000_000])
    options = parser.parse_args()
    parts = options.only or PARTS
    engine = get_engine()
    with engine.connect():  # the dialect learns the server's version on connecting
        version = ".".join(str(part) for part in engine.dialect.server_version_info or ())
    driver = engine.dialect.driver
    print(
        f"sa_orders benchmarks on {connection.vendor} {version} ({driver}); "
        f"Python {platform.python_version()}, Django {django.get_version()}, "
        f"SQLAlchemy {sqlalchemy.__version__}; {platform.machine()}, {os.cpu_count()} CPUs, "
        f"{platform.platform()}",
        flush=True,
    )
    rows = data.generate(options.customers, options.items, options.orders, options.lines_per_order)
    results = []
    if "insert" in parts:
        results += inserts.run(engine, rows, options.repeat)
    if "recalc" in parts or "list" in parts or "history" in parts:
        inserts.empty(engine)
        inserts.with_sa_orders(engine, rows)
        inserts.analyze(engine)
    del rows  # a web server holds no such heap: its garbage collections would pay for it
    gc.collect()
    # The pages first, on the freshly loaded tables: the total repair rewrites every
    # order (twice), which leaves PostgreSQL's indexes twice their size.
    if "list" in parts:
        results += pages.run(options.requests)
    if "recalc" in parts:
        results += recalc.run(engine, options.repeat)
    if "history" in parts:
        results += history.run(engine, options.repeat, max(5, options.requests // 2))
    if "memory" in parts:
        results += memory.run(*options.memory_sizes)
    missed = [label for label, _value, met in results if met is False]
    print(f"\n{len(results) - len(missed)} of {len(results)} targets met on {connection.vendor}.")
    for label in missed:
        print(f"  missed: {label}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
