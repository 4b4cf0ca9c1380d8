"""Set-based maintenance of the orders and the catalog: totals, prices, discounts, old
orders.

Each operation is one statement per range of primary keys (:func:`id_ranges`) or per
batch of ids, through :mod:`sa_orders.services.writes`: only the rows whose values really
change are touched, and they get a new ``version`` (so a form opened before gets the
conflict page) and ``updated_at``. The commands commit range by range; a range that
fails is rolled back alone.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _
from sqlalchemy import ColumnElement, and_, case, delete, exists, func, select, true
from sqlalchemy.orm import InstrumentedAttribute, Session

from sa_orders.db.mapping import table_of
from sa_orders.db.types import round_money, scale_money, to_money
from sa_orders.exceptions import DomainError
from sa_orders.models import MAX_PRICE, ZERO, Item, Order, OrderItem, OrderStatus, item_category
from sa_orders.services import writes
from sa_orders.services.calendar import cutoff_for_days
from sa_orders.services.orders import change_status_where

DEFAULT_BATCH_SIZE = 1000


def id_ranges(
    session: Session,
    key: InstrumentedAttribute[int],
    condition: ColumnElement[bool],
    size: int,
) -> Iterator[tuple[int, int]]:
    """Ranges of ``size`` consecutive keys (both ends included) that cover the rows
    matching ``condition``, in order. A range over a gap simply updates fewer rows;
    no ``LIMIT`` in a subquery is needed (MariaDB refuses those)."""
    low, high = session.execute(select(func.min(key), func.max(key)).where(condition)).one()
    if low is None:
        return
    start = int(low)
    while start <= high:
        yield start, min(start + size - 1, int(high))
        start += size


# --- order totals --------------------------------------------------------------


def subtotal_expression() -> ColumnElement[Decimal]:
    """An order's subtotal in SQL (the sum of its lines, 0 without lines), correlated to
    the ``Order`` of the enclosing statement."""
    # round_money keeps SQLite's floating point sums on whole cents.
    return round_money(Order.subtotal)


def _total_from(subtotal: ColumnElement[Any]) -> ColumnElement[Decimal]:
    """The total an order with ``subtotal`` should have: less the discount, never below 0."""
    # round_money keeps SQLite's floating point arithmetic on whole cents.
    return round_money(
        case((subtotal > Order.discount_amount, subtotal - Order.discount_amount), else_=0)
    )


def _computed_total_expression() -> ColumnElement[Decimal]:
    return _total_from(subtotal_expression())


def _in_range(between: tuple[int, int] | None) -> ColumnElement[bool]:
    return Order.id.between(*between) if between is not None else true()


def recalculate_all_totals(session: Session, between: tuple[int, int] | None = None) -> int:
    """Set every order's total to the sum of its lines minus its discount, in one UPDATE
    (of the orders whose ids are ``between`` two values, both included, if given).

    Orders without lines get 0 (less discount, never below 0). Only the orders whose
    total was wrong are updated (their version bumps); their number is returned.
    """
    # The subtotals come from one pass over the orders and their lines, grouped (a
    # derived table the UPDATE joins: UPDATE ... FROM on PostgreSQL and SQLite, a
    # multi-table UPDATE on MariaDB, which materialises it because of the GROUP BY);
    # a subtotal per order in a correlated subquery would be computed twice per row.
    orders = table_of(Order).alias("each_order")
    lines = table_of(OrderItem)
    subtotals = (
        select(
            orders.c.id.label("order_id"),
            round_money(func.coalesce(func.sum(lines.c.quantity * lines.c.price_paid), 0)).label(
                "subtotal"
            ),
        )
        .select_from(
            orders.outerjoin(
                lines,
                and_(
                    lines.c.order_id == orders.c.id,
                    # the range on the lines too: no database carries a range across a
                    # join, and without it PostgreSQL reads every line for each batch
                    lines.c.order_id.between(*between) if between is not None else true(),
                ),
            )
        )
        .where(orders.c.id.between(*between) if between is not None else true())
        .group_by(orders.c.id)
        .subquery("subtotals")
    )
    computed = _total_from(subtotals.c.subtotal)
    return writes.update_rows(
        session,
        Order,
        and_(
            Order.id == subtotals.c.order_id,
            # and the range on the orders updated: else PostgreSQL reads them all to
            # join them with the batch's subtotals
            Order.id.between(*between) if between is not None else true(),
            Order.total_amount != computed,
        ),
        {"total_amount": computed},
        changed_only=False,
    )


def wrong_totals(
    session: Session, between: tuple[int, int] | None = None
) -> list[tuple[int, Decimal, Decimal]]:
    """(order id, stored total, computed total) for every order whose total is wrong."""
    computed = _computed_total_expression()
    rows = session.execute(
        select(Order.id, Order.total_amount, computed)
        .where(_in_range(between), Order.total_amount != computed)
        .order_by(Order.id)
    )
    return [(order_id, stored, expected) for order_id, stored, expected in rows]


# --- old orders --------------------------------------------------------------------


def cancel_orders_older_than(
    session: Session,
    days: int,
    *,
    statuses: Sequence[OrderStatus] = (OrderStatus.PENDING,),
    now: datetime | None = None,
) -> int:
    """Cancel the orders in ``statuses`` dated before :func:`cutoff_for_days` that the
    workflow lets be cancelled (a shipped one cannot); return how many."""
    cutoff = cutoff_for_days(days, now)
    return change_status_where(
        session,
        and_(Order.order_date < cutoff, Order.status.in_(list(statuses))),
        OrderStatus.CANCELLED,
    ).changed


def purge_orders_older_than(
    session: Session,
    days: int,
    *,
    statuses: Sequence[OrderStatus] = (OrderStatus.CANCELLED, OrderStatus.SHIPPED),
    batch_size: int = DEFAULT_BATCH_SIZE,
    now: datetime | None = None,
) -> int:
    """Delete the orders in ``statuses`` dated before the cutoff, with their lines.

    Works in batches of ids (MariaDB refuses ``LIMIT`` inside ``IN (subquery)``);
    the lines go through ``ON DELETE CASCADE``. Returns the number of orders deleted.
    """
    if batch_size < 1:
        raise DomainError(_("The batch size must be at least 1."), field="batch_size")
    cutoff = cutoff_for_days(days, now)
    deleted, after = 0, None
    while True:
        ids = purge_batch(session, cutoff, statuses, batch_size, after=after)
        deleted += len(ids)
        if len(ids) < batch_size:
            return deleted
        after = ids[-1]


def _purgeable(cutoff: datetime, statuses: Sequence[OrderStatus]) -> ColumnElement[bool]:
    return and_(Order.order_date < cutoff, Order.status.in_(list(statuses)))


def purge_counts(
    session: Session, cutoff: datetime, statuses: Sequence[OrderStatus]
) -> tuple[int, int]:
    """(orders, their lines) that purging the orders before ``cutoff`` would delete."""
    matching = _purgeable(cutoff, statuses)
    orders = session.scalar(select(func.count()).where(matching)) or 0
    lines = session.scalar(select(func.count()).select_from(OrderItem).join(Order).where(matching))
    return int(orders), int(lines or 0)


def purge_batch(
    session: Session,
    cutoff: datetime,
    statuses: Sequence[OrderStatus],
    limit: int,
    *,
    after: int | None = None,
) -> list[int]:
    """Delete up to ``limit`` of the matching orders with the lowest ids (above ``after``,
    the last id of the batch before, so that no batch reads again the rows the ones
    before it kept or deleted); return their ids."""
    matching = _purgeable(cutoff, statuses)
    if after is not None:
        matching = and_(Order.id > after, matching)
    ids = list(session.scalars(select(Order.id).where(matching).order_by(Order.id).limit(limit)))
    if ids:
        session.execute(
            delete(Order).where(Order.id.in_(ids)).execution_options(synchronize_session=False)
        )
        purged = set(ids)
        for obj in list(session.identity_map.values()):
            gone = (isinstance(obj, Order) and obj.id in purged) or (
                isinstance(obj, OrderItem) and obj.order_id in purged
            )
            if gone and obj in session:  # expunging an order expunges its lines too
                session.expunge(obj)
    return ids


# --- repricing ----------------------------------------------------------------------


def parse_percent(value: str) -> Decimal:
    """A percentage greater than -100 (the price would be gone), as a Decimal."""
    try:
        percent = Decimal(value.strip().rstrip("%"))
    except InvalidOperation:
        raise DomainError(_("“%(value)s” is not a number.") % {"value": value}) from None
    if not percent.is_finite() or percent <= -100:
        raise DomainError(_("The percentage must be greater than -100."))
    return percent


def parse_price(value: str) -> Decimal:
    try:
        price = to_money(value.strip())
    except ValueError:
        raise DomainError(_("“%(value)s” is not a price.") % {"value": value}) from None
    if price < 0:
        raise DomainError(_("A price cannot be negative."))
    return price


@dataclass(frozen=True)
class Reprice:
    """Prices times (1 + percent / 100), rounded half up to cents, of the items in
    ``category_ids`` (all, if None) priced below ``below`` and above ``above``."""

    percent: Decimal
    category_ids: Sequence[int] | None = None
    below: Decimal | None = None
    above: Decimal | None = None

    @property
    def new_price(self) -> ColumnElement[Decimal]:
        return scale_money(Item.price, 1 + self.percent / 100)

    @property
    def chosen(self) -> ColumnElement[bool]:
        conditions: list[ColumnElement[bool]] = []
        if self.category_ids is not None:
            conditions.append(
                exists().where(
                    item_category.c.item_id == Item.id,
                    item_category.c.category_id.in_(list(self.category_ids)),
                )
            )
        if self.below is not None:
            conditions.append(Item.price < self.below)
        if self.above is not None:
            conditions.append(Item.price > self.above)
        return and_(true(), *conditions)

    @property
    def changing(self) -> ColumnElement[bool]:
        """The chosen items whose price the rounding does not leave as it is."""
        return and_(self.chosen, Item.price != self.new_price)

    def preview(
        self, session: Session, limit: int = 10
    ) -> tuple[int, int, list[tuple[str, Decimal, Decimal]]]:
        """(items that would change, of them above the largest price, the first few as
        (SKU, old price, new price))."""
        count, too_high = session.execute(
            select(
                func.count(), func.coalesce(func.sum(case((self.new_price > MAX_PRICE, 1))), 0)
            ).where(self.changing)
        ).one()
        examples = session.execute(
            select(Item.sku, Item.price, self.new_price)
            .where(self.changing)
            .order_by(Item.id)
            .limit(limit)
        ).all()
        return int(count), int(too_high), [(sku, old, new) for sku, old, new in examples]

    def apply(self, session: Session, between: tuple[int, int]) -> int:
        """One UPDATE of the items with ids ``between``; how many changed."""
        return writes.update_rows(
            session,
            Item,
            and_(Item.id.between(*between), self.changing),
            {"price": self.new_price},
            changed_only=False,
        )


# --- tiered discounts ---------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Tier:
    """Orders whose subtotal is over ``threshold`` take ``percent`` off."""

    threshold: Decimal
    percent: Decimal

    @classmethod
    def parse(cls, text: str) -> Tier:
        """``"500:10"``: over 500, 10% off."""
        threshold, _sep, percent = text.partition(":")
        try:
            tier = cls(to_money(threshold.strip()), Decimal(percent.strip().rstrip("%")))
        except (ValueError, InvalidOperation):
            raise DomainError(
                _("“%(tier)s” is not a tier: write the subtotal and the percentage, as 500:10.")
                % {"tier": text}
            ) from None
        if tier.threshold < 0 or not 0 <= tier.percent <= 100:
            raise DomainError(
                _(
                    "“%(tier)s”: the subtotal cannot be negative and the percentage must be "
                    "between 0 and 100."
                )
                % {"tier": text}
            )
        return tier


DEFAULT_TIERS = (
    Tier(Decimal("500.00"), Decimal("10")),
    Tier(Decimal("200.00"), Decimal("5")),
    Tier(Decimal("100.00"), Decimal("2")),
)


@dataclass(frozen=True)
class Discount:
    """Set the discount of the orders in ``statuses`` from their subtotal's tier (the
    highest threshold it is over; none: no discount), and their total to match."""

    tiers: Sequence[Tier] = DEFAULT_TIERS
    statuses: Sequence[OrderStatus] = (OrderStatus.PENDING,)

    def __post_init__(self) -> None:
        thresholds = [tier.threshold for tier in self.tiers]
        if len(set(thresholds)) != len(thresholds):
            raise DomainError(_("Two tiers have the same subtotal."))

    @property
    def new_discount(self) -> ColumnElement[Decimal]:
        subtotal = subtotal_expression()
        ordered = sorted(self.tiers, reverse=True)  # the highest threshold first
        return case(
            *(
                (subtotal > tier.threshold, scale_money(subtotal, tier.percent / 100))
                for tier in ordered
            ),
            else_=ZERO,
        )

    @property
    def new_total(self) -> ColumnElement[Decimal]:
        return round_money(subtotal_expression() - self.new_discount)

    @property
    def changing(self) -> ColumnElement[bool]:
        new_total = self.new_total
        return and_(
            Order.status.in_(list(self.statuses)),
            (Order.discount_amount != self.new_discount) | (Order.total_amount != new_total),
        )

    def count(self, session: Session) -> int:
        return int(session.scalar(select(func.count()).where(self.changing)) or 0)

    def apply(self, session: Session, between: tuple[int, int]) -> int:
        """One CASE UPDATE of the orders with ids ``between``; how many changed."""
        return writes.update_rows(
            session,
            Order,
            and_(Order.id.between(*between), self.changing),
            {"discount_amount": self.new_discount, "total_amount": self.new_total},
            changed_only=False,
        )
