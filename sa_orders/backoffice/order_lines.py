"""The inline lines of the order form: a Django formset applied through the domain services.

An existing line is shown with its item fixed (its price was paid at the time); its
quantity can change, or it can be removed (orphan removal deletes it). An empty row at
the bottom adds a line: an item, typed as its SKU (with suggestions as you type) or as
``#`` and its number, and a quantity; it costs the item's current price. The services
keep the rules: an item already on the order is refused, and the total is computed on
the server, never taken from the form. All the lines' items are found with one query.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.forms.formsets import DELETION_FIELD_NAME
from django.urls import reverse_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from sa_orders.admin.conflicts import FieldConflict, seen_value
from sa_orders.admin.forms import LookupInput, ambiguous_message
from sa_orders.admin.options import ModelAdmin
from sa_orders.exceptions import DomainError
from sa_orders.models import MAX_LINES_PER_ORDER, MAX_QUANTITY, Item, Order, OrderItem
from sa_orders.services import orders

EXTRA_LINES = 3
PREFIX = "lines"


class OrderLineForm(forms.Form):
    item = forms.CharField(
        max_length=100,
        label=_("Item"),
        widget=LookupInput(reverse_lazy("sa_orders:item_autocomplete")),
    )
    quantity = forms.IntegerField(min_value=1, max_value=MAX_QUANTITY, label=_("Quantity"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.line: OrderItem | None = None  # the existing line this form shows
        self.resolved_item: Item | None = None  # the item its key names

    @property
    def line_total(self) -> Decimal | None:
        return self.line.line_total if self.line is not None else None


if TYPE_CHECKING:  # Django's BaseFormSet is generic only in its type stubs
    _FormSet = forms.BaseFormSet[OrderLineForm]
else:
    _FormSet = forms.BaseFormSet


class BaseOrderLineFormSet(_FormSet):
    template_name_inline = "sa_orders/order/lines.html"

    def __init__(
        self,
        data: Any = None,
        *,
        order: Order | None,
        session: Session,
        item_admin: ModelAdmin,
    ) -> None:
        self.order = order
        self.session = session
        self.item_admin = item_admin
        self.lines = list(order.lines) if order is not None else []
        initial = [{"item": f"#{line.item_id}", "quantity": line.quantity} for line in self.lines]
        super().__init__(data, initial=initial, prefix=PREFIX)
        for form, line in zip(self.initial_forms, self.lines, strict=False):
            form.line = line
            form.fields["quantity"].show_hidden_initial = True  # what the user saw

    def clean(self) -> None:
        if not self.management_form.is_valid():
            return  # Django's own error says what is wrong
        # Find every line's item first (one query): a conflict page needs them even if
        # the lines no longer match the order.
        wanted = [
            form
            for form in self.forms
            if (form.has_changed() or form in self.initial_forms) and hasattr(form, "cleaned_data")
        ]
        items = self._resolve(
            [form.cleaned_data["item"] for form in wanted if "item" in form.cleaned_data]
        )
        for form in wanted:
            key = form.cleaned_data.get("item")
            if key is not None:
                form.resolved_item = items.get(key)
                if form.resolved_item is None:  # not a SKU or #id: a name, perhaps
                    form.resolved_item, count = self.item_admin.find_by_search(self.session, key)
                    if count > 1:
                        form.add_error("item", ambiguous_message(self.item_admin, key))
                    elif form.resolved_item is None:
                        form.add_error("item", gettext("No item matches “%(key)s”.") % {"key": key})
        if any(self.errors):
            return
        for form, line in zip(self.initial_forms, self.lines, strict=False):
            if form.resolved_item is not None and form.resolved_item.id != line.item_id:
                form.add_error(
                    "item", gettext("The item of an existing order line cannot be changed.")
                )
        posted = [form.resolved_item.id for form in self.initial_forms if form.resolved_item]
        if not any(self.errors) and sorted(posted) != sorted(line.item_id for line in self.lines):
            # Not the order's lines: a stale page (the version check says more) or a
            # tampered one.
            raise forms.ValidationError(
                gettext("The lines of this form no longer match the order. Reload the page.")
            )

    def _resolve(self, keys: list[str]) -> dict[str, Item]:
        """The items the keys name (``#12`` or a SKU), by key, with one query."""
        parsed = {key: self.item_admin.parse_key(key) for key in keys}
        ids: set[Any] = set()
        skus: set[Any] = set()
        for found in parsed.values():
            if found is not None:
                (ids if found[0] == "pk" else skus).add(found[1])
        if not ids and not skus:
            return {}
        rows = self.session.scalars(select(Item).where(or_(Item.id.in_(ids), Item.sku.in_(skus))))
        by_kind: dict[tuple[str, Any], Item] = {}
        for item in rows:
            by_kind[("pk", item.id)] = item
            by_kind[("lookup", item.sku)] = item
        return {key: by_kind[found] for key, found in parsed.items() if found in by_kind}

    def add_non_form_error(self, message: str) -> None:
        self.non_form_errors().append(message)

    def deleted(self, form: forms.Form) -> bool:
        """Whether the user ticked the form's box to remove its line."""
        cleaned = getattr(form, "cleaned_data", None) or {}
        return bool(self.can_delete and cleaned.get(DELETION_FIELD_NAME, False))


# formset_factory makes a subclass of the formset class it is given.
OrderLineFormSet = cast(
    type[BaseOrderLineFormSet],
    forms.formset_factory(
        OrderLineForm,
        formset=BaseOrderLineFormSet,
        extra=EXTRA_LINES,
        can_delete=True,
        max_num=MAX_LINES_PER_ORDER,
        validate_max=True,
        absolute_max=MAX_LINES_PER_ORDER + EXTRA_LINES,
    ),
)


def line_formset(
    session: Session, order: Order | None, item_admin: ModelAdmin, data: Any = None
) -> BaseOrderLineFormSet:
    return OrderLineFormSet(data, order=order, session=session, item_admin=item_admin)


def _line_data(
    index: int, key: str, quantity: Any, *, seen: Any = None, delete: bool = False
) -> list[tuple[str, Any]]:
    data = [(f"{PREFIX}-{index}-item", key), (f"{PREFIX}-{index}-quantity", quantity)]
    if seen is not None:
        data.append((f"initial-{PREFIX}-{index}-quantity", seen))
    if delete:
        data.append((f"{PREFIX}-{index}-DELETE", "on"))
    return data


def merge_lines(
    formset: BaseOrderLineFormSet, order: Order
) -> tuple[list[tuple[str, Any]], list[FieldConflict]]:
    """For the conflict page: the user's line changes laid on the order's current lines.

    Per item: a line the user changed or removed takes their change (if the line is
    still there); a line they did not touch keeps its current quantity; a line someone
    else added stays; a line someone else removed stays removed; a line the user added
    is added (if someone added the same item meanwhile, the user's quantity is kept).
    Returns the form data of the merged lines and a comparison row per item.
    """
    # What the user saw: the items their form's existing lines named.
    seen = {
        form.resolved_item.id: form
        for form in formset.initial_forms
        if form.resolved_item is not None
    }
    added = {
        form.resolved_item.id: form
        for form in formset.extra_forms
        if form.has_changed() and not formset.deleted(form) and form.resolved_item is not None
    }
    removed = gettext("remove")
    rows: list[FieldConflict] = []
    data: list[tuple[str, Any]] = []
    lines = list(order.lines)

    for index, line in enumerate(lines):  # the lines as they are now
        now, quantity, delete = line.quantity, line.quantity, False
        if line.item_id in seen:
            form = seen[line.item_id]
            saw = seen_value(form, "quantity")
            delete = formset.deleted(form)
            mine = form.cleaned_data.get("quantity", saw)
            changed = delete or mine != saw
            if changed and not delete:
                quantity = mine
            mine_text = removed if delete else str(mine)
            row = FieldConflict(str(line.item), str(saw), mine_text, str(now), changed, now != saw)
        elif line.item_id in added:  # both added the item: the user's quantity
            quantity = added.pop(line.item_id).cleaned_data["quantity"]
            row = FieldConflict(str(line.item), "—", str(quantity), str(now), True, True)
        else:  # someone else added it
            row = FieldConflict(str(line.item), "—", "—", str(now), False, True)
        rows.append(row)
        data += _line_data(index, f"#{line.item_id}", quantity, seen=now, delete=delete)

    current = {line.item_id for line in lines}
    for item_id, form in seen.items():  # someone else removed these: they stay removed
        if item_id not in current:
            saw = seen_value(form, "quantity")
            mine = removed if formset.deleted(form) else str(form.cleaned_data.get("quantity", saw))
            rows.append(
                FieldConflict(
                    str(form.resolved_item), str(saw), mine, gettext("removed"), False, True
                )
            )

    index = len(lines)
    for form in added.values():  # the user's new lines
        item, quantity = form.resolved_item, form.cleaned_data["quantity"]
        rows.append(FieldConflict(str(item), "—", str(quantity), "—", True, False))
        assert item is not None  # added lines are those whose item was found
        data += _line_data(index, item.sku, quantity)
        index += 1

    data += [
        (f"{PREFIX}-TOTAL_FORMS", index + EXTRA_LINES),
        (f"{PREFIX}-INITIAL_FORMS", len(lines)),
        (f"{PREFIX}-MIN_NUM_FORMS", 0),
        (f"{PREFIX}-MAX_NUM_FORMS", MAX_LINES_PER_ORDER),
    ]
    return data, rows


def apply_lines(session: Session, order: Order, formset: BaseOrderLineFormSet) -> bool:
    """Change, remove and add lines through the services; errors go on the line forms
    (False when there was one)."""
    failed = False
    for form in formset.initial_forms:
        line = form.line
        assert line is not None
        try:
            if formset.deleted(form):
                orders.remove_line(order, line.item)
            elif form.cleaned_data["quantity"] != line.quantity:
                orders.change_quantity(order, line.item, form.cleaned_data["quantity"])
        except DomainError as error:
            form.add_error("quantity" if error.field == "quantity" else None, error.message)
            failed = True
    for form in formset.extra_forms:
        if not form.has_changed() or formset.deleted(form):
            continue
        assert form.resolved_item is not None
        try:
            orders.add_line(order, form.resolved_item, form.cleaned_data["quantity"])
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
            failed = True
    return not failed
