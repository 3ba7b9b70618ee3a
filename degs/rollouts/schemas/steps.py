"""The steps part's API shapes: a milestone at a target as read (with its evidence, whose files
are read through the page's scoped download address), what submitting takes (sent as a
multipart form with the photo or document) and what a verifier's step takes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.urls import reverse
from ninja import Field, Schema

from degs.core.schemas import Text
from degs.rollouts.models import Evidence, Step


class EvidenceOut(Schema):
    id: int
    kind: str
    content_type: str
    size: int | None
    sha256: str
    url: str
    file_url: str = Field("", description="the scoped download address (for those who see it)")
    taken_at: dt.datetime | None
    latitude: Decimal | None
    longitude: Decimal | None
    accuracy_m: int | None
    uploaded_by_id: int
    uploaded_at: dt.datetime

    @staticmethod
    def resolve_file_url(obj: Evidence) -> str:
        return reverse("rollouts:evidence_file", args=[obj.pk]) if obj.file else ""


class StepOut(Schema):
    id: int
    programme_id: int
    target_id: int
    place: str
    area_id: int
    milestone_id: int
    milestone: str
    evidence_needed: str
    status: str
    done_on: dt.date | None
    submitted_by_id: int | None
    submitted_at: dt.datetime | None
    verified_by_id: int | None
    verified_at: dt.datetime | None
    version: int

    @staticmethod
    def resolve_programme_id(obj: Step) -> int:
        return obj.target.programme_id

    @staticmethod
    def resolve_place(obj: Step) -> str:
        return obj.target.place_label

    @staticmethod
    def resolve_area_id(obj: Step) -> int:
        return obj.target.area_id

    @staticmethod
    def resolve_milestone(obj: Step) -> str:
        return obj.milestone.label

    @staticmethod
    def resolve_evidence_needed(obj: Step) -> str:
        return obj.milestone.evidence


class StepDetailOut(StepOut):
    evidence: list[EvidenceOut]

    @staticmethod
    def resolve_evidence(obj: Step) -> list[Evidence]:
        return list(obj.evidence.all())


class SubmitIn(Schema):
    version: int | None = Field(None, ge=1, le=2_000_000_000)
    done_on: dt.date
    url: Text = Field("", max_length=500, description="the link, for a milestone that needs one")
    taken_at: dt.datetime | None = Field(None, description="when the photo was taken; now")
    latitude: Decimal | None = Field(None, ge=-90, le=90, max_digits=9, decimal_places=6)
    longitude: Decimal | None = Field(None, ge=-180, le=180, max_digits=9, decimal_places=6)
    accuracy_m: int | None = Field(None, ge=0, le=1_000_000)
    remark: Text = Field("", max_length=2000)


class StepActIn(Schema):
    version: int | None = Field(None, ge=1, le=2_000_000_000)
    remark: Text = Field("", max_length=2000)
