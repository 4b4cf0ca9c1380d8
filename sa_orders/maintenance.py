"""Set-based maintenance of the catalog and the orders, a range of ids at a time.

Each operation is one UPDATE per range of primary keys (:func:`id_ranges`), touching
only the rows whose values really change, bumping their ``version`` (so a form opened
before gets the conflict page) and setting ``updated_at``. The commands commit range by
range; a range that fails is rolled back alone.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from sqlalchemy import ColumnElement, and_, case, exists, func, select, true, update
from sqlalchemy.orm import InstrumentedAttribute, Session

from sa_orders import services
from sa_orders.db.types import round_money, scale_money, to_money, utcnow
from sa_orders.exceptions import DomainError
from sa_orders.models import MAX_PRICE, ZERO, Item, Order, OrderStatus, item_category


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


# --- repricing ----------------------------------------------------------------------


def find_category(session: Session, name: str) -> tuple[str, list[int]]:
    """The category ``name`` names (a path, ``Parent/Child``, or a name that only one
    category has), with its subcategories: (its path, their ids)."""
    paths = services.category_paths(session)
    wanted = "/".join(part.strip() for part in name.strip().strip("/").split("/"))
    matches = [path for path in paths.values() if path.casefold() == wanted.casefold()]
    if not matches:
        matches = [
            path for path in paths.values() if path.casefold().endswith("/" + wanted.casefold())
        ]
    if not matches:
        raise DomainError(_("There is no category “%(name)s”.") % {"name": name}, field="category")
    if len(matches) > 1:
        raise DomainError(
            _("“%(name)s” could be any of %(paths)s; give the whole path.")
            % {"name": name, "paths": ", ".join(sorted(matches))},
            field="category",
        )
    (path,) = matches
    ids = [pk for pk, other in paths.items() if other == path or other.startswith(path + "/")]
    return path, ids


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

    def preview(self, session: Session, limit: int = 10) -> tuple[int, int, list[tuple]]:
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
        return int(count), int(too_high), [tuple(row) for row in examples]

    def apply(self, session: Session, between: tuple[int, int]) -> int:
        """One UPDATE of the items with ids ``between``; how many changed."""
        result = session.execute(
            update(Item)
            .where(Item.id.between(*between), self.changing)
            .values(price=self.new_price, version=Item.version + 1, updated_at=utcnow())
            .execution_options(synchronize_session=False)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]


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
        subtotal = services.subtotal_expression()
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
        return round_money(services.subtotal_expression() - self.new_discount)

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
        result = session.execute(
            update(Order)
            .where(Order.id.between(*between), self.changing)
            .values(
                discount_amount=self.new_discount,
                total_amount=self.new_total,
                version=Order.version + 1,
                updated_at=utcnow(),
            )
            .execution_options(synchronize_session=False)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]
