"""Services of the centres app: registry, IDs, status workflow, draws, inspections, approval."""

from __future__ import annotations

import datetime as dt
import io
import uuid
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from degs.accounts.models import Notice
from degs.centres import services, workflow
from degs.centres.choices import (
    CentreGoal,
    CentreKind,
    CentreStatus,
    Decision,
    IdStatus,
    InspectionResult,
    Recommendation,
)
from degs.centres.models import Centre, CentreEvent, Draw, Inspection, Operator
from degs.core.exceptions import (
    InvalidTransition,
    OutOfJurisdiction,
    PermissionDenied,
    StaleVersion,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


# UIDAI's published test number: valid, and checked here by no code of this project.
VALID_AADHAAR = "499118665246"


ALL_FINE = {
    "board": "yes",
    "rate_list": "yes",
    "operator_present": "yes",
    "internet": "yes",
    "overcharging": "no",
}


def finding(**extra: object) -> services.Finding:
    values: dict[str, object] = {"answers": dict(ALL_FINE), "result": InspectionResult.FUNCTIONAL}
    values.update(extra)
    return services.Finding(**values)  # type: ignore[arg-type]


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (40, 30), "red")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    gps = exif.get_ifd(0x8825)
    gps[2] = (23.0, 57.0, 36.0)  # latitude
    gps[4] = (86.0, 48.0, 0.0)  # longitude
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


# --- operators and Aadhaar ---------------------------------------------------------------------


def test_operator_keeps_only_last_four_and_hash(world, centres):
    number = VALID_AADHAAR
    operator = services.operator_create(
        actor=world.csc_manager_a,
        area=world.gp_a1,
        name="New Operator",
        mobile="9123456780",
        aadhaar=number[:4] + " " + number[4:8] + " " + number[8:],
    )
    operator.refresh_from_db()
    assert operator.aadhaar_last4 == number[-4:]
    assert len(operator.aadhaar_hash) == 64
    stored = " ".join(
        str(v) for v in Operator.objects.filter(pk=operator.pk).values().get().values()
    )
    assert number not in stored
    history = " ".join(str(v) for h in operator.history.values() for v in h.values())
    assert number not in history


@pytest.mark.parametrize(
    ("aadhaar", "mobile", "field"),
    [
        ("234123412345", "9123456780", "aadhaar"),  # fails Verhoeff
        ("12345", "9123456780", "aadhaar"),
        ("", "5123456789", "mobile"),
        ("", "98765", "mobile"),
    ],
)
def test_operator_bad_input_names_the_field_and_saves_nothing(
    world, centres, aadhaar, mobile, field
):
    before = Operator.objects.count()
    with pytest.raises(ValidationError) as caught:
        services.operator_create(
            actor=world.csc_manager_a, area=world.gp_a1, name="X", mobile=mobile, aadhaar=aadhaar
        )
    assert field in caught.value.message_dict
    assert Operator.objects.count() == before


def test_operator_update_checks_version(world, centres):
    operator = centres.operator_a1
    services.operator_update(
        actor=world.csc_manager_a, operator=operator, version=operator.version, email="a@b.in"
    )
    with pytest.raises(StaleVersion):
        services.operator_update(
            actor=world.csc_manager_a, operator=operator, version=operator.version, email="c@d.in"
        )


# --- centres -----------------------------------------------------------------------------------


def test_centre_create_records_an_event(world, centres):
    centre = services.centre_create(
        actor=world.csc_manager_a,
        code="jh-a1-009",
        name="New Kendra",
        kind=CentreKind.PRAGYA_KENDRA,
        area=world.gp_a1,
        equipment=["printer", "pc"],
    )
    assert centre.code == "JH-A1-009"
    assert centre.status == CentreStatus.PROPOSED
    assert centre.equipment == ["pc", "printer"]
    event = centre.events.get()
    assert (event.action, event.actor, event.to_status) == (
        "registered",
        world.csc_manager_a,
        "proposed",
    )


@pytest.mark.parametrize(("area", "field"), [("district_a", "area"), ("gp_a1", "code")])
def test_centre_create_refuses_bad_area_and_duplicate_code(world, centres, area, field):
    with pytest.raises(ValidationError) as caught:
        services.centre_create(
            actor=world.csc_manager_a,
            code="JH-A1-001",
            name="Again",
            kind=CentreKind.CSC,
            area=getattr(world, area),
        )
    assert field in caught.value.message_dict


