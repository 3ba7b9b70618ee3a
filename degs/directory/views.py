"""Directory pages: the area tree, areas, offices, posts, designations, holidays, import/export."""

from __future__ import annotations

import contextlib
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from degs.core.downloads import file_response
from degs.core.exceptions import PermissionDenied, StaleVersion
from degs.core.generic import ScopedDetailView, ServiceFormView
from degs.core.htmx import pick_template
from degs.core.lists import ScopedListView
from degs.core.permissions import Capability, user_can
from degs.core.typing import AuthedRequest
from degs.directory import importing, selectors, services
from degs.directory.choices import AreaKind
from degs.directory.filters import AreaFilterSet, OfficeFilterSet, PostFilterSet
from degs.directory.forms import DistrictSettingForm, ExportForm
from degs.directory.models import Area, Office, Post
from degs.imports.views import ImportPages


@login_required
@require_GET
def area_tree(request: AuthedRequest) -> HttpResponse:
    """Where browsing starts: the top areas of the user's jurisdiction, with what lies under."""
    rows = selectors.roots_with_counts(user=request.user)
    can_import = user_can(request.user, Capability.DIRECTORY_MANAGE)
    return render(request, "directory/area_tree.html", {"rows": rows, "can_import": can_import})


@login_required
@require_GET
def area_children(request: AuthedRequest, pk: int) -> HttpResponse:
    """The children of one area, with counts: the tree's htmx expansion and a page of its own."""
    area = selectors.area_get(user=request.user, pk=pk)
    children = list(selectors.area_children(user=request.user, area=area))
    counts = selectors.subtree_counts(areas=children)
    rows = [(child, counts.get(child.pk)) for child in children]
    template = pick_template(
        request, "directory/area_children.html", "directory/partials/area_rows.html"
    )
    return render(request, template, {"area": area, "rows": rows})


area_list = ScopedListView.as_view(
    filterset_class=AreaFilterSet, template_name="directory/area_list.html"
)


def _area_context(request: AuthedRequest, area: Area) -> dict[str, Any]:
    children = list(selectors.area_children(user=request.user, area=area))
    counts = selectors.subtree_counts(areas=children)
    return {
        "area": area,
        "breadcrumbs": selectors.area_breadcrumbs(user=request.user, area=area),
        "rows": [(child, counts.get(child.pk)) for child in children],
        "totals": selectors.subtree_counts(areas=[area]).get(area.pk),
        "offices": selectors.office_list(user=request.user).filter(area=area)[:200],
        "posts": selectors.post_list(user=request.user, area=area),
        "history": selectors.history_of(area),
        "can_manage": user_can(request.user, Capability.DIRECTORY_MANAGE, area),
        "setting": selectors.district_setting(area) if area.kind == AreaKind.DISTRICT else None,
    }


area_detail = ScopedDetailView.as_view(
    read=selectors.area_get, template_name="directory/area_detail.html", page_context=_area_context
)


class DistrictSettingsView(ServiceFormView):
    """A district's own settings (the inspection distance limit), for its administration."""

    form_class = DistrictSettingForm
    template_name = "directory/district_settings.html"
    success_message = gettext_lazy("The district's settings are saved.")
    invalid_status = 400
    refusals = (StaleVersion,)

    def get_object(self, request: AuthedRequest) -> Area:
        area = selectors.area_get(user=request.user, pk=self.kwargs["pk"])
        if area.kind != AreaKind.DISTRICT:
            raise Http404
        return area

    def gate_object(self, request: HttpRequest, obj: Area) -> None:
        if not user_can(request.user, Capability.DIRECTORY_MANAGE, obj):
            raise PermissionDenied
        self.setting = selectors.district_setting(obj)

    def get_initial(self, request: AuthedRequest) -> dict[str, Any]:
        setting = self.setting
        return {"version": setting.version, "inspection_distance_m": setting.inspection_distance_m}

    def perform(self, request: AuthedRequest, form: Any) -> Any:
        return services.district_setting_update(
            actor=request.user, district=self.object, **form.cleaned_data
        )

    def get_success_url(self, result: Any) -> str:
        return reverse("directory:area_detail", args=[self.object.pk])

    def get_context_data(self, request: AuthedRequest, form: Any) -> dict[str, Any]:
        return {"area": self.object, "form": form, "setting": self.setting}


