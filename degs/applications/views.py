"""Application pages: filing at the kiosk (with drafts and a receipt), the application's page
(history, documents, the officer's actions, correction at the kiosk), the officer's inbox,
reports, ledger statements, and the citizen's status check."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from degs.accounts.roles import Capability
from degs.accounts.selectors import require_section, user_can
from degs.applications import routing, selectors, services
from degs.applications.choices import AT_KIOSK, DRAFT
from degs.applications.filters import ApplicationFilterSet
from degs.applications.forms import (
    ActForm,
    ApplicationForm,
    DocumentForm,
    MonthForm,
    RevokeForm,
    StatusForm,
)
from degs.applications.models import Application
from degs.catalogue.models import Service
from degs.centres.models import Centre
from degs.core.db_router import reads_from_replica
from degs.core.downloads import file_response, stored_file_response
from degs.core.exceptions import (
    ApplicationError,
    PermissionDenied,
    StaleVersion,
)
from degs.core.formatting import format_paise
from degs.core.forms import add_service_errors, service_on_form
from degs.core.generic import ScopedDetailView, TransitionView
from degs.core.pagination import paginate
from degs.core.ratelimit import RateLimited, rate_limit
from degs.core.tabular import XLSX_TYPE
from degs.core.typing import AuthedRequest
from degs.core.uploads import held_uploads
from degs.directory.models import Area


def _operated_centre(request: AuthedRequest, pk: int) -> Centre:
    centre = selectors.centre_get(user=request.user, pk=pk)
    services.require_operator(request.user, centre)
    return centre


# --- the kiosk -----------------------------------------------------------------------------------


@login_required
@require_GET
def application_list(request: AuthedRequest) -> HttpResponse:
    """The operator's own applications; for officers, the applications of their areas."""
    require_section(request.user, "applications")
    centres = list(selectors.operator_centres(user=request.user))
    if centres and not user_can(request.user, Capability.APPLICATIONS_DECIDE):
        state = request.GET.get("state", "")[:20]
        rows = selectors.operator_applications(user=request.user, state=state)
        return render(
            request,
            "applications/kiosk.html",
            {
                "centres": centres,
                "page": paginate(request, rows),
                "state": state,
                "services": {c.pk: list(selectors.services_at(centre=c)) for c in centres},
                "today": timezone.localdate(),
            },
        )
    filterset = ApplicationFilterSet(request.GET or None, user=request.user, request=request)
    filters = filterset.shown
    rows = filterset.qs
    return render(
        request,
        "applications/list.html",
        {
            "page": paginate(request, rows),
            "filters": filters,
            **selectors.list_choices(
                user=request.user,
                post=filters["post"] or _int(filters["issued_by"]),
            ),
            "inbox_count": selectors.inbox_count(user=request.user),
            "today": timezone.localdate(),
            "in_area": selectors.area_shown(user=request.user, pk=filters["area"]),
        },
    )


def _int(value: Any) -> int | None:
    try:
        return int(value) if value else None
    except (TypeError, ValueError):
        return None


def _form_context(
    request: AuthedRequest,
    form: ApplicationForm,
    *,
    centre: Centre,
    service: Service,
    application: Application | None,
) -> dict[str, Any]:
    definition = form.definition
    return {
        "form": form,
        "centre": centre,
        "service": service,
        "application": application,
        "fee": format_paise(definition.citizen_paise),
        "time_limit": service.current.time_limit_days if service.current else None,
    }


@login_required
@require_http_methods(["GET", "POST"])
def application_create(request: AuthedRequest, centre_pk: int, service_pk: int) -> HttpResponse:
    """The service's form at the kiosk: save as a draft, or file it."""
    centre = _operated_centre(request, centre_pk)
    service = get_object_or_404(selectors.services_at(centre=centre), pk=service_pk)
    assert service.current is not None  # noqa: S101 - services_at returns published ones
    definition = service.current.parsed()
    areas = services.form_areas(routing.place_of(centre.area))
    if request.method == "GET":
        form = ApplicationForm(definition=definition, areas=areas)
        return render(
            request,
            "applications/form.html",
            _form_context(request, form, centre=centre, service=service, application=None),
        )
    form = ApplicationForm(request.POST, request.FILES, definition=definition, areas=areas)
    return _save(request, form, centre=centre, service=service, draft=None)