def test_centre_create_outside_jurisdiction_is_not_found(world, centres):
    with pytest.raises(OutOfJurisdiction):
        services.centre_create(
            actor=world.csc_manager_a, code="X1", name="X", kind=CentreKind.CSC, area=world.gp_b1
        )


def test_operator_of_another_district_is_refused(world, centres):
    with pytest.raises(ValidationError) as caught:
        services.centre_update(
            actor=None,
            centre=centres.centre_a1,
            version=centres.centre_a1.version,
            operator=centres.operator_b1,
        )
    assert "operator" in caught.value.message_dict


@pytest.mark.parametrize("status", CentreStatus.values)
@pytest.mark.parametrize("action", [t.action for t in workflow.CENTRE_TRANSITIONS])
def test_every_status_and_action(world, centres, status, action):
    centre = centres.centre_a1
    Centre.objects.filter(pk=centre.pk).update(status=status)
    centre.refresh_from_db()
    allowed = workflow.centre_transition_for(status, action)

    def run():
        return services.centre_transition(
            actor=world.csc_manager_a,
            centre=centre,
            action=action,
            version=centre.version,
            effective_on=TODAY(),
            reason="Order of the DC",
            order_reference="DC/1",
        )

    if allowed is None:
        with pytest.raises(InvalidTransition):
            run()
        assert not centre.events.filter(action=action).exists()
    else:
        changed = run()
        assert changed.status == allowed.target
        event = centre.events.get(action=action)
        assert (event.from_status, event.to_status, event.order_reference) == (
            status,
            allowed.target,
            "DC/1",
        )


@pytest.mark.parametrize("who", ["bdo_a1", "operator_a1"])
def test_only_managers_change_status(world, centres, who):
    centre = centres.centre_a1
    with pytest.raises(PermissionDenied):
        services.centre_transition(
            actor=getattr(world, who),
            centre=centre,
            action="suspend",
            version=centre.version,
            effective_on=TODAY(),
            reason="x",
        )


def test_status_change_needs_reason_and_current_version(world, centres):
    centre = centres.centre_a1
    with pytest.raises(ValidationError) as caught:
        services.centre_transition(
            actor=world.csc_manager_a,
            centre=centre,
            action="suspend",
            version=centre.version,
            effective_on=TODAY(),
            reason="  ",
        )
    assert "reason" in caught.value.message_dict
    with pytest.raises(StaleVersion):
        services.centre_transition(
            actor=world.csc_manager_a,
            centre=centre,
            action="suspend",
            version=centre.version - 1,
            effective_on=TODAY(),
            reason="Non-functional",
        )
    centre.refresh_from_db()
    assert centre.status == CentreStatus.ACTIVE


# --- operators' IDs ----------------------------------------------------------------------------


def test_id_moves_through_its_statuses(world, centres):
    record = services.operator_id_record(
        actor=world.csc_manager_a,
        operator=centres.operator_a1,
        id_type=centres.jharseva,
        applied_on=TODAY() - dt.timedelta(days=40),
        application_reference="JS/APP/1",
    )
    with pytest.raises(ValidationError) as caught:
        services.operator_id_update(
            actor=world.csc_manager_a, record=record, version=record.version, status="issued"
        )
    assert "number" in caught.value.message_dict
    record = services.operator_id_update(
        actor=world.csc_manager_a,
        record=record,
        version=record.version,
        status=IdStatus.ISSUED,
        number="JS-2001",
    )
    assert record.decided_on == TODAY()
    with pytest.raises(InvalidTransition):
        services.operator_id_update(
            actor=world.csc_manager_a, record=record, version=record.version, status="applied"
        )
    actions = list(
        CentreEvent.objects.filter(operator=centres.operator_a1)
        .order_by("pk")
        .values_list("action", "to_status")
    )
    assert actions[-2:] == [("id_recorded", "applied"), ("id_changed", "issued")]


