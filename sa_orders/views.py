"""Views of sa_orders. Every view reads and writes through ``request.sa_session``."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_safe

from sa_orders import services

View = Callable[..., HttpResponse]


def staff_view(view: View) -> View:
    """Login required (redirect with ``next=``), staff only (403), CSRF, never cached."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not (user.is_active and user.is_staff):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return csrf_protect(never_cache(wrapper))


@staff_view
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    """The home page: how many customers, items and orders there are."""
    return render(
        request,
        "sa_orders/index.html",
        {"counts": services.counts(request.sa_session)},  # type: ignore[attr-defined]
    )
