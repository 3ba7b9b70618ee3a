"""Centre pages: the registry, operators and their IDs, lists people ask for, quotas, surprise
draws, the inspection form (built for a phone at the kiosk), approvals, saved sets, and the
public kiosk locator."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from degs.accounts.roles import Capability
from degs.accounts.selectors import require_section, user_can
from degs.centres import selectors, services, workflow
from degs.centres.choices import CentreStatus, Premises
from degs.centres.filters import CentreFilterSet, InspectionFilterSet, OperatorFilterSet
from degs.centres.forms import (
    CentreForm,
    CentreSetForm,
    DecisionForm,
    DirectiveLinkForm,
    FineWaiveForm,
    InspectionForm,
    OperatorForm,
    OperatorIdForm,
    OperatorIdUpdateForm,
    TransitionForm,
)
from degs.centres.importing import may_export
from degs.centres.models import Centre, Inspection, Operator, OperatorId
from degs.core.downloads import stored_file_response
from degs.core.exceptions import InvalidTransition, PermissionDenied, StaleVersion
from degs.core.filters import ScopedFilterSet
from degs.core.forms import REFUSALS, service_on_form
from degs.core.generic import ScopedDetailView, ServiceFormView, TransitionView
from degs.core.lists import ScopedListView
from degs.core.pagination import paginate
from degs.core.typing import AuthedRequest
from degs.directory.models import Area
from degs.directory.selectors import district_setting


def _require(request: AuthedRequest, capability: str) -> None:
    if not user_can(request.user, capability):
        raise PermissionDenied


def _can_see_centres(request: AuthedRequest) -> None:
    require_section(request.user, "centres")


# --- the registry ------------------------------------------------------------------------------


class CentreListView(ScopedListView):
    """Every centre the user sees, filtered; the same filters feed the export."""

    filterset_class = CentreFilterSet
    template_name = "centres/centre_list.html"

    section = "centres"

    def extra_context(self, request: HttpRequest, filterset: ScopedFilterSet) -> dict[str, Any]:
        return {
            "query": filterset.query(),
            "can_manage": user_can(request.user, Capability.CENTRES_MANAGE),
        }


centre_list = CentreListView.as_view()


def _centre_form(request: AuthedRequest, data: Any = None, **kwargs: Any) -> CentreForm:
    return CentreForm(
        data,
        areas=selectors.served_areas(user=request.user),
        operators=selectors.operator_choices(user=request.user),
        services=selectors.centre_service_list(),
        **kwargs,
    )


def _centre_values(form: CentreForm) -> dict[str, Any]:
    data = dict(form.cleaned_data)
    data.pop("version", None)
    data.pop("code", None)
    data["services"] = list(data["services"])
    for key in ("name_hi", "address", "address_hi", "pincode", "phone", "opening_hours"):
        data[key] = data.get(key) or ""
    return data


class CentreCreateView(ServiceFormView):
    """A centre registered as proposed, by those who manage centres."""

    form_class = CentreForm
    template_name = "centres/centre_form.html"
    capability = Capability.CENTRES_MANAGE
    success_message = gettext_lazy("The centre is registered as proposed.")
    success_url_name = "centres:centre_detail"
    refusals = (StaleVersion,)

    def get_form(self, request: AuthedRequest, data: Any = None, files: Any = None) -> CentreForm:
        return _centre_form(request, data)

    def perform(self, request: AuthedRequest, form: Any) -> Centre:
        values = _centre_values(form)
        return services.centre_create(actor=request.user, code=form.cleaned_data["code"], **values)


centre_create = CentreCreateView.as_view()


class CentreEditView(ServiceFormView):
    """A centre's particulars changed, checked against the version the form was drawn from."""

    form_class = CentreForm
    template_name = "centres/centre_form.html"
    success_message = gettext_lazy("The centre is saved.")
    refusals = (StaleVersion,)

    def get_object(self, request: AuthedRequest) -> Centre:
        return selectors.centre_get(user=request.user, pk=self.kwargs["pk"])

    def gate_object(self, request: HttpRequest, obj: Centre) -> None:
        if not selectors.centre_can_manage(request.user, obj):
            raise PermissionDenied

    def get_form(self, request: AuthedRequest, data: Any = None, files: Any = None) -> CentreForm:
        centre = self.object
        initial = {
            field: getattr(centre, field)
            for field in services.CENTRE_FIELDS | {"code", "version"}
            if hasattr(centre, field)
        }
        initial["services"] = list(centre.services.all())
        initial["operator"] = centre.operator
        return _centre_form(request, data, initial=initial, editing=True)

    def perform(self, request: AuthedRequest, form: Any) -> Any:
        version = form.cleaned_data["version"] or 0
        values = _centre_values(form)
        return services.centre_update(
            actor=request.user, centre=self.object, version=version, **values
        )

    def get_success_url(self, result: Any) -> str:
        return reverse("centres:centre_detail", args=[self.object.pk])

    def get_context_data(self, request: AuthedRequest, form: Any) -> dict[str, Any]:
        return {"form": form, "centre": self.object}