def test_rejection_needs_a_reason(world, centres):
    record = services.operator_id_record(
        actor=None, operator=centres.operator_a1, id_type=centres.bc, applied_on=TODAY()
    )
    with pytest.raises(ValidationError) as caught:
        services.operator_id_update(
            actor=world.csc_manager_a, record=record, version=record.version, status="rejected"
        )
    assert "remarks" in caught.value.message_dict


# --- draws -------------------------------------------------------------------------------------


def make_centres(world, count: int, **extra: object) -> list[Centre]:
    return [
        services.centre_create(
            actor=None,
            code=f"JH-T-{i:04d}",
            name=f"Kendra {i}",
            kind=CentreKind.PRAGYA_KENDRA,
            area=world.gp_a1,
            status=CentreStatus.ACTIVE,
            **extra,  # type: ignore[arg-type]
        )
        for i in range(count)
    ]


def test_draw_is_reproducible_and_made_once_per_period(world, centres):
    make_centres(world, 20)
    draw, _created = services.draw_create(actor=world.csc_manager_a, quota=centres.quota, seed=42)
    items = list(draw.items.values_list("centre_id", flat=True))
    assert len(items) == 3
    assert services.draw_replay(draw) == items
    again, created = services.draw_create(actor=world.csc_manager_a, quota=centres.quota, seed=7)
    assert not created
    assert again.pk == draw.pk
    assert Draw.objects.count() == 1
    assert draw.candidates == 22  # 20 new + the two active centres of A1; not A2 (proposed), not B1


def test_draw_skips_centres_inspected_within_the_window(world, centres):
    recent = make_centres(world, 5)
    Centre.objects.filter(pk__in=[c.pk for c in recent]).update(
        last_inspected_on=TODAY() - dt.timedelta(days=10)
    )
    candidates = services.draw_candidates(area=world.district_a, on=TODAY(), window_days=45)
    ids = {c.centre_id for c in candidates}
    assert not ids & {c.pk for c in recent}
    assert centres.centre_a1.pk in ids
    assert centres.centre_b1.pk not in ids


def test_weights_favour_neglected_centres():
    on = dt.date(2026, 11, 1)
    fresh, _ = services.centre_weight(
        last_inspected_on=on - dt.timedelta(days=50),
        complaints_open=0,
        monthly_transactions=500,
        on=on,
    )
    never, reasons = services.centre_weight(
        last_inspected_on=None, complaints_open=2, monthly_transactions=5, on=on
    )
    assert never > fresh
    assert set(reasons) == {"never_inspected", "complaints", "low_activity"}
    heavy = services.Candidate(1, never, ())
    light = services.Candidate(2, fresh, ())
    wins = sum(
        services.weighted_sample([light, heavy], 1, seed)[0].centre_id == 1 for seed in range(400)
    )
    assert wins > 240  # about never / (never + fresh) of 400


def test_draw_by_someone_else_is_refused(world, centres):
    # The CSC manager's post is a district post: a block officer does not even see it.
    with pytest.raises(OutOfJurisdiction):
        services.draw_create(actor=world.bdo_a1, quota=centres.quota)
    with pytest.raises(OutOfJurisdiction):
        services.draw_create(actor=world.bdo_b1, quota=centres.quota)


# --- inspections -------------------------------------------------------------------------------


def test_inspection_counts_for_the_quota_and_the_draw(world, centres):
    draw, _created = services.draw_create(actor=world.csc_manager_a, quota=centres.quota, seed=1)
    centre = draw.items.first().centre
    inspection, created = services.inspection_record(
        actor=world.csc_manager_a, centre=centre, client_token=uuid.uuid4(), finding=finding()
    )
    assert created
    assert inspection.post == centres.quota.post
    assert inspection.draw_item.draw == draw
    centre.refresh_from_db()
    assert centre.last_inspected_on == TODAY()
    assert centre.events.filter(action="inspected", actor=world.csc_manager_a).exists()


