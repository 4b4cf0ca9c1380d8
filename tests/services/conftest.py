"""Fixtures of the services' tests."""

from decimal import Decimal

import pytest


@pytest.fixture
def catalog(make_item):
    return {
        "hammer": make_item(sku="HAMMER", price=Decimal("24.90")),
        "nails": make_item(sku="NAILS", price=Decimal("6.80")),
        "drill": make_item(sku="DRILL", price=Decimal("129.00")),
    }
