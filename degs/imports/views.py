"""The import flow's pages, mounted by each app under its own addresses.

An app makes one :class:`ImportPages` for the kinds its page offers and puts its views in its
``urls.py``; the pages, the permission answer (403 without the capability), the dry run, the
confirmation, the background progress and the batch history are the same for every app.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from degs.core.exceptions import ImportRejected
from degs.core.htmx import is_htmx
from degs.core.typing import AuthedRequest
from degs.imports import services
from degs.imports.forms import ImportForm
from degs.imports.models import ImportBatch
from degs.imports.registry import import_kind

View = Callable[..., HttpResponse]
TEMPLATE_FORMATS = ("csv", "xlsx")


@dataclass(frozen=True)
class ImportPages:
    """One app's import pages.

    ``upload_url`` names the upload page; ``batch_url`` the page that shows one batch (its dry
    run, its progress, what it did), given the batch's pk: a page of its own, or the upload page
    with ``?batch=``. ``apply_url`` and ``progress_url`` name the confirm and progress views.
    ``template_url(kind, fmt)`` is the address of a kind's empty template (``fmt``: "csv" or
    "xlsx"), where the app offers one. ``notes`` are the app's lines under the columns on the
    upload page (`backticked` words are shown as code).
    """

    kinds: tuple[str, ...]
    template: str
    upload_url: str
    apply_url: str
    progress_url: str
    batch_url: Callable[[int], str]
    help_text: Promise | str = ""
    # After an upload: show the dry run on the upload page itself, or redirect to the batch.
    dry_run_on_upload: bool = False
    batch_template: str | None = None
    say_unchanged: bool = False
    template_url: Callable[[str, str], str] | None = None
    notes: tuple[Promise | str, ...] = ()

    def _form(self, request: HttpRequest) -> ImportForm:
        initial_kind = request.GET.get("kind", "")
        return ImportForm(
            request.POST or None,
            request.FILES or None,
            kinds=self.kinds,
            help_text=self.help_text,
            initial={"kind": initial_kind} if initial_kind in self.kinds else None,
        )

    def _context(self, request: AuthedRequest, batch: ImportBatch | None, **extra: Any) -> dict:
        kind = import_kind(batch.kind) if batch else None
        return {
            "batch": batch,
            "columns": list(kind.shown) if kind else [],
            "progress": services.batch_progress(batch) if batch else 0,
            "pages": self,
            "apply_url": reverse(self.apply_url, args=[batch.pk]) if batch else "",
            "progress_url": reverse(self.progress_url, args=[batch.pk]) if batch else "",
            "upload_url": reverse(self.upload_url),
            "kinds": [
                {
                    "kind": code,
                    "label": k.label,
                    "columns": [(c, c in k.required) for c in k.template],
                    "templates": [
                        (fmt.upper(), self.template_url(code, fmt)) for fmt in TEMPLATE_FORMATS
                    ]
                    if self.template_url
                    else [],
                }
                for code in self.kinds
                if (k := import_kind(code))
            ],
            "recent": [
                (b, self.batch_url(b.pk))
                for b in services.batch_list(actor=request.user, kinds=self.kinds)[:10]
            ],
            **extra,
        }

    def _report(self, request: AuthedRequest, batch: ImportBatch) -> Any:
        if batch.status in (ImportBatch.Status.CHECKED, ImportBatch.Status.REJECTED):
            return services.batch_check(actor=request.user, batch=batch)
        return None

    def upload_view(self) -> View:
        @login_required
        @require_http_methods(["GET", "POST"])
        def upload(request: AuthedRequest) -> HttpResponse:
            """Upload a file and see its dry run: every bad row, or what the import will do.

            ``?batch=<pk>`` (where the dry run is shown here) shows one of the user's own
            uploads again (checked against today's data) or what it did.
            """
            services.require_import(request.user, self.kinds)
            form = self._form(request)
            batch: ImportBatch | None = None
            report = None
            if request.method == "POST" and form.is_valid():
                upload = form.cleaned_data["file"]
                try:
                    batch, report = services.batch_create(
                        actor=request.user,
                        kind=form.cleaned_data["kind"],
                        filename=upload.name,
                        content=upload.read(),
                        kinds=self.kinds,
                    )
                except ImportRejected as error:
                    form.add_error("file", str(error.message))
                else:
                    if not self.dry_run_on_upload:
                        return redirect(self.batch_url(batch.pk))
            elif self.dry_run_on_upload and request.GET.get("batch", "").isdigit():
                batch = services.batch_get(
                    actor=request.user, pk=int(request.GET["batch"]), kinds=self.kinds
                )
                report = self._report(request, batch)
            context = self._context(request, batch, form=form, report=report)
            return render(request, self.template, context)

        return upload

    def batch_view(self) -> View:
        @login_required
        @require_GET
        def batch_page(request: AuthedRequest, pk: int) -> HttpResponse:
            """The dry run: every bad row with its line and reason, or what the import will do;
            once confirmed, its progress or what it did."""
            services.require_import(request.user, self.kinds)
            batch = services.batch_get(actor=request.user, pk=pk, kinds=self.kinds)
            context = self._context(request, batch, report=self._report(request, batch))
            return render(request, self.batch_template or self.template, context)

        return batch_page

    def apply_view(self) -> View:
        @login_required
        @require_POST
        def apply(request: AuthedRequest, pk: int) -> HttpResponse:
            """Import a checked upload, all rows or none. A second click changes nothing."""
            try:
                batch, report = services.batch_apply(actor=request.user, pk=pk, kinds=self.kinds)
            except ImportRejected:
                messages.error(request, _("The file has errors. Nothing was imported."))
                return redirect(self.batch_url(pk))
            if batch.just_queued:
                messages.info(
                    request,
                    _("The file is being imported. This page shows how far it has come."),
                )
            elif report is None:
                messages.info(request, _("This file was already imported."))
            elif self.say_unchanged:
                messages.success(
                    request,
                    _("Imported: %(created)s created, %(updated)s changed, %(same)s unchanged.")
                    % {
                        "created": report.to_create,
                        "updated": report.to_update,
                        "same": report.unchanged,
                    },
                )
            else:
                messages.success(
                    request,
                    _("Imported: %(created)s created, %(updated)s changed.")
                    % {"created": report.to_create, "updated": report.to_update},
                )
            return redirect(self.batch_url(batch.pk))

        return apply

    def progress_view(self) -> View:
        @login_required
        @require_GET
        def progress(request: AuthedRequest, pk: int) -> HttpResponse:
            """The batch's state as a fragment: the page polls it while the import runs."""
            services.require_import(request.user, self.kinds)
            batch = services.batch_get(actor=request.user, pk=pk, kinds=self.kinds)
            # Only what the fragment draws: the poll does not read the batch history again.
            context = {
                "batch": batch,
                "progress": services.batch_progress(batch),
                "progress_url": reverse(self.progress_url, args=[batch.pk]),
            }
            response = render(request, "imports/partials/progress.html", context)
            if not batch.in_progress and is_htmx(request):
                # Finished: the whole page again, with what the import did.
                response["HX-Refresh"] = "true"
            return response

        return progress
