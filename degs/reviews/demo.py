"""The demo's review meetings: the three sample press notes as they report them.

Chairs, attendees and directives are those of the notes (their words verbatim). Where a note
gives no date, or a directive no deadline, the demo supplies one and says so: such meetings are
dated relative to the day the demo is loaded, and a directive with no deadline in the note is due
"by the next meeting". Compliance updates are written by the demo holders of the posts, so the
action-taken report shows directives done, in progress and overdue.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from degs.accounts.models import User
from degs.directory.choices import AreaKind
from degs.directory.models import Area, Post, PostHolding
from degs.reviews import services
from degs.reviews.choices import CommitteeKind, Concern
from degs.reviews.models import Committee, Directive, Meeting

NEXT = "by the next meeting"
NEXT_HI = "अगली बैठक तक"


@dataclass
class DemoDirective:
    lead: str  # designation code of the lead post in the district
    text: str = ""
    text_hi: str = ""
    deadline: str = ""
    recurrence: str = ""
    agenda: int | None = None  # index into the meeting's agenda
    # What the holder reports: (percent, text) in order; 100 reports complied.
    updates: list[tuple[int, str]] = field(default_factory=list)
    verify: bool = False


@dataclass
class DemoMeeting:
    district: str
    committee: str
    committee_hi: str
    date: dt.date | None  # None: the note gives none; placed ``days_ago`` before today
    days_ago: int
    venue: str
    chair_name: str
    present: list[tuple[str, str]]  # (designation code, name as in the note)
    invitees: list[tuple[str, str]]  # (what they represent, name)
    agenda: list[tuple[str, str, str]]
    directives: list[DemoDirective]
    summary: str = ""


MEETINGS = [
    DemoMeeting(
        district="Jamtara",
        committee="District e-Governance Society review",
        committee_hi="जिला ई-गवर्नेंस सोसाइटी समीक्षा बैठक",
        date=dt.date(2020, 11, 12),
        days_ago=0,
        venue="",
        chair_name="फैज अक अहमद मुमताज",
        present=[
            ("ddc", "नमन प्रियेश लकड़ा"),
            ("dio", "अभय पराशर"),
            ("edm", "बिरजू राम"),
            ("uidai_dpo", "राजीव कुमार"),
            ("csc_dm", "सलिल कुमार"),
        ],
        invitees=[
            ("जिला शिक्षा पदाधिकारी", "अभय शंकर कुमार"),
            ("पुलिस उपाधीक्षक", "संजय कुमार सिंह"),
            ("एलडीएम", "एसएल बैठा"),
        ],
        agenda=[
            ("", "प्रखंड एवं पंचायत भवनों में इंटरनेट कनेक्टिविटी", Concern.CONNECTIVITY),
            ("", "आधार पंजीकरण", Concern.AADHAAR),
            ("", "प्रमाण पत्रों का निष्पादन", Concern.SERVICES),
        ],
        directives=[
            DemoDirective(
                "network_engineer",
                text_hi="सभी प्रखंड/पंचायत भवनों में इंटरनेट कनेक्शन जल्द से जल्द कराना सुनिश्चित करे",
                deadline="जल्द से जल्द",
                agenda=0,
                updates=[
                    (60, "चार प्रखंड कार्यालयों में कनेक्शन चालू; पंचायत भवनों की सूची बीएसएनएल को भेजी गई।"),
                    (100, "सभी प्रखंड कार्यालय एवं 112 पंचायत भवन जुड़े; शेष का कार्य आदेश जारी।"),
                ],
                verify=True,
            ),
            DemoDirective(
                "uidai_dpo",
                text_hi="जिसका आधार कार्ड नहीं बना है, उसका आधार कार्ड बनाना सुनिश्चित करेंगे",
                deadline=NEXT_HI,
                agenda=1,
            ),
            DemoDirective(
                "network_engineer",
                text_hi="संबंधित द्वारा सभी पंचायतों का निरीक्षण कर नेटवर्क कनेक्टिविटी को सुनिश्चित कराया जाए",
                deadline=NEXT_HI,
                agenda=0,
                updates=[(40, "नाला एवं कुंडहित प्रखंड की पंचायतों का निरीक्षण पूर्ण।")],
            ),
            DemoDirective(
                "edm",
                text_hi=(
                    "कास्ट सर्टिफिकेट, इनकम, रेसिडेंट सर्टिफिकेट, मैरिज सर्टिफिकेट सहित अन्य "
                    "संबंधित सर्टिफिकेट का निष्पादन अधिक से अधिक करें"
                ),
                deadline=NEXT_HI,
                agenda=2,
                updates=[(50, "लंबित आवेदनों की प्रखंडवार सूची अंचल अधिकारियों को भेजी गई।")],
            ),
        ],
    ),
    DemoMeeting(
        district="East Singhbhum",
        committee="District e-Governance Society",
        committee_hi="जिला ई-गवर्नेंस सोसाईटी",
        date=None,
        days_ago=45,
        venue="",
        chair_name="",
        present=[
            ("ddc", "मनीष कुमार"),
            ("adc", "योगेन्द्र प्रसाद"),
            ("dio", "किशोर प्रसाद"),
            ("dpro", "पंचानन उरांव"),
            ("edm", ""),
            ("uidai_dpo", ""),
            ("csc_dm", ""),
            ("network_engineer", ""),
        ],
        invitees=[
            ("विशिष्ट अनुभाजन पदाधिकारी", "महेन्द्र कुमार"),
            ("डीटीओ सह नजारत उप समाहर्ता", "धनंजय"),
        ],
        agenda=[
            ("", "झारसेवा आईडी एवं प्रज्ञा केंद्र", Concern.CENTRES),
            ("", "ई-ऑफिस, वीडियो कांफ्रेंसिंग एवं झारनेट", Concern.ROLLOUTS),
        ],
        directives=[
            DemoDirective(
                "csc_dm",
                text_hi="झारसेवा आईडी हेतु प्राप्त आवेदनों पर कार्रवाई करते हुए निष्पादन करने का निदेश दिया गया",
                deadline=NEXT_HI,
                agenda=0,
                updates=[(100, "प्राप्त 46 आवेदनों में 41 पर आईडी निर्गत, 5 अपूर्ण होने के कारण लौटाए गए।")],
            ),
            DemoDirective(
                "csc_dm",
                text_hi=(
                    "वैसे प्रज्ञा केंद्र संचालक है जो पंचायत भवन में बैठते है लेकिन उनके पास झारसेवा "
                    "आईडी नहीं है, उनको चिह्नित करने का निदेश दिया गया"
                ),
                deadline=NEXT_HI,
                agenda=0,
            ),
            DemoDirective(
                "csc_dm",
                text_hi="शेष राशन डीलरों को एक माह के अंदर सीएससी में पंजीकृत करने का निर्देश दिया गया",
                deadline="एक माह के अंदर",
                agenda=0,
                updates=[(70, "शेष 38 में से 27 राशन डीलर पंजीकृत।")],
            ),
            DemoDirective(
                "csc_dm",
                text_hi="सीएससी मैनेजर को प्रत्येक माह 60 प्रज्ञा केंद्र का औचक निरीक्षण करने का निदेश दिया गया",
                recurrence="monthly",
                agenda=0,
            ),
            DemoDirective(
                "dio",
                text_hi="एक माह के अंदर ई-ऑफिस का क्रियान्वयन जिला अंतर्गत सभी कार्यालयों में करने का निर्देश दिया गया",
                deadline="एक माह के अंदर",
                agenda=1,
                updates=[(100, "सभी 31 जिला स्तरीय कार्यालयों में ई-ऑफिस लागू; प्रशिक्षण पूर्ण।")],
            ),
            DemoDirective(
                "dio",
                text_hi=(
                    "जिला स्तर से सभी प्रखण्ड कार्यालय में वीडियो कांफ्रेंसिंग टेस्ट करते हुए "
                    "प्रतिवेदन उपलब्ध करवाने का निदेश दिया"
                ),
                deadline=NEXT_HI,
                agenda=1,
            ),
            DemoDirective(
                "network_engineer",
                text_hi="झारनेट में इंटरनेट स्पीड को बढ़ाने हेतु विभागीय पत्राचार करने",
                deadline=NEXT_HI,
                agenda=1,
                updates=[(100, "विभाग को पत्र भेजा गया; प्रति संलग्न।")],
            ),
            DemoDirective(
                "dio",
                text_hi=(
                    "जिला ई-गवर्नेस सोसाईटी द्वारा सभी कार्यालयों एवम आम जनता को कंप्यूटर शिक्षा "
                    "हेतु प्रशिक्षण केंद्र की स्थापना करने का निदेश दिया गया"
                ),
                deadline=NEXT_HI,
            ),
        ],
    ),
    DemoMeeting(
        district="East Singhbhum",
        committee="District e-Governance Society",
        committee_hi="जिला ई-गवर्नेंस सोसाईटी",
        date=None,
        days_ago=10,
        venue="Collectorate Auditorium",
        chair_name="Ananya Mittal",
        present=[
            ("dpo_pr", "Rinku Kumari"),
            ("dio", "Kishore Prasad"),
            ("edm", "Manish Kumar Prasad"),
            ("adio", "Poonam Verma"),
        ],
        invitees=[
            ("Executive Magistrate", "Sudipt Raj"),
            ("CSC representative", ""),
            ("Digital Panchayat Project representative", ""),
            ("JharNet Cell representative", ""),
            ("BSNL representative", ""),
        ],
        agenda=[
            ("CSC, JharSeva and certificates", "", Concern.CENTRES),
            ("UID, BharatNet and JharNet", "", Concern.CONNECTIVITY),
        ],
        directives=[
            DemoDirective(
                "csc_dm",
                text="Pragya Kendra operators working in all panchayats were instructed to obtain BC ID within a week",
                deadline="within a week",
                agenda=0,
                updates=[
                    (
                        55,
                        "BC ID applied for 64 of 118 operators; camp at the block office on Saturday.",
                    )
                ],
            ),
            DemoDirective(
                "edm",
                text="Instructions were also given to streamline the issuance of income, caste, and other certificates through the JharSeva portal",
                deadline=NEXT,
                agenda=0,
            ),
            DemoDirective(
                "uidai_dpo",
                text="necessary guidelines were provided to rectify errors at Aadhaar centers operated through CSCs across the district",
                deadline=NEXT,
                agenda=1,
            ),
            DemoDirective(
                "dio",
                text="it was decided to expedite the provision of video conferencing facilities",
                deadline=NEXT,
                agenda=1,
            ),
            DemoDirective(
                "network_engineer",
                text="The BSNL representative was directed to strengthen BharatNet connectivity in panchayat buildings and encourage its maximum utilization",
                deadline=NEXT,
                agenda=1,
            ),
            DemoDirective(
                "network_engineer",
                text="the JharNet engineer was asked to improve internet speed in various government offices for enhanced operational efficiency",
                deadline=NEXT,
                agenda=1,
                updates=[(30, "Link utilisation measured at 14 offices; upgrade request raised.")],
            ),
        ],
    ),
]

MEMBERS = ["ddc", "adc", "dio", "adio", "edm", "csc_dm", "dsp", "dpro", "dpo_pr", "uidai_dpo", "network_engineer"]  # fmt: skip
NEXT_MEETING_IN_DAYS = 14


def _district(name: str) -> Area:
    return Area.objects.get(kind=AreaKind.DISTRICT, name=name)


def _post(district: Area, code: str) -> Post:
    return Post.objects.get(designation__code=code, area=district, seat="")


def _committee(district: Area, name: str, name_hi: str) -> Committee:
    existing = Committee.objects.filter(area=district, name=name).first()
    if existing:
        return existing
    return services.committee_create(
        actor=None,
        area=district,
        kind=CommitteeKind.EXECUTIVE,
        name=name,
        name_hi=name_hi,
        chair_post=_post(district, "dc"),
        secretary_post=_post(district, "dio"),
        members=[_post(district, code) for code in MEMBERS],
    )


def _holder(post: Post) -> User | None:
    holding = PostHolding.objects.current().filter(post=post).select_related("user").first()
    return holding.user if holding else None


# The next meeting's agenda: the review the sample notes go through, each topic tagged with what
# it concerns, so the review pack shows each topic's figures.
NEXT_AGENDA = [
    ("Review of the action taken", "पिछली बैठक के निर्देशों पर की गई कार्रवाई की समीक्षा", ""),
    ("Disposal of certificates", "प्रमाण पत्रों का निष्पादन", Concern.SERVICES),
    ("Pragya Kendras and CSCs", "प्रज्ञा केंद्र एवं सीएससी", Concern.CENTRES),
    ("Aadhaar enrolment", "आधार पंजीकरण", Concern.AADHAAR),
    (
        "PMGDISHA, ePoS, iStart and the command centre",
        "पीएमजीदिशा, ई-पॉस, आईस्टार्ट एवं कमांड सेंटर",
        Concern.INDICATORS,
    ),
    (
        "Internet connectivity of block and panchayat buildings",
        "प्रखंड एवं पंचायत भवनों में इंटरनेट कनेक्टिविटी",
        Concern.CONNECTIVITY,
    ),
    ("Projectors, VC and e-Office", "प्रोजेक्टर, वीसी एवं ई-ऑफिस", Concern.ROLLOUTS),
]


@transaction.atomic
def load_reviews_demo() -> int:
    """Create the sample meetings once; returns how many directives were made."""
    if Meeting.objects.filter(committee__name__in=[m.committee for m in MEETINGS]).exists():
        return 0
    today = timezone.localdate()
    made = 0
    # Each committee's next meeting is scheduled first, so "by the next meeting" has a date.
    for demo in MEETINGS:
        district = _district(demo.district)
        committee = _committee(district, demo.committee, demo.committee_hi)
        if not committee.meetings.filter(date__gt=today).exists():
            services.meeting_create(
                actor=None,
                committee=committee,
                date=today + dt.timedelta(days=NEXT_MEETING_IN_DAYS),
                venue="Collectorate",
                agenda=NEXT_AGENDA,
            )
    for demo in sorted(MEETINGS, key=lambda m: m.date or today - dt.timedelta(days=m.days_ago)):
        made += _load_meeting(demo, today)
    return made


def _load_meeting(demo: DemoMeeting, today: dt.date) -> int:
    district = _district(demo.district)
    committee = _committee(district, demo.committee, demo.committee_hi)
    summary = "" if demo.date else "Date not given in the press note; a demo date."
    meeting = services.meeting_create(
        actor=None,
        committee=committee,
        date=demo.date or today - dt.timedelta(days=demo.days_ago),
        venue=demo.venue,
        chair_name=demo.chair_name,
        agenda=demo.agenda,
        summary=summary,
    )
    rows = [
        services.AttendanceRow(post=_post(district, code), name=name) for code, name in demo.present
    ]
    rows += [services.AttendanceRow(invitee=what, name=name) for what, name in demo.invitees]
    services.attendance_record(actor=None, meeting=meeting, rows=rows, version=None)
    items = list(meeting.agenda_items.all())
    for spec in demo.directives:
        directive = services.directive_create(
            actor=None,
            meeting=meeting,
            lead_post=_post(district, spec.lead),
            text=spec.text,
            text_hi=spec.text_hi,
            deadline_phrase=spec.deadline,
            recurrence=spec.recurrence,
            agenda_item=items[spec.agenda] if spec.agenda is not None else None,
        )
        _report(directive, spec, district)
    meeting = Meeting.objects.get(pk=meeting.pk)
    services.meeting_transition(
        actor=None, meeting=meeting, action="draft_minutes", version=meeting.version
    )
    meeting = Meeting.objects.get(pk=meeting.pk)
    services.meeting_transition(
        actor=None, meeting=meeting, action="approve_minutes", version=meeting.version
    )
    return len(demo.directives)


def _report(directive: Directive, spec: DemoDirective, district: Area) -> None:
    holder = _holder(directive.lead_post)
    if holder is None:
        return
    for percent, text in spec.updates:
        services.directive_report(actor=holder, directive=directive, percent=percent, text=text)
    if spec.verify:
        directive.refresh_from_db()
        services.directive_transition(
            actor=None, directive=directive, action="verify", version=directive.version
        )


def load() -> list[str]:
    """The reviews app's demo loader (``manage.py load_demo``)."""
    directives = load_reviews_demo()
    return [f"Review meetings of the sample press notes: {directives} new directives."]