centre_edit = CentreEditView.as_view()


def _centre_context(request: AuthedRequest, centre: Centre) -> dict[str, Any]:
    can_manage = selectors.centre_can_manage(request.user, centre)
    today = timezone.localdate()
    return {
        "centre": centre,
        "trail": selectors.centre_area_trail(centre),
        "history": selectors.centre_history(centre=centre),
        "inspections": selectors.inspection_list(user=request.user, centre=centre)[:20],
        "ids": selectors.operator_ids(operator=centre.operator) if centre.operator else [],
        "can_manage": can_manage,
        "can_inspect": selectors.centre_can_inspect(request.user, centre)
        and centre.status in (CentreStatus.ACTIVE, CentreStatus.SUSPENDED),
        "actions": [
            (
                t,
                TransitionForm(
                    initial={"action": t.action, "version": centre.version, "effective_on": today},
                    prefix=t.action,
                ),
            )
            for t in workflow.CENTRE.available(centre, request.user)
        ]
        if can_manage
        else [],
    }


centre_detail = ScopedDetailView.as_view(
    read=selectors.centre_get,
    template_name="centres/centre_detail.html",
    page_context=_centre_context,
)


class CentreTransitionView(TransitionView):
    """Activate, suspend, restore, close or reopen, with date, reason and order reference;
    refused, the centre's page again with the action's form open, as typed, and why."""

    form_class = TransitionForm
    template_name = "centres/centre_detail.html"
    success_message = gettext_lazy("The centre's status is changed.")
    read = staticmethod(selectors.centre_get)
    service = staticmethod(services.centre_transition)
    subject = "centre"
    success_url_name = "centres:centre_detail"

    def get_form(self, request: AuthedRequest) -> TransitionForm:
        return TransitionForm(request.POST, prefix=request.POST.get("action_name", ""))

    def get_context_data(self, request: AuthedRequest, obj: Centre, form: Any) -> dict[str, Any]:
        action = request.POST.get("action_name", "")
        context = _centre_context(request, obj)
        context["actions"] = [(t, form if t.action == action else f) for t, f in context["actions"]]
        context["open_action"] = action
        return context


centre_transition = CentreTransitionView.as_view()


# --- operators and IDs -------------------------------------------------------------------------


class OperatorListView(ScopedListView):
    """The operators the user sees, filtered; the same filters feed the export."""

    filterset_class = OperatorFilterSet
    template_name = "centres/operator_list.html"

    section = "centres"

    def extra_context(self, request: HttpRequest, filterset: ScopedFilterSet) -> dict[str, Any]:
        return {
            "can_manage": user_can(request.user, Capability.CENTRES_MANAGE),
            "can_export": may_export(request.user, "operators"),
            "can_export_ids": may_export(request.user, "operator_ids"),
        }


operator_list = OperatorListView.as_view()


def _operator_values(form: OperatorForm) -> dict[str, Any]:
    data = dict(form.cleaned_data)
    data.pop("version", None)
    data["name_hi"] = data.get("name_hi") or ""
    data["email"] = data.get("email") or ""
    return data


class OperatorCreateView(ServiceFormView):
    """An operator added by those who manage centres, in the areas they serve."""

    form_class = OperatorForm
    template_name = "centres/operator_form.html"
    capability = Capability.CENTRES_MANAGE
    success_message = gettext_lazy("The operator is added.")
    success_url_name = "centres:operator_detail"
    refusals = (StaleVersion,)

    def get_form_kwargs(self, request: AuthedRequest) -> dict[str, Any]:
        return {"areas": selectors.served_areas(user=request.user)}

    def perform(self, request: AuthedRequest, form: Any) -> Operator:
        return services.operator_create(actor=request.user, **_operator_values(form))


