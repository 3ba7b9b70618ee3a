"""Pages of the catalogue part: the indicators by domain with their formulas in words, an
indicator's page (formula, direction, targets per area and period, where it is used), the
indicator and data-element forms, the elements' list and pages, a target's form and page with
the directive that follows it, and the import of values from a spreadsheet."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext_lazy

from degs.core.downloads import file_response
from degs.core.exceptions import PermissionDenied
from degs.core.generic import ScopedDetailView, ServiceFormView, TransitionView
from degs.core.lists import ScopedListView
from degs.core.permissions import user_can
from degs.core.typing import AuthedRequest
from degs.imports.views import ImportPages
from degs.indicators import importing
from degs.indicators.filters.catalogue import ElementFilterSet, IndicatorFilterSet
from degs.indicators.forms.catalogue import (
    ElementForm,
    IndicatorForm,
    TargetFollowForm,
    TargetForm,
)
from degs.indicators.models import DataElement, Indicator, Target
from degs.indicators.periods import Period
from degs.indicators.selectors import catalogue as selectors
from degs.indicators.services import catalogue as services

SECTION = "indicators"
MANAGE = "indicators.manage"


def _directives_following(user: Any, targets: list[Target]) -> dict[int, list[Any]]:
    """Target pk -> the directives the user sees that follow it, in one query."""
    from degs.reviews.models import Directive

    found: dict[int, list[Any]] = {}
    if not targets:
        return found
    rows = (
        Directive.objects.visible_to(user)
        .filter(
            target_type=ContentType.objects.get_for_model(Target),
            target_id__in=[t.pk for t in targets],
        )
        .select_related("meeting")
    )
    for directive in rows:
        found.setdefault(directive.target_id, []).append(directive)
    return found


# --- indicators --------------------------------------------------------------------------------


class IndicatorListView(ScopedListView):
    section = SECTION
    filterset_class = IndicatorFilterSet
    template_name = "indicators/indicator_list.html"

    def extra_context(self, request: HttpRequest, filterset: Any) -> dict[str, Any]:
        return {
            "can_keep": services.may_keep_catalogue(request.user),
            "words": selectors.indicator_words(filterset.qs),
        }


def _indicator_page(request: AuthedRequest, indicator: Indicator) -> dict[str, Any]:
    words = selectors.indicator_words([indicator])[indicator.pk]
    elements = selectors.elements_by_code(indicator.element_codes)
    targets = list(selectors.indicator_targets(user=request.user, indicator=indicator)[:200])
    following = _directives_following(request.user, targets)
    areas = selectors.target_areas(user=request.user)
    return {
        "indicator": indicator,
        "numerator_words": words[0],
        "denominator_words": words[1],
        "elements": sorted(elements.values(), key=lambda e: e.code),
        "unknown_codes": sorted(indicator.element_codes - set(elements)),
        "targets": [(t, following.get(t.pk, [])) for t in targets],
        "used_by": [d for ds in following.values() for d in ds],
        "can_keep": services.may_keep_catalogue(request.user),
        "target_form": TargetForm(areas=areas, initial={"period": Period.current().code})
        if areas.exists()
        else None,
    }


indicator_detail = ScopedDetailView.as_view(
    section=SECTION,
    read=selectors.indicator_get,
    template_name="indicators/indicator_detail.html",
    page_context=_indicator_page,
)


class _KeeperForm(ServiceFormView):
    """A form of the state's catalogue (elements, indicators)."""

    section = SECTION
    title: Any = ""
    cancel_url: str = ""

    def gate(self, request: HttpRequest) -> None:
        super().gate(request)
        if not services.may_keep_catalogue(request.user):
            raise PermissionDenied

    def get_context_data(self, request: AuthedRequest, form: Any) -> dict[str, Any]:
        return {"form": form, "title": self.title, "object": self.object}


class IndicatorCreateView(_KeeperForm):
    form_class = IndicatorForm
    template_name = "indicators/indicator_form.html"
    title = gettext_lazy("Add an indicator")
    success_message = gettext_lazy("The indicator is saved.")
    success_url_name = "indicators:indicator_detail"

    def perform(self, request: AuthedRequest, form: Any) -> Any:
        return services.indicator_create(actor=request.user, **form.cleaned_data)


