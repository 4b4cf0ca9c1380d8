"""The growth benchmark: ``python -m bench.growth --small URL --large URL``.

Two databases filled by ``sa_seed``, the large one ``--factor`` (40) times the small one
(customers, items, orders; two orders per customer and three lines per order), every page
timed on both in the same run, and the growth of each page printed as the ratio of its
time on the large database to its time on the small one. Django's tuned admin on the
large database stands beside the list and search pages. Then the bulk commands as rows
per second on both.

Each database gets a process of its own (:mod:`bench.growth_worker`); this one alternates
between them, page by page, in one order and then in the reverse order, so that both see
the machine in the same state. ``scripts/bench --growth`` runs it on SQLite, PostgreSQL
and MariaDB.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PAGE_TARGET = 1.5  # no page may grow by more than this for 40 times the data
COMMAND_TARGET = 0.8  # rows per second on the large database / on the small one


@dataclass(frozen=True)
class Sizes:
    customers: int
    items: int

    @property
    def orders(self) -> int:
        return 2 * self.customers

    def seed_args(self) -> list[str]:
        return [
            f"--customers={self.customers}",
            f"--items={self.items}",
            f"--orders={self.orders}",
            "--lines-per-order=3",
        ]


def _environment(url: str) -> dict[str, str]:
    env = dict(os.environ)
    env["BENCH_DATABASE_URL"] = url
    env.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    return env


def _django(url: str, *args: str, quiet: bool = False) -> None:
    subprocess.run(
        [sys.executable, "-m", "django", *args],
        env=_environment(url),
        check=True,
        capture_output=quiet,
    )


class Worker:
    """A :mod:`bench.growth_worker` process on one database."""

    def __init__(self, name: str, url: str) -> None:
        self.name = name
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bench.growth_worker"],
            env=_environment(url),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def ask(self, **request: Any) -> Any:
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise SystemExit(f"the {self.name} database's worker stopped")
        answer = json.loads(line)
        if isinstance(answer, dict) and "error" in answer:
            raise SystemExit(f"{self.name} database: {answer['error']}")
        return answer

    def close(self) -> None:
        if self.process.poll() is None:
            self.ask(do="rows", table="customers")  # still answering
            assert self.process.stdin is not None
            self.process.stdin.write(json.dumps({"do": "quit"}) + "\n")
            self.process.stdin.close()
            self.process.wait(timeout=60)


def prepare(name: str, url: str, sizes: Sizes, reuse: bool) -> None:
    """Create, migrate and seed the database, unless ``reuse`` and it is already seeded."""
    if reuse:
        try:
            _django(url, "migrate", "--noinput", "--verbosity=0", quiet=True)
            worker = Worker(name, url)
            try:
                found = (
                    worker.ask(do="rows", table="orders"),
                    worker.ask(do="rows", table="customers"),
                )
            finally:
                worker.close()
            if found == (sizes.orders, sizes.customers):
                print(f"[growth] {name}: reusing {found[0]:,} orders", file=sys.stderr, flush=True)
                return
        except (subprocess.CalledProcessError, SystemExit):
            pass
    subprocess.run([sys.executable, "-m", "bench.createdb", url], check=True)
    _django(url, "migrate", "--noinput", "--verbosity=0")
    started = time.perf_counter()
    _django(url, "sa_seed", *sizes.seed_args(), "--verbosity=0")
    print(
        f"[growth] {name}: seeded {sizes.customers:,} customers, {sizes.orders:,} orders, "
        f"{3 * sizes.orders:,} lines in {time.perf_counter() - started:.0f} s",
        file=sys.stderr,
        flush=True,
    )


@dataclass
class Page:
    key: str
    urls: dict[str, str]
    django: str | None
    times: dict[str, list[float]] = field(default_factory=lambda: {"small": [], "large": []})
    statements: dict[str, int] = field(default_factory=dict)
    django_times: list[float] = field(default_factory=list)

    def median(self, name: str) -> float:
        return statistics.median(self.times[name])

    @property
    def growth(self) -> float:
        return self.median("large") / self.median("small")


def time_pages(
    workers: dict[str, Worker], repeat: int, django: bool, match: str | None
) -> list[Page]:
    plans = {name: worker.ask(do="plan") for name, worker in workers.items()}
    large = {entry["key"]: entry for entry in plans["large"]}
    pages = [
        Page(entry["key"], {"small": entry["url"], "large": large[entry["key"]]["url"]},
             large[entry["key"]].get("django"))
        for entry in plans["small"]
        if entry["key"] in large and (match is None or match in entry["key"])
    ]  # fmt: skip
    for order in (pages, pages[::-1]):
        for page in order:
            for name in ("small", "large") if order is pages else ("large", "small"):
                answer = workers[name].ask(do="time", url=page.urls[name], repeat=repeat)
                page.times[name] += answer["times"]
                page.statements[name] = answer["statements"]
            print(".", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    if django:
        for page in pages:
            if page.django:
                answer = workers["large"].ask(do="time", url=page.django, repeat=2)
                page.django_times = answer["times"]
                print("d", end="", file=sys.stderr, flush=True)
        print(file=sys.stderr)
    return pages


def _milliseconds(seconds: float) -> str:
    return f"{seconds * 1000:,.1f}"


def report_pages(pages: list[Page], repeat: int) -> list[str]:
    print(
        f"\nEvery page, whole requests as a logged-in superuser, median of {2 * repeat} "
        "(ms); growth = large / small; statements = SQL statements of one request"
    )
    header = (
        f"{'page':<52} {'small':>8} {'large':>9} {'growth':>7} {'stmts':>6} "
        f"{'Django':>10} {'Dj/ours':>8}"
    )
    print(header)
    print("-" * len(header))
    missed = []
    for page in pages:
        growth = page.growth
        django = ""
        versus = ""
        if page.django_times:
            median = statistics.median(page.django_times)
            django = _milliseconds(median)
            versus = f"{median / page.median('large'):,.0f}"
        statements = f"{page.statements['small']}/{page.statements['large']}"
        flag = "" if growth <= PAGE_TARGET else "  > 1.5" if growth <= 2 else "  > 2"
        print(
            f"{page.key[:52]:<52} {_milliseconds(page.median('small')):>8} "
            f"{_milliseconds(page.median('large')):>9} {growth:>7.2f} {statements:>6} "
            f"{django:>10} {versus:>8}{flag}"
        )
        if growth > PAGE_TARGET:
            missed.append(f"{page.key}: grows {growth:.2f}x")
    growths = [page.growth for page in pages]
    print(
        f"\n{len(pages)} pages; growth: median {statistics.median(growths):.2f}, "
        f"largest {max(growths):.2f}; {len(pages) - len(missed)} of {len(pages)} within "
        f"{PAGE_TARGET}x"
    )
    return missed


def _rewrite_phones(source: str, target: str) -> None:
    """The customers' export with every phone number changed: an import that updates
    every row."""
    with (
        open(source, newline="", encoding="utf-8") as infile,
        open(target, "w", newline="", encoding="utf-8") as outfile,
    ):
        reader = csv.DictReader(infile)
        assert reader.fieldnames is not None
        writer = csv.DictWriter(outfile, reader.fieldnames)
        writer.writeheader()
        for number, row in enumerate(reader):
            row["phone"] = f"+1 555 02{number % 100:02d}"
            writer.writerow(row)


def time_commands(workers: dict[str, Worker], work: Path) -> list[str]:
    """The bulk commands on both databases, as rows per second."""
    results: dict[str, dict[str, tuple[int, float]]] = {}

    def run(label: str, name: str, args: Any, rows: Any, repeat: int = 1) -> None:
        """``args`` and ``rows`` may be functions of the database's name."""
        for database, worker in workers.items():
            arguments = args(database) if callable(args) else args
            handled = rows(database) if callable(rows) else rows
            timings = [
                worker.ask(do="command", name=name, args=arguments, rows=handled)
                for _ in range(repeat)
            ]
            seconds = statistics.median(t["seconds"] for t in timings)
            results.setdefault(label, {})[database] = (timings[0]["rows"], seconds)
        print(".", end="", file=sys.stderr, flush=True)

    exports = {name: str(work / f"{name}-orders.csv") for name in workers}
    customers = {name: str(work / f"{name}-customers.csv") for name in workers}
    changed = {name: str(work / f"{name}-customers-changed.csv") for name in workers}
    run("sa_export orders", "sa_export", lambda db: ["orders", exports[db]], "orders", repeat=3)
    for name, worker in workers.items():
        worker.ask(
            do="command", name="sa_export", args=["customers", customers[name]], rows="customers"
        )
        _rewrite_phones(customers[name], changed[name])
    run("sa_import customers (every phone changed)", "sa_import",
        lambda db: ["customers", changed[db]], lambda db: f"file:{changed[db]}")  # fmt: skip
    run("sa_import customers (the same file again)", "sa_import",
        lambda db: ["customers", changed[db]], lambda db: f"file:{changed[db]}")  # fmt: skip
    run("sa_recalc_totals", "sa_recalc_totals", [], "orders", repeat=3)
    run("sa_reprice --percent 1", "sa_reprice", ["--percent=1"], "items", repeat=3)
    run(
        "sa_purge_orders --older-than 60", "sa_purge_orders", ["--older-than=60", "--yes"], "orders"
    )
    print(file=sys.stderr)

    print("\nThe commands, rows per second (rows handled / seconds)")
    header = f"{'command':<44} {'small':>16} {'large':>18} {'large/small':>12}"
    print(header)
    print("-" * len(header))
    missed = []
    for label, by_database in results.items():
        rates = {db: rows / seconds for db, (rows, seconds) in by_database.items()}
        if not rates["small"]:  # nothing to do (a purge run again on --reuse)
            print(f"{label:<44} {'no rows on the small database':>48}")
            continue
        ratio = rates["large"] / rates["small"]
        cells = {db: f"{by_database[db][0]:,} in {by_database[db][1]:.2f}s" for db in by_database}
        flag = "" if ratio >= COMMAND_TARGET else "  < 0.8"
        print(
            f"{label:<44} {rates['small']:>9,.0f} r/s {rates['large']:>11,.0f} r/s "
            f"{ratio:>12.2f}{flag}"
        )
        print(f"{'':<44} {cells['small']:>16} {cells['large']:>18}")
        if ratio < COMMAND_TARGET:
            missed.append(f"{label}: {ratio:.2f} of the small database's rows per second")
    return missed


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.growth", description=__doc__)
    parser.add_argument("--small", required=True, help="URL of the small database")
    parser.add_argument("--large", required=True, help="URL of the large database")
    parser.add_argument("--customers", type=int, default=6_250, help="of the small database")
    parser.add_argument("--factor", type=int, default=40, help="large / small")
    parser.add_argument("--requests", type=int, default=3, help="timed requests per page and pass")
    parser.add_argument("--reuse", action="store_true",
                        help="keep databases already seeded with these sizes")  # fmt: skip
    parser.add_argument("--only", choices=("pages", "commands"))
    parser.add_argument("--no-django", action="store_true", help="skip Django's admin")
    parser.add_argument("--match", help="only the pages whose key contains this")
    options = parser.parse_args()
    small = Sizes(options.customers, max(24, options.customers // 12))
    large = Sizes(small.customers * options.factor, small.items * options.factor)
    prepare("small", options.small, small, options.reuse)
    prepare("large", options.large, large, options.reuse)
    workers = {"small": Worker("small", options.small), "large": Worker("large", options.large)}
    missed: list[str] = []
    try:
        print(
            f"Growth benchmark on {workers['small'].ask(do='info')}; Python "
            f"{platform.python_version()}; {platform.machine()}, {os.cpu_count()} CPUs, "
            f"{platform.platform()}\nsmall: {small.customers:,} customers, {small.items:,} "
            f"items, {small.orders:,} orders, {3 * small.orders:,} lines; large: "
            f"{options.factor}x ({large.customers:,} customers, {large.orders:,} orders, "
            f"{3 * large.orders:,} lines)",
            flush=True,
        )
        if options.only != "commands":
            pages = time_pages(workers, options.requests, not options.no_django, options.match)
            missed += report_pages(pages, options.requests)
        if options.only != "pages":
            with tempfile.TemporaryDirectory() as work:
                missed += time_commands(workers, Path(work))
    finally:
        for worker in workers.values():
            worker.close()
    print(f"\n{len(missed)} targets missed" + (":" if missed else "."))
    for line in missed:
        print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