operator_create = OperatorCreateView.as_view()


class OperatorEditView(ServiceFormView):
    """An operator's particulars changed, checked against the version the form was drawn
    from; an Aadhaar number typed replaces the one on record."""

    form_class = OperatorForm
    template_name = "centres/operator_form.html"
    success_message = gettext_lazy("The operator is saved.")
    refusals = (StaleVersion,)

    def get_object(self, request: AuthedRequest) -> Operator:
        return selectors.operator_get(user=request.user, pk=self.kwargs["pk"])

    def gate_object(self, request: HttpRequest, obj: Operator) -> None:
        if not user_can(request.user, Capability.CENTRES_MANAGE, obj.area):
            raise PermissionDenied

    def get_initial(self, request: AuthedRequest) -> dict[str, Any]:
        fields = ("name", "name_hi", "mobile", "email", "area", "version")
        return {field: getattr(self.object, field) for field in fields}

    def get_form_kwargs(self, request: AuthedRequest) -> dict[str, Any]:
        return {"areas": selectors.served_areas(user=request.user)}

    def perform(self, request: AuthedRequest, form: Any) -> Any:
        values = _operator_values(form)
        aadhaar = values.pop("aadhaar") or None
        version = form.cleaned_data["version"] or 0
        return services.operator_update(
            actor=request.user, operator=self.object, version=version, aadhaar=aadhaar, **values
        )

    def get_success_url(self, result: Any) -> str:
        return reverse("centres:operator_detail", args=[self.object.pk])

    def get_context_data(self, request: AuthedRequest, form: Any) -> dict[str, Any]:
        return {"form": form, "operator": self.object}


operator_edit = OperatorEditView.as_view()


def _operator_context(request: AuthedRequest, operator: Operator, **extra: Any) -> dict[str, Any]:
    can_manage = user_can(request.user, Capability.CENTRES_MANAGE, operator.area)
    ids = selectors.operator_ids(operator=operator)
    context = {
        "operator": operator,
        "centres": selectors.operator_centres(user=request.user, operator=operator),
        "rows": [
            (
                record,
                OperatorIdUpdateForm(
                    initial={
                        "version": record.version,
                        "status": record.status,
                        "application_reference": record.application_reference,
                        "number": record.number,
                        "decided_on": record.decided_on,
                        "remarks": record.remarks,
                    },
                    prefix=f"id{record.pk}",
                ),
            )
            for record in ids
        ],
        "id_form": OperatorIdForm(
            id_types=selectors.id_types_for(area=operator.area).exclude(
                pk__in=[r.id_type_id for r in ids]
            ),
            initial={"applied_on": timezone.localdate()},
        ),
        "can_manage": can_manage,
        "history": selectors.operator_history(operator=operator),
    }
    context.update(extra)
    return context


operator_detail = ScopedDetailView.as_view(
    read=selectors.operator_get,
    template_name="centres/operator_detail.html",
    page_context=_operator_context,
)


class OperatorIdAddView(TransitionView):
    """An ID applied for (or held) by the operator, from their page; refused, the page again
    with the form as typed and why."""

    form_class = OperatorIdForm
    template_name = "centres/operator_detail.html"
    success_message = gettext_lazy("The ID is recorded.")
    refusals = (StaleVersion,)
    read = staticmethod(selectors.operator_get)
    service = staticmethod(services.operator_id_record)
    subject = "operator"
    page_context = staticmethod(_operator_context)
    form_context_name = "id_form"
    success_url_name = "centres:operator_detail"

    def get_form(self, request: AuthedRequest) -> OperatorIdForm:
        id_types = selectors.id_types_for(area=self.object.area)
        return OperatorIdForm(request.POST, id_types=id_types)


operator_id_add = OperatorIdAddView.as_view()