def _held_uploads(request: AuthedRequest, form: ApplicationForm) -> list[services.Upload]:
    """The files of this post and those held from earlier posts of the same form: each
    accepted file is kept for the form until it is saved, so a correction never asks for it
    again."""
    return services.uploads_hold(
        actor=request.user,
        token=form.held_token(),
        definition=form.definition,
        uploads=[services.Upload(code=c, file=f) for c, f in form.uploads()],
        remove=form.removed_held(),
    )


def _refused(
    request: AuthedRequest, form: ApplicationForm, context: dict[str, Any]
) -> HttpResponse:
    """The form drawn again with its messages, what was typed and the files held for it."""
    form.show_held(held_uploads(owner=request.user, token=form.held_token()))
    return render(request, "applications/form.html", context, status=422)


def _save(
    request: AuthedRequest,
    form: ApplicationForm,
    *,
    centre: Centre,
    service: Service,
    draft: Application | None,
) -> HttpResponse:
    form.is_valid()  # hidden fields only; the service checks the rest
    uploads = _held_uploads(request, form)
    filing: dict[str, Any] = {
        "actor": request.user,
        "centre": centre,
        "service": service,
        "values": form.typed_values(),
        "uploads": uploads,
        "draft": draft,
    }
    if request.POST.get("save") == "draft":
        application = service_on_form(
            form, lambda: services.application_save_draft(**filing), (ApplicationError,)
        )
        if application:
            messages.success(request, _("Draft saved. Nothing is filed until you submit it."))
            return redirect("applications:application_edit", application.pk)
    else:
        filed = service_on_form(
            form,
            lambda: services.application_submit(
                **filing, client_token=form.cleaned_data.get("client_token")
            ),
            (ApplicationError,),
        )
        if filed:
            application, created = filed
            if created:
                messages.success(
                    request,
                    _("Application %(number)s is filed. Print the receipt for the citizen.")
                    % {"number": application.number},
                )
            return redirect("applications:application_detail", application.pk)
    context = _form_context(request, form, centre=centre, service=service, application=draft)
    return _refused(request, form, context)


@login_required
@require_http_methods(["GET", "POST"])
def application_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    """A draft, continued; or an application returned to the kiosk, corrected and resubmitted."""
    application = selectors.application_get(user=request.user, pk=pk)
    if application.state not in (DRAFT, AT_KIOSK):
        return redirect("applications:application_detail", application.pk)
    centre = _operated_centre(request, application.centre_id)
    service = application.service
    definition = (
        service.current.parsed()
        if application.state == DRAFT and service.current
        else application.definition
    )
    areas = services.form_areas(routing.place_of(centre.area))
    held = set(application.documents.values_list("code", flat=True))
    if request.method == "GET":
        initial = {
            key: (value["id"] if isinstance(value, dict) else value)
            for key, value in application.data.items()
        }
        initial["version"] = application.version
        form = ApplicationForm(
            initial=initial, definition=definition, areas=areas, documents_held=held
        )
        return render(
            request,
            "applications/form.html",
            _form_context(request, form, centre=centre, service=service, application=application),
        )
    form = ApplicationForm(
        request.POST, request.FILES, definition=definition, areas=areas, documents_held=held
    )
    if application.state == DRAFT:
        return _save(request, form, centre=centre, service=service, draft=application)
    form.is_valid()
    if service_on_form(
        form,
        lambda: services.application_resubmit(
            actor=request.user,
            application=application,
            values=form.typed_values(),
            uploads=_held_uploads(request, form),
            version=form.cleaned_data.get("version"),
            remark=request.POST.get("remark", ""),
        ),
        (ApplicationError,),
    ):
        messages.success(request, _("The corrected application is sent again."))
        return redirect("applications:application_detail", application.pk)
    context = _form_context(request, form, centre=centre, service=service, application=application)
    return _refused(request, form, context)


