"""Template filters of the pages: ``{% load sa_orders %}``.

``grouped``: a number as the lists print it, with the language's thousands separator
(``2,001``, ``2.001``), whatever ``USE_THOUSAND_SEPARATOR`` says, so a count reads the
same on the dashboard as in the lists.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import formats

register = template.Library()


@register.filter
def grouped(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int):
        return value
    return formats.number_format(value, use_l10n=True, force_grouping=True)