class OperatorIdUpdateView(TransitionView):
    """One ID's status, number and dates, from its row on the operator's page; refused, the
    page again with the row's form as typed and why."""

    form_class = OperatorIdUpdateForm
    template_name = "centres/operator_detail.html"
    success_message = gettext_lazy("The ID is saved.")
    refusals = (InvalidTransition, StaleVersion)
    read = staticmethod(selectors.operator_id_get)
    service = staticmethod(services.operator_id_update)
    subject = "record"
    success_url_name = "centres:operator_detail"

    def get_form(self, request: AuthedRequest) -> OperatorIdUpdateForm:
        return OperatorIdUpdateForm(request.POST, prefix=f"id{self.object.pk}")

    def get_success_url(self, obj: OperatorId) -> str:
        return reverse("centres:operator_detail", args=[obj.operator_id])

    def get_context_data(
        self, request: AuthedRequest, obj: OperatorId, form: Any
    ) -> dict[str, Any]:
        context = _operator_context(request, obj.operator)
        context["rows"] = [(r, form if r.pk == obj.pk else f) for r, f in context["rows"]]
        return context


operator_id_update = OperatorIdUpdateView.as_view()


# --- lists people ask for ----------------------------------------------------------------------

LISTS = ("without_id", "ids_pending", "uncovered", "ration_dealers")


@login_required
@require_GET
def report(request: AuthedRequest, name: str) -> HttpResponse:
    """Operators without an ID, IDs pending for long, panchayats without a centre, ration
    dealers not yet registered."""
    _can_see_centres(request)
    if name not in LISTS:
        raise Http404
    id_types = selectors.id_types_visible(user=request.user)
    codes = sorted({(t.code, t.label) for t in id_types})
    id_code = request.GET.get("id") or (codes[0][0] if codes else "")
    premises = request.GET.get(
        "premises", Premises.PANCHAYAT_BHAWAN if name == "without_id" else ""
    )
    if premises not in Premises.values:
        premises = ""
    days_text = request.GET.get("days", "30")
    days = int(days_text) if days_text.isdigit() and len(days_text) < 5 else 30
    context: dict[str, Any] = {
        "name": name,
        "codes": codes,
        "id_code": id_code,
        "premises": premises,
        "premises_choices": Premises.choices,
        "days": days,
    }
    if name == "without_id":
        page = paginate(
            request,
            selectors.centres_without_id(user=request.user, id_code=id_code, premises=premises),
        )
        context["page"] = page
        context["rows"] = selectors.with_id_records(page.object_list, id_code)
    elif name == "ids_pending":
        context["page"] = paginate(
            request, selectors.ids_pending(user=request.user, days=days, id_code=id_code)
        )
    elif name == "uncovered":
        context["page"] = paginate(request, selectors.panchayats_without_centre(user=request.user))
    else:
        context["page"] = paginate(request, selectors.ration_dealers_pending(user=request.user))
    return render(request, "centres/report.html", context)


# --- quotas, draws, inspections ----------------------------------------------------------------


@login_required
@require_GET
def inspections(request: AuthedRequest) -> HttpResponse:
    """This period's quotas and draws, recommendations awaiting approval, recent inspections."""
    _can_see_centres(request)
    context = {
        "quotas": selectors.quota_progress(user=request.user),
        "awaiting": selectors.inspection_list(user=request.user, awaiting=True)[:50],
        # The API's filter set: the "inspections done" figure links here with its filters.
        "recent": paginate(
            request, InspectionFilterSet(request.GET or None, user=request.user).qs, 25
        ),
        "filtered": any(k != "page" for k in request.GET),
    }
    return render(request, "centres/inspections.html", context)


@login_required
@require_POST
def draw_create(request: AuthedRequest, pk: int) -> HttpResponse:
    quota = selectors.quota_get(user=request.user, pk=pk)
    draw, _created = services.draw_create(actor=request.user, quota=quota)
    return redirect("centres:draw_detail", draw.pk)


@login_required
@require_GET
def draw_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    draw = selectors.draw_get(user=request.user, pk=pk)
    items = selectors.draw_items(draw=draw)
    done = sum(1 for item in items if list(item.inspections.all()))
    return render(request, "centres/draw_detail.html", {"draw": draw, "items": items, "done": done})


def _fetching(request: HttpRequest) -> bool:
    return request.headers.get("X-DEGS-Fetch") == "1"


