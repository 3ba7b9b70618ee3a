"""What a probe posts and what the heartbeat endpoints answer."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

MAX_BEATS = 500  # the same as services.health.MAX_BEATS (tests/connectivity/test_health_api.py)


class BeatIn(Schema):
    """One heartbeat: the probe's time (ISO 8601 with its offset) and what it measured. A beat
    that is wrong on its own (no offset, too far ahead, older than the raw rows are kept, a
    number out of range) is refused alone, in ``rejected``; the others are stored."""

    at: dt.datetime = Field(
        ..., description="when the probe heard the link: ISO 8601 with its offset"
    )
    latency_ms: float | None = Field(None, description="round-trip time in milliseconds")
    loss_percent: float | None = Field(None, description="packets lost, 0 to 100")
    down_kbps: float | None = Field(None, description="measured download speed (a speed test)")
    up_kbps: float | None = Field(None, description="measured upload speed")


class HeartbeatsIn(Schema):
    beats: list[BeatIn] = Field(..., max_length=MAX_BEATS)


class RejectedOut(Schema):
    index: int
    reason: str


class IngestOut(Schema):
    """What a post did: beats stored, beats already stored (a replay, stored once), and the
    refused ones with their place in the post and why."""

    accepted: int
    duplicates: int
    rejected: list[RejectedOut]
    last_heartbeat_at: dt.datetime | None
    status: str