class IndicatorEditView(_KeeperForm):
    form_class = IndicatorForm
    template_name = "indicators/indicator_form.html"
    title = gettext_lazy("Change the indicator")
    success_message = gettext_lazy("The indicator is saved.")
    success_url_name = "indicators:indicator_detail"

    def get_object(self, request: AuthedRequest) -> Any:
        return selectors.indicator_get(user=request.user, pk=self.kwargs["pk"])

    def get_form_kwargs(self, request: AuthedRequest) -> dict[str, Any]:
        return {"instance": self.object}

    def perform(self, request: AuthedRequest, form: Any) -> Any:
        return services.indicator_update(
            actor=request.user, indicator=self.object, **form.cleaned_data
        )


# --- data elements -----------------------------------------------------------------------------


class ElementListView(ScopedListView):
    section = SECTION
    filterset_class = ElementFilterSet
    template_name = "indicators/element_list.html"

    def extra_context(self, request: HttpRequest, filterset: Any) -> dict[str, Any]:
        return {"can_keep": services.may_keep_catalogue(request.user)}


def _element_page(request: AuthedRequest, element: DataElement) -> dict[str, Any]:
    return {
        "element": element,
        **selectors.element_facts(element),
        "indicators": selectors.indicators_using(element=element),
        "can_keep": services.may_keep_catalogue(request.user),
    }


element_detail = ScopedDetailView.as_view(
    section=SECTION,
    read=selectors.element_get,
    template_name="indicators/element_detail.html",
    page_context=_element_page,
)


class ElementCreateView(_KeeperForm):
    form_class = ElementForm
    template_name = "indicators/element_form.html"
    title = gettext_lazy("Add a data element")
    success_message = gettext_lazy("The data element is saved.")
    success_url_name = "indicators:element_detail"

    def perform(self, request: AuthedRequest, form: Any) -> Any:
        return services.element_create(actor=request.user, **form.cleaned_data)


class ElementEditView(_KeeperForm):
    form_class = ElementForm
    template_name = "indicators/element_form.html"
    title = gettext_lazy("Change the data element")
    success_message = gettext_lazy("The data element is saved.")
    success_url_name = "indicators:element_detail"

    def get_object(self, request: AuthedRequest) -> Any:
        return selectors.element_get(user=request.user, pk=self.kwargs["pk"])

    def get_form_kwargs(self, request: AuthedRequest) -> dict[str, Any]:
        return {"instance": self.object}

    def perform(self, request: AuthedRequest, form: Any) -> Any:
        return services.element_update(actor=request.user, element=self.object, **form.cleaned_data)


# --- targets -----------------------------------------------------------------------------------


class TargetSetView(ServiceFormView):
    """Set an indicator's target at an area and period; the form carries the version seen."""

    section = SECTION
    capability = MANAGE
    form_class = TargetForm
    template_name = "indicators/target_form.html"
    success_message = gettext_lazy("The target is saved.")
    success_url_name = "indicators:target_detail"

    def get_object(self, request: AuthedRequest) -> Any:
        return selectors.indicator_get(user=request.user, pk=self.kwargs["pk"])

    def get_form_kwargs(self, request: AuthedRequest) -> dict[str, Any]:
        return {"areas": selectors.target_areas(user=request.user)}

    def get_initial(self, request: AuthedRequest) -> dict[str, Any]:
        return {"period": Period.current().code}

    def get_context_data(self, request: AuthedRequest, form: Any) -> dict[str, Any]:
        return {"form": form, "indicator": self.object}

    def perform(self, request: AuthedRequest, form: Any) -> Any:
        data = form.cleaned_data
        return services.target_set(
            actor=request.user,
            indicator=self.object,
            area=data["area"],
            period=data["period"],
            value=data["value"],
            version=data.get("version"),
        )


def _target_page(request: AuthedRequest, target: Target) -> dict[str, Any]:
    from degs.reviews import selectors as reviews

    can_manage = user_can(request.user, MANAGE, target.area)
    areas = selectors.target_areas(user=request.user)
    return {
        "target": target,
        "progress": target.progress(),
        "linked": reviews.directives_about(user=request.user, target=target),
        "can_manage": can_manage,
        "edit_form": TargetForm(
            areas=areas,
            initial={
                "area": target.area_id,
                "period": target.period.code,
                "value": format(target.value.normalize(), "f"),
                "version": target.version,
            },
        )
        if can_manage
        else None,
        "follow_form": _follow_form(request, target) if can_manage else None,
    }


