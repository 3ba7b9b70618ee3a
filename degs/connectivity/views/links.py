"""Pages of the connectivity app's links part: the link list (and its CSV and Excel export),
a link's page with its status buttons, the link form, the links down now, providers with their
SLAs and contacts, maintenance windows, and the links import."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from degs.connectivity import importing, workflow
from degs.connectivity.choices import IN_SERVICE
from degs.connectivity.filters.links import LinkFilterSet, MaintenanceFilterSet
from degs.connectivity.forms.links import (
    ContactForm,
    LinkForm,
    LinkTransitionForm,
    MaintenanceForm,
    ProviderForm,
    SlaForm,
    link_initial,
)
from degs.connectivity.models import Link, Provider, ProviderContact, Sla
from degs.connectivity.selectors import links as selectors
from degs.connectivity.services import links as services
from degs.core.downloads import file_response
from degs.core.exceptions import PermissionDenied
from degs.core.filters import ScopedFilterSet
from degs.core.generic import ScopedDetailView, ServiceFormView, TransitionView
from degs.core.lists import ScopedListView
from degs.core.permissions import require_section, user_can
from degs.core.typing import AuthedRequest
from degs.imports.views import ImportPages

SECTION = "connectivity"


# What a link's events say that is not a step of its workflow.
EVENT_LABELS = {
    "created": gettext_lazy("Added"),
    "changed": gettext_lazy("Particulars changed"),
    "maintenance": gettext_lazy("Maintenance window announced"),
    "probe_token": gettext_lazy("Probe token made"),
}


def event_label(event: Any) -> str:
    step = workflow.LINKS.find(event.action)
    if step is not None:
        return str(step.title)
    return str(EVENT_LABELS.get(event.action, event.action))


# --- links ------------------------------------------------------------------------------------


class LinkListView(ScopedListView):
    """Every link the user sees, filtered; CSV and Excel with the same query."""

    filterset_class = LinkFilterSet
    template_name = "connectivity/links_list.html"
    section = SECTION
    export_formats = importing.FORMATS

    def export(self, filterset: ScopedFilterSet, fmt: str) -> HttpResponse:
        content, content_type = importing.links_table(filterset.qs, fmt)
        name = f"degs-links-{timezone.localdate():%Y-%m-%d}.{fmt}"
        return file_response(content, filename=name, content_type=content_type)

    def extra_context(self, request: HttpRequest, filterset: ScopedFilterSet) -> dict[str, Any]:
        return {"can_manage": user_can(request.user, workflow.MANAGE)}


link_list = LinkListView.as_view()


def _link_context(request: AuthedRequest, link: Link) -> dict[str, Any]:
    return {
        "link": link,
        "actions": workflow.LINKS.available(link, request.user),
        "can_manage": user_can(request.user, workflow.MANAGE, link.area),
        # A reporter (engineer, the office) opens an outage from here; not on a link not yet
        # in service or one that has one open.
        "can_report_outage": user_can(request.user, workflow.REPORT, link.area)
        and link.status in IN_SERVICE,
        "events": [(e, event_label(e)) for e in selectors.link_events(link=link)],
        "outage": selectors.link_open_outage(link=link),
        "windows": selectors.link_maintenance(link=link),
    }


link_detail = ScopedDetailView.as_view(
    read=selectors.link_get,
    template_name="connectivity/links_detail.html",
    page_context=_link_context,
)


class LinkTransitionView(TransitionView):
    """Provision, commission or decommission from the link's page; refused, the page again
    with why (someone else's change names who made it)."""

    form_class = LinkTransitionForm
    template_name = "connectivity/links_detail.html"
    success_message = gettext_lazy("The link's status is changed.")
    read = staticmethod(selectors.link_get)
    service = staticmethod(services.link_transition)
    subject = "link"
    page_context = staticmethod(_link_context)
    success_url_name = "connectivity:link_detail"


link_transition = LinkTransitionView.as_view()


class _LinkFormView(ServiceFormView):
    form_class = LinkForm
    template_name = "connectivity/links_form.html"

    def form_choices(self, request: AuthedRequest) -> dict[str, Any]:
        return {
            "providers": selectors.provider_list().filter(is_active=True),
            "offices": selectors.office_choices(user=request.user),
            "panchayats": selectors.panchayat_choices(user=request.user),
            "slas": selectors.sla_choices(),
        }


class LinkCreateView(_LinkFormView):
    """A link added, as planned, by those who manage links."""

    section = SECTION
    capability = workflow.MANAGE
    success_message = gettext_lazy("The link is added.")

    def get_form_kwargs(self, request: AuthedRequest) -> dict[str, Any]:
        return self.form_choices(request)

    def perform(self, request: AuthedRequest, form: Any) -> Link:
        return services.link_create(actor=request.user, **form.values())


link_create = LinkCreateView.as_view()


class LinkEditView(_LinkFormView):
    """A link's particulars changed, checked against the version the form was drawn from."""

    section = SECTION
    success_message = gettext_lazy("The link is saved.")

    def get_object(self, request: AuthedRequest) -> Link:
        return selectors.link_get(user=request.user, pk=self.kwargs["pk"])

    def gate_object(self, request: HttpRequest, obj: Link) -> None:
        if not user_can(request.user, workflow.MANAGE, obj.area):
            raise PermissionDenied

    def get_initial(self, request: AuthedRequest) -> dict[str, Any]:
        return link_initial(self.object)

    def get_form_kwargs(self, request: AuthedRequest) -> dict[str, Any]:
        return self.form_choices(request)

    def perform(self, request: AuthedRequest, form: Any) -> Link:
        return services.link_update(
            actor=request.user,
            link=self.object,
            version=form.cleaned_data["version"] or 0,
            **form.values(),
        )

    def get_context_data(self, request: AuthedRequest, form: Any) -> dict[str, Any]:
        return {"form": form, "link": self.object}


link_edit = LinkEditView.as_view()


@login_required
@require_GET
def links_down(request: AuthedRequest) -> HttpResponse:
    """Links down or not reporting now, the longest first."""
    require_section(request.user, SECTION)
    now = timezone.now()
    rows = list(selectors.links_down_now(user=request.user)[:500])
    for row in rows:
        hours = int((now - row.status_since).total_seconds() // 3600)
        row.down_hours = max(0, hours)  # type: ignore[attr-defined]
    return render(request, "connectivity/links_down.html", {"rows": rows})


# --- providers, SLAs and contacts -------------------------------------------------------------


@login_required
@require_GET
def provider_list(request: AuthedRequest) -> HttpResponse:
    require_section(request.user, SECTION)
    return render(
        request,
        "connectivity/providers_list.html",
        {
            "providers": selectors.provider_list(),
            "can_manage": services.may_manage_providers(request.user),
        },
    )


@login_required
@require_GET
def provider_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    require_section(request.user, SECTION)
    provider = selectors.provider_get(pk=pk)
    return render(
        request,
        "connectivity/providers_detail.html",
        {
            "provider": provider,
            "slas": selectors.provider_slas(provider=provider),
            "contacts": selectors.provider_contacts(user=request.user, provider=provider),
            "can_manage": services.may_manage_providers(request.user),
        },
    )


class _StateFormView(ServiceFormView):
    """A form of the state's master data (providers, SLAs, contacts)."""

    template_name = "connectivity/providers_form.html"
    section = SECTION
    title: Any = ""
    provider: Provider | None = None

    def gate(self, request: HttpRequest) -> None:
        super().gate(request)
        if not services.may_manage_providers(request.user):
            raise PermissionDenied

    def get_context_data(self, request: AuthedRequest, form: Any) -> dict[str, Any]:
        return {"form": form, "title": self.title, "provider": self.provider}

    def values(self, form: Any) -> dict[str, Any]:
        return {
            k: ("" if v is None and k in ("phone", "email") else v)
            for k, v in form.cleaned_data.items()
        }


class ProviderCreateView(_StateFormView):
    form_class = ProviderForm
    title = gettext_lazy("Add a provider")
    success_message = gettext_lazy("The provider is added.")
    success_url_name = "connectivity:provider_detail"

    def perform(self, request: AuthedRequest, form: Any) -> Provider:
        return services.provider_create(actor=request.user, **self.values(form))


class ProviderEditView(_StateFormView):
    form_class = ProviderForm
    title = gettext_lazy("Change the provider")
    success_message = gettext_lazy("The provider is saved.")
    success_url_name = "connectivity:provider_detail"

    def get_object(self, request: AuthedRequest) -> Provider:
        self.provider = selectors.provider_get(pk=self.kwargs["pk"])
        return self.provider

    def get_form_kwargs(self, request: AuthedRequest) -> dict[str, Any]:
        return {"instance": Provider.objects.get(pk=self.object.pk)}

    def perform(self, request: AuthedRequest, form: Any) -> Provider:
        return services.provider_update(
            actor=request.user, provider=self.object, **self.values(form)
        )


class SlaCreateView(_StateFormView):
    form_class = SlaForm
    title = gettext_lazy("Add a service level agreement")
    success_message = gettext_lazy("The SLA is added.")

    def get_object(self, request: AuthedRequest) -> None:
        self.provider = selectors.provider_get(pk=self.kwargs["pk"])
        return None

    def perform(self, request: AuthedRequest, form: Any) -> Sla:
        provider = selectors.provider_get(pk=self.kwargs["pk"])
        return services.sla_create(actor=request.user, provider=provider, **form.cleaned_data)

    def get_success_url(self, result: Any) -> str:
        return reverse("connectivity:provider_detail", args=[result.provider_id])


class SlaEditView(_StateFormView):
    form_class = SlaForm
    title = gettext_lazy("Change the service level agreement")
    success_message = gettext_lazy("The SLA is saved.")

    def get_object(self, request: AuthedRequest) -> Sla:
        sla = Sla.objects.select_related("provider").filter(pk=self.kwargs["pk"]).first()
        if sla is None:
            raise Http404
        self.provider = sla.provider
        return sla

    def get_form_kwargs(self, request: AuthedRequest) -> dict[str, Any]:
        return {"instance": Sla.objects.get(pk=self.object.pk)}

    def perform(self, request: AuthedRequest, form: Any) -> Sla:
        return services.sla_update(actor=request.user, sla=self.object, **form.cleaned_data)

    def get_success_url(self, result: Any) -> str:
        return reverse("connectivity:provider_detail", args=[result.provider_id])


class ContactCreateView(_StateFormView):
    form_class = ContactForm
    title = gettext_lazy("Add a contact")
    success_message = gettext_lazy("The contact is added.")

    def get_object(self, request: AuthedRequest) -> None:
        self.provider = selectors.provider_get(pk=self.kwargs["pk"])
        return None

    def get_form_kwargs(self, request: AuthedRequest) -> dict[str, Any]:
        return {"areas": selectors.filter_areas(user=request.user)}

    def perform(self, request: AuthedRequest, form: Any) -> ProviderContact:
        provider = selectors.provider_get(pk=self.kwargs["pk"])
        return services.provider_contact_create(
            actor=request.user, provider=provider, **self.values(form)
        )

    def get_success_url(self, result: Any) -> str:
        return reverse("connectivity:provider_detail", args=[result.provider_id])


# --- maintenance windows ----------------------------------------------------------------------


class MaintenanceListView(ScopedListView):
    filterset_class = MaintenanceFilterSet
    template_name = "connectivity/maintenance_list.html"
    section = SECTION

    def extra_context(self, request: HttpRequest, filterset: ScopedFilterSet) -> dict[str, Any]:
        return {"can_manage": user_can(request.user, workflow.MANAGE)}


class MaintenanceCreateView(ServiceFormView):
    """A maintenance window announced before it starts, on a link or on every link of a
    provider in an area."""

    form_class = MaintenanceForm
    template_name = "connectivity/maintenance_form.html"
    section = SECTION
    capability = workflow.MANAGE
    success_message = gettext_lazy("The maintenance window is recorded.")

    def get_initial(self, request: AuthedRequest) -> dict[str, Any]:
        link = request.GET.get("link", "")
        return {"link": link} if link.isdigit() else {}

    def get_form_kwargs(self, request: AuthedRequest) -> dict[str, Any]:
        return {
            "links": selectors.link_list(user=request.user),
            "providers": selectors.provider_list(),
            "areas": selectors.filter_areas(user=request.user),
        }

    def perform(self, request: AuthedRequest, form: Any) -> Any:
        return services.maintenance_create(actor=request.user, **form.cleaned_data)

    def get_success_url(self, result: Any) -> str:
        return reverse("connectivity:maintenance_list")


# --- the links import -------------------------------------------------------------------------


IMPORT_PAGES = ImportPages(
    kinds=importing.KINDS,
    template="connectivity/links_import.html",
    upload_url="connectivity:link_import",
    apply_url="connectivity:link_import_apply",
    progress_url="connectivity:link_import_progress",
    batch_url=lambda pk: f"{reverse('connectivity:link_import')}?batch={pk}",
    help_text=gettext_lazy(
        "The first row names the columns. An export of the link list, or the empty template, "
        "has them."
    ),
    dry_run_on_upload=True,
    say_unchanged=True,
    template_url=lambda kind, fmt: reverse("connectivity:link_import_template", args=[fmt]),
    notes=(
        gettext_lazy(
            "Columns marked * are required. Write the column names in English, in lower case."
        ),
        gettext_lazy(
            "Each link is at a gram panchayat (its LGD code in `lgd_code`) or at an office (its "
            "office code in `office_code`): give one of the two."
        ),
        gettext_lazy(
            "A link is matched on the provider's code and the circuit ID: a new one is added, a "
            "known one is changed. Importing the same file again changes nothing."
        ),
        gettext_lazy(
            "Status (`planned`, `provisioning`, `active` or `decommissioned`) is read only for a "
            "new link; after that it is changed on the link's page."
        ),
        gettext_lazy(
            "Dates: DD-MM-YYYY or YYYY-MM-DD. An export of the link list has the same columns: "
            "export, edit, import."
        ),
    ),
)


@login_required
@require_GET
def link_import_template(request: AuthedRequest, fmt: str) -> HttpResponse:
    """The import's empty template (CSV or XLSX)."""
    if fmt not in importing.FORMATS:
        raise Http404
    content, content_type = importing.links_template(fmt)
    return file_response(content, filename=f"degs-links-template.{fmt}", content_type=content_type)


urlpatterns: list[URLPattern] = [
    path("links/", link_list, name="link_list"),
    path("links/new/", link_create, name="link_create"),
    path("links/down/", links_down, name="links_down"),
    path("links/<int:pk>/", link_detail, name="link_detail"),
    path("links/<int:pk>/edit/", link_edit, name="link_edit"),
    path("links/<int:pk>/status/", link_transition, name="link_transition"),
    path("links/import/", IMPORT_PAGES.upload_view(), name="link_import"),
    path("links/import/<int:pk>/apply/", IMPORT_PAGES.apply_view(), name="link_import_apply"),
    path(
        "links/import/<int:pk>/progress/",
        IMPORT_PAGES.progress_view(),
        name="link_import_progress",
    ),
    path("links/import/template.<str:fmt>", link_import_template, name="link_import_template"),
    path("providers/", provider_list, name="provider_list"),
    path("providers/new/", ProviderCreateView.as_view(), name="provider_create"),
    path("providers/<int:pk>/", provider_detail, name="provider_detail"),
    path("providers/<int:pk>/edit/", ProviderEditView.as_view(), name="provider_edit"),
    path("providers/<int:pk>/slas/new/", SlaCreateView.as_view(), name="sla_create"),
    path("slas/<int:pk>/edit/", SlaEditView.as_view(), name="sla_edit"),
    path("providers/<int:pk>/contacts/new/", ContactCreateView.as_view(), name="contact_create"),
    path("maintenance/", MaintenanceListView.as_view(), name="maintenance_list"),
    path("maintenance/new/", MaintenanceCreateView.as_view(), name="maintenance_create"),
]
