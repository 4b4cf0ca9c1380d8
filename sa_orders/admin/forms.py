"""Django forms generated from SQLAlchemy mappers.

Each editable column becomes a form field of the matching type, with its length,
nullability, Numeric precision and choices; a many-to-one relationship becomes a choice
of the related rows, a many-to-many one a set of checkboxes. ``Column.info`` may carry
``label``, ``help_text``, ``min_value`` and ``max_value``; ``info={"editable": False}``
keeps a column out of forms. A ``ModelAdmin`` can list the fields it wants and
override any of them.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from django import forms
from django.forms.boundfield import BoundField
from django.urls import reverse_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Enum,
    Integer,
    Numeric,
    String,
    Text,
    inspect,
    select,
)
from sqlalchemy.orm import ColumnProperty, Mapper, RelationshipProperty, Session
from sqlalchemy.sql.elements import False_, TextClause, True_
from sqlalchemy.types import TypeDecorator, TypeEngine

from sa_orders.admin.columns import verbose_name
from sa_orders.db.mapping import mapper_of, table_column
from sa_orders.exceptions import DomainError

if TYPE_CHECKING:
    from sa_orders.admin.options import ModelAdmin

VERSION_FIELD = "version"


def _unwrap(type_: TypeEngine[Any]) -> TypeEngine[Any]:
    if isinstance(type_, TypeDecorator):
        inner: TypeEngine[Any] = type_.impl_instance
        return inner
    return type_


def _is_internal(mapper: Mapper[Any], column: Column[Any]) -> bool:
    return bool(
        column.primary_key
        or column.computed is not None
        or column is mapper.version_id_col
        or column.info.get("editable") is False
        or column.foreign_keys  # edited through its relationship
    )


def editable_fields(mapper: Mapper[Any]) -> list[str]:
    """The attributes a form edits by default, in declaration order."""
    names = []
    for prop in mapper.iterate_properties:
        if isinstance(prop, ColumnProperty):
            column = table_column(prop)
            if column is not None and not _is_internal(mapper, column):
                names.append(prop.key)
        elif (
            isinstance(prop, RelationshipProperty)
            and not prop.viewonly
            and (prop.direction.name == "MANYTOONE" or prop.secondary is not None)
        ):
            names.append(prop.key)
    return names


def column_default(column: Column[Any]) -> Any:
    """What a new row gets when it is given nothing, if that is a plain value: a scalar
    ``default=``, or a literal ``server_default`` (``"pending"``, ``"0"``, ``true()``)."""
    default = column.default
    if default is not None:
        return getattr(default, "arg", None) if default.is_scalar else None
    server_default = column.server_default
    argument = getattr(server_default, "arg", None)
    if isinstance(argument, str):
        return argument
    if isinstance(argument, TextClause):
        return argument.text.strip("'")
    if isinstance(argument, True_ | False_):
        return isinstance(argument, True_)
    return None


def formfield_for_column(mapper: Mapper[Any], name: str, column: Column[Any]) -> forms.Field:
    info = column.info
    type_ = _unwrap(column.type)
    # A NOT NULL column is required even when the database has a default for it: the
    # add form starts with that default filled in, and a blank is an error, never NULL.
    options: dict[str, Any] = {
        "label": verbose_name(mapper, name),
        "help_text": info.get("help_text", ""),
        "required": not column.nullable,
        "initial": column_default(column),
    }
    limits = {key: info[key] for key in ("min_value", "max_value") if key in info}
    if isinstance(type_, Enum):
        enum_class = type_.enum_class
        if enum_class is not None and hasattr(enum_class, "choices"):
            choices = list(enum_class.choices)
        else:
            choices = [(value, value) for value in type_.enums]
        if not options["required"]:
            choices = [("", "---------"), *choices]
        return forms.TypedChoiceField(choices=choices, **options)
    if isinstance(type_, Boolean):
        options["required"] = False
        return forms.BooleanField(**options)
    if isinstance(type_, Text) or (isinstance(type_, String) and not type_.length):
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), **options)
    if isinstance(type_, String):
        return forms.CharField(max_length=type_.length, **options)
    if isinstance(type_, Numeric):
        return forms.DecimalField(
            max_digits=type_.precision, decimal_places=type_.scale, **limits, **options
        )
    if isinstance(type_, Integer):
        return forms.IntegerField(**limits, **options)
    if isinstance(type_, DateTime):
        return forms.DateTimeField(**options)
    if isinstance(type_, Date):
        return forms.DateField(**options)
    return forms.CharField(**options)


class RelatedChoiceField(forms.TypedChoiceField):
    """One related row, chosen by primary key; choices are loaded with the form."""

    def __init__(self, relationship: RelationshipProperty[Any], **kwargs: Any) -> None:
        self.relationship = relationship
        (key,) = relationship.mapper.primary_key
        coerce: Callable[[Any], Any] = key.type.python_type
        super().__init__(coerce=coerce, empty_value=None, **kwargs)


class RelatedMultipleChoiceField(forms.TypedMultipleChoiceField):
    """Several related rows (many-to-many), as checkboxes."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, relationship: RelationshipProperty[Any], **kwargs: Any) -> None:
        self.relationship = relationship
        (key,) = relationship.mapper.primary_key
        coerce: Callable[[Any], Any] = key.type.python_type
        super().__init__(coerce=coerce, required=False, **kwargs)