# --- the application's page ----------------------------------------------------------------------


def _detail_context(
    request: AuthedRequest, application: Application, **extra: Any
) -> dict[str, Any]:
    page = selectors.application_page(user=request.user, application=application)
    steps = [
        {
            "key": f"{step.action}:{step.target}",
            "action": step.action,
            "action_label": step.title,
            "target_label": application.label_of_state(step.target),
            "needs_remark": step.needs_remark,
            "form": ActForm(
                initial={"step": f"{step.action}:{step.target}", "version": application.version},
                prefix=f"{step.action}-{step.target}",
            ),
        }
        for step in page.steps
    ]
    context = {
        "page": page,
        "application": application,
        "steps": steps,
        "revoke_form": RevokeForm(),
        "documents_form": DocumentForm(),
        "documents_held": [],
        "fee": format_paise(application.definition.citizen_paise),
        "today": timezone.localdate(),
    }
    context.update(extra)
    return context


application_detail = ScopedDetailView.as_view(
    read=selectors.application_get,
    template_name="applications/detail.html",
    page_context=_detail_context,
)


class ApplicationActView(TransitionView):
    """The officer's action, checked against the version they saw. Refused, the application's
    page again: someone else's action first as a conflict above the page (409), any other
    reason on the step's form with the remark as typed (422)."""

    form_class = ActForm
    template_name = "applications/detail.html"
    success_message = gettext_lazy("Done.")
    refusals = (ApplicationError,)
    refused_status = 422
    stale_status = 409

    key = action = target = ""  # the step posted: "action:target"

    read = staticmethod(selectors.application_get)
    service = staticmethod(services.application_act)
    subject = "application"
    success_url_name = "applications:application_detail"

    def get_form(self, request: AuthedRequest) -> ActForm:
        self.key = request.POST.get("step_key", "")
        self.action, _sep, self.target = self.key.partition(":")
        return ActForm(request.POST, prefix=f"{self.action}-{self.target}")

    def service_kwargs(self, form: Any) -> dict[str, Any]:
        data = form.cleaned_data
        return {
            "action": self.action,
            "target": self.target,
            "remark": data.get("remark") or "",
            "version": data["version"],
        }

    def get_context_data(
        self, request: AuthedRequest, obj: Application, form: Any
    ) -> dict[str, Any]:
        if self.stale:  # the page as it is now, saying who acted first
            return _detail_context(request, obj, conflict=" ".join(form.non_field_errors()))
        context = _detail_context(request, obj, conflict=None)
        for item in context["steps"]:  # the typed remark stays on the form that failed
            if item["key"] == self.key:
                item["form"] = form
                context["open_step"] = self.key
        return context


application_act = ApplicationActView.as_view()


@login_required
@require_POST
def application_documents(request: AuthedRequest, pk: int) -> HttpResponse:
    """Documents added at the kiosk (called for by the officer)."""
    application = selectors.application_get(user=request.user, pk=pk)
    form = DocumentForm(request.POST, request.FILES)
    token = form.held_token()
    uploads = services.uploads_hold(
        actor=request.user,
        token=token,
        definition=application.definition,
        uploads=[
            services.Upload(code=request.POST.get("code", ""), file=f)
            for f in request.FILES.getlist("file")
        ],
        remove=form.removed_held(),
    )
    try:
        services.application_add_documents(
            actor=request.user,
            application=application,
            uploads=uploads,
            version=_int(request.POST.get("version")),
        )
    except ApplicationError as error:  # the file stays held: "Add" again adds it
        stale = isinstance(error, StaleVersion)
        if not stale:  # why, on the form (someone acting first is said above the page)
            add_service_errors(form, error)
        fresh = selectors.application_get(user=request.user, pk=pk)
        context = _detail_context(
            request,
            fresh,
            conflict=str(error.message) if stale else None,
            documents_form=form,
            documents_held=list(held_uploads(owner=request.user, token=token).values()),
        )
        return render(request, "applications/detail.html", context, status=409 if stale else 422)
    messages.success(request, _("The document is added."))
    return redirect("applications:application_detail", application.pk)


