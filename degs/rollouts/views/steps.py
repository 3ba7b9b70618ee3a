"""Pages of the rollouts app's steps part: a milestone at one target (its evidence, events and
buttons), "submit with evidence" (for a phone), an evidence file (only for those who see the
step), and the two queues: "to verify" (verifiers, oldest first) and "to do" (reporters, the
most overdue first)."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from degs.core.downloads import stored_file_response
from degs.core.exceptions import PermissionDenied
from degs.core.generic import ScopedDetailView, ServiceFormView, TransitionView
from degs.core.lists import ScopedListView
from degs.core.permissions import require_section, user_can
from degs.core.typing import AuthedRequest
from degs.rollouts import workflow
from degs.rollouts.choices import EvidenceKind, StepStatus
from degs.rollouts.filters.steps import ToDoFilterSet, ToVerifyFilterSet
from degs.rollouts.forms.steps import StepActionForm, SubmitForm
from degs.rollouts.models import Step
from degs.rollouts.selectors import steps as selectors
from degs.rollouts.services import steps as services

SECTION = "rollouts"


def _step_context(request: AuthedRequest, step: Step) -> dict[str, Any]:
    actions = {t.action: t for t in workflow.STEPS.available(step, request.user)}
    own = step.submitted_by_id == request.user.pk
    if own:  # a second person verifies: the submitter is not offered the buttons
        actions.pop("verify", None)
        actions.pop("return", None)
    submit = actions.pop("submit", None)
    today = timezone.localdate()
    return {
        "step": step,
        "target": step.target,
        "programme": step.target.programme,
        "milestone": step.milestone,
        "evidence": selectors.step_evidence(step),
        "events": selectors.step_events(step),
        "actions": list(actions.values()),
        "can_submit": submit is not None,
        "own_submission": own and step.status == StepStatus.SUBMITTED,
        "due": step.milestone.planned_on or step.target.due_date,
        "overdue": step.status != StepStatus.VERIFIED
        and (step.milestone.planned_on or step.target.due_date) < today,
    }


step_detail = ScopedDetailView.as_view(
    read=selectors.step_get,
    template_name="rollouts/step_detail.html",
    page_context=_step_context,
    section=SECTION,
)


class StepActView(TransitionView):
    """Verify, return or undo a verification from the step's page; refused (someone else
    acted first, the submitter verifying their own), the page again with why."""

    form_class = StepActionForm
    template_name = "rollouts/step_detail.html"
    section = SECTION
    read = staticmethod(selectors.step_get)
    page_context = staticmethod(_step_context)
    service = staticmethod(services.step_act)
    subject = "step"
    stale_status = 409

    def get_success_message(self, result: Step) -> str:
        return {
            "verify": gettext("The milestone is verified."),
            "return": gettext("The milestone is returned with your remark."),
            "reopen": gettext("The verification is undone; the milestone is returned."),
        }.get(self.form.cleaned_data["action"], "")


step_act = StepActView.as_view()


class StepSubmitView(ServiceFormView):
    """Submit the milestone with the evidence it needs. Files that pass are held for the form
    first, so a form returned for a mistake does not ask for the photo again."""

    form_class = SubmitForm
    template_name = "rollouts/step_submit.html"
    section = SECTION
    invalid_status = 400
    success_message = gettext_lazy("Submitted. It will count once another person verifies it.")

    def get_object(self, request: AuthedRequest) -> Step:
        return selectors.step_get(user=request.user, pk=self.kwargs["pk"])

    def gate_object(self, request: HttpRequest, obj: Step) -> None:
        if not any(t.action == "submit" for t in workflow.STEPS.available(obj, request.user)):
            raise PermissionDenied(
                gettext("This milestone cannot be submitted now (it is “%(status)s”).")
                % {"status": obj.get_status_display()}
            )

    def get_form_kwargs(self, request: AuthedRequest) -> dict[str, Any]:
        return {"evidence": self.object.milestone.evidence}

    def get_initial(self, request: AuthedRequest) -> dict[str, Any]:
        return {"version": self.object.version}

    def hold_files(self, request: AuthedRequest, form: Any) -> list[str]:
        files: list[tuple[str, UploadedFile]] = [
            (str(code), upload)
            for code in (EvidenceKind.PHOTO, EvidenceKind.DOCUMENT)
            if code in form.fields and (upload := request.FILES.get(code)) is not None
        ]
        form.held, problems = services.evidence_hold(
            actor=request.user, token=form.held_token(), files=files, remove=form.removed_held()
        )
        for code, message in problems:
            form.add_error(code, message)
        return []  # a refused file's message sits by its field; the form is drawn again

    def perform(self, request: AuthedRequest, form: Any) -> Step:
        data = form.cleaned_data
        return services.step_submit(
            actor=request.user,
            step=self.object,
            version=data["version"],
            done_on=data["done_on"],
            url=data.get("url", ""),
            taken_at=data.get("taken_at"),
            latitude=data.get("latitude"),
            longitude=data.get("longitude"),
            accuracy_m=data.get("accuracy_m"),
            held=list(form.held.values()),
            remark=data.get("remark", ""),
        )

    def get_success_url(self, result: Step) -> str:
        return result.get_absolute_url()

    def get_context_data(self, request: AuthedRequest, form: Any) -> dict[str, Any]:
        return {"form": form, "step": self.object, "held": form.held if form.is_bound else {}}


step_submit = StepSubmitView.as_view()


def evidence_file(request: AuthedRequest, pk: int) -> HttpResponseBase:
    """An evidence file, for those who see its step; a photo is shown in the page (the app
    re-encoded it), a document is a download (``core.downloads``)."""
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    require_section(request.user, SECTION)
    evidence = selectors.evidence_get(user=request.user, pk=pk)
    extension = (
        "pdf" if evidence.kind == EvidenceKind.DOCUMENT else evidence.file.name.rsplit(".", 1)[-1]
    )
    return stored_file_response(
        evidence.file,
        filename=f"evidence-{evidence.pk}.{extension}",
        content_type=evidence.content_type,
        inline=evidence.kind == EvidenceKind.PHOTO,
    )


class ToVerifyView(ScopedListView):
    filterset_class = ToVerifyFilterSet
    template_name = "rollouts/step_queue.html"
    section = SECTION
    capability = workflow.VERIFY

    def extra_context(self, request: HttpRequest, filterset: Any) -> dict[str, Any]:
        return {"queue": "verify", "today": timezone.localdate()}


class ToDoView(ScopedListView):
    filterset_class = ToDoFilterSet
    template_name = "rollouts/step_queue.html"
    section = SECTION

    def gate(self, request: HttpRequest) -> None:
        super().gate(request)
        if not (user_can(request.user, workflow.REPORT) or user_can(request.user, workflow.MANAGE)):
            raise PermissionDenied

    def extra_context(self, request: HttpRequest, filterset: Any) -> dict[str, Any]:
        return {"queue": "todo", "today": timezone.localdate()}


urlpatterns: list[URLPattern] = [
    path("steps/<int:pk>/", step_detail, name="step_detail"),
    path("steps/<int:pk>/act/", step_act, name="step_act"),
    path("steps/<int:pk>/submit/", step_submit, name="step_submit"),
    path("evidence/<int:pk>/", evidence_file, name="evidence_file"),
    path("to-verify/", ToVerifyView.as_view(), name="to_verify"),
    path("to-do/", ToDoView.as_view(), name="to_do"),
]