class LookupInput(forms.TextInput):
    """A text input whose suggestions (a ``<datalist>``) come from an autocomplete URL.

    ``sa_orders/autocomplete.js`` fills the list as the user types; without JavaScript
    the user types the key itself (an email, a SKU, ``#12``) and the form still works.
    """

    template_name = "sa_orders/widgets/lookup.html"

    def __init__(self, url: Any, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"autocomplete": "off", **(attrs or {})})
        self.url = url

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-autocomplete-url"] = str(self.url)
        return context


class LookupField(forms.CharField):
    """A related row, typed as its key; resolved with one query when the form is applied."""

    def __init__(
        self, relationship: RelationshipProperty[Any], target_admin: ModelAdmin, **kwargs: Any
    ):
        self.relationship = relationship
        self.target_admin = target_admin
        url = reverse_lazy(target_admin.url_name("autocomplete"))
        super().__init__(max_length=255, widget=LookupInput(url), **kwargs)
        if target_admin.lookup_field:
            self.help_text = self.help_text or _(
                "Type to search; or type the %(key)s, or # and the number."
            ) % {"key": verbose_name(target_admin.mapper, target_admin.lookup_field).lower()}

    def resolve(self, session: Session, key: str) -> Any | None:
        """The row ``key`` names: by its key (an email, a SKU, ``#12``), else the one row
        the list's search finds for it (a name); :class:`Ambiguous` when it finds several."""
        condition = self.target_admin.lookup_condition(key)
        if condition is not None:
            found = session.scalars(
                select(self.target_admin.model).where(condition).limit(1)
            ).first()
            if found is not None:
                return found
        row, count = self.target_admin.find_by_search(session, key)
        if count > 1:
            raise Ambiguous(ambiguous_message(self.target_admin, key))
        return row


class Ambiguous(Exception):
    """A lookup's text that finds more than one row; the message says what to type."""


def ambiguous_message(target_admin: ModelAdmin, key: str) -> str:
    return gettext(
        "Several %(names)s match “%(value)s”: choose one from the suggestions, or type "
        "the %(key)s or # and the number."
    ) % {
        "names": target_admin.verbose_name_plural,
        "value": key,
        "key": (
            verbose_name(target_admin.mapper, target_admin.lookup_field).lower()
            if target_admin.lookup_field
            else "id"
        ),
    }


