"""The CSV cells' format, at the path the README has always named.

A re-export of :mod:`sa_orders.exchange.csv_export`: ``from sa_orders.exchange.csv_export import
unescape_text`` keeps working.
"""

from sa_orders.exchange.csv_export import (
    ExportColumn,
    cell,
    escape_text,
    stream_csv,
    unescape_text,
)

__all__ = ["ExportColumn", "cell", "escape_text", "stream_csv", "unescape_text"]
