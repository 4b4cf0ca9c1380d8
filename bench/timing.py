"""Measuring and printing: medians of repeated runs, ratios against a baseline."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_seconds(
    run: Callable[[], object], repeat: int, before: Callable[[], object] | None = None
) -> float:
    """The median of ``repeat`` timed runs of ``run``; ``before`` (untimed) prepares each."""
    times = []
    for _ in range(repeat):
        if before is not None:
            before()
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def ratio_line(label: str, value: float, target: str, met: bool | None) -> str:
    verdict = "" if met is None else ("  met" if met else "  MISSED")
    return f"  {label:<58} {value:8.2f}   target {target}{verdict}"


def heading(text: str) -> None:
    print(f"\n{text}\n" + "-" * len(text), flush=True)