target_detail = ScopedDetailView.as_view(
    section=SECTION,
    read=selectors.target_get,
    template_name="indicators/target_detail.html",
    page_context=_target_page,
)


def _follow_form(request: AuthedRequest, target: Target, data: Any = None) -> TargetFollowForm:
    from degs.reviews import selectors as reviews

    directives = reviews.open_directives_in_district(user=request.user, area=target.area)
    return TargetFollowForm(data, directives=directives)


class TargetFollowView(TransitionView):
    section = SECTION
    template_name = "indicators/target_detail.html"
    form_class = TargetFollowForm
    read = staticmethod(selectors.target_get)
    service = staticmethod(services.target_follow)
    subject = "target"
    page_context = staticmethod(_target_page)
    form_context_name = "follow_form"
    success_message = gettext_lazy("The directive now follows this target.")
    success_url_name = "indicators:target_detail"

    def get_form(self, request: AuthedRequest) -> TargetFollowForm:
        return _follow_form(request, self.object, request.POST)


# --- importing values --------------------------------------------------------------------------


IMPORT_PAGES = ImportPages(
    kinds=importing.KINDS,
    template="indicators/element_import.html",
    upload_url="indicators:import_values",
    apply_url="indicators:import_values_apply",
    progress_url="indicators:import_values_progress",
    batch_url=lambda pk: f"{reverse('indicators:import_values')}?batch={pk}",
    help_text=gettext_lazy(
        "The first row names the columns: element, lgd_code, period, category, value, comment."
    ),
    dry_run_on_upload=True,
    say_unchanged=True,
    template_url=lambda kind, fmt: reverse("indicators:import_values_template", args=[fmt]),
    notes=(
        gettext_lazy(
            "Columns marked * are required. Write the column names in English, in lower case."
        ),
        gettext_lazy(
            "`element` is the data element's code; `lgd_code` the area's LGD code, at the "
            "level the element is reported for; `period` a month (2026-04), a quarter "
            "(2026-27-Q1) or a financial year (2026-27), as the element is reported."
        ),
        gettext_lazy(
            "`category` is empty for an element not split, else female, male or transgender."
        ),
    ),
)


@login_required
def import_values_template(request: AuthedRequest, fmt: str) -> HttpResponse:
    """The import's empty template (CSV or XLSX)."""
    if fmt not in importing.FORMATS:
        raise Http404
    content, content_type = importing.values_template(fmt)
    return file_response(
        content, filename=f"degs-figures-template.{fmt}", content_type=content_type
    )


urlpatterns: list[URLPattern] = [
    path("indicators/", IndicatorListView.as_view(), name="indicator_list"),
    path("indicators/new/", IndicatorCreateView.as_view(), name="indicator_create"),
    path("indicators/<int:pk>/", indicator_detail, name="indicator_detail"),
    path("indicators/<int:pk>/edit/", IndicatorEditView.as_view(), name="indicator_edit"),
    path("indicators/<int:pk>/target/", TargetSetView.as_view(), name="target_set"),
    path("targets/<int:pk>/", target_detail, name="target_detail"),
    path("targets/<int:pk>/follow/", TargetFollowView.as_view(), name="target_follow"),
    path("elements/", ElementListView.as_view(), name="element_list"),
    path("elements/new/", ElementCreateView.as_view(), name="element_create"),
    path("elements/<int:pk>/", element_detail, name="element_detail"),
    path("elements/<int:pk>/edit/", ElementEditView.as_view(), name="element_edit"),
    path("import/", IMPORT_PAGES.upload_view(), name="import_values"),
    path("import/<int:pk>/apply/", IMPORT_PAGES.apply_view(), name="import_values_apply"),
    path("import/<int:pk>/progress/", IMPORT_PAGES.progress_view(), name="import_values_progress"),
    path("import/template.<str:fmt>", import_values_template, name="import_values_template"),
]