district_settings = DistrictSettingsView.as_view()


office_list = ScopedListView.as_view(
    filterset_class=OfficeFilterSet, template_name="directory/office_list.html"
)


def _office_context(request: AuthedRequest, office: Office) -> dict[str, Any]:
    return {
        "office": office,
        "breadcrumbs": [
            *selectors.area_breadcrumbs(user=request.user, area=office.area),
            (office.area, True),
        ],
        "posts": selectors.post_list(user=request.user, office=office),
        "history": selectors.history_of(office),
    }


office_detail = ScopedDetailView.as_view(
    read=selectors.office_get,
    template_name="directory/office_detail.html",
    page_context=_office_context,
)


post_list = ScopedListView.as_view(
    filterset_class=PostFilterSet, template_name="directory/post_list.html"
)


def _post_context(request: AuthedRequest, post: Post) -> dict[str, Any]:
    today = timezone.localdate()
    return {
        "post": post,
        "breadcrumbs": [
            *selectors.area_breadcrumbs(user=request.user, area=post.area),
            (post.area, True),
        ],
        "holdings": selectors.post_holdings(post=post),
        "today": today,
        "history": selectors.history_of(post),
    }


post_detail = ScopedDetailView.as_view(
    read=selectors.post_get, template_name="directory/post_detail.html", page_context=_post_context
)


@login_required
@require_GET
def designation_list(request: AuthedRequest) -> HttpResponse:
    return render(
        request,
        "directory/designation_list.html",
        {"designations": selectors.designation_list()},
    )


@login_required
@require_GET
def holiday_list(request: AuthedRequest) -> HttpResponse:
    year = timezone.localdate().year
    with contextlib.suppress(ValueError):
        year = int(request.GET.get("year", year))
    holidays = selectors.holiday_list(user=request.user, year=year)
    return render(
        request,
        "directory/holiday_list.html",
        {"holidays": holidays, "year": year, "years": [year - 1, year, year + 1]},
    )


# Import: the framework's pages (degs.imports), at the directory's addresses.
IMPORT_PAGES = ImportPages(
    kinds=("areas", "offices"),
    template="directory/import_start.html",
    batch_template="directory/import_detail.html",
    upload_url="directory:import_start",
    apply_url="directory:import_apply",
    progress_url="directory:import_progress",
    batch_url=lambda pk: reverse("directory:import_detail", args=[pk]),
    help_text=gettext_lazy(
        "The first row names the columns. Download an export to see the columns."
    ),
    notes=(
        gettext_lazy(
            "Columns marked * are required. Write the column names in English, in lower case."
        ),
        gettext_lazy("An export has exactly these columns: export, edit, import."),
    ),
)
import_start = IMPORT_PAGES.upload_view()
import_detail = IMPORT_PAGES.batch_view()
import_apply = IMPORT_PAGES.apply_view()
import_progress = IMPORT_PAGES.progress_view()


@login_required
@require_GET
def export(request: AuthedRequest) -> HttpResponse:
    """The areas or offices the user sees (optionally under one area) as CSV or XLSX."""
    form = ExportForm(request.GET)
    if not form.is_valid():
        return render(request, "core/error.html", {"message": _("Unknown export.")}, status=400)
    under = None
    if form.cleaned_data.get("under"):
        under = selectors.area_get(user=request.user, pk=form.cleaned_data["under"])
    fmt = form.cleaned_data.get("format") or "csv"
    kind = form.cleaned_data["kind"]
    content, content_type = importing.export_table(
        kind=kind, user=request.user, under=under, fmt=fmt
    )
    stamp = timezone.localdate().strftime("%Y-%m-%d")
    return file_response(content, filename=f"degs-{kind}-{stamp}.{fmt}", content_type=content_type)
