"""Pages of the assets app's register part: the equipment register (and its CSV and Excel
export and QR label sheet), an asset's page with its status buttons and its move to another
office, the asset form, the register import, and the state's lists of categories, makes and
models and suppliers."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from degs.applications.documents import qr_svg
from degs.assets import importing, workflow
from degs.assets.filters.register import AssetFilterSet
from degs.assets.forms.register import (
    AssetForm,
    AssetStepForm,
    CategoryForm,
    EquipmentModelForm,
    MoveForm,
    SupplierForm,
    asset_initial,
)
from degs.assets.models import (
    Asset,
    Category,
    EquipmentModel,
    ProcurementCase,
    Supplier,
    Ticket,
)
from degs.assets.selectors import register as selectors
from degs.assets.services import register as services
from degs.core.downloads import file_response
from degs.core.exceptions import PermissionDenied
from degs.core.filters import ScopedFilterSet
from degs.core.generic import ScopedDetailView, ServiceFormView, TransitionView
from degs.core.lists import ScopedListView
from degs.core.pdf import html_to_pdf
from degs.core.permissions import require_section, user_can
from degs.core.site import absolute_url
from degs.core.typing import AuthedRequest
from degs.core.years import financial_year_of
from degs.imports.views import ImportPages

SECTION = "assets"
# One sheet of labels: 3 across, 8 down on A4; at most ten sheets at once.
LABELS_PER_SHEET = 24
MOST_LABELS = 240

EVENT_LABELS = {
    "register": gettext_lazy("Entered in the register"),
    "changed": gettext_lazy("Particulars changed"),
    "move": gettext_lazy("Moved to another office"),
    "verify": gettext_lazy("Physically verified"),
}


def event_label(event: Any) -> str:
    step = workflow.ASSETS.find(event.action)
    if step is not None:
        return str(step.title)
    return str(EVENT_LABELS.get(event.action, event.action))


def _cases(user: Any) -> Any:
    return ProcurementCase.objects.visible_to(user)


# --- the register ------------------------------------------------------------------------------


class AssetListView(ScopedListView):
    """Every asset the user sees, filtered; CSV and Excel (the import's columns) and the QR
    label sheet with the same query."""

    filterset_class = AssetFilterSet
    template_name = "assets/register_list.html"
    section = SECTION
    export_formats = importing.FORMATS

    def export(self, filterset: ScopedFilterSet, fmt: str) -> HttpResponse:
        content, content_type = importing.assets_table(filterset.qs, fmt)
        name = f"degs-assets-{timezone.localdate():%Y-%m-%d}.{fmt}"
        return file_response(content, filename=name, content_type=content_type)

    def extra_context(self, request: HttpRequest, filterset: ScopedFilterSet) -> dict[str, Any]:
        return {"can_manage": user_can(request.user, workflow.MANAGE)}


asset_list = AssetListView.as_view()


def label_sheets(assets: list[Asset]) -> list[list[dict[str, Any]]]:
    """The labels in sheets of 24: each with the QR code of the asset's page address."""
    labels = [
        {
            "asset": asset,
            "url": absolute_url(reverse("assets:asset_detail", args=[asset.pk])),
        }
        for asset in assets
    ]
    for label in labels:
        label["qr"] = qr_svg(label["url"], "26mm")
    return [labels[i : i + LABELS_PER_SHEET] for i in range(0, len(labels), LABELS_PER_SHEET)]


@login_required
@require_GET
def asset_labels(request: AuthedRequest) -> HttpResponse:
    """A PDF of QR labels (A4, 3 by 8) for the assets of the register's filter, at most 240."""
    require_section(request.user, SECTION)
    filterset = AssetFilterSet(request.GET or None, user=request.user, request=request)
    assets = list(filterset.qs[: MOST_LABELS + 1])
    cut = len(assets) > MOST_LABELS
    html = render_to_string(
        "assets/labels_pdf.html",
        {"sheets": label_sheets(assets[:MOST_LABELS]), "cut": cut},
        request=request,
    )
    name = f"degs-asset-labels-{timezone.localdate():%Y-%m-%d}.pdf"
    return file_response(html_to_pdf(html), filename=name, content_type="application/pdf")


def _asset_context(request: AuthedRequest, asset: Asset) -> dict[str, Any]:
    events = selectors.asset_events(asset=asset)
    office_ids = {
        pk
        for e in events
        if e.action == "move"
        for pk in (e.data.get("from_office"), e.data.get("to_office"))
        if pk
    }
    offices = selectors.offices_named(office_ids)
    rows = []
    for event in events:
        moved = ""
        if event.action == "move":
            before = offices.get(event.data.get("from_office"))
            after = offices.get(event.data.get("to_office"))
            moved = f"{before.label if before else '—'} → {after.label if after else '—'}"
        rows.append((event, event_label(event), moved))
    today = timezone.localdate()
    year = financial_year_of(today)
    verifications = selectors.asset_verifications(asset=asset)
    return {
        "asset": asset,
        "actions": workflow.ASSETS.available(asset, request.user),
        "can_manage": user_can(request.user, workflow.MANAGE, asset.area),
        "can_verify": user_can(request.user, workflow.REPORT, asset.area)
        and not any(v.year == year for v in verifications),
        "events": rows,
        "verifications": verifications,
        "year": year,
        "today": today,
        "tickets": list(
            Ticket.objects.filter(asset=asset)
            .select_related("priority")
            .order_by("-opened_at")[:20]
        ),
        "move_form": MoveForm(
            initial={"office": asset.office_id, "post": asset.post_id, "version": asset.version},
            offices=selectors.office_choices(user=request.user),
            posts=selectors.post_choices(user=request.user),
        ),
    }


asset_detail = ScopedDetailView.as_view(
    read=selectors.asset_get,
    template_name="assets/register_detail.html",
    page_context=_asset_context,
)


class AssetStepView(TransitionView):
    """Issue, store, repair, condemn or dispose of from the asset's page."""

    form_class = AssetStepForm
    section = SECTION
    template_name = "assets/register_detail.html"
    success_message = gettext_lazy("The asset's status is changed.")
    read = staticmethod(selectors.asset_get)
    service = staticmethod(services.asset_step)
    subject = "asset"
    page_context = staticmethod(_asset_context)


class AssetMoveView(TransitionView):
    """Move to another custodian office (and post), from the asset's page."""

    form_class = MoveForm
    section = SECTION
    template_name = "assets/register_detail.html"
    success_message = gettext_lazy("The asset is moved.")
    read = staticmethod(selectors.asset_get)
    service = staticmethod(services.asset_move)
    subject = "asset"
    form_context_name = "move_form"

    def gate_object(self, request: HttpRequest, obj: Asset) -> None:
        if not user_can(request.user, workflow.MANAGE, obj.area):
            raise PermissionDenied

    def get_form(self, request: AuthedRequest) -> Any:
        return MoveForm(
            request.POST,
            offices=selectors.office_choices(user=request.user),
            posts=selectors.post_choices(user=request.user),
        )

    def get_context_data(self, request: AuthedRequest, obj: Any, form: Any) -> dict[str, Any]:
        return {**_asset_context(request, obj), "move_form": form, "move_open": True}


class _AssetFormView(ServiceFormView):
    form_class = AssetForm
    template_name = "assets/register_form.html"
    section = SECTION

    def choices(self, request: AuthedRequest) -> dict[str, Any]:
        return {
            "offices": selectors.office_choices(user=request.user),
            "posts": selectors.post_choices(user=request.user),
            "cases": _cases(request.user),
        }


class AssetCreateView(_AssetFormView):
    """An asset entered in the register by those who manage equipment."""

    capability = workflow.MANAGE
    success_message = gettext_lazy("The asset is entered in the register.")

    def get_form_kwargs(self, request: AuthedRequest) -> dict[str, Any]:
        return self.choices(request)

    def perform(self, request: AuthedRequest, form: Any) -> Asset:
        return services.asset_add(actor=request.user, **form.values())


class AssetEditView(_AssetFormView):
    """An asset's particulars changed, checked against the version the form was drawn from."""

    success_message = gettext_lazy("The asset is saved.")

    def get_object(self, request: AuthedRequest) -> Asset:
        return selectors.asset_get(user=request.user, pk=self.kwargs["pk"])

    def gate_object(self, request: HttpRequest, obj: Asset) -> None:
        if not user_can(request.user, workflow.MANAGE, obj.area):
            raise PermissionDenied

    def get_initial(self, request: AuthedRequest) -> dict[str, Any]:
        return asset_initial(self.object)

    def get_form_kwargs(self, request: AuthedRequest) -> dict[str, Any]:
        return {**self.choices(request), "editing": True}

    def perform(self, request: AuthedRequest, form: Any) -> Asset:
        return services.asset_edit(
            actor=request.user,
            asset=self.object,
            version=form.cleaned_data["version"] or 0,
            **form.values(),
        )

    def get_context_data(self, request: AuthedRequest, form: Any) -> dict[str, Any]:
        return {"form": form, "asset": self.object}


# --- the import -------------------------------------------------------------------------------


IMPORT_PAGES = ImportPages(
    kinds=importing.KINDS,
    template="assets/register_import.html",
    upload_url="assets:asset_import",
    apply_url="assets:asset_import_apply",
    progress_url="assets:asset_import_progress",
    batch_url=lambda pk: f"{reverse('assets:asset_import')}?batch={pk}",
    help_text=gettext_lazy(
        "The first row names the columns. An export of the register, or the empty template, "
        "has them."
    ),
    dry_run_on_upload=True,
    say_unchanged=True,
    template_url=lambda kind, fmt: reverse("assets:asset_import_template", args=[fmt]),
    notes=(
        gettext_lazy(
            "Columns marked * are required. Write the column names in English, in lower case."
        ),
        gettext_lazy(
            "An asset is named by its tag or, without a tag, by its make, model and serial "
            "number: a known one is changed, a new one added (with the next free tag when the "
            "row has none). Importing the same file again changes nothing."
        ),
        gettext_lazy(
            "The office is its office code (`office_code`), or the LGD code of its area "
            "(`lgd_code`) with the office's name (`office_name`)."
        ),
        gettext_lazy(
            "The office and the status (`in_store`, `issued`, `under_repair`, `condemned`, "
            "`disposed`) are read only for a new asset; after that it moves and changes "
            "status on its page."
        ),
        gettext_lazy(
            "Cost in rupees with paise after the point (42500.50). Dates: DD-MM-YYYY or "
            "YYYY-MM-DD. A make and model not yet known is added in the category named."
        ),
    ),
)


@login_required
@require_GET
def asset_import_template(request: AuthedRequest, fmt: str) -> HttpResponse:
    """The import's empty template (CSV or XLSX)."""
    if fmt not in importing.FORMATS:
        raise Http404
    content, content_type = importing.assets_template(fmt)
    return file_response(content, filename=f"degs-assets-template.{fmt}", content_type=content_type)


# --- categories, makes and models, suppliers ----------------------------------------------------


@login_required
@require_GET
def category_list(request: AuthedRequest) -> HttpResponse:
    """Categories with their makes and models: the state's lists."""
    require_section(request.user, SECTION)
    return render(
        request,
        "assets/categories_list.html",
        {
            "categories": selectors.category_list(),
            "models": selectors.model_list(),
            "can_manage": services.may_manage_master(request.user),
        },
    )


@login_required
@require_GET
def supplier_list(request: AuthedRequest) -> HttpResponse:
    require_section(request.user, SECTION)
    return render(
        request,
        "assets/suppliers_list.html",
        {
            "suppliers": selectors.supplier_list(),
            "can_manage": services.may_manage_master(request.user),
        },
    )


class _MasterFormView(ServiceFormView):
    """A form of the state's lists (categories, makes and models, suppliers)."""

    template_name = "assets/master_form.html"
    section = SECTION
    title: Any = ""
    back = "assets:category_list"
    row_model: Any = None

    def gate(self, request: HttpRequest) -> None:
        super().gate(request)
        if not services.may_manage_master(request.user):
            raise PermissionDenied

    def get_object(self, request: AuthedRequest) -> Any:
        if "pk" not in self.kwargs:
            return None
        return get_object_or_404(self.row_model, pk=self.kwargs["pk"])

    def get_form_kwargs(self, request: AuthedRequest) -> dict[str, Any]:
        if self.object is None:
            return {}
        return {"instance": self.row_model.objects.get(pk=self.object.pk)}

    def get_success_url(self, result: Any) -> str:
        return reverse(self.back)

    def get_context_data(self, request: AuthedRequest, form: Any) -> dict[str, Any]:
        return {"form": form, "title": self.title, "back": reverse(self.back)}


class CategoryFormView(_MasterFormView):
    form_class = CategoryForm
    row_model = Category
    title = gettext_lazy("Equipment category")
    success_message = gettext_lazy("The category is saved.")

    def perform(self, request: AuthedRequest, form: Any) -> Category:
        return services.category_save(actor=request.user, category=self.object, **form.cleaned_data)


class ModelFormView(_MasterFormView):
    form_class = EquipmentModelForm
    row_model = EquipmentModel
    title = gettext_lazy("Make and model")
    success_message = gettext_lazy("The make and model is saved.")

    def perform(self, request: AuthedRequest, form: Any) -> EquipmentModel:
        return services.equipment_model_save(
            actor=request.user, equipment_model=self.object, **form.cleaned_data
        )


class SupplierFormView(_MasterFormView):
    form_class = SupplierForm
    row_model = Supplier
    title = gettext_lazy("Supplier")
    back = "assets:supplier_list"
    success_message = gettext_lazy("The supplier is saved.")

    def perform(self, request: AuthedRequest, form: Any) -> Supplier:
        return services.supplier_save(actor=request.user, supplier=self.object, **form.values())


urlpatterns: list[URLPattern] = [
    path("equipment/", asset_list, name="asset_list"),
    path("equipment/new/", AssetCreateView.as_view(), name="asset_create"),
    path("equipment/labels.pdf", asset_labels, name="asset_labels"),
    path("equipment/<int:pk>/", asset_detail, name="asset_detail"),
    path("equipment/<int:pk>/edit/", AssetEditView.as_view(), name="asset_edit"),
    path("equipment/<int:pk>/status/", AssetStepView.as_view(), name="asset_step"),
    path("equipment/<int:pk>/move/", AssetMoveView.as_view(), name="asset_move"),
    path("equipment/import/", IMPORT_PAGES.upload_view(), name="asset_import"),
    path("equipment/import/<int:pk>/apply/", IMPORT_PAGES.apply_view(), name="asset_import_apply"),
    path(
        "equipment/import/<int:pk>/progress/",
        IMPORT_PAGES.progress_view(),
        name="asset_import_progress",
    ),
    path(
        "equipment/import/template.<str:fmt>",
        asset_import_template,
        name="asset_import_template",
    ),
    path("categories/", category_list, name="category_list"),
    path("categories/new/", CategoryFormView.as_view(), name="category_create"),
    path("categories/<int:pk>/edit/", CategoryFormView.as_view(), name="category_edit"),
    path("models/new/", ModelFormView.as_view(), name="model_create"),
    path("models/<int:pk>/edit/", ModelFormView.as_view(), name="model_edit"),
    path("suppliers/", supplier_list, name="supplier_list"),
    path("suppliers/new/", SupplierFormView.as_view(), name="supplier_create"),
    path("suppliers/<int:pk>/edit/", SupplierFormView.as_view(), name="supplier_edit"),
]
