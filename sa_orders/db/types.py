"""Column types: money as ``Decimal`` and timestamps as aware UTC datetimes, on every backend."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    DateTime,
    Integer,
    Numeric,
    SmallInteger,
    SQLColumnExpression,
    func,
    literal,
    type_coerce,
)
from sqlalchemy.dialects import mysql
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import TypeDecorator, TypeEngine

CENT = Decimal("0.01")
MONEY_PRECISION = 12
MONEY_SCALE = 2


MONEY_TYPES = "a Decimal, an int, a str or a float"


def to_money(value: Decimal | int | str | float) -> Decimal:
    """``value`` as a Decimal rounded half-up to cents.

    A float is read by its shortest repr, so the ``19.99`` of code and tutorials is exactly
    ``Decimal("19.99")`` (not the 19.989999... the float holds). Anything that is not a
    Decimal, an int, a str or a float is refused with a ``TypeError`` that names it;
    what is not a finite number with a ``ValueError``.

    >>> to_money("10.005")
    Decimal('10.01')
    >>> to_money(19.99)
    Decimal('19.99')
    """
    if isinstance(value, bool) or not isinstance(value, Decimal | int | str | float):
        raise TypeError(f"An amount of money is {MONEY_TYPES}, not {type(value).__name__}.")
    if isinstance(value, float):
        value = repr(value)  # "19.99"; "nan" and "inf" are refused below
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        raise ValueError(f"{value!r} is not an amount of money.") from None
    if not amount.is_finite():
        raise ValueError(f"{value!r} is not an amount of money.")
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def integer_range(type_: TypeEngine[Any]) -> tuple[int, int] | None:
    """The smallest and largest value a column of ``type_`` holds on every backend, or
    None when it is not an integer type. A number outside them is no key of such a column."""
    if isinstance(type_, TypeDecorator):
        type_ = type_.impl_instance
    if isinstance(type_, BigInteger):
        return -(2**63), 2**63 - 1
    if isinstance(type_, SmallInteger):
        return -(2**15), 2**15 - 1
    if isinstance(type_, Integer):
        return -(2**31), 2**31 - 1
    return None


MAX_KEY_LENGTH = 255


def key_from_text(type_: TypeEngine[Any], text: str) -> Any | None:
    """The primary key ``text`` names (in a URL, a form, a filter) for a key column of
    ``type_``, or None when it cannot be one: an integer key is ASCII digits (not ``²``,
    ``①`` or ``１２``, which ``str.isdigit`` accepts), a number of 1 or more in the range of
    its type; any other key is 1 to 255 characters without a NUL."""
    bounds = integer_range(type_)
    if bounds is None:
        return text if 0 < len(text) <= MAX_KEY_LENGTH and "\x00" not in text else None
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(bounds[1])):
        return None
    number = int(text)
    return number if 0 < number <= bounds[1] else None


def utcnow() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


class Money(TypeDecorator[Decimal]):
    """``NUMERIC(12, 2)`` that takes and returns ``Decimal`` on every backend.

    Values are rounded half-up to cents on the way in (a float by its shortest repr). SQLite has
    no decimal type and stores such numbers as 8-byte floats, which hold 12 significant
    digits exactly; the value is read back through its shortest ``repr`` and rounded
    to cents, so what was written is what is read.
    """

    impl = Numeric(MONEY_PRECISION, MONEY_SCALE)
    cache_ok = True

    @property
    def python_type(self) -> type[Decimal]:
        return Decimal

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            # asdecimal=False: we convert ourselves (and SQLAlchemy does not warn).
            return dialect.type_descriptor(Numeric(MONEY_PRECISION, MONEY_SCALE, asdecimal=False))
        return dialect.type_descriptor(Numeric(MONEY_PRECISION, MONEY_SCALE))

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        amount = to_money(value)
        if dialect.name == "sqlite":
            # What SQLite stores anyway; binding text would compare as text against
            # expressions that have no column affinity.
            return float(amount)
        return amount

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        if isinstance(value, float):
            value = repr(value)
        return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


class MoneySum(TypeDecorator[Decimal]):
    """A sum of many amounts of money, kept by the database (``NUMERIC(18, 2)``).

    SQLite would keep it as a float, to which every addition and subtraction adds an
    error: there it is a ``BIGINT`` of cents, and :class:`cents` turns an amount into
    them inside SQL (the triggers and the repair use it), so the sums stay exact.
    """

    impl = Numeric(18, MONEY_SCALE)
    cache_ok = True

    @property
    def python_type(self) -> type[Decimal]:
        return Decimal

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(BigInteger())
        return dialect.type_descriptor(Numeric(18, MONEY_SCALE))

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        amount = to_money(value)
        return int(amount * 100) if dialect.name == "sqlite" else amount

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        if dialect.name == "sqlite":
            return (Decimal(int(value)) / 100).quantize(CENT)
        return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


class cents(FunctionElement[Any]):
    """An amount of money (SQL) as a :class:`MoneySum` adds it up: as it is, or, on
    SQLite, as a whole number of cents."""

    type = MoneySum()
    inherit_cache = True
    name = "cents"


@compiles(cents)
def _cents(element: cents, compiler: SQLCompiler, **kw: Any) -> str:
    return str(compiler.process(element.clauses, **kw))


@compiles(cents, "sqlite")
def _cents_sqlite(element: cents, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST(round(({compiler.process(element.clauses, **kw)}) * 100) AS INTEGER)"


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp that takes aware datetimes and returns them in UTC.

    PostgreSQL stores ``timestamp with time zone``; MySQL/MariaDB ``DATETIME(6)`` and
    SQLite text, both holding UTC. Naive datetimes are refused: they are ambiguous.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    @property
    def python_type(self) -> type[datetime]:
        return datetime

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name in ("mysql", "mariadb"):
            return dialect.type_descriptor(mysql.DATETIME(fsp=6))
        if dialect.name == "postgresql":
            return dialect.type_descriptor(DateTime(timezone=True))
        return dialect.type_descriptor(DateTime())

    def process_bind_param(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise TypeError(f"Expected a datetime, got {type(value).__name__}.")
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(
                f"Naive datetime {value!r}: sa_orders stores aware datetimes only "
                "(use django.utils.timezone.now() or datetime.now(UTC))."
            )
        moment = value.astimezone(UTC)
        if dialect.name == "postgresql":
            return moment
        return moment.replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        moment: datetime = value  # the DateTime type under this one made it one
        if moment.tzinfo is None:
            return moment.replace(tzinfo=UTC)
        return moment.astimezone(UTC)


def round_money(expression: SQLColumnExpression[Any]) -> ColumnElement[Decimal]:
    """``ROUND(expression, 2)`` typed as money.

    Half a cent rounds up (away from zero) on every backend; SQLite rounds the
    15-digit decimal form of its floats, which is exact for amounts of NUMERIC(12, 2).
    """
    return type_coerce(func.round(expression, MONEY_SCALE), Money())


def scale_money(
    expression: SQLColumnExpression[Any], factor: Decimal | int
) -> ColumnElement[Decimal]:
    """``expression × factor`` rounded half-up to cents, with ``factor`` as an exact number."""
    if isinstance(factor, bool | float):
        raise TypeError("The factor must be a Decimal or an int, not a float.")
    exact = Decimal(factor)
    exponent = exact.as_tuple().exponent
    if not isinstance(exponent, int):  # "n", "N" or "F": NaN or infinite
        raise ValueError(f"The factor must be a finite number, not {factor}.")
    places = max(-exponent, 0)
    return round_money(expression * literal(exact, Numeric(18, min(places, 8))))
