"""``AdminSite``: the registry of models, the URLs of their pages, and the index page.

``sa_orders.urls`` serves the default :data:`site`. Models are registered from the
``sa_admin`` module of any installed app (found by :func:`autodiscover` when Django
starts), including sa_orders' own customers and items.

Every page is wrapped like Django's ``admin_view``: login required (a redirect to
``settings.LOGIN_URL`` with ``next=``), staff only, the model's permission, CSRF
protection even without ``CsrfViewMiddleware``, and never cached.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import update_wrapper
from typing import Any
from weakref import WeakSet

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseNotAllowed
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils.html import conditional_escape, format_html
from django.utils.module_loading import autodiscover_modules
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from sqlalchemy import MetaData, func, inspect, select
from sqlalchemy.orm import Mapper

from sa_orders.admin import access, editing, history, imports, views
from sa_orders.admin.options import ModelAdmin
from sa_orders.admin.pages import unavailable
from sa_orders.db.errors import is_unavailable
from sa_orders.db.mapping import table_of
from sa_orders.db.session import request_session

logger = logging.getLogger("sa_orders")

all_sites: WeakSet[AdminSite] = WeakSet()

SAFE_METHODS = ("GET", "HEAD")
FORM_METHODS = ("GET", "HEAD", "POST")


@dataclass
class Widget:
    """A section of the index page (the dashboard): a template and what it shows."""

    template: str
    context: dict[str, Any] = field(default_factory=dict)
    wide: bool = False  # the whole width of the page


# A dashboard widget: called for each index request; None shows nothing (the user may
# not view what it would show).
WidgetFunction = Callable[[HttpRequest, "AdminSite"], Widget | None]


class AdminSite:
    index_template = "sa_orders/index.html"

    def __init__(self, name: str = "sa_orders") -> None:
        self.name = name  # the URL namespace
        self._registry: dict[type, ModelAdmin] = {}
        self.widgets: list[WidgetFunction] = []
        all_sites.add(self)

    def add_widget(self, function: WidgetFunction) -> WidgetFunction:
        """Show ``function``'s widget on the index page, after those added before it
        (usable as a decorator)."""
        self.widgets.append(function)
        return function

    # --- the registry ---------------------------------------------------------------

    def register(
        self, model: type, admin_class: type[ModelAdmin] | None = None, **options: Any
    ) -> ModelAdmin:
        """Register a mapped class, with a ``ModelAdmin`` subclass and/or options."""
        mapper: Any = inspect(model, raiseerr=False)
        if not isinstance(mapper, Mapper):
            raise ImproperlyConfigured(f"{model!r} is not a SQLAlchemy mapped class.")
        if len(mapper.primary_key) != 1:
            raise ImproperlyConfigured(
                f"{model.__name__} has a composite primary key; the pages need a single one."
            )
        if model in self._registry:
            raise ImproperlyConfigured(f"{model.__name__} is already registered on {self.name!r}.")
        admin_class = admin_class or ModelAdmin
        if options:
            admin_class = type(f"{model.__name__}Admin", (admin_class,), options)
        model_admin = admin_class(model, self)
        for other in self._registry.values():
            if other.name == model_admin.name or other.url_prefix == model_admin.url_prefix:
                raise ImproperlyConfigured(
                    f"{model.__name__} would share the name {model_admin.name!r} or the URL "
                    f"prefix {model_admin.url_prefix!r} with {other.model.__name__}; set "
                    "name and url_prefix on its ModelAdmin."
                )
        self._registry[model] = model_admin
        return model_admin

    def unregister(self, model: type) -> None:
        self._registry.pop(model, None)

    def is_registered(self, model: type) -> bool:
        return model in self._registry

    def admin_for(self, model: type) -> ModelAdmin:
        return self._registry[model]

    def link(self, request: HttpRequest | None, obj: Any, text: Any = None) -> str:
        """``obj`` (or ``text``) as a link to its detail page, when its model is registered
        here and the user may view it; else as text. Escaped either way."""
        label = str(obj) if text is None else str(text)
        model_admin = self._registry.get(type(obj))
        if (
            request is None
            or model_admin is None
            or inspect(obj).identity is None
            or not model_admin.has_view_permission(request)
        ):
            return conditional_escape(label)
        return format_html('<a href="{}">{}</a>', model_admin.url("detail", obj), label)

    @property
    def model_admins(self) -> list[ModelAdmin]:
        return sorted(self._registry.values(), key=lambda admin: str(admin.verbose_name_plural))

    def metadatas(self) -> list[MetaData]:
        """The MetaData of every registered model's table, each once."""
        return unique(table_of(admin.model).metadata for admin in self._registry.values())

    # --- URLs and wrapping ----------------------------------------------------------

    def admin_view(
        self,
        view: Callable[..., HttpResponseBase],
        *,
        model_admin: ModelAdmin | None = None,
        permission: str | None = None,
        methods: tuple[str, ...] = SAFE_METHODS,
    ) -> Callable[..., HttpResponseBase]:
        def inner(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            try:
                return guarded(request, *args, **kwargs)
            except Exception as error:
                if not is_unavailable(error):
                    raise
                logger.warning("A database cannot be reached: %s", error, exc_info=error)
                return unavailable(request)  # a 503: the middleware rolls back

        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path(), access.login_url(self))
            if not (user.is_active and user.is_staff):
                return access.forbidden(request, self, access.not_staff(request))
            if (
                model_admin is not None
                and permission is not None
                and not getattr(model_admin, f"has_{permission}_permission")(request)
            ):
                return access.forbidden(
                    request, self, access.missing_permission(permission, model_admin)
                )
            if request.method not in methods:
                return HttpResponseNotAllowed(methods)
            try:
                if model_admin is not None:
                    return view(request, model_admin, *args, **kwargs)
                return view(request, *args, **kwargs)
            except PermissionDenied as denied:
                return access.forbidden(request, self, str(denied))

        return csrf_protect(never_cache(update_wrapper(inner, view)))

    def get_urls(self) -> list[URLPattern]:
        urls = [
            path("", self.admin_view(self.index), name="index"),
            path("login/", access.LoginView.as_view(site=self), name="login"),
            path("logout/", access.LogoutView.as_view(site=self), name="logout"),
            path("history/", self.admin_view(self.recent_changes), name="history"),
        ]
        for model_admin in self.model_admins:
            prefix, name = model_admin.url_prefix, model_admin.name
            wrap = self.admin_view
            urls += [
                path(
                    f"{prefix}/",
                    wrap(
                        views.list_view,
                        model_admin=model_admin,
                        permission="view",
                        methods=FORM_METHODS,  # POST runs bulk actions
                    ),
                    name=f"{name}_list",
                ),
                path(
                    f"{prefix}/add/",
                    wrap(
                        editing.add_view,
                        model_admin=model_admin,
                        permission="add",
                        methods=FORM_METHODS,
                    ),
                    name=f"{name}_add",
                ),
                path(
                    f"{prefix}/import/",
                    wrap(
                        imports.import_view,
                        model_admin=model_admin,
                        permission="add",  # and change: the view checks it
                        methods=FORM_METHODS,
                    ),
                    name=f"{name}_import",
                ),
                path(
                    f"{prefix}/autocomplete/",
                    wrap(views.autocomplete_view, model_admin=model_admin, permission="view"),
                    name=f"{name}_autocomplete",
                ),
                path(
                    f"{prefix}/export.csv",
                    wrap(views.export_view, model_admin=model_admin, permission="view"),
                    name=f"{name}_export",
                ),
                path(
                    f"{prefix}/<str:pk>/",
                    wrap(views.detail_view, model_admin=model_admin, permission="view"),
                    name=f"{name}_detail",
                ),
                path(
                    f"{prefix}/<str:pk>/edit/",
                    wrap(
                        editing.edit_view,
                        model_admin=model_admin,
                        permission="change",
                        methods=FORM_METHODS,
                    ),
                    name=f"{name}_edit",
                ),
                path(
                    f"{prefix}/<str:pk>/history/",
                    wrap(history.row_history_view, model_admin=model_admin, permission="view"),
                    name=f"{name}_history",
                ),
                path(
                    f"{prefix}/<str:pk>/history/<str:change>/revert/",
                    wrap(
                        history.revert_view,
                        model_admin=model_admin,
                        permission="change",
                        methods=FORM_METHODS,
                    ),
                    name=f"{name}_revert",
                ),
                path(
                    f"{prefix}/<str:pk>/delete/",
                    wrap(
                        views.delete_view,
                        model_admin=model_admin,
                        permission="delete",
                        methods=FORM_METHODS,
                    ),
                    name=f"{name}_delete",
                ),
            ]
        return urls

    def index_url(self) -> str:
        return reverse(f"{self.name}:index")

    # --- pages ----------------------------------------------------------------------

    def visible_admins(self, request: HttpRequest) -> list[ModelAdmin]:
        return [admin for admin in self.model_admins if admin.has_view_permission(request)]

    def each_context(self, request: HttpRequest) -> dict[str, Any]:
        """What every page's template gets: the site and the models the user may view."""
        return {
            "site": self,
            "site_models": self.visible_admins(request),
            "can_view_history": history.can_view_history(request),
            "logout_url": access.logout_url(self),
        }

    def recent_changes(self, request: HttpRequest) -> HttpResponse:
        """The Recent changes page (``sa_orders.view_history``)."""
        return history.recent_view(request, self)

    def index(self, request: HttpRequest) -> HttpResponse:
        """The dashboard: every model the user may view, with how many rows it has (one
        query), then the widgets."""
        visible = self.visible_admins(request)
        counts: list[Any] = []
        if visible:
            session = request_session(request)
            capped = [
                select(func.count())
                .select_from(select(admin.pk_column).limit(admin.list_count_cap + 1).subquery())
                .scalar_subquery()
                for admin in visible
            ]
            counts = list(session.execute(select(*capped)).one())
        entries = [
            {
                "admin": admin,
                "count": min(count, admin.list_count_cap),
                "capped": count > admin.list_count_cap,
                "can_add": admin.has_add_permission(request),
            }
            for admin, count in zip(visible, counts, strict=True)
        ]
        widgets = [widget for function in self.widgets if (widget := function(request, self))]
        context = {**self.each_context(request), "entries": entries, "widgets": widgets}
        return render(request, self.index_template, context)


site = AdminSite()


def unique(metadatas: Iterable[MetaData]) -> list[MetaData]:
    """``metadatas`` without repeats, in order (MetaData compare by identity)."""
    found: list[MetaData] = []
    for metadata in metadatas:
        if all(metadata is not other for other in found):
            found.append(metadata)
    return found


def all_metadatas() -> list[MetaData]:
    """sa_orders' own tables, then those of every model registered on any site: what
    migrations-off setups create and what tests empty."""
    from sa_orders.models import Base

    return unique([Base.metadata, *(m for each in all_sites for m in each.metadatas())])


def register(
    model: type, *, site: AdminSite = site
) -> Callable[[type[ModelAdmin]], type[ModelAdmin]]:
    """Class decorator: ``@register(Supplier)`` above a ``ModelAdmin`` subclass."""

    def decorator(admin_class: type[ModelAdmin]) -> type[ModelAdmin]:
        site.register(model, admin_class)
        return admin_class

    return decorator


def autodiscover() -> None:
    """Import the ``sa_admin`` module of every installed app, so its registrations run."""
    autodiscover_modules("sa_admin")
