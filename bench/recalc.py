"""sa_recalc_totals against the SQLAlchemy order tutorial's loop, which loads each order
and sums its lines in Python."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO

from django.core.management import call_command
from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from bench.inserts import analyze
from bench.timing import heading, median_seconds, ratio_line
from sa_orders import services
from sa_orders.models import Order


def wreck_totals(engine: Engine) -> None:
    """Every total wrong (untimed), and the tables vacuumed and analysed afterwards."""
    with engine.begin() as connection:
        connection.execute(update(Order).values(total_amount=Decimal("0.00")))
    analyze(engine)


def with_command(engine: Engine) -> None:
    call_command("sa_recalc_totals", stdout=StringIO(), stderr=StringIO())


def with_loop(engine: Engine) -> None:
    """The tutorial's way: every order, its lines loaded one order at a time."""
    with Session(engine) as session:
        for order in session.scalars(select(Order)):
            subtotal = sum((line.quantity * line.price_paid for line in order.lines), Decimal(0))
            order.total_amount = max(subtotal - order.discount_amount, Decimal(0))
        session.commit()


def check(engine: Engine) -> None:
    with Session(engine) as session:
        assert services.wrong_totals(session) == [], "a method left wrong totals"


def run(engine: Engine, repeat: int) -> list[tuple[str, float, bool]]:
    with Session(engine) as session:
        orders = services.counts(session)["orders"]
    heading(f"Repairing the totals of {orders:,} orders ({engine.dialect.name})")
    command = median_seconds(lambda: with_command(engine), repeat, lambda: wreck_totals(engine))
    check(engine)
    print(f"  {'sa_recalc_totals':<30} {command:8.2f} s", flush=True)
    loop = median_seconds(lambda: with_loop(engine), 1, lambda: wreck_totals(engine))
    check(engine)
    print(f"  {'the tutorial loop (one run)':<30} {loop:8.2f} s", flush=True)
    ratio = loop / command
    met = ratio >= 100
    print(ratio_line("tutorial loop / sa_recalc_totals", ratio, ">= 100", met))
    return [("recalc: tutorial loop / sa_recalc_totals", ratio, met)]