def formfield_for_relationship(
    mapper: Mapper[Any], prop: RelationshipProperty[Any], model_admin: ModelAdmin
) -> forms.Field:
    label = verbose_name(mapper, prop.key)
    help_text = prop.info.get("help_text", "")
    if prop.key in model_admin.autocomplete_fields and not prop.uselist:
        required = not any(column.nullable for column in prop.local_columns)
        target_admin = model_admin.site.admin_for(prop.mapper.class_)
        return LookupField(prop, target_admin, label=label, required=required, help_text=help_text)
    if prop.uselist:
        return RelatedMultipleChoiceField(prop, label=label, help_text=help_text)
    required = not any(column.nullable for column in prop.local_columns)
    return RelatedChoiceField(prop, label=label, required=required, help_text=help_text)


class AccessibleBoundField(BoundField):
    """A field that says it is in error (``aria-invalid``) and names its help text and
    its errors (``aria-describedby``: ``id_email_helptext id_email_error``) on every
    Django sa_orders supports; Django 5.2 does so itself, 4.2 does not."""

    def build_widget_attrs(self, attrs: Any, widget: Any = None) -> Any:
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        if widget.is_hidden:
            return attrs
        if self.errors:
            attrs["aria-invalid"] = "true"
        described = [
            f"{self.auto_id}_{part}"
            for part, shown in (("helptext", self.help_text), ("error", self.errors))
            if shown and self.auto_id
        ]
        if described and not widget.attrs.get("aria-describedby") and not widget.use_fieldset:
            attrs.setdefault("aria-describedby", " ".join(described))
        return attrs


class AccessibleForm(forms.Form):
    """A form rendered by sa_orders' field template, with :class:`AccessibleBoundField`."""

    template_name = "sa_orders/includes/form_fields.html"

    def __getitem__(self, name: str) -> BoundField:
        cache: dict[str, BoundField] = self._bound_fields_cache  # type: ignore[attr-defined]
        if name in self.fields and name not in cache:
            cache[name] = AccessibleBoundField(self, self.fields[name], name)
        return super().__getitem__(name)


class SAModelForm(AccessibleForm):
    """A form for one mapped object. Build the class with :func:`modelform_for`."""

    model: type
    has_version: bool = False
    conflict: bool = False  # set when a save is refused because the row changed

    def __init__(
        self,
        data: Any = None,
        *,
        session: Session,
        instance: Any = None,
        **kwargs: Any,
    ) -> None:
        self.session = session
        self.instance = instance
        initial = kwargs.pop("initial", None) or {}
        if instance is not None:
            initial = {**self._initial_from(instance), **initial}
        super().__init__(data, initial=initial, **kwargs)
        for field in self.fields.values():
            if isinstance(field, RelatedChoiceField | RelatedMultipleChoiceField):
                field.choices = self._related_choices(field)
        if self.has_version and instance is None:
            del self.fields[VERSION_FIELD]
        if instance is not None:
            # What the user saw travels with what they typed: if the row changed in the
            # meantime, the conflict page can tell their changes from the others'.
            for name, field in self.fields.items():
                if name != VERSION_FIELD:
                    field.show_hidden_initial = True

    def _initial_from(self, instance: Any) -> dict[str, Any]:
        initial = {}
        for name, field in self.base_fields.items():
            value = getattr(instance, name, None)
            if isinstance(field, LookupField):
                value = field.target_admin.lookup_key(value) if value is not None else ""
            elif isinstance(field, RelatedChoiceField):
                value = inspect(value).identity[0] if value is not None else None
            elif isinstance(field, RelatedMultipleChoiceField):
                value = [inspect(item).identity[0] for item in value or ()]
            initial[name] = value
        return initial

    def _related_choices(self, field: Any) -> list[tuple[Any, str]]:
        target = field.relationship.mapper.class_
        (key,) = field.relationship.mapper.primary_key
        objects = self.session.scalars(select(target)).all()  # kept in the identity map
        # by label, or by the rows' own ``sort_key`` (a tree's: each row after its parent)
        ordered = sorted(objects, key=_choice_order)
        choices = [(getattr(obj, key.key), str(obj)) for obj in ordered]
        if isinstance(field, RelatedChoiceField):
            return [("", "---------"), *choices]
        return choices

    def apply_to(self, obj: Any) -> None:
        """Copy the cleaned data onto ``obj``; a rule the object refuses is a form error."""
        for name, field in self.fields.items():
            if name == VERSION_FIELD:
                continue
            value = self.cleaned_data.get(name)
            if isinstance(field, LookupField):
                if not value:
                    value = None
                else:
                    try:
                        found = field.resolve(self.session, value)
                    except Ambiguous as several:
                        self.add_error(name, str(several))
                        continue
                    if found is None:
                        self.add_error(name, _lookup_missing(field, value))
                        continue
                    value = found
            elif isinstance(field, RelatedChoiceField):
                target = field.relationship.mapper.class_
                value = self.session.get(target, value) if value is not None else None
            elif isinstance(field, RelatedMultipleChoiceField):
                target = field.relationship.mapper.class_
                value = [self.session.get(target, pk) for pk in value or ()]
            elif value == "" and not field.required:
                value = None
            try:
                setattr(obj, name, value)
            except DomainError as error:
                self.add_error(name if error.field in (None, name) else None, error.message)