@login_required
@require_GET
def document_file(request: AuthedRequest, pk: int, document_pk: int) -> FileResponse:
    document = selectors.document_get(user=request.user, application_pk=pk, pk=document_pk)
    return stored_file_response(
        document.file,
        filename=f"{document.code}-{document.pk}.{document.file.name.rsplit('.', 1)[-1]}",
        content_type=document.content_type,
    )


@login_required
@require_GET
def receipt(request: AuthedRequest, pk: int) -> HttpResponse:
    from degs.applications.documents import receipt_pdf_bytes

    application = selectors.application_get(user=request.user, pk=pk)
    if application.state == DRAFT:
        raise Http404
    response = HttpResponse(receipt_pdf_bytes(application), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="receipt-{application.number}.pdf"'
    return response


@login_required
@require_GET
def certificate_pdf(request: AuthedRequest, pk: int) -> HttpResponse:
    from degs.applications.documents import certificate_pdf_bytes

    certificate = selectors.certificate_get(user=request.user, application_pk=pk, to_print=True)
    application = certificate.application
    response = HttpResponse(certificate_pdf_bytes(certificate), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="certificate-{application.number}.pdf"'
    return response


@login_required
@require_POST
def certificate_revoke(request: AuthedRequest, pk: int) -> HttpResponse:
    certificate = selectors.certificate_get(user=request.user, application_pk=pk)
    application = selectors.application_get(user=request.user, pk=pk)
    form = RevokeForm(request.POST)
    if form.is_valid() and service_on_form(
        form,
        lambda: services.certificate_revoke(
            actor=request.user, certificate=certificate, reason=form.cleaned_data["reason"]
        ),
        (ApplicationError,),
    ):
        messages.success(request, _("The certificate is revoked."))
        return redirect("applications:application_detail", application.pk)
    return render(
        request,
        "applications/detail.html",
        _detail_context(request, application, revoke_form=form, open_revoke=True),
        status=422,
    )


# --- officers ------------------------------------------------------------------------------------


@login_required
@require_GET
def inbox(request: AuthedRequest) -> HttpResponse:
    require_section(request.user, "applications")
    return render(
        request,
        "applications/inbox.html",
        {
            "inbox": selectors.inbox(user=request.user, past_due=request.GET.get("due") == "past"),
            "past_due": request.GET.get("due") == "past",
            "today": timezone.localdate(),
            "limit": selectors.INBOX_LIMIT,
        },
    )


def _require_reports(request: AuthedRequest) -> None:
    require_section(request.user, "reports")


def _district(request: AuthedRequest) -> Area | None:
    pk = _int(request.GET.get("district"))
    if pk is None:
        return None
    return get_object_or_404(selectors.report_districts(user=request.user), pk=pk)


@reads_from_replica
@login_required
@require_GET
def report_pending(request: AuthedRequest) -> HttpResponse:
    """Open applications within and beyond the time limit, by service, block or officer."""
    _require_reports(request)
    by = request.GET.get("by", "service")
    if by not in ("service", "block", "officer"):
        by = "service"
    district = _district(request)
    rows = selectors.pending_report(user=request.user, by=by, district=district)
    return render(
        request,
        "applications/report_pending.html",
        {
            "rows": rows,
            "by": by,
            "district": district,
            "districts": selectors.report_districts(user=request.user)[:100],
            "total_within": sum(r.within for r in rows),
            "total_beyond": sum(r.beyond for r in rows),
        },
    )


def _month(request: HttpRequest) -> dt.date:
    return _month_or_none(request) or timezone.localdate().replace(day=1)


def _month_or_none(request: HttpRequest, name: str = "month") -> dt.date | None:
    form = MonthForm({"month": request.GET.get(name, "")})
    if form.is_valid() and form.cleaned_data["month"]:
        return form.cleaned_data["month"].replace(day=1)
    return None


@reads_from_replica
@login_required
@require_GET
def report_disposal(request: AuthedRequest) -> HttpResponse:
    """Disposal within the time limit per district (or per block of one district) in a month."""
    _require_reports(request)
    month = _month(request)
    district = _district(request)
    by = "block" if district is not None else "district"
    rows = selectors.disposal_report(user=request.user, month=month, by=by, district=district)
    return render(
        request,
        "applications/report_disposal.html",
        {
            "rows": rows,
            "by": by,
            "month": month,
            "district": district,
            "districts": selectors.report_districts(user=request.user)[:100],
        },
    )


# --- ledger ----------------------------------------------------------------------------------------


def _require_ledger(request: AuthedRequest) -> None:
    require_section(request.user, "ledger")


@login_required
@require_GET
def ledger(request: AuthedRequest) -> HttpResponse:
    """The district DeGS's statement for a month, and each centre's line."""
    _require_ledger(request)
    month = _month(request)
    centres = list(selectors.operator_centres(user=request.user))
    if centres and not user_can(request.user, Capability.CENTRES_MANAGE):
        return redirect(
            f"{reverse('applications:centre_statement', args=[centres[0].pk])}?month={month:%Y-%m}"
        )
    districts = list(selectors.report_districts(user=request.user)[:100])
    district = _district(request) or (districts[0] if districts else None)
    if district is None:
        raise Http404
    statement = selectors.district_statement(user=request.user, district=district, month=month)
    if request.GET.get("format") == "xlsx":
        return _xlsx(statement, selectors.centre_month_totals(district=district, month=month))
    return render(
        request,
        "applications/ledger.html",
        {
            "statement": statement,
            "centres": selectors.centre_month_totals(district=district, month=month),
            "district": district,
            "districts": districts,
            "month": month,
        },
    )


@login_required
@require_GET
def centre_statement(request: AuthedRequest, pk: int) -> HttpResponse:
    _require_ledger(request)
    centre = selectors.centre_get(user=request.user, pk=pk)
    if not user_can(request.user, Capability.CENTRES_MANAGE, centre.area) and not (
        centre.operator is not None and centre.operator.user_id == request.user.pk
    ):
        raise PermissionDenied
    month = _month(request)
    statement = selectors.centre_statement(user=request.user, centre=centre, month=month)
    if request.GET.get("format") == "xlsx":
        return _xlsx(statement, [])
    return render(
        request,
        "applications/statement.html",
        {
            "statement": statement,
            "centre": centre,
            "month": month,
            "fines": selectors.centre_fines(centre=centre, month=month),
        },
    )


def _xlsx(statement: selectors.Statement, centres: list[dict[str, Any]]) -> HttpResponse:
    from degs.applications.documents import statement_xlsx

    return file_response(
        statement_xlsx(statement, centres),
        filename=f"statement-{statement.month:%Y-%m}.xlsx",
        content_type=XLSX_TYPE,
    )


# --- the citizen -----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def public_status(request: HttpRequest) -> HttpResponse:
    """A citizen's check: the application number and the last four digits of the mobile it was
    filed with. Limited per address per hour; a wrong number and a wrong mobile look the same."""
    form = StatusForm(request.POST or None)
    application = None
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            rate_limit(request, scope="status", per_hour=settings.DEGS_STATUS_LOOKUPS_PER_HOUR)
        except RateLimited as refused:
            form.add_error(None, refused.message)
            status = refused.status
        else:
            application = selectors.public_status(
                number=form.cleaned_data["number"], last4=form.cleaned_data["last4"]
            )
            if application is None:
                form.add_error(None, _("No application matches this number and mobile."))
                status = 404
    return render(
        request,
        "applications/public/status.html",
        {"form": form, "application": application},
        status=status,
    )