@login_required
@require_http_methods(["GET", "POST"])
def inspection_create(request: AuthedRequest, pk: int) -> HttpResponse:
    """The inspection form. Sent by the page's script, a failed network keeps what was typed;
    the same form sent twice records one inspection."""
    centre = selectors.centre_get(user=request.user, pk=pk)
    if not selectors.centre_can_inspect(request.user, centre):
        raise PermissionDenied
    questions = services.checklist_for(centre.area)
    form = InspectionForm(
        request.POST or None,
        questions=questions,
        initial={"visited_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        finding = services.Finding(
            answers=form.answers(),
            result=data["result"],
            recommendation=data["recommendation"],
            remarks=data["remarks"],
            fine_amount=data["fine_amount"],
            suspension_days=data["suspension_days"],
        )
        recorded = service_on_form(
            form,
            lambda: services.inspection_record(
                actor=request.user,
                centre=centre,
                client_token=data["client_token"],
                finding=finding,
                visited_on=data["visited_on"],
                latitude=data["latitude"],
                longitude=data["longitude"],
                accuracy_m=data["accuracy_m"],
                photos=request.FILES.getlist("photos"),
            ),
            REFUSALS,
        )
        if recorded:
            inspection, created = recorded
            if created:
                messages.success(request, _("The inspection is recorded."))
            else:
                messages.info(request, _("This inspection was already recorded."))
            url = reverse("centres:inspection_detail", args=[inspection.pk])
            if _fetching(request):
                return JsonResponse({"redirect": url})
            return redirect(url)
    status = 400 if request.method == "POST" else 200
    context = {"centre": centre, "form": form}
    return render(request, "centres/inspection_form.html", context, status=status)


def _district_settings_url(request: AuthedRequest, inspection: Inspection) -> str:
    """Where the approver may change the distance limit, if they may."""
    setting = district_setting(inspection.centre.area)
    if setting.district_id is None or not user_can(
        request.user, Capability.DIRECTORY_MANAGE, setting.district
    ):
        return ""
    return reverse("directory:district_settings", args=[setting.district_id])


def _inspection_context(request: AuthedRequest, inspection: Inspection) -> dict[str, Any]:
    parts = selectors.inspection_parts(request.user, inspection)
    questions = services.checklist_for(inspection.centre.area)
    return {
        "inspection": inspection,
        "answers": [(q, inspection.answers.get(q.code, "")) for q in questions],
        "can_decide": "decide" in parts,
        "decision_form": DecisionForm(initial={"version": inspection.version}),
        "decision_buttons": workflow.decision_buttons(inspection, request.user),
        "position_warning": services.position_warning(inspection),
        "can_waive": "waive_fine" in parts,
        "waive_form": FineWaiveForm(initial={"version": inspection.version}),
        "setting_url": _district_settings_url(request, inspection) if "decide" in parts else "",
    }


inspection_detail = ScopedDetailView.as_view(
    read=selectors.inspection_get,
    template_name="centres/inspection_detail.html",
    page_context=_inspection_context,
)


class InspectionDecideView(TransitionView):
    """The approver's decision on an inspection's recommendation; refused, the inspection's
    page again with the decision as typed and why."""

    form_class = DecisionForm
    template_name = "centres/inspection_detail.html"
    refusals = (InvalidTransition, StaleVersion)
    read = staticmethod(selectors.inspection_get)
    service = staticmethod(services.inspection_decide)
    subject = "inspection"
    page_context = staticmethod(_inspection_context)
    form_context_name = "decision_form"

    def get_success_message(self, result: Any) -> str:
        if self.form.cleaned_data["approve"]:
            return str(_("Approved: the centre's status is changed."))
        return str(_("The recommendation is not approved."))

    def get_success_url(self, obj: Inspection) -> str:
        return reverse("centres:centre_detail", args=[obj.centre_id])


inspection_decide = InspectionDecideView.as_view()


class InspectionFineWaiveView(TransitionView):
    """Waive an inspection's fine, with the reason; refused, the page again with why."""

    form_class = FineWaiveForm
    template_name = "centres/inspection_detail.html"
    success_message = gettext_lazy("The fine is waived and its ledger posting reversed.")
    refusals = (InvalidTransition, StaleVersion)
    read = staticmethod(selectors.inspection_get)
    service = staticmethod(services.inspection_fine_waive)
    subject = "inspection"
    page_context = staticmethod(_inspection_context)
    form_context_name = "waive_form"
    success_url_name = "centres:inspection_detail"


inspection_fine_waive = InspectionFineWaiveView.as_view()


@login_required
@require_GET
def photo(request: AuthedRequest, pk: int) -> FileResponse:
    item = selectors.inspection_photo_get(user=request.user, pk=pk)
    extension = "png" if item.content_type == "image/png" else "jpg"
    # Re-encoded without metadata when stored (services.inspection_record): shown in the page.
    return stored_file_response(
        item.file,
        filename=f"inspection-{item.inspection_id}-{item.pk}.{extension}",
        content_type=item.content_type,
        inline=True,
    )


# --- saved sets --------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def set_list(request: AuthedRequest) -> HttpResponse:
    _can_see_centres(request)
    form = CentreSetForm(
        request.POST or None,
        areas=selectors.filter_areas(user=request.user),
        id_types=selectors.id_types_visible(user=request.user),
    )
    if request.method == "POST" and form.is_valid():
        centre_set = service_on_form(
            form, lambda: services.centre_set_create(actor=request.user, **form.cleaned_data)
        )
        if centre_set:
            messages.success(request, _("The set is saved."))
            return redirect("centres:set_detail", centre_set.pk)
    # Each set's progress is one query over its own filter: a page holds at most 20 sets.
    page = paginate(request, selectors.centre_set_list(user=request.user), 20)
    sets = [(s, s.progress()) for s in page]
    status = 400 if request.method == "POST" else 200
    context = {"sets": sets, "page": page, "form": form}
    return render(request, "centres/set_list.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def set_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """A saved set's members and progress; link it to a directive so the directive shows it."""
    from degs.reviews import selectors as review_selectors
    from degs.reviews import services as review_services

    centre_set = selectors.centre_set_get(user=request.user, pk=pk)
    form = DirectiveLinkForm(
        request.POST or None,
        directives=review_selectors.open_directives_in_district(
            user=request.user, area=centre_set.area
        ),
    )
    if request.method == "POST" and form.is_valid():
        directive = form.cleaned_data["directive"]
        if service_on_form(
            form,
            lambda: review_services.directive_set_target(
                actor=request.user,
                directive=directive,
                target=centre_set,
                version=directive.version,
            ),
            REFUSALS,
        ):
            messages.success(request, _("The directive now follows this set."))
            return redirect("reviews:directive_detail", directive.pk)
    done, total = centre_set.progress()
    members = centre_set.members().select_related("area", "operator").order_by("code")
    context = {
        "centre_set": centre_set,
        "done": done,
        "total": total,
        "page": paginate(request, members),
        "form": form,
        "linked": review_selectors.directives_about(user=request.user, target=centre_set),
    }
    return render(request, "centres/set_detail.html", context)


# --- the public kiosk locator ------------------------------------------------------------------


def _number(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 10 else None


@require_GET
def locator(request: HttpRequest) -> HttpResponse:
    """Find a kiosk without signing in: district, block, panchayat; only active centres."""
    district = _number(request.GET.get("district"))
    block = _number(request.GET.get("block"))
    panchayat = _number(request.GET.get("panchayat"))
    q = (request.GET.get("q") or "").strip()[:100]
    districts, blocks, panchayats = selectors.locator_choices(district=district, block=block)
    chosen: Area | None = next((p for p in panchayats if p.pk == panchayat), None)
    chosen = chosen or next((b for b in blocks if b.pk == block), None)
    if chosen is None and q:
        chosen = next((d for d in districts if d.pk == district), None)
    centres = selectors.locator_centres(area=chosen, q=q)
    context = {
        "districts": districts,
        "blocks": blocks,
        "panchayats": panchayats,
        # not "block": the {% block %} tag puts its own variable of that name in the context
        "district_id": district,
        "block_id": block,
        "panchayat_id": panchayat,
        "q": q,
        "chosen": chosen,
        "page": paginate(request, centres, 25) if chosen else None,
        "query": request.GET.urlencode(),
    }
    template = (
        "centres/partials/locator_results.html"
        if request.headers.get("HX-Request")
        else "centres/locator.html"
    )
    return render(request, template, context)
