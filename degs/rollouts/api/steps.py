"""The API of the rollouts app's steps part: milestones at targets (the list with the queues'
filters, one with its evidence), submit with evidence (a multipart form: the photo or the PDF
as a file, or the link as a field), verify and return (with the version seen). Scoped like the
pages: a step outside the caller's areas answers 404."""

from __future__ import annotations

from ninja import File, Form, Router
from ninja.files import UploadedFile

from degs.core.api import act_on
from degs.core.filters import list_operation
from degs.core.permissions import require_section
from degs.core.typing import AuthedRequest
from degs.rollouts.filters.steps import StepFilterSet
from degs.rollouts.schemas.steps import StepActIn, StepDetailOut, StepOut, SubmitIn
from degs.rollouts.selectors import steps as selectors
from degs.rollouts.services import steps as services

router = Router(tags=["rollouts"])

SECTION = "rollouts"
# A file part the form may leave out (ninja reads the default as where the value comes from).
NO_FILE = File(None)

list_operation(
    router,
    "/steps/",
    StepFilterSet,
    StepOut,
    name="list_rollout_steps",
    section=SECTION,
    doc="Milestones at targets the caller sees, filtered as on the queues.",
)


@router.get("/steps/{step_id}/", response=StepDetailOut, url_name="get_rollout_step")
def get_rollout_step(request: AuthedRequest, step_id: int) -> object:
    require_section(request.user, SECTION)
    return selectors.step_get(user=request.user, pk=step_id)


@router.post("/steps/{step_id}/submit/", response=StepDetailOut, url_name="submit_rollout_step")
def submit_rollout_step(
    request: AuthedRequest,
    step_id: int,
    payload: Form[SubmitIn],
    photo: UploadedFile | None = NO_FILE,
    document: UploadedFile | None = NO_FILE,
) -> object:
    """Submit the milestone with the evidence it needs: ``photo`` (JPEG or PNG: kept without
    its metadata; the time and place as fields), ``document`` (a PDF) or ``url``."""
    require_section(request.user, SECTION)
    return act_on(
        request,
        step_id,
        read=selectors.step_get,
        service=services.step_submit,
        subject="step",
        payload=payload,
        photo=photo,
        document=document,
    )


@router.post("/steps/{step_id}/verify/", response=StepDetailOut, url_name="verify_rollout_step")
def verify_rollout_step(request: AuthedRequest, step_id: int, payload: StepActIn) -> object:
    """Verify a submitted milestone; never the one who submitted it (403)."""
    require_section(request.user, SECTION)
    return act_on(
        request,
        step_id,
        read=selectors.step_get,
        service=services.step_verify,
        subject="step",
        payload=payload,
    )


@router.post("/steps/{step_id}/return/", response=StepDetailOut, url_name="return_rollout_step")
def return_rollout_step(request: AuthedRequest, step_id: int, payload: StepActIn) -> object:
    """Return a submitted milestone for better evidence; ``remark`` says what is missing."""
    require_section(request.user, SECTION)
    return act_on(
        request,
        step_id,
        read=selectors.step_get,
        service=services.step_return,
        subject="step",
        payload=payload,
    )
