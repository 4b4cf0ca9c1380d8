"""The inline lines of the order form: a Django formset applied through the domain services.

An existing line is shown with its item fixed (its price was paid at the time); its
quantity can change, or it can be removed (orphan removal deletes it). An empty row at
the bottom adds a line: an active item and a quantity, at the item's current price.
The services keep the rules: an item already on the order is refused, and the total is
computed on the server, never taken from the form.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from sa_orders import services
from sa_orders.exceptions import DomainError
from sa_orders.models import MAX_LINES_PER_ORDER, MAX_QUANTITY, Item, Order, OrderItem

EXTRA_LINES = 3
PREFIX = "lines"


class OrderLineForm(forms.Form):
    item = forms.TypedChoiceField(coerce=int, label=_("Item"), empty_value=None)
    quantity = forms.IntegerField(min_value=1, max_value=MAX_QUANTITY, label=_("Quantity"))

    def __init__(self, *args: Any, item_choices: list[tuple[Any, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [("", "---------"), *item_choices]
        self.line: OrderItem | None = None  # set for the forms of existing lines

    @property
    def line_total(self) -> Decimal | None:
        return self.line.line_total if self.line is not None else None


class BaseOrderLineFormSet(forms.BaseFormSet):
    template_name_inline = "sa_orders/order/lines.html"

    def __init__(
        self, *args: Any, order: Order | None, item_choices: list[tuple[Any, str]], **kwargs: Any
    ):
        self.order = order
        self.lines = list(order.lines) if order is not None else []
        self.item_choices = item_choices
        initial = [{"item": line.item_id, "quantity": line.quantity} for line in self.lines]
        super().__init__(*args, initial=initial, prefix=PREFIX, **kwargs)
        for form, line in zip(self.initial_forms, self.lines, strict=False):
            form.line = line

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {"item_choices": self.item_choices}

    def clean(self) -> None:
        if any(self.errors) or not self.management_form.is_valid():
            return  # Django's own errors say what is wrong
        if self.initial_form_count() != len(self.lines):
            # The management form does not match the order (tampered, or a stale page
            # that the version check did not catch).
            raise forms.ValidationError(
                gettext("The lines of this form no longer match the order. Reload the page.")
            )
        for form, line in zip(self.initial_forms, self.lines, strict=True):
            if form.cleaned_data.get("item") != line.item_id:
                form.add_error(
                    "item", gettext("The item of an existing order line cannot be changed.")
                )

    def add_non_form_error(self, message: str) -> None:
        self.non_form_errors().append(message)

    def deleted(self, form: forms.Form) -> bool:
        return bool(self.can_delete and self._should_delete_form(form))


OrderLineFormSet = forms.formset_factory(
    OrderLineForm,
    formset=BaseOrderLineFormSet,
    extra=EXTRA_LINES,
    can_delete=True,
    max_num=MAX_LINES_PER_ORDER,
    validate_max=True,
    absolute_max=MAX_LINES_PER_ORDER + EXTRA_LINES,
)


def item_choices(session: Session, order: Order | None) -> list[tuple[int, str]]:
    """Active items, and the order's own (inactive ones stay on it); one query."""
    on_order = {line.item_id for line in order.lines} if order is not None else set()
    condition = Item.active.is_(True)
    if on_order:
        condition = condition | Item.id.in_(on_order)
    items = session.scalars(select(Item).where(condition).order_by(Item.sku)).all()
    return [(item.id, f"{item} ({item.price})") for item in items]


def line_formset(session: Session, order: Order | None, data: Any = None) -> BaseOrderLineFormSet:
    return OrderLineFormSet(data, order=order, item_choices=item_choices(session, order))


def apply_lines(session: Session, order: Order, formset: BaseOrderLineFormSet) -> None:
    """Change, remove and add lines through the services; errors go on the line forms."""
    for form in formset.initial_forms:
        line = form.line
        assert line is not None
        try:
            if formset.deleted(form):
                services.remove_line(order, line.item)
            elif form.cleaned_data["quantity"] != line.quantity:
                services.change_quantity(order, line.item, form.cleaned_data["quantity"])
        except DomainError as error:
            form.add_error("quantity" if error.field == "quantity" else None, error.message)
    for form in formset.extra_forms:
        if not form.has_changed() or formset.deleted(form):
            continue
        item_id, quantity = form.cleaned_data["item"], form.cleaned_data["quantity"]
        item = session.get(Item, item_id)  # in the identity map since the choices were loaded
        if item is None:
            form.add_error("item", gettext("This item no longer exists."))
            continue
        try:
            services.add_line(order, item, quantity)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
    if not order.lines:
        formset.add_non_form_error(gettext("An order needs at least one line."))
