"""The triggers the models ask for are the ones the migrations create."""

import pytest

from sa_orders.migrations import _0004_kept_sql as frozen
from sa_orders.models import triggers


def _lines(statements):
    return ["\n".join(line.rstrip() for line in sql.splitlines()) for sql in statements]


@pytest.mark.parametrize("vendor", ["postgresql", "mysql", "sqlite"])
def test_the_latest_migration_froze_what_the_models_say(vendor):
    """A change to sa_orders.models.triggers needs a migration of its own: this fails
    until one freezes the new SQL."""
    assert _lines(triggers.create_statements(vendor)) == frozen.TRIGGERS[vendor]
    assert _lines(triggers.drop_statements(vendor)) == frozen.DROP_TRIGGERS[vendor]