def test_same_form_twice_records_one_inspection(world, centres):
    token = uuid.uuid4()
    first, created = services.inspection_record(
        actor=world.csc_manager_a, centre=centres.centre_a1, client_token=token, finding=finding()
    )
    second, created_again = services.inspection_record(
        actor=world.csc_manager_a, centre=centres.centre_a1, client_token=token, finding=finding()
    )
    assert (created, created_again, first.pk) == (True, False, second.pk)
    assert Inspection.objects.count() == 1


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"answers": {"board": "yes"}}, "q_rate_list"),
        ({"answers": {**ALL_FINE, "board": "maybe"}}, "q_board"),
        ({"recommendation": Recommendation.CLOSURE}, "recommendation"),
        (
            {
                "result": InspectionResult.PARTLY,
                "recommendation": Recommendation.FINE,
                "remarks": "x",
            },
            "fine_amount",
        ),
        (
            {
                "result": InspectionResult.NON_FUNCTIONAL,
                "recommendation": Recommendation.SUSPENSION,
                "remarks": "x",
            },
            "suspension_days",
        ),
        ({"result": InspectionResult.NON_FUNCTIONAL}, "remarks"),
    ],
)
def test_bad_findings_are_refused(world, centres, extra, field):
    with pytest.raises(ValidationError) as caught:
        services.inspection_record(
            actor=world.csc_manager_a,
            centre=centres.centre_a1,
            client_token=uuid.uuid4(),
            finding=finding(**extra),
        )
    assert field in caught.value.message_dict
    assert not Inspection.objects.exists()


def test_photo_location_is_stripped(world, centres):
    photo = SimpleUploadedFile("kiosk.jpg", jpeg_with_gps(), content_type="image/jpeg")
    inspection, _ = services.inspection_record(
        actor=world.csc_manager_a,
        centre=centres.centre_a1,
        client_token=uuid.uuid4(),
        finding=finding(),
        photos=[photo],
    )
    saved = inspection.photos.get()
    with saved.file.open("rb") as handle, Image.open(handle) as image:
        exif = image.getexif()
        assert not exif.get_ifd(0x8825)
        assert 0x010F not in exif
    assert (saved.width, saved.height) == (40, 30)


@pytest.mark.parametrize(
    ("name", "content"),
    [("kiosk.jpg", b"MZ\x90\x00 not a picture"), ("kiosk.png", b"\x89PNG\r\n\x1a\nbroken")],
)
def test_files_that_are_not_photos_are_refused(world, centres, name, content):
    with pytest.raises(ValidationError) as caught:
        services.inspection_record(
            actor=world.csc_manager_a,
            centre=centres.centre_a1,
            client_token=uuid.uuid4(),
            finding=finding(),
            photos=[SimpleUploadedFile(name, content)],
        )
    assert "photos" in caught.value.message_dict
    assert not Inspection.objects.exists()


def test_large_photo_is_refused(world, centres, settings):
    settings.DEGS_PHOTO_MAX_BYTES = 100
    with pytest.raises(ValidationError):
        services.inspection_record(
            actor=world.csc_manager_a,
            centre=centres.centre_a1,
            client_token=uuid.uuid4(),
            finding=finding(),
            photos=[SimpleUploadedFile("big.jpg", jpeg_with_gps())],
        )


def test_operator_cannot_inspect(world, centres):
    with pytest.raises(PermissionDenied):
        services.inspection_record(
            actor=world.operator_a1,
            centre=centres.centre_a1,
            client_token=uuid.uuid4(),
            finding=finding(),
        )


def closure_recommended(world, centres) -> Inspection:
    inspection, _ = services.inspection_record(
        actor=world.csc_manager_a,
        centre=centres.centre_a1,
        client_token=uuid.uuid4(),
        finding=finding(
            answers={**ALL_FINE, "operator_present": "no", "internet": "no"},
            result=InspectionResult.NON_FUNCTIONAL,
            recommendation=Recommendation.CLOSURE,
            remarks="Closed on every visit; operator absent.",
        ),
    )
    return inspection


