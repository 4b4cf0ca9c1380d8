"""The domain's operations, shared by the pages, the commands, the imports and host code.

Each takes a ``Session`` and leaves committing to the caller (the request's middleware,
or ``session_scope()`` in a command). The modules:

* :mod:`~sa_orders.services.orders`: one order in the unit of work (lines, its total);
* :mod:`~sa_orders.services.maintenance`: set-based work on many rows (totals, prices,
  discounts, cancelling and purging old orders);
* :mod:`~sa_orders.services.catalog`: category paths and an item's categories;
* :mod:`~sa_orders.services.reports`: the dashboard's figures and the counts;
* :mod:`~sa_orders.services.calendar`: days in ``TIME_ZONE`` as UTC instants;
* :mod:`~sa_orders.services.writes`: the one place statements that change many rows get
  their version and ``updated_at``.

The names documented in the README are importable from here too::

    from sa_orders.services import create_order, recalculate_all_totals
"""

from sa_orders.services.maintenance import (
    cancel_orders_older_than,
    purge_orders_older_than,
    recalculate_all_totals,
    wrong_totals,
)
from sa_orders.services.orders import (
    add_line,
    change_quantity,
    create_order,
    recalculate_total,
    remove_line,
)
from sa_orders.services.reports import counts

__all__ = [
    "add_line",
    "cancel_orders_older_than",
    "change_quantity",
    "counts",
    "create_order",
    "purge_orders_older_than",
    "recalculate_all_totals",
    "recalculate_total",
    "remove_line",
    "wrong_totals",
]
