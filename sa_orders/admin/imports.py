"""The "Import CSV" page of a list whose ModelAdmin names an ``import_contract``.

Three steps, none of which needs JavaScript:

1. **Upload** (``POST`` with the file): the file is checked for its size
   (``SA_ORDERS["IMPORT_MAX_BYTES"]``) and kept in ``SA_ORDERS["IMPORT_DIRECTORY"]``
   under a random name; the browser is sent on to the preview with a token signed
   with ``SECRET_KEY`` that names the file, the model and the user (no other user can
   use it, and it expires with the file, after a day).
2. **Preview** (``GET ?upload=<token>``): the whole file is read as ``sa_import
   --dry-run`` reads it (its header, UTF-8, every row's fields), and the page says how
   many rows would be created, updated and left unchanged, and lists every row in error
   with its line, field and message, a page at a time. Nothing is written.
3. **Confirm** (``POST`` with ``upload`` and ``confirm``): the file is imported in the
   request's transaction by the same code as ``sa_import``, recorded in the history as
   one import. A row in error (the data may have changed since the preview) writes
   nothing: the transaction is rolled back and the preview is shown again.

The page needs the model's add and change permissions.
"""

from __future__ import annotations

import os
import secrets
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, Any, BinaryIO
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sa_orders.admin.forms import AccessibleForm
from sa_orders.admin.pages import render_page
from sa_orders.conf import get_config
from sa_orders.db.session import doom, request_session
from sa_orders.exchange import importing

if TYPE_CHECKING:
    from sa_orders.admin.options import ModelAdmin

SALT = "sa_orders.admin.imports"
PROBLEMS_PER_PAGE = 50
KEPT_FOR = 24 * 3600  # seconds an upload waits for its confirmation at most
CHUNK = 64 * 1024


def can_import(request: HttpRequest, model_admin: ModelAdmin) -> bool:
    return bool(
        model_admin.import_contract is not None
        and model_admin.import_contract.importable
        and model_admin.has_add_permission(request)
        and model_admin.has_change_permission(request)
    )


class UploadForm(AccessibleForm):
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy("UTF-8 text, with the columns of the list's “Export CSV”."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        limit = get_config()["IMPORT_MAX_BYTES"]
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is %(size)s; the largest that can be imported is %(limit)s.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
            )
        return upload


def _directory() -> str:
    directory = get_config()["IMPORT_DIRECTORY"] or os.path.join(
        tempfile.gettempdir(), "sa_orders_imports"
    )
    os.makedirs(directory, exist_ok=True)
    return directory


def _path(file_id: str) -> str:
    return os.path.join(_directory(), f"{file_id}.csv")


def _forget_old_uploads() -> None:
    """Delete the uploads nobody confirmed within :data:`KEPT_FOR`."""
    directory = _directory()
    now = time.time()
    for name in os.listdir(directory):
        path = os.path.join(directory, name)
        try:
            if name.endswith(".csv") and now - os.path.getmtime(path) > KEPT_FOR:
                os.remove(path)
        except OSError:
            continue


def _keep(request: HttpRequest, model_admin: ModelAdmin, upload: Any) -> str:
    """Keep the uploaded file until it is confirmed; its token."""
    _forget_old_uploads()
    file_id = secrets.token_urlsafe(24)
    with open(_path(file_id), "wb") as kept:
        for chunk in upload.chunks(CHUNK):
            kept.write(chunk)
    details = {
        "file": file_id,
        "model": model_admin.name,
        "user": str(request.user.pk),
        "name": os.path.basename(upload.name)[:200],
    }
    return signing.dumps(details, salt=SALT, compress=True)


def _upload(request: HttpRequest, model_admin: ModelAdmin, token: str) -> dict[str, Any] | None:
    """The upload ``token`` names, if it is this user's for this model and its file is
    still there."""
    try:
        found = signing.loads(token, salt=SALT, max_age=KEPT_FOR)
    except signing.BadSignature:
        return None
    if (
        not isinstance(found, dict)
        or found.get("model") != model_admin.name
        or found.get("user") != str(request.user.pk)
        or not os.path.exists(_path(str(found.get("file"))))
    ):
        return None
    return found


def _discard(upload: dict[str, Any]) -> None:
    with suppress(OSError):
        os.remove(_path(upload["file"]))


