"""The conflict page: when a save is refused because the row changed since the form opened.

Edit forms carry what the user saw (Django's hidden initial values) besides what they
typed, so three versions of each field are known: the one the user saw, the one they
sent, and the one in the database now. The page shows them side by side, marks the
fields that differ, and offers a form with the user's changes laid on top of the current
row: a field the user changed takes their value, any other field keeps the current one.
That form carries the current version, so applying it is an ordinary save.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext

from sa_orders.admin.columns import display
from sa_orders.admin.forms import VERSION_FIELD, SAModelForm


@dataclass
class FieldConflict:
    label: Any
    seen: str  # what the user saw when the form opened
    mine: str  # what the user sent
    current: str  # what is in the database now
    user_changed: bool
    they_changed: bool

    @property
    def differs(self) -> bool:
        return self.mine != self.current

    @property
    def outcome(self) -> str:
        if self.user_changed and self.they_changed and self.differs:
            return gettext("Both changed it: yours is kept")
        if self.user_changed:
            return gettext("You changed it")
        if self.they_changed:
            return gettext("They changed it")
        return ""


def show(field: forms.Field, value: Any) -> str:
    """A form value as it reads: choices by their labels, several values joined."""
    choices = dict((str(key), label) for key, label in getattr(field, "choices", ()) or ())
    if isinstance(value, list | tuple | set):
        return display([choices.get(str(item), item) for item in value]) if value else display(None)
    if choices and str(value) in choices and value not in ("", None):
        return str(choices[str(value)])
    if isinstance(field, forms.BooleanField):
        return display(bool(value))
    return display(value)


def field_value(bound: forms.BoundField) -> Any:
    """What the user sent for a field, as the field understands it."""
    try:
        return bound.field.clean(bound.data)
    except forms.ValidationError:
        return bound.data


def seen_value(form: forms.Form, name: str) -> Any:
    """What the user saw when the form opened (its hidden initial value)."""
    bound = form[name]
    widget = bound.field.hidden_widget()
    raw = widget.value_from_datadict(form.data, form.files, bound.html_initial_name)
    try:
        return bound.field.to_python(raw)
    except forms.ValidationError:
        return raw


def compare(form: SAModelForm, current: SAModelForm) -> list[FieldConflict]:
    """Every field of the user's form against the current row."""
    rows = []
    for name, field in form.fields.items():
        if name == VERSION_FIELD or field.widget.is_hidden:
            continue
        now = current.initial.get(name)
        seen = seen_value(form, name)
        rows.append(
            FieldConflict(
                label=field.label,
                seen=show(field, seen),
                mine=show(field, field_value(form[name])),
                current=show(field, now),
                user_changed=name in form.changed_data,
                they_changed=field.has_changed(seen, _as_data(field, now)),
            )
        )
    return rows


def _as_data(field: forms.Field, value: Any) -> Any:
    """A Python value as the form data its widget would send."""
    if value is None:
        return "" if not isinstance(field, forms.MultipleChoiceField) else []
    if isinstance(field, forms.MultipleChoiceField):
        return [str(item) for item in value]
    if isinstance(field, forms.BooleanField):
        return "on" if value else ""
    if isinstance(value, Decimal | int | datetime.date):
        return str(value)
    return value


def _put(data: QueryDict, key: str, value: Any) -> None:
    if isinstance(value, list):
        data.setlist(key, value)
    else:
        data[key] = str(value)  # an empty value reads as an unticked checkbox too


def merged_data(
    form: SAModelForm,
    current: SAModelForm,
    version: int,
    *,
    inline_data: Iterable[tuple[str, Any]] = (),
    inline_prefixes: Iterable[str] = (),
) -> QueryDict:
    """The user's changes on top of the current row, as the data of a new submission.

    The inline forms' data (an order's lines) is replaced by ``inline_data``.
    """
    data = form.data.copy() if isinstance(form.data, QueryDict) else QueryDict(mutable=True)
    if not isinstance(form.data, QueryDict):
        for key, value in form.data.items():
            _put(data, key, value)
    for prefix in inline_prefixes:
        for key in [key for key in data if key.startswith(f"{prefix}-")]:
            del data[key]
    for name, field in form.fields.items():
        if name == VERSION_FIELD:
            continue
        now = _as_data(field, current.initial.get(name))
        if name not in form.changed_data:
            _put(data, name, now)
        _put(data, form[name].html_initial_name, now)  # the next comparison starts from here
    data[VERSION_FIELD] = str(version)
    for key, value in inline_data:
        _put(data, key, value)
    return data


def proposed_data(current: SAModelForm, values: dict[str, Any], version: int) -> QueryDict:
    """The data of a submission that changes the current row's fields ``values`` (form
    field -> value as the form's initial holds it) and keeps the others, as if the user
    had typed them into the edit form opened at ``version``: what they saw (the hidden
    initial values) is the current row, so a conflict page tells their changes apart."""
    data = QueryDict(mutable=True)
    for name, field in current.fields.items():
        if name == VERSION_FIELD:
            continue
        now = current.initial.get(name)
        _put(data, name, _as_data(field, values.get(name, now) if name in values else now))
        _put(data, current[name].html_initial_name, _as_data(field, now))
    data[VERSION_FIELD] = str(version)
    return data
