"""A host project's own SQLAlchemy model, with its own declarative base and metadata."""

from __future__ import annotations

import datetime
from decimal import Decimal

from sqlalchemy import Date, Enum, Numeric, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class HostBase(DeclarativeBase):
    pass


class Supplier(HostBase):
    __tablename__ = "hostapp_supplier"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    country: Mapped[str] = mapped_column(
        Enum("DE", "FR", "US", name="country", native_enum=False, create_constraint=True, length=2)
    )
    rating: Mapped[int | None]
    credit_limit: Mapped[Decimal] = mapped_column(Numeric(10, 2), default=Decimal("0.00"))
    since: Mapped[datetime.date | None] = mapped_column(Date)
    preferred: Mapped[bool] = mapped_column(default=False)
    notes: Mapped[str | None] = mapped_column(Text)

    def __str__(self) -> str:
        return self.name