def _choice_order(obj: Any) -> tuple[str, ...]:
    key = getattr(obj, "sort_key", None)
    return tuple(key) if key is not None else (str(obj).casefold(),)


def form_field_problem(model_admin: ModelAdmin, name: str) -> str | None:
    """What keeps ``name`` from being a field of ``model_admin``'s forms, if anything: it
    must be a column, a relationship that is not view-only, or have a ``form_overrides``
    entry; an autocomplete field must be a many-to-one relationship to a model registered
    on the same site."""
    if name in model_admin.form_overrides:
        return None
    model = model_admin.model
    prop = mapper_of(model).attrs.get(name)
    if isinstance(prop, ColumnProperty):
        if table_column(prop) is None:
            return f"{model.__name__}.{name} maps an expression or several columns."
        return None
    if isinstance(prop, RelationshipProperty):
        if prop.viewonly:
            return f"{model.__name__}.{name} is a view-only relationship."
        if name in model_admin.autocomplete_fields and not prop.uselist:
            target = prop.mapper.class_
            if not model_admin.site.is_registered(target):
                return (
                    f"{model.__name__}.{name} is typed with suggestions from the pages of "
                    f"{target.__name__}, which is not registered on this site."
                )
        return None
    return f"{model.__name__} has no column or relationship {name!r} for a form."


def modelform_for(
    model_admin: ModelAdmin,
    fields: Sequence[str],
    overrides: dict[str, forms.Field],
) -> type[SAModelForm]:
    """A form class with ``fields`` of ``model_admin.model`` (and a hidden version)."""
    mapper = mapper_of(model_admin.model)
    attrs: dict[str, Any] = {"model": model_admin.model}
    for name in fields:
        if name in overrides:
            attrs[name] = copy.deepcopy(overrides[name])
            continue
        problem = form_field_problem(model_admin, name)
        if problem is not None:
            raise ValueError(problem)
        prop = mapper.attrs[name]
        column = table_column(prop) if isinstance(prop, ColumnProperty) else None
        if column is not None:
            attrs[name] = formfield_for_column(mapper, name, column)
        elif isinstance(prop, RelationshipProperty):
            attrs[name] = formfield_for_relationship(mapper, prop, model_admin)
    if mapper.version_id_col is not None:
        attrs["has_version"] = True
        attrs[VERSION_FIELD] = forms.IntegerField(
            widget=forms.HiddenInput,
            required=False,
            error_messages={"invalid": _("The version of this form is not a number.")},
        )
    return type(f"{model_admin.model.__name__}Form", (SAModelForm,), attrs)


def _lookup_missing(field: LookupField, value: str) -> str:
    return gettext("No %(name)s matches “%(value)s”.") % {
        "name": field.target_admin.verbose_name,
        "value": value,
    }


def missing_version_message() -> str:
    return gettext(
        "This form has no version, so it cannot tell whether someone else changed the "
        "row since it was opened. Reload the page and make your changes again."
    )
