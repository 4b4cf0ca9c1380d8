"""Peak memory of sa_seed, sa_export and sa_import at two sizes, each in a process of
its own (its peak resident set size, from the kernel: Linux only)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.timing import heading, ratio_line


def _manage(*args: str) -> int:
    """Run a management command in a process of its own; its peak RSS in KiB."""
    result = subprocess.run(
        [sys.executable, "-m", "bench.peak", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings"},
        check=False,
    )
    if result.returncode:
        raise RuntimeError(f"{' '.join(args)} failed:\n{result.stderr}")
    return int(result.stdout.split()[-1])


def _customers_only(count: int) -> None:
    """Replace every sa_orders row with ``count`` customers (0: empty tables)."""
    _manage(
        "sa_seed", "--reset", "--customers", str(count), "--items", "0", "--categories", "0",
        "--orders", "0",
    )  # fmt: skip


def measure(size: int, folder: Path) -> dict[str, int]:
    """Peak KiB of each command at ``size`` rows (order lines for sa_seed, customers for
    sa_export and sa_import)."""
    peaks = {}
    peaks["sa_seed"] = _manage(
        "sa_seed", "--reset", "--customers", "10000", "--items", "1000", "--categories", "30",
        "--orders", str(size // 4), "--lines-per-order", "4",
    )  # fmt: skip
    _customers_only(size)
    exported = folder / f"customers-{size}.csv"
    peaks["sa_export"] = _manage("sa_export", "customers", str(exported))
    _customers_only(0)
    peaks["sa_import"] = _manage("sa_import", "customers", str(exported))
    _customers_only(0)
    exported.unlink()
    return peaks


def run(small: int, large: int) -> list[tuple[str, float, bool]]:
    heading(f"Peak memory at {small:,} and {large:,} rows (separate processes)")
    with tempfile.TemporaryDirectory() as folder:
        at_small = measure(small, Path(folder))
        at_large = measure(large, Path(folder))
    results = []
    for command in at_small:
        print(
            f"  {command:<12} {at_small[command] / 1024:8.1f} MiB at {small:,}, "
            f"{at_large[command] / 1024:8.1f} MiB at {large:,}"
        )
    for command in at_small:
        value = at_large[command] / at_small[command]
        met = value <= 1.2
        label = f"{command} peak memory, {large:,} / {small:,} rows"
        print(ratio_line(label, value, "<= 1.2", met))
        results.append((f"memory: {label}", value, met))
    return results
