"""Import and export pages of centres, operators and operators' IDs.

``degs/centres/urls.py`` adds ``urlpatterns`` to the app's namespace: ``centres:import``,
``centres:import_apply`` and ``centres:export``.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from degs.accounts.roles import Capability
from degs.accounts.selectors import user_can
from degs.centres import importing
from degs.core.downloads import file_response
from degs.core.exceptions import ImportRejected, PermissionDenied
from degs.core.forms import StyledFormMixin
from degs.core.typing import AuthedRequest
from degs.directory.models import ImportBatch


class CentresImportForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("The file holds"),
        choices=[(k, ImportBatch.Kind(k).label) for k in importing.KINDS],
    )
    file = forms.FileField(
        label=gettext_lazy("File (.csv or .xlsx)"),
        help_text=gettext_lazy(
            "The first row names the columns. An export, or an empty template below, has them."
        ),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > settings.DEGS_IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                gettext_lazy("The file is larger than %(mb)s MB.")
                % {"mb": settings.DEGS_IMPORT_MAX_BYTES // (1024 * 1024)}
            )
        if not upload.name.lower().endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError(gettext_lazy("Upload a .csv or .xlsx file."))
        return upload


def _require_manage(request: AuthedRequest) -> None:
    if not user_can(request.user, Capability.CENTRES_MANAGE):
        raise PermissionDenied


def _page_url(batch: ImportBatch) -> str:
    return f"{reverse('centres:import')}?batch={batch.pk}"


@login_required
@require_http_methods(["GET", "POST"])
def import_page(request: AuthedRequest) -> HttpResponse:
    """Upload a file and see its dry run: every bad row, or what the import will do.

    ``?batch=<pk>`` shows one of the user's own uploads again (checked against today's data)
    or, once imported, what it did.
    """
    _require_manage(request)
    initial_kind = request.GET.get("kind", "")
    form = CentresImportForm(
        request.POST or None,
        request.FILES or None,
        initial={"kind": initial_kind} if initial_kind in importing.KINDS else None,
    )
    batch: ImportBatch | None = None
    report = None
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                batch, report = importing.centres_import_batch_create(
                    actor=request.user,
                    kind=form.cleaned_data["kind"],
                    filename=upload.name,
                    content=upload.read(),
                )
            except ImportRejected as error:
                form.add_error("file", str(error.message))
    elif request.GET.get("batch", "").isdigit():
        batch = importing.centres_import_batch_get(actor=request.user, pk=int(request.GET["batch"]))
        if batch.status != ImportBatch.Status.IMPORTED:
            report = importing.centres_import_batch_check(actor=request.user, batch=batch)
    context = {
        "form": form,
        "batch": batch,
        "report": report,
        "columns": importing.PREVIEW_COLUMNS[batch.kind] if batch else [],
        "kinds": [
            {
                "kind": kind,
                "label": ImportBatch.Kind(kind).label,
                "columns": [(c, c in importing.required_columns(kind)) for c in columns],
            }
            for kind, columns in importing.TEMPLATE_COLUMNS.items()
        ],
        "recent": importing.centres_import_batches(actor=request.user)[:10],
    }
    return render(request, "centres/import.html", context)


@login_required
@require_POST
def import_apply(request: AuthedRequest, pk: int) -> HttpResponse:
    """Import a checked upload; all rows or none. A second click changes nothing."""
    try:
        batch, report = importing.centres_import_batch_apply(actor=request.user, pk=pk)
    except ImportRejected:
        messages.error(request, _("The file has errors. Nothing was imported."))
        return redirect(f"{reverse('centres:import')}?batch={pk}")
    if report is None:
        messages.info(request, _("This file was already imported."))
    else:
        messages.success(
            request,
            _("Imported: %(created)s created, %(updated)s changed, %(same)s unchanged.")
            % {
                "created": report.to_create,
                "updated": report.to_update,
                "same": report.unchanged,
            },
        )
    return redirect(_page_url(batch))


@login_required
@require_GET
def export(request: AuthedRequest, kind: str, fmt: str) -> HttpResponse:
    """The rows the user sees, filtered by the GET parameters; ``?template=1``: columns only."""
    if kind not in importing.KINDS or fmt not in importing.FORMATS:
        raise Http404
    if request.GET.get("template") == "1":
        content, content_type = importing.centres_import_template(kind=kind, fmt=fmt)
        name = f"degs-{kind}-template.{fmt}"
    else:
        content, content_type = importing.centres_export(
            user=request.user, kind=kind, fmt=fmt, filters=request.GET.dict()
        )
        name = f"degs-{kind}-{timezone.localdate():%Y-%m-%d}.{fmt}"
    return file_response(content, filename=name, content_type=content_type)


urlpatterns = [
    path("import/", import_page, name="import"),
    path("import/<int:pk>/apply/", import_apply, name="import_apply"),
    path("export/<str:kind>.<str:fmt>", export, name="export"),
]
