"""The geometry of the dashboard's server-rendered SVG chart: scales, ticks, points.

Nothing here draws: :func:`daily_chart` computes coordinates (as strings with a dot
for the decimal point, whatever the locale, since SVG needs one) and labels, and the
template ``sa_orders/widgets/revenue.html`` writes the SVG. No JavaScript.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, Decimal

from django.utils import formats
from django.utils.translation import gettext, ngettext

from sa_orders.services.reports import DayRevenue

WIDTH, HEIGHT = 760, 280
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 72, 28, 16, 48
X_LABEL_EVERY = 14  # days between the labels on the date axis, counted back from today
Y_TICKS = 4


def _coordinate(value: float) -> str:
    return f"{value:.1f}"


@dataclass(frozen=True)
class Tick:
    position: str  # x for the date axis, y for the money axis
    label: str


@dataclass(frozen=True)
class Point:
    x: str
    y: str
    day: date
    orders: int
    revenue: Decimal
    label: str  # "Aug 24, 2026: 1,234.50 (3 orders)", read out with the point
    partial: bool = False  # today: the day is not over


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    left: str
    right: str
    top: str
    baseline: str
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    points: list[Point]
    line: str  # the path through the points (the days that are over)
    area: str  # the same, closed along the baseline
    y_labels_x: str  # where the money labels end, left of the axis
    x_labels_y: str  # the date labels' baseline
    x_tick_end: str
    x_title: tuple[str, str]  # where the axes' titles go
    y_title: tuple[str, str]  # (rotated by -90 degrees: x is minus the height)
    partial_line: str = ""  # from yesterday to today, which is not over: drawn dashed


def nice_step(maximum: Decimal, ticks: int = Y_TICKS) -> Decimal:
    """A round step (1, 2, 2.5 or 5 times a power of ten) that covers ``maximum`` in
    ``ticks`` steps; 25 when there is nothing to show."""
    if maximum <= 0:
        return Decimal(25)
    raw = maximum / ticks
    magnitude = Decimal(1).scaleb(raw.adjusted())
    for factor in (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10)):
        if magnitude * factor >= raw:
            return magnitude * factor
    return magnitude * 10  # pragma: no cover (10 always covers)


def daily_chart(days: Sequence[DayRevenue], today: date | None = None) -> Chart:
    """The revenue chart of ``days`` (oldest first): one point per day; ``today``, the
    last day when it is not over, is marked as so far (a dashed line to it)."""
    left, right = MARGIN_LEFT, WIDTH - MARGIN_RIGHT
    top, baseline = MARGIN_TOP, HEIGHT - MARGIN_BOTTOM
    step = nice_step(max((day.revenue for day in days), default=Decimal(0)))
    highest = max(day.revenue for day in days) if days else Decimal(0)
    steps = max(1, int((highest / step).to_integral_value(rounding=ROUND_CEILING)))
    scale_top = step * steps

    def x_of(index: int) -> float:
        span = max(1, len(days) - 1)
        return left + (right - left) * index / span

    def y_of(value: Decimal) -> float:
        return baseline - (baseline - top) * float(value / scale_top)

    points = [
        Point(
            x=_coordinate(x_of(index)),
            y=_coordinate(y_of(day.revenue)),
            day=day.day,
            orders=day.orders,
            revenue=day.revenue,
            label=ngettext(
                "%(day)s: %(revenue)s from %(count)d order",
                "%(day)s: %(revenue)s from %(count)d orders",
                day.orders,
            )
            % {
                "day": formats.date_format(day.day, "DATE_FORMAT"),
                "revenue": money(day.revenue),
                "count": day.orders,
            }
            + (" " + gettext("(today, so far)") if day.day == today else ""),
            partial=day.day == today,
        )
        for index, day in enumerate(days)
    ]
    over = points[:-1] if points and points[-1].partial else points
    line = " ".join(
        f"{'M' if index == 0 else 'L'}{point.x},{point.y}" for index, point in enumerate(over)
    )
    partial_line = (
        f"M{points[-2].x},{points[-2].y} L{points[-1].x},{points[-1].y}"
        if len(points) > 1 and points[-1].partial
        else ""
    )
    through = " ".join(
        f"{'M' if index == 0 else 'L'}{point.x},{point.y}" for index, point in enumerate(points)
    )
    area = f"{through} L{points[-1].x},{baseline} L{points[0].x},{baseline} Z" if points else ""
    last = len(days) - 1
    x_ticks = [
        Tick(_coordinate(x_of(index)), formats.date_format(days[index].day, "M j"))
        for index in sorted(range(last, -1, -X_LABEL_EVERY))
    ]
    decimals = 0 if step == step.to_integral_value() else 2
    y_ticks = [
        Tick(_coordinate(y_of(step * n)), money(step * n, decimals)) for n in range(steps + 1)
    ]
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        left=_coordinate(left),
        right=_coordinate(right),
        top=_coordinate(top),
        baseline=_coordinate(baseline),
        x_ticks=x_ticks,
        y_ticks=y_ticks,
        points=points,
        line=line,
        area=area,
        partial_line=partial_line,
        y_labels_x=_coordinate(left - 8),
        x_labels_y=_coordinate(baseline + 20),
        x_tick_end=_coordinate(baseline + 5),
        x_title=(_coordinate((left + right) / 2), _coordinate(HEIGHT - 6)),
        y_title=(_coordinate(-(top + baseline) / 2), _coordinate(14)),
    )


def money(value: Decimal, decimals: int = 2) -> str:
    """An amount as the pages show it: localized, grouped."""
    return formats.number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)
