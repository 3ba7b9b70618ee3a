"""The rollouts demo's programmes part (docs/rollouts.md, "Demo"):

- Jamtara: "Projectors in every tehsil and block office" (the sample notes' "projectors in
  every tehsil and block"), its targets every block and circle (tehsil) office of Jamtara in
  the directory demo, three milestones (delivered: photo; installed and working: photo, weight
  2; staff trained: document). The Jamtara subdivision's offices were to be done ten days ago,
  Nala's in twenty days: some done on time, one late, one office closed mid-way and left the
  set, two overdue, some steps awaiting verification (the steps part's demo adds their
  evidence files). A directive of a demo meeting of Jamtara's DeGS committee ordered it and
  follows it (the demo's own meeting and directive, not from a sample note).
- East Singhbhum: "Connect every town, tehsil and block by video conference" and "e-Office in
  every block and circle office" (the note reviews e-Office and VC), part done.

Loading it again creates nothing new: a programme whose code exists is left as it is."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from degs.accounts.models import User
from degs.core.workflow import record_events
from degs.directory.choices import AreaKind, OfficeKind
from degs.directory.models import Area, Office
from degs.rollouts.choices import EvidenceKind, LeftBecause, ProgrammeKind, StepStatus
from degs.rollouts.models import Programme, Target, TargetEvent
from degs.rollouts.services import programmes as services

PROJECTORS = "jamtara-projectors"
VC = "east-singhbhum-vc"
E_OFFICE = "east-singhbhum-e-office"


def _district(name: str) -> Area | None:
    return Area.objects.filter(kind=AreaKind.DISTRICT, name=name).first()


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def _programme(
    code: str,
    area: Area,
    kind: str,
    names: tuple[str, str],
    description: tuple[str, str],
    starts_on: dt.date,
    due_on: dt.date,
    milestones: list[tuple[str, str, str, int]],
) -> Programme:
    programme = services.programme_create(
        actor=None,
        code=code,
        name=names[0],
        name_hi=names[1],
        description=description[0],
        description_hi=description[1],
        kind=kind,
        area=area,
        starts_on=starts_on,
        due_on=due_on,
    )
    for name, name_hi, evidence, weight in milestones:
        services.milestone_add(
            actor=None,
            programme=programme,
            name=name,
            name_hi=name_hi,
            evidence=evidence,
            weight=weight,
        )
    programme.refresh_from_db()
    return services.programme_transition(
        actor=None, programme=programme, action="start", version=programme.version
    )


def _offices(area: Area, kinds: list[str]) -> list[Office]:
    return list(
        services.offices_by_filter(area=area, office_kinds=kinds).order_by("area__path", "name")
    )


def _steps(
    target: Target,
    states: Sequence[tuple[str, dt.date]],
    reporter: User | None,
    verifier: User | None,
) -> None:
    """The target's first steps set to ``states`` (status, day done), as the office and the
    district would have moved them; the events say so. The target is done when every step is
    verified, on the last day."""
    steps = list(target.steps.select_related("milestone").order_by("milestone__order"))
    events: list[dict[str, Any]] = []
    for step, (status, day) in zip(steps, states, strict=False):
        at = timezone.make_aware(dt.datetime.combine(day, dt.time(11, 0)))
        step.status, step.done_on = status, day
        step.submitted_by, step.submitted_at = reporter, at
        events.append(
            {
                "subject": target,
                "actor": reporter,
                "action": "submit",
                "from_status": StepStatus.PENDING,
                "to_status": StepStatus.SUBMITTED,
                "data": {"milestone": step.milestone_id},
            }
        )
        if status == StepStatus.VERIFIED:
            step.verified_by, step.verified_at = verifier, at + dt.timedelta(hours=5)
            events.append(
                {
                    "subject": target,
                    "actor": verifier,
                    "action": "verify",
                    "from_status": StepStatus.SUBMITTED,
                    "to_status": StepStatus.VERIFIED,
                    "data": {"milestone": step.milestone_id},
                }
            )
        step.version += 1
        step.save()
    record_events(TargetEvent, events)
    if steps and len(states) >= len(steps) and all(s == StepStatus.VERIFIED for s, _ in states):
        target.done_on = max(day for _, day in states)
        target.save(update_fields=["done_on", "updated_at"])


def _projectors(today: dt.date) -> list[str]:
    jamtara = _district("Jamtara")
    if jamtara is None:
        return []
    start = today - dt.timedelta(days=60)
    programme = _programme(
        PROJECTORS,
        jamtara,
        ProgrammeKind.PROJECTOR,
        (
            "Projectors in every tehsil and block office",
            "हर अंचल और प्रखंड कार्यालय में प्रोजेक्टर",
        ),
        (
            "A projector delivered, installed and working in every block and circle office of "
            "Jamtara, and the staff trained to use it for video conferences and reviews.",
            "जामताड़ा के हर प्रखंड और अंचल कार्यालय में प्रोजेक्टर पहुँचे, लगे और चालू हों, और "
            "कर्मचारी उसे वीडियो कॉन्फ्रेंस और समीक्षा में चलाना सीखें।",
        ),
        start,
        today + dt.timedelta(days=20),
        [
            ("Delivered", "पहुँचा", EvidenceKind.PHOTO, 1),
            ("Installed and working", "लगा और चालू", EvidenceKind.PHOTO, 2),
            ("Staff trained", "कर्मचारी प्रशिक्षित", EvidenceKind.DOCUMENT, 1),
        ],
    )
    offices = _offices(jamtara, [OfficeKind.BLOCK_OFFICE, OfficeKind.TEHSIL_OFFICE])
    subdivision = Area.objects.filter(
        parent=jamtara, kind=AreaKind.SUBDIVISION, name="Jamtara"
    ).first()
    first = [o for o in offices if subdivision and o.area.path.startswith(subdivision.path)]
    rest = [o for o in offices if o not in first]
    # The Jamtara subdivision's offices first, due ten days ago; Nala's by the programme's date.
    services.targets_add(
        actor=None,
        programme=programme,
        offices=first,
        joined_on=start,
        due_on=today - dt.timedelta(days=10),
    )
    services.targets_add(actor=None, programme=programme, offices=rest, joined_on=start)
    reporter, verifier = _user("engineer.jamtara"), _user("dio.jamtara")
    targets = {t.office_id: t for t in programme.targets.all()}
    v, s = StepStatus.VERIFIED, StepStatus.SUBMITTED

    def days(*back: int) -> list[dt.date]:
        return [today - dt.timedelta(days=n) for n in back]

    plan: list[list[tuple[str, dt.date]]] = [
        list(zip([v, v, v], days(40, 30, 20), strict=True)),  # done on time
        list(zip([v, v, v], days(35, 25, 15), strict=True)),  # done on time
        list(zip([v, v, v], days(20, 8, 4), strict=True)),  # done late
        [],  # closed mid-way: leaves the set
        list(zip([v, s], days(18, 2), strict=True)),  # overdue, installed awaiting verification
        [],  # overdue, nothing done
    ]
    for office, states in zip(first, plan, strict=False):
        _steps(targets[office.pk], states, reporter, verifier)
    if len(first) > 3:
        services.target_remove(
            actor=None,
            target=targets[first[3].pk],
            left_on=today - dt.timedelta(days=25),
            left_because=LeftBecause.CLOSED,
            remark="The office closed; its work moved to the block office.",
        )
    later: list[list[tuple[str, dt.date]]] = [
        list(zip([v, v, v], days(12, 6, 3), strict=True)),  # done, before its due date
        list(zip([v, s], days(9, 1), strict=True)),  # installed awaiting verification
        [(s, today - dt.timedelta(days=1))],  # delivered awaiting verification
    ]
    for office, states in zip(rest, later, strict=False):
        _steps(targets[office.pk], states, reporter, verifier)
    _directive(programme, jamtara, start - dt.timedelta(days=2))
    return [f"Rollout: {programme.name}, {len(offices)} offices."]


def _directive(programme: Programme, district: Area, day: dt.date) -> None:
    """The demo's own meeting of Jamtara's DeGS committee that ordered the projectors (no
    sample note records it), its directive following the programme."""
    from degs.directory.models import Post
    from degs.reviews import services as reviews
    from degs.reviews.models import Committee

    committee = Committee.objects.filter(area=district).order_by("pk").first()
    lead = Post.objects.filter(designation__code="dio", area=district, seat="").first()
    if committee is None or lead is None:
        return
    meeting = reviews.meeting_create(
        actor=None,
        committee=committee,
        date=day,
        summary="A demo meeting: no sample note records it.",
    )
    directive = reviews.directive_create(
        actor=None,
        meeting=meeting,
        lead_post=lead,
        text="Install a working projector in every tehsil and block office and train the staff.",
        text_hi="हर अंचल और प्रखंड कार्यालय में चालू प्रोजेक्टर लगाएँ और कर्मचारियों को प्रशिक्षित करें।",
        due_date=programme.due_on,
    )
    reviews.directive_set_target(
        actor=None, directive=directive, target=programme, version=directive.version
    )


def _east_singhbhum(today: dt.date) -> list[str]:
    east = _district("East Singhbhum")
    if east is None:
        return []
    reporter, verifier = _user("engineer.eastsinghbhum"), _user("dio.eastsinghbhum")
    lines = []
    start = today - dt.timedelta(days=45)
    vc = _programme(
        VC,
        east,
        ProgrammeKind.VC,
        (
            "Connect every town, tehsil and block by video conference",
            "हर नगर, अंचल और प्रखंड को वीडियो कॉन्फ्रेंस से जोड़ें",
        ),
        ("", ""),
        start,
        today + dt.timedelta(days=30),
        [
            ("Room ready", "कक्ष तैयार", EvidenceKind.PHOTO, 1),
            ("Test call with the district", "जिले के साथ परीक्षण कॉल", EvidenceKind.DOCUMENT, 2),
        ],
    )
    offices = _offices(
        east, [OfficeKind.BLOCK_OFFICE, OfficeKind.TEHSIL_OFFICE, OfficeKind.MUNICIPAL_OFFICE]
    )
    services.targets_add(actor=None, programme=vc, offices=offices, joined_on=start)
    v, s = StepStatus.VERIFIED, StepStatus.SUBMITTED
    for n, target in enumerate(vc.targets.order_by("area__path", "pk")[:6]):
        states = [(v, today - dt.timedelta(days=20 - n)), (v, today - dt.timedelta(days=10 - n))]
        _steps(target, states if n < 4 else [(s, today - dt.timedelta(days=1))], reporter, verifier)
    lines.append(f"Rollout: {vc.name}, {len(offices)} offices.")
    e_office = _programme(
        E_OFFICE,
        east,
        ProgrammeKind.E_OFFICE,
        ("e-Office in every block and circle office", "हर प्रखंड और अंचल कार्यालय में ई-ऑफिस"),
        ("", ""),
        today - dt.timedelta(days=90),
        today - dt.timedelta(days=30),
        [
            ("e-Office instance live", "ई-ऑफिस चालू", EvidenceKind.LINK, 2),
            ("Staff trained", "कर्मचारी प्रशिक्षित", EvidenceKind.DOCUMENT, 1),
        ],
    )
    offices = _offices(east, [OfficeKind.BLOCK_OFFICE, OfficeKind.TEHSIL_OFFICE])
    services.targets_add(
        actor=None, programme=e_office, offices=offices, joined_on=e_office.starts_on
    )
    for n, target in enumerate(e_office.targets.order_by("area__path", "pk")):
        if n % 3 != 2:
            day = today - dt.timedelta(days=60 - min(3 * n, 40))
            _steps(target, [(v, day), (v, day + dt.timedelta(days=2))], reporter, verifier)
    lines.append(f"Rollout: {e_office.name}, {len(offices)} offices.")
    return lines


@transaction.atomic
def load() -> list[str]:
    if Programme.objects.filter(code__in=[PROJECTORS, VC, E_OFFICE]).exists():
        return []
    today = timezone.localdate()
    return _projectors(today) + _east_singhbhum(today)
