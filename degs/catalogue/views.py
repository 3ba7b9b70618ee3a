"""Catalogue pages: the services a user may see, a service and each of its versions, and one
form that publishes a service's next version (or its first)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from degs.catalogue import selectors, services
from degs.catalogue.choices import AT_KIOSK, ActionKind, FieldType, Level
from degs.catalogue.definition import rupees
from degs.catalogue.filters import ServiceFilterSet
from degs.catalogue.forms import (
    ServiceForm,
    ShareFormSet,
    add_publish_errors,
    filled_shares,
    pretty_json,
    share_initial,
    typed_shares,
    typed_values,
)
from degs.catalogue.models import Service, ServiceVersion
from degs.core.exceptions import PermissionDenied, StaleVersion
from degs.core.models import in_reader_language
from degs.core.pagination import paginate
from degs.core.permissions import Capability, user_can
from degs.core.typing import AuthedRequest
from degs.directory.models import Area

# What a new service's form starts from: the states every workflow needs, and the two steps
# that end it, for the administrator to fill in (the post type is left to choose).
NEW_WORKFLOW = {
    "states": [
        {"code": "submitted", "label": "Submitted", "label_hi": "जमा"},
        {"code": "issued", "label": "Issued", "label_hi": "जारी"},
        {"code": "rejected", "label": "Rejected", "label_hi": "अस्वीकृत"},
    ],
    "steps": [
        {"action": "issue", "source": "submitted", "target": "issued", "designation": "",
         "level": "tehsil", "days": 7},
        {"action": "reject", "source": "submitted", "target": "rejected", "designation": "",
         "level": "tehsil", "days": 7},
    ],
}  # fmt: skip


def _can_view(request: AuthedRequest) -> None:
    if not selectors.catalogue_can_view(request.user):
        raise PermissionDenied


# --- reading -----------------------------------------------------------------------------------


@login_required
@require_GET
def service_list(request: AuthedRequest) -> HttpResponse:
    """Every service the user may see, with its current time limit and fee."""
    _can_view(request)
    filterset = ServiceFilterSet(request.GET or None, user=request.user, request=request)
    page = paginate(request, filterset.qs)
    context = {
        "page": page,
        "rows": [(s, selectors.service_can_manage(request.user, s)) for s in page],
        "q": filterset.form["q"].value() or "",
        "can_create": user_can(request.user, Capability.CATALOGUE_MANAGE),
    }
    return render(request, "catalogue/service_list.html", context)


def _version_context(
    request: AuthedRequest, service: Service, version: ServiceVersion
) -> dict[str, Any]:
    definition = version.parsed()
    state_names = {s.code: in_reader_language(s.label, s.label_hi) for s in definition.states}
    state_names[AT_KIOSK] = _("At the kiosk (returned for correction)")
    posts = selectors.designation_names(definition.designations)
    actions, levels, types = dict(ActionKind.choices), dict(Level.choices), dict(FieldType.choices)
    steps = [
        {
            "step": step,
            "action": actions.get(step.action, step.action),
            "source": state_names.get(step.source, step.source),
            "target": state_names.get(step.target, step.target),
            "post": posts.get(step.designation),
            "level": levels.get(step.level, step.level),
        }
        for step in definition.steps
    ]
    return {
        "service": service,
        "version": version,
        "is_current": version.pk == service.current_id,
        "definition": definition,
        "fields": [(f, types.get(f.type, f.type)) for f in definition.fields],
        "steps": steps,
        "versions": selectors.service_versions(service=service),
        "can_manage": selectors.service_can_manage(request.user, service),
    }


@login_required
@require_GET
def service_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    service = selectors.service_get(user=request.user, pk=pk)
    if service.current is None:  # only while its first version is being saved
        raise Http404
    context = _version_context(request, service, service.current)
    return render(request, "catalogue/service_detail.html", context)


@login_required
@require_GET
def version_detail(request: AuthedRequest, pk: int, number: int) -> HttpResponse:
    """One published version, as it was: applications filed under it keep it."""
    service = selectors.service_get(user=request.user, pk=pk)
    version = selectors.service_version_get(service=service, number=number)
    context = _version_context(request, service, version)
    return render(request, "catalogue/service_detail.html", context)


# --- publishing --------------------------------------------------------------------------------


def _initial(service: Service, version: ServiceVersion) -> dict[str, Any]:
    definition = version.definition
    return {
        "area": service.area,
        "code": service.code,
        "name": service.name,
        "name_hi": service.name_hi,
        "department": service.department,
        "department_hi": service.department_hi,
        "law": version.law,
        "law_hi": version.law_hi,
        "time_limit_days": version.time_limit_days,
        "designated": version.designated_post.code,
        "appellate": version.appellate_post.code if version.appellate_post else "",
        "validity_days": version.validity_days,
        "fee": rupees(definition.get("fee_paise", 0)),
        "citizen_fee": rupees(definition["citizen_paise"])
        if definition.get("citizen_paise") is not None
        else "",
        "fields_json": pretty_json(definition.get("fields", [])),
        "documents_json": pretty_json(definition.get("documents", [])),
        "workflow_json": pretty_json(definition.get("workflow", {})),
        "certificate_template": version.certificate_template,
        "certificate_template_hi": version.certificate_template_hi,
        "is_demo": service.is_demo,
        "version": version.number,
    }


def _publish_page(
    request: AuthedRequest,
    *,
    areas: QuerySet[Area],
    service: Service | None,
    initial: dict[str, Any],
    shares: list[dict[str, Any]],
) -> HttpResponse:
    """The form on GET; on POST, publish through the service or show why not, keeping every
    character the user typed."""
    data = request.POST if request.method == "POST" else None
    rows = share_initial(shares)
    if data is not None and "more_rows" in data:
        # Rows for the split without JavaScript: the page again as typed, with empty rows
        # added, nothing checked or published yet.
        initial = {**initial, **typed_values(data, editing=service is not None)}
        rows, data = typed_shares(data), None
    form = ServiceForm(
        data,
        initial=initial,
        areas=areas,
        designations=selectors.designation_list(),
        editing=service is not None,
    )
    formset = ShareFormSet(data, initial=rows, prefix="shares")
    # Both are checked, so every mistake shows at once.
    form_valid, shares_valid = form.is_valid(), formset.is_valid()
    if data is not None and form_valid and shares_valid:
        values = dict(form.cleaned_data)
        share_list, share_rows = filled_shares(formset)
        # Keys of the definition this form does not edit are carried over unchanged.
        definition = dict(service.current.definition) if service and service.current else {}
        citizen = values.pop("citizen_fee")
        definition.pop("citizen_paise", None)
        if citizen is not None:
            definition["citizen_paise"] = citizen
        definition.update(
            fee_paise=values.pop("fee"),
            shares=share_list,
            fields=values.pop("fields_json"),
            documents=values.pop("documents_json"),
            workflow=values.pop("workflow_json"),
        )
        version_seen = values.pop("version")
        values["appellate"] = values["appellate"] or None
        if service:  # its area and code are not the form's to change
            values.update(area=service.area, code=service.code)
        try:
            version = services.service_publish(
                actor=request.user,
                definition=definition,
                expected_version=(version_seen or -1) if service else 0,
                **values,
            )
        except ValidationError as error:
            add_publish_errors(form, formset, error, share_rows)
        except StaleVersion as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(
                request,
                _("Version %(number)s of the service is published.") % {"number": version.number},
            )
            for name, removed in form.removed.items():
                messages.warning(
                    request,
                    _(
                        "“%(template)s”: removed %(removed)s, because a certificate may not "
                        "contain them. Check the certificate before it is issued."
                    )
                    % {"template": form.fields[name].label, "removed": removed.describe()},
                )
            return redirect("catalogue:service_detail", version.service_id)
    context = {
        "form": form,
        "formset": formset,
        "service": service,
        "placeholders": sorted(services.STANDARD_PLACEHOLDERS),
    }
    return render(request, "catalogue/service_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def service_create(request: AuthedRequest) -> HttpResponse:
    areas = selectors.service_areas(user=request.user)
    if not areas.exists():
        raise PermissionDenied
    initial = {
        "area": areas.first(),
        "fields_json": pretty_json([]),
        "documents_json": pretty_json([]),
        "workflow_json": pretty_json(NEW_WORKFLOW),
        "fee": "0",
    }
    return _publish_page(request, areas=areas, service=None, initial=initial, shares=[])


@login_required
@require_http_methods(["GET", "POST"])
def service_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    service = selectors.service_get(user=request.user, pk=pk)
    version = service.current
    if not selectors.service_can_manage(request.user, service) or version is None:
        raise PermissionDenied
    return _publish_page(
        request,
        areas=Area.objects.filter(pk=service.area_id),
        service=service,
        initial=_initial(service, version),
        shares=version.definition.get("shares", []),
    )