def test_closure_waits_for_the_district_and_tells_it(
    world, centres, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        inspection = closure_recommended(world, centres)
    assert inspection.decision == Decision.PENDING
    assert inspection.faults == 2
    centres.centre_a1.refresh_from_db()
    assert centres.centre_a1.status == CentreStatus.ACTIVE
    told = set(
        Notice.objects.filter(key__endswith="-approve").values_list("user__username", flat=True)
    )
    assert {"dc_a", "dio_a"} <= told
    assert "csc_a" not in told


def test_approval_closes_the_centre_and_tells_the_operator(
    world, centres, django_capture_on_commit_callbacks
):
    inspection = closure_recommended(world, centres)
    with pytest.raises(PermissionDenied):
        services.inspection_decide(
            actor=world.csc_manager_a,
            inspection=inspection,
            version=inspection.version,
            approve=True,
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.inspection_decide(
            actor=world.dc_a,
            inspection=inspection,
            version=inspection.version,
            approve=True,
            order_reference="DC/JMT/2026/7",
            acknowledge_position=True,  # recorded without a position
        )
    centre = Centre.objects.get(pk=centres.centre_a1.pk)
    assert centre.status == CentreStatus.CLOSED
    event = centre.events.get(action="close")
    assert (event.actor, event.order_reference, event.data["inspection"]) == (
        world.dc_a,
        "DC/JMT/2026/7",
        inspection.pk,
    )
    assert Notice.objects.filter(user=world.operator_a1, key__endswith="-decided").exists()
    inspection.refresh_from_db()
    with pytest.raises(InvalidTransition):
        services.inspection_decide(
            actor=world.dc_a, inspection=inspection, version=inspection.version, approve=True
        )


def test_declining_needs_a_remark_and_leaves_the_centre(world, centres):
    inspection = closure_recommended(world, centres)
    with pytest.raises(ValidationError):
        services.inspection_decide(
            actor=world.dc_a, inspection=inspection, version=inspection.version, approve=False
        )
    decided = services.inspection_decide(
        actor=world.dc_a,
        inspection=inspection,
        version=inspection.version,
        approve=False,
        remark="Give the operator a month.",
    )
    assert decided.decision == Decision.REJECTED
    centres.centre_a1.refresh_from_db()
    assert centres.centre_a1.status == CentreStatus.ACTIVE


def test_suspension_approval_sets_the_end_date(world, centres):
    inspection, _ = services.inspection_record(
        actor=world.csc_manager_a,
        centre=centres.centre_a1,
        client_token=uuid.uuid4(),
        finding=finding(
            result=InspectionResult.PARTLY,
            recommendation=Recommendation.SUSPENSION,
            suspension_days=15,
            remarks="Overcharging",
            answers={**ALL_FINE, "overcharging": "yes"},
        ),
    )
    services.inspection_decide(
        actor=world.dc_a,
        inspection=inspection,
        version=inspection.version,
        approve=True,
        acknowledge_position=True,
    )
    centre = Centre.objects.get(pk=centres.centre_a1.pk)
    assert centre.status == CentreStatus.SUSPENDED
    assert centre.suspended_until == TODAY() + dt.timedelta(days=15)


def test_fine_amount_kept_only_with_a_fine(world, centres):
    inspection, _ = services.inspection_record(
        actor=world.csc_manager_a,
        centre=centres.centre_a1,
        client_token=uuid.uuid4(),
        finding=finding(fine_amount=Decimal("500")),
    )
    assert inspection.fine_amount is None


# --- saved sets --------------------------------------------------------------------------------


def test_centre_set_progress_is_live(world, centres):
    centre_set = services.centre_set_create(
        actor=world.csc_manager_a,
        name="Active Pragya Kendras without BC ID",
        area=world.district_a,
        kind=CentreKind.PRAGYA_KENDRA,
        status=CentreStatus.ACTIVE,
        goal=CentreGoal.HAS_ID,
        goal_id_type=centres.bc,
    )
    assert centre_set.progress() == (0, 1)
    services.operator_id_record(
        actor=None,
        operator=centres.operator_a1,
        id_type=centres.bc,
        status=IdStatus.ISSUED,
        applied_on=TODAY(),
        number="BC-1",
        decided_on=TODAY(),
    )
    assert centre_set.progress() == (1, 1)


def test_period_bounds():
    day = dt.date(2026, 11, 18)  # a Wednesday
    assert services.period_bounds("week", day) == (dt.date(2026, 11, 16), dt.date(2026, 11, 22))
    assert services.period_bounds("month", day) == (dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    assert services.period_bounds("quarter", day) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert services.period_bounds("month", dt.date(2026, 12, 5))[1] == dt.date(2026, 12, 31)
