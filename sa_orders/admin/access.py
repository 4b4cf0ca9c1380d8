"""Who may enter the pages, and the way out for those who may not.

* :func:`login_url`: where an anonymous visitor is sent: the project's ``LOGIN_URL`` when
  the project serves it, else the site's own login page (as Django's admin site has its
  own), so that ``include("sa_orders.urls")`` is enough in a new project;
* :class:`LoginView` and :class:`LogoutView`: the site's own, in the site's layout
  (``sa_orders/login.html``, overridable like every template);
* :func:`forbidden`: the 403 page inside the site's layout, saying what is missing (staff
  status, a permission) and offering the ways out: the dashboard, logging in as someone
  else, logging out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render, resolve_url
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils.translation import gettext as _

from sa_orders.admin import permissions

if TYPE_CHECKING:
    from sa_orders.admin.options import ModelAdmin
    from sa_orders.admin.sites import AdminSite

ACTIONS = {
    "view": lambda names: _("You may not view %(names)s.") % {"names": names},
    "add": lambda names: _("You may not add %(names)s.") % {"names": names},
    "change": lambda names: _("You may not change %(names)s.") % {"names": names},
    "delete": lambda names: _("You may not delete %(names)s.") % {"names": names},
}


def _served(url: str) -> bool:
    """Whether ``url`` is a path of this project's URLconf."""
    parts = urlsplit(url)
    if parts.netloc:
        return True  # another host's login (single sign-on): trust it
    try:
        resolve(parts.path)
    except Resolver404:
        return False
    return True


def login_url(site: AdminSite) -> str:
    """The project's ``LOGIN_URL`` if the project serves it, else the site's login page."""
    try:
        url = resolve_url(settings.LOGIN_URL)
    except NoReverseMatch:
        url = ""
    return url if url and _served(url) else reverse(f"{site.name}:login")


def logout_url(site: AdminSite) -> str:
    """The project's view named ``logout`` if it has one, else the site's."""
    try:
        return reverse("logout")
    except NoReverseMatch:
        return reverse(f"{site.name}:logout")


class LoginView(auth_views.LoginView):
    """Django's login view in the site's layout; after it, the page asked for or the
    dashboard."""

    template_name = "sa_orders/login.html"
    site: AdminSite | None = None  # given by AdminSite.get_urls()

    def get_default_redirect_url(self) -> str:
        assert self.site is not None
        return reverse(f"{self.site.name}:index")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        assert self.site is not None
        return {
            **super().get_context_data(**kwargs),
            **self.site.each_context(self.request),
            "login_action": reverse(f"{self.site.name}:login"),
        }


class LogoutView(auth_views.LogoutView):
    """Django's logout view (POST only); then the site's login page, with a message."""

    site: AdminSite | None = None  # given by AdminSite.get_urls()

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        response = super().post(request, *args, **kwargs)
        messages.info(request, _("You have logged out."))
        return response

    def get_success_url(self) -> str:
        assert self.site is not None
        return login_url(self.site)


def missing_permission(action: str, model_admin: ModelAdmin) -> str:
    """What a staff user lacks for ``action`` on ``model_admin``'s pages."""
    return " ".join(
        [
            ACTIONS[action](model_admin.verbose_name_plural),
            _("Ask an administrator for the permission “%(permission)s”.")
            % {"permission": permissions.permission_name(action, model_admin)},
        ]
    )


def not_staff(request: HttpRequest) -> str:
    return _(
        "The account “%(user)s” may not use these pages: it is not a staff account. "
        "Ask an administrator to give it staff status, or log in with another account."
    ) % {"user": request.user.get_username()}


def forbidden(request: HttpRequest, site: AdminSite, reason: str = "") -> HttpResponse:
    """The 403 page, in the site's layout."""
    staff = bool(request.user.is_active and request.user.is_staff)
    context = {
        **site.each_context(request),
        "reason": reason or _("You do not have the permission this page needs."),
        "staff": staff,
        "login_url": f"{login_url(site)}?{urlencode({'next': request.get_full_path()})}",
    }
    if not staff:
        context["site_models"] = []  # none of them would open
        context["can_view_history"] = False
    return render(request, "sa_orders/403.html", context, status=403)