@contextmanager
def _lines(upload: dict[str, Any]) -> Iterator[Iterator[str]]:
    with open(_path(upload["file"]), "rb") as stream:
        binary: BinaryIO = stream
        yield importing.decoded_lines(binary)


def _page_number(request: HttpRequest) -> int:
    raw = request.GET.get("p", "1")
    if raw.isascii() and raw.isdigit() and 0 < len(raw) < 7 and int(raw) > 0:
        return int(raw)
    return 1


def import_view(request: HttpRequest, model_admin: ModelAdmin) -> HttpResponse:
    if not can_import(request, model_admin):
        raise PermissionDenied
    token = request.POST.get("upload") or request.GET.get("upload") or ""
    if request.method == "POST" and token:
        return _confirm(request, model_admin, token)
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            token = _keep(request, model_admin, form.cleaned_data["file"])
            query = urlencode({"upload": token})
            return HttpResponseRedirect(f"{model_admin.url('import')}?{query}")
        return render_page(request, model_admin, "import", {"form": form}, status=400)
    if token:
        return _preview(request, model_admin, token)
    return render_page(request, model_admin, "import", {"form": UploadForm()})


def _gone(request: HttpRequest, model_admin: ModelAdmin) -> HttpResponse:
    messages.error(request, _("That upload is no longer there; upload the file again."))
    return HttpResponseRedirect(model_admin.url("import"))


def _preview(
    request: HttpRequest,
    model_admin: ModelAdmin,
    token: str,
    *,
    report: importing.ImportReport | None = None,
    status: int = 200,
) -> HttpResponse:
    upload = _upload(request, model_admin, token)
    if upload is None:
        return _gone(request, model_admin)
    page = _page_number(request)
    contract = model_admin.import_contract
    assert contract is not None  # can_import() checked it
    failed = None
    if report is None:
        report = importing.ImportReport(
            first_problem=(page - 1) * PROBLEMS_PER_PAGE, max_problems=PROBLEMS_PER_PAGE
        )
        session = request_session(request)
        try:
            with session.begin_nested() as savepoint, _lines(upload) as lines:
                importing.import_csv(session, contract, lines, dry_run=True, report=report)
                savepoint.rollback()  # a dry run writes nothing; its temporary table goes too
        except importing.ImportFailed as error:
            failed = str(error)
            status = 400
    pages = max(1, -(-report.rejected // PROBLEMS_PER_PAGE))
    base = f"{model_admin.url('import')}?{urlencode({'upload': token})}"
    context = {
        "upload": upload,
        "token": token,
        "report": report,
        "failed": failed,
        "page": page,
        "pages": pages,
        "previous_url": f"{base}&p={page - 1}" if page > 1 else None,
        "next_url": f"{base}&p={page + 1}" if page < pages else None,
        "first_line": (page - 1) * PROBLEMS_PER_PAGE + 1,
        "changes": report.created + report.updated,
        "import_url": model_admin.url("import"),
    }
    return render_page(request, model_admin, "import_preview", context, status=status)


def _confirm(request: HttpRequest, model_admin: ModelAdmin, token: str) -> HttpResponse:
    upload = _upload(request, model_admin, token)
    if upload is None:
        return _gone(request, model_admin)
    if request.POST.get("cancel"):
        _discard(upload)
        messages.info(request, _("The import was cancelled; nothing was changed."))
        return HttpResponseRedirect(model_admin.url("list"))
    contract = model_admin.import_contract
    assert contract is not None
    session = request_session(request)
    report = importing.ImportReport(max_problems=PROBLEMS_PER_PAGE)
    try:
        with _lines(upload) as lines:
            importing.import_csv(
                session, contract, lines, report=report, source_name=upload["name"]
            )
    except importing.ImportFailed as error:
        doom(request)
        messages.error(request, str(error))
        return HttpResponseRedirect(f"{model_admin.url('import')}?{urlencode({'upload': token})}")
    if report.rejected:
        doom(request)  # the rows before the first problem were written: none of it stays
        return _preview(request, model_admin, token, report=report, status=409)
    _discard(upload)
    messages.success(
        request,
        _("Imported %(file)s: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.")
        % {
            "file": upload["name"],
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
        },
    )
    return HttpResponseRedirect(model_admin.url("list"))
