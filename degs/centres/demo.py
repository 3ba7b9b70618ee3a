"""The demo's service centres: configuration, centres, operators, their IDs and inspections.

The configuration (services offered, each state's operator ID types and inspection checklist) is
real master data and is loaded even where nothing else of the demo is wanted. The rest is made up,
from one seeded generator, over the demo areas: Pragya Kendras, CSCs, Aadhaar centres and ration
dealers in Jamtara (by gram panchayat) and East Singhbhum (by block: the demo has no panchayats
there), and e-Mitras in Churu. Dates are counted back from the day the demo is loaded.

Centres, operators, IDs and status changes go through the services, so every centre has its
history; suspensions and closures are made by the demo holders of the district posts. Inspections
are written directly (with the event ``inspection_record`` would leave). Loading twice changes
nothing: once the demo's centres exist, only missing configuration is added.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from degs.accounts.models import User
from degs.centres import services
from degs.centres.choices import (
    Answer,
    CentreKind,
    CentreStatus,
    Decision,
    IdStatus,
    InspectionResult,
    Period,
    Premises,
    Recommendation,
)
from degs.centres.models import (
    Centre,
    CentreEvent,
    CentreService,
    ChecklistItem,
    IdType,
    Inspection,
    InspectionQuota,
    Operator,
)
from degs.core.aadhaar import verhoeff_digit
from degs.core.bilingual import Bilingual
from degs.core.permissions import Capability, user_can
from degs.core.registry import provided
from degs.core.workflow import record_event
from degs.directory.choices import AreaKind
from degs.directory.models import Area, Post

SEED = 2026
OPENING_HOURS = "10:00\u201317:00"  # with an en dash

# --- configuration (real master data) ----------------------------------------------------------

SERVICES = [
    ("certificates", "e-District certificates", "ई-डिस्ट्रिक्ट प्रमाण पत्र"),
    ("aadhaar", "Aadhaar update", "आधार अद्यतन"),
    ("banking", "Banking (BC)", "बैंकिंग (बीसी)"),
    ("pan", "PAN card", "पैन कार्ड"),
    ("bills", "Bill payment", "बिल भुगतान"),
    ("pension", "Pension", "पेंशन"),
    ("pds", "Ration card (PDS)", "राशन कार्ड"),
    ("insurance", "Insurance", "बीमा"),
    ("digital_literacy", "PMGDISHA digital literacy", "पीएमजीदिशा डिजिटल साक्षरता"),
]

CSC_ID = ("csc", "CSC ID", "सीएससी आईडी", "CSC e-Governance Services India Ltd")
BC_ID = ("bc", "BC ID", "बीसी आईडी", "The sponsoring bank")
AADHAAR_OPERATOR = (
    "aadhaar_operator",
    "Aadhaar operator certificate",
    "आधार ऑपरेटर प्रमाणपत्र",
    "UIDAI (certification test by NSEIT)",
)
# Per state: the state's own portal ID first, then the IDs every state asks for.
ID_TYPES = {
    "Jharkhand": [
        (
            "jharseva",
            "JharSeva ID",
            "झारसेवा आईडी",
            "Department of IT & e-Governance, Jharkhand",
        ),
        CSC_ID,
        BC_ID,
        AADHAAR_OPERATOR,
    ],
    "Uttar Pradesh": [
        (
            "edistrict",
            "e-District ID",
            "ई-डिस्ट्रिक्ट आईडी",
            "Department of IT & Electronics, Uttar Pradesh",
        ),
        CSC_ID,
        BC_ID,
        AADHAAR_OPERATOR,
    ],
    "Rajasthan": [
        (
            "emitra",
            "e-Mitra ID",
            "ई-मित्र आईडी",
            "Department of Information Technology & Communication, Rajasthan",
        ),
        CSC_ID,
        BC_ID,
        AADHAAR_OPERATOR,
    ],
}
STATE_ID = {"Jharkhand": "jharseva", "Uttar Pradesh": "edistrict", "Rajasthan": "emitra"}

CHECKLIST = [
    ("board", "Board displayed", "बोर्ड प्रदर्शित"),
    ("rate_list", "Rate list displayed", "दर सूची प्रदर्शित"),
    ("operator_id_card", "Operator present with ID card", "संचालक पहचान पत्र के साथ उपस्थित"),
    ("pc", "Computer working", "कंप्यूटर चालू"),
    ("printer", "Printer working", "प्रिंटर चालू"),
    ("scanner", "Scanner working", "स्कैनर चालू"),
    ("biometric", "Biometric device working", "बायोमेट्रिक उपकरण चालू"),
    ("webcam", "Webcam working", "वेबकैम चालू"),
    ("internet", "Internet working", "इंटरनेट चालू"),
    ("registers", "Registers kept", "पंजी संधारित"),
    ("address", "At the registered address", "पंजीकृत पते पर"),
    ("overcharging", "Overcharging complaints", "अधिक शुल्क की शिकायत"),
]
FAULT_IS_YES = {"overcharging"}


def _get_or_create(model: type[Model], lookup: dict[str, Any], values: dict[str, Any]) -> bool:
    """Create the row if missing; an existing row is left as the administrators keep it."""
    _row, created = model._default_manager.get_or_create(**lookup, defaults=values)
    return created


def load_centres_config() -> dict[str, int]:
    """Services, and for each demo state its operator ID types and inspection checklist."""
    created: Counter[str] = Counter()
    for rank, (code, name, name_hi) in enumerate(SERVICES, start=1):
        created["services"] += _get_or_create(
            CentreService, {"code": code}, {"name": name, "name_hi": name_hi, "rank": rank * 10}
        )
    for state_name, id_types in ID_TYPES.items():
        state = Area.objects.filter(kind=AreaKind.STATE, name=state_name).first()
        if state is None:
            continue
        for rank, (code, name, name_hi, issuer) in enumerate(id_types, start=1):
            created["id_types"] += _get_or_create(
                IdType,
                {"state": state, "code": code},
                {"name": name, "name_hi": name_hi, "issuer": issuer, "rank": rank * 10},
            )
        for rank, (code, text, text_hi) in enumerate(CHECKLIST, start=1):
            fault = Answer.YES if code in FAULT_IS_YES else Answer.NO
            created["checklist_items"] += _get_or_create(
                ChecklistItem,
                {"state": state, "code": code},
                {"text": text, "text_hi": text_hi, "fault_answer": fault, "rank": rank * 10},
            )
    return {key: created[key] for key in ("services", "id_types", "checklist_items")}


# --- the demo districts ------------------------------------------------------------------------


@dataclass(frozen=True)
class District:
    name: str
    state: str
    prefix: str  # of centre codes: JH-JMT-PK-0001
    short: str
    head: str  # username of the DC / collector, who closes centres and approves
    head_title: str  # of the orders: DC/JMT/2026/112
    manager: str = ""  # username of the CSC manager, who suspends and inspects
    inspector: str = ""  # username of the DSP
    places: dict[str, tuple[float, float, str]] = field(default_factory=dict)  # lat, lon, PIN


DISTRICTS = [
    District(
        "Jamtara",
        "Jharkhand",
        "JH",
        "JMT",
        head="dc.jamtara",
        head_title="DC",
        manager="csc.jamtara",
        inspector="dsp.jamtara",
        places={
            "Jamtara": (23.962, 86.802, "815351"),
            "Karmatanr": (24.061, 86.662, "815352"),
            "Narayanpur": (23.978, 86.612, "815352"),
            "Nala": (23.972, 87.041, "815355"),
            "Kundahit": (24.052, 87.182, "815356"),
            "Fatehpur": (24.108, 87.021, "815357"),
            "Jamtara Nagar Panchayat": (23.958, 86.806, "815351"),
            "Mihijam Nagar Parishad": (23.852, 86.873, "815354"),
        },
    ),
    District(
        "East Singhbhum",
        "Jharkhand",
        "JH",
        "ESB",
        head="dc.eastsinghbhum",
        head_title="DC",
        manager="csc.eastsinghbhum",
        places={
            "Golmuri-cum-Jugsalai": (22.792, 86.182, "831002"),
            "Potka": (22.622, 86.271, "832102"),
            "Patamda": (22.951, 86.418, "832105"),
            "Boram": (22.918, 86.522, "832105"),
            "Ghatshila": (22.585, 86.478, "832303"),
            "Dhalbhumgarh": (22.521, 86.592, "832302"),
            "Musabani": (22.521, 86.452, "832104"),
            "Dumaria": (22.632, 86.332, "832104"),
            "Chakulia": (22.482, 86.718, "832301"),
            "Baharagora": (22.272, 86.731, "832101"),
            "Gurabandha": (22.442, 86.281, "832303"),
            "Jamshedpur Notified Area Committee": (22.802, 86.202, "831001"),
            "Mango Municipal Corporation": (22.832, 86.221, "831012"),
            "Jugsalai Nagar Parishad": (22.772, 86.181, "831006"),
            "Chakulia Nagar Panchayat": (22.479, 86.716, "832301"),
        },
    ),
    District(
        "Churu",
        "Rajasthan",
        "RJ",
        "CHU",
        head="collector.churu",
        head_title="COLL",
        places={
            "Churu": (28.301, 74.951, "331001"),
            "Rajgarh": (28.641, 75.381, "331023"),
            "Ratangarh": (28.081, 74.621, "331022"),
            "Sardarshahar": (28.441, 74.491, "331403"),
            "Sujangarh": (27.701, 74.471, "331507"),
            "Taranagar": (28.671, 75.041, "331304"),
            "Bidasar": (27.831, 74.311, "331501"),
        },
    ),
]

KIND_NAMES = {
    CentreKind.PRAGYA_KENDRA: ("Pragya Kendra", "प्रज्ञा केंद्र", "PK"),
    CentreKind.CSC: ("Common Service Centre", "कॉमन सर्विस सेंटर", ""),
    CentreKind.AADHAAR: ("Aadhaar Seva Kendra", "आधार सेवा केंद्र", "AK"),
    CentreKind.PDS_DEALER: ("Ration dealer CSC", "जन वितरण प्रणाली विक्रेता सीएससी", "PDS"),
    CentreKind.E_MITRA: ("e-Mitra", "ई-मित्र", "EM"),
    CentreKind.E_MITRA_PLUS: ("e-Mitra Plus", "ई-मित्र प्लस", "EMP"),
}

LANDMARKS = [
    ("Near Primary School", "प्राथमिक विद्यालय के पास"),
    ("Main Road", "मुख्य सड़क"),
    ("Near the weekly haat", "साप्ताहिक हाट के पास"),
    ("Opposite the Post Office", "डाकघर के सामने"),
    ("Near Durga Mandap", "दुर्गा मंडप के पास"),
    ("Near the bank branch", "बैंक शाखा के पास"),
    ("Near Anganwadi Centre", "आंगनबाड़ी केंद्र के पास"),
    ("Bus stand", "बस स्टैंड"),
]

MALE = [
    ("Ramesh", "रमेश"), ("Suresh", "सुरेश"), ("Sanjay", "संजय"), ("Manoj", "मनोज"),
    ("Rajesh", "राजेश"), ("Anil", "अनिल"), ("Sunil", "सुनील"), ("Pradeep", "प्रदीप"),
    ("Amit", "अमित"), ("Vikash", "विकास"), ("Rakesh", "राकेश"), ("Santosh", "संतोष"),
    ("Ajay", "अजय"), ("Birendra", "बिरेंद्र"), ("Dilip", "दिलीप"), ("Mukesh", "मुकेश"),
    ("Pankaj", "पंकज"), ("Rohit", "रोहित"), ("Ashok", "अशोक"), ("Binod", "बिनोद"),
    ("Gopal", "गोपाल"), ("Shankar", "शंकर"), ("Prakash", "प्रकाश"), ("Deepak", "दीपक"),
    ("Naresh", "नरेश"), ("Umesh", "उमेश"), ("Babulal", "बाबूलाल"), ("Lakhan", "लखन"),
]  # fmt: skip
FEMALE = [
    ("Sunita", "सुनीता"), ("Anita", "अनीता"), ("Rekha", "रेखा"), ("Priyanka", "प्रियंका"),
    ("Pooja", "पूजा"), ("Rani", "रानी"), ("Kavita", "कविता"), ("Mamta", "ममता"),
    ("Sarita", "सरिता"), ("Nisha", "निशा"), ("Sushma", "सुषमा"), ("Rina", "रीना"),
    ("Jyoti", "ज्योति"), ("Meena", "मीना"), ("Sonamuni", "सोनामुनी"), ("Lakshmi", "लक्ष्मी"),
]  # fmt: skip
MUSLIM = [
    ("Imran", "इमरान"), ("Salim", "सलीम"), ("Arif", "आरिफ"), ("Nasim", "नसीम"),
    ("Shamim", "शमीम"), ("Javed", "जावेद"), ("Rubina", "रुबीना"), ("Shabnam", "शबनम"),
]  # fmt: skip
MUSLIM_SURNAMES = [("Ansari", "अंसारी"), ("Khan", "खान"), ("Sheikh", "शेख")]
SURNAMES = {
    "Jharkhand": [
        ("Kumar", "कुमार"), ("Mandal", "मंडल"), ("Mahto", "महतो"), ("Yadav", "यादव"),
        ("Hansda", "हांसदा"), ("Murmu", "मुर्मू"), ("Soren", "सोरेन"), ("Tudu", "टुडू"),
        ("Marandi", "मरांडी"), ("Hembrom", "हेम्ब्रम"), ("Kisku", "किस्कू"), ("Besra", "बेसरा"),
        ("Singh", "सिंह"), ("Gupta", "गुप्ता"), ("Das", "दास"), ("Pal", "पाल"),
        ("Rajak", "रजक"), ("Sah", "साह"), ("Manjhi", "मांझी"), ("Mishra", "मिश्रा"),
        ("Rawani", "रवानी"), ("Gorai", "गोराई"), ("Sahu", "साहू"), ("Dubey", "दुबे"),
    ],
    "Rajasthan": [
        ("Sharma", "शर्मा"), ("Choudhary", "चौधरी"), ("Saini", "सैनी"), ("Meghwal", "मेघवाल"),
        ("Jangid", "जांगिड़"), ("Prajapat", "प्रजापत"), ("Rathore", "राठौड़"),
        ("Shekhawat", "शेखावत"), ("Swami", "स्वामी"), ("Poonia", "पूनिया"),
    ],
}  # fmt: skip
BANKS = {
    "Jharkhand": ["SBI", "BOI", "JRGB", "PNB"],
    "Rajasthan": ["SBI", "BOB", "RMGB", "PNB"],
}

REJECTIONS = [
    "Police verification certificate not attached.",
    "Educational certificate not attested; apply again.",
    "Name on the PAN card does not match the Aadhaar record.",
    "आवेदन अपूर्ण: बैंक खाता विवरण संलग्न नहीं।",
    "प्रशिक्षण प्रमाण पत्र संलग्न नहीं; पुनः आवेदन करें।",
]
IN_PROCESS = [
    "Police verification awaited.",
    "Forwarded to the state nodal officer.",
    "पुलिस सत्यापन प्रतीक्षित।",
]

FAULTS = {
    "board": ("board not displayed", "बोर्ड प्रदर्शित नहीं"),
    "rate_list": ("rate list not displayed", "दर सूची प्रदर्शित नहीं"),
    "operator_id_card": ("operator absent or without ID card", "संचालक पहचान पत्र के साथ उपस्थित नहीं"),
    "pc": ("computer not working", "कंप्यूटर खराब"),
    "printer": ("printer not working", "प्रिंटर खराब"),
    "scanner": ("scanner not working", "स्कैनर खराब"),
    "biometric": ("biometric device not working", "बायोमेट्रिक उपकरण खराब"),
    "webcam": ("webcam not working", "वेबकैम खराब"),
    "internet": ("no internet connection", "इंटरनेट बंद"),
    "registers": ("registers not kept", "पंजी संधारित नहीं"),
    "address": ("not at the registered address", "पंजीकृत पते पर नहीं"),
    "overcharging": ("citizens complained of overcharging", "अधिक शुल्क की शिकायत मिली"),
}
MINOR_FAULTS = ["board", "rate_list", "printer", "scanner", "webcam", "registers", "overcharging"]
MAJOR_FAULTS = ["pc", "internet", "operator_id_card", "address", "biometric"]
ALL_FINE = [
    ("All in order.", "सब कुछ ठीक पाया गया।"),
    ("Centre working well; registers up to date.", "केंद्र सुचारु रूप से चल रहा है; पंजी अद्यतन।"),
]

SUSPENSIONS = [
    "Overcharging complaints from citizens confirmed on enquiry.",
    "Centre found closed on repeated visits during working hours.",
    "Operator let another person use his login.",
    "अधिक शुल्क वसूली की शिकायत जांच में सही पाई गई।",
]
CLOSURES = [
    "The operator has left the panchayat; the centre has not run for three months.",
    "संचालक द्वारा स्वेच्छा से केंद्र बंद करने का आवेदन।",
    "Centre shifted outside the registered panchayat without approval.",
]
CLOSURE_AFTER_SUSPENSION = "Deficiencies not removed during the suspension."
PROPOSAL_DROPPED = "Proposal dropped: the premises are no longer available."


# --- the plan: what the demo will hold, made from the seed alone ---------------------------------


@dataclass
class IdPlan:
    code: str
    status: str
    applied_on: dt.date
    reference: str
    number: str = ""
    decided_on: dt.date | None = None
    remarks: str = ""


@dataclass
class VisitPlan:
    inspector: str  # username
    visited_on: dt.date
    result: str
    faults: list[str]
    remarks: str
    recommendation: str = Recommendation.NONE
    fine_amount: Decimal | None = None
    suspension_days: int | None = None
    decision: str = ""
    decided_on: dt.date | None = None
    decision_remark: str = ""
    token: uuid.UUID | None = None


@dataclass
class StepPlan:
    action: str
    actor: str  # username
    effective_on: dt.date
    reason: str | Bilingual  # Bilingual: written by the system (services.approval_reason)
    order_reference: str
    suspended_until: dt.date | None = None
    visit: int | None = None  # index of the visit whose approved recommendation this carries out


@dataclass
class CentrePlan:
    district: District
    area: Area
    place: str  # block or municipality: where the PIN and coordinates come from
    kind: str
    code: str = ""
    name: str = ""
    name_hi: str = ""
    premises: str = Premises.OWN
    address: str = ""
    address_hi: str = ""
    pincode: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    services: list[str] = field(default_factory=list)
    equipment: list[str] = field(default_factory=list)
    complaints_open: int = 0
    monthly_transactions: int | None = None
    phone: str = ""
    status: str = CentreStatus.ACTIVE  # where it ends
    starts: str = CentreStatus.ACTIVE  # what it is registered as
    since: dt.date | None = None  # registered or active since
    operator: dict[str, str] = field(default_factory=dict)
    ids: list[IdPlan] = field(default_factory=list)
    visits: list[VisitPlan] = field(default_factory=list)
    steps: list[StepPlan] = field(default_factory=list)


def _place(area: Area) -> str:
    """The block of a panchayat, else the area itself: it gives the PIN code and coordinates."""
    if area.kind == AreaKind.GRAM_PANCHAYAT and area.parent is not None:
        return area.parent.name
    return area.name


class Planner:
    """Makes the demo's rows from the seed and today's date; touches no table."""

    def __init__(self, today: dt.date) -> None:
        self.rng = random.Random(SEED)  # noqa: S311 - the same demo every time, not a secret
        self.today = today
        self.numbers: set[str] = set()
        self.serial: Counter[str] = Counter()
        self.plans: list[CentrePlan] = []
        self.district_hi: dict[str, str] = {}

    def days_ago(self, low: int, high: int) -> dt.date:
        return self.today - dt.timedelta(days=self.rng.randint(low, high))

    def next(self, key: str) -> int:
        self.serial[key] += 1
        return self.serial[key]

    def order(self, district: District, by_head: bool, day: dt.date) -> str:
        """The series of the order ("DC/JMT/2026"); ``number_orders`` adds the numbers."""
        title = district.head_title if by_head else "CSC"
        return f"{title}/{district.short}/{day.year}"

    def number_orders(self) -> None:
        """Number each office's orders in date order, as its order book would."""
        steps = sorted(
            (step for plan in self.plans for step in plan.steps),
            key=lambda step: (step.order_reference, step.effective_on),
        )
        for step in steps:
            first = 20 if step.order_reference.startswith("CSC/") else 100
            step.order_reference += f"/{first + self.next(step.order_reference)}"

    # centres ------------------------------------------------------------------------------

    def skeletons(self, district: District, served: Sequence[Area]) -> list[CentrePlan]:
        rng = self.rng
        plans: list[CentrePlan] = []
        per_area: dict[int, int] = defaultdict(int)
        for area in served:
            place = _place(area)
            if area.kind == AreaKind.GRAM_PANCHAYAT:
                count = rng.choices([1, 2, 3, 4], weights=[35, 35, 20, 10])[0]
            elif area.kind == AreaKind.MUNICIPALITY:
                count = rng.randint(1, 3)
            elif district.state == "Rajasthan":
                count = rng.randint(2, 4)
            else:
                count = rng.randint(3, 5)
            for nth in range(count):
                plans.append(CentrePlan(district, area, place, self.kind(district, area, nth)))
                per_area[area.pk] += 1
        if district.state == "Jharkhand":
            # Ration dealers being registered as CSCs, and a few Aadhaar centres.
            extras = [CentreKind.PDS_DEALER] * (6 if district.short == "JMT" else 2)
            extras += [CentreKind.AADHAAR] * (3 if district.short == "JMT" else 2)
            roomy = [a for a in served if per_area[a.pk] < 4 and a.kind != AreaKind.MUNICIPALITY]
            for kind, area in zip(extras, rng.sample(roomy, len(extras)), strict=True):
                plans.append(CentrePlan(district, area, _place(area), kind))
                per_area[area.pk] += 1
        plans.sort(key=lambda p: p.area.path)
        return plans

    def kind(self, district: District, area: Area, nth: int) -> str:
        rng = self.rng
        if district.state == "Rajasthan":
            if area.kind == AreaKind.BLOCK and nth == 0 and rng.random() < 0.3:
                return CentreKind.E_MITRA_PLUS
            return CentreKind.CSC if rng.random() < 0.15 else CentreKind.E_MITRA
        if nth == 0:
            return CentreKind.CSC if rng.random() < 0.1 else CentreKind.PRAGYA_KENDRA
        return CentreKind.CSC if rng.random() < 0.35 else CentreKind.PRAGYA_KENDRA

    def describe(self, plan: CentrePlan, nth: int, bhawan_taken: bool) -> None:
        rng = self.rng
        area, district = plan.area, plan.district
        # codes
        en, hi, short = KIND_NAMES[CentreKind(plan.kind)]
        if plan.kind == CentreKind.CSC:
            plan.code = self.unique(lambda: f"{rng.randint(2, 7)}{rng.randint(0, 10**11 - 1):011d}")
        else:
            serial = self.next(f"{district.short}-{short}")
            plan.code = f"{district.prefix}-{district.short}-{short}-{serial:04d}"
        # names
        by_block = area.kind == AreaKind.BLOCK
        ward = rng.randint(1, 15)
        if nth == 0:
            plan.name, plan.name_hi = f"{en}, {area.name}", f"{hi}, {area.name_hi}"
        elif by_block:
            plan.name = f"{en} No. {nth + 1}, {area.name}"
            plan.name_hi = f"{hi} संख्या {nth + 1}, {area.name_hi}"
        else:
            plan.name = f"{en}, {area.name} (Ward {ward})"
            plan.name_hi = f"{hi}, {area.name_hi} (वार्ड {ward})"
        # premises
        if plan.kind == CentreKind.AADHAAR:
            plan.premises = Premises.BLOCK_OFFICE if rng.random() < 0.5 else Premises.OWN
        elif plan.kind == CentreKind.PDS_DEALER:
            plan.premises = Premises.OWN
        elif not bhawan_taken and rng.random() < (0.88 if not by_block else 0.4):
            plan.premises = Premises.PANCHAYAT_BHAWAN
        elif rng.random() < 0.06:
            plan.premises = Premises.OTHER_OFFICE
        else:
            plan.premises = Premises.OWN
        lead = {
            Premises.PANCHAYAT_BHAWAN: ("Panchayat Bhawan", "पंचायत भवन"),
            Premises.BLOCK_OFFICE: ("Block Office campus", "प्रखंड कार्यालय परिसर"),
            Premises.OTHER_OFFICE: ("Post Office building", "डाकघर भवन"),
        }.get(Premises(plan.premises)) or rng.choice(LANDMARKS)
        parts_en, parts_hi = [lead[0]], [lead[1]]
        if plan.premises == Premises.OWN and not by_block:
            parts_en.append(f"Ward {ward}")
            parts_hi.append(f"वार्ड {ward}")
        parts_en.append(area.name)
        parts_hi.append(area.name_hi)
        if area.kind == AreaKind.GRAM_PANCHAYAT and area.parent is not None:
            parts_en.append(f"{area.parent.name} block")
            parts_hi.append(f"प्रखंड {area.parent.name_hi}")
        elif by_block:
            parts_en[-1] += " block"
            parts_hi[-1] = f"प्रखंड {area.name_hi}"
        plan.address = ", ".join([*parts_en, f"{district.name} district"])
        plan.address_hi = ", ".join([*parts_hi, f"जिला {self.district_hi[district.name]}"])
        lat, lon, pin = district.places[plan.place]
        plan.pincode = pin
        plan.latitude = Decimal(f"{lat + rng.uniform(-0.06, 0.06):.6f}")
        plan.longitude = Decimal(f"{lon + rng.uniform(-0.06, 0.06):.6f}")
        plan.services = self.services_for(plan.kind)
        plan.equipment = self.equipment_for(plan.kind)
        plan.complaints_open = 0 if rng.random() < 0.86 else rng.randint(1, 3)

    def unique(self, make: Callable[[], str]) -> str:
        while True:
            value = make()
            if value not in self.numbers:
                self.numbers.add(value)
                return value

    def services_for(self, kind: str) -> list[str]:
        rng = self.rng
        base, pool = {
            CentreKind.PRAGYA_KENDRA: (
                ["certificates"],
                [
                    "pan",
                    "bills",
                    "pension",
                    "pds",
                    "insurance",
                    "banking",
                    "aadhaar",
                    "digital_literacy",
                ],
            ),
            CentreKind.CSC: (
                ["banking"],
                ["pan", "bills", "insurance", "digital_literacy", "certificates", "pension"],
            ),
            CentreKind.AADHAAR: (["aadhaar"], ["banking", "pan", "certificates"]),
            CentreKind.PDS_DEALER: (["pds", "bills"], ["banking", "insurance"]),
            CentreKind.E_MITRA: (
                ["certificates", "bills"],
                ["pan", "banking", "insurance", "pension", "aadhaar"],
            ),
            CentreKind.E_MITRA_PLUS: (
                ["certificates", "bills"],
                ["pension", "pds", "digital_literacy"],
            ),
        }[CentreKind(kind)]
        extra = rng.randint(max(0, 2 - len(base)), min(len(pool), 6 - len(base)))
        chosen = set(base) | set(rng.sample(pool, extra))
        return [code for code, _n, _h in SERVICES if code in chosen]

    def equipment_for(self, kind: str) -> list[str]:
        rng = self.rng
        items = ["pc", "printer", "internet"]
        chances = {"scanner": 0.8, "biometric": 0.7, "webcam": 0.4, "power_backup": 0.6}
        for item, chance in chances.items():
            if kind == CentreKind.AADHAAR or rng.random() < chance:
                items.append(item)
        return items

    def operator(self, plan: CentrePlan) -> dict[str, str]:
        rng = self.rng
        state = plan.district.state
        roll = rng.random()
        if roll < 0.1:
            first = rng.choice(MUSLIM)
            last = rng.choice(MUSLIM_SURNAMES)
        else:
            first = rng.choice(FEMALE if roll < 0.35 else MALE)
            last = rng.choice(SURNAMES[state])
        mobile = self.unique(lambda: f"{rng.choice('6789')}{rng.randint(0, 10**9 - 1):09d}")
        email = ""
        if rng.random() < 0.3:
            email = f"{first[0]}.{last[0]}{rng.randint(1, 99)}@example.com".lower()
        aadhaar = ""
        if rng.random() < 0.5:
            body = f"{rng.randint(2, 9)}{rng.randint(0, 10**10 - 1):010d}"
            aadhaar = body + verhoeff_digit(body)
        return {
            "name": f"{first[0]} {last[0]}",
            "name_hi": f"{first[1]} {last[1]}",
            "mobile": mobile,
            "email": email,
            "aadhaar": aadhaar,
        }

    # statuses, IDs, inspections -------------------------------------------------------------

    def status(self, plan: CentrePlan) -> str:
        if plan.kind == CentreKind.PDS_DEALER:
            return CentreStatus.PROPOSED
        roll = self.rng.random()
        if roll < 0.065:
            return CentreStatus.PROPOSED
        if roll < 0.11:
            return CentreStatus.SUSPENDED
        if roll < 0.17:
            return CentreStatus.CLOSED
        return CentreStatus.ACTIVE

    def activity(self, plan: CentrePlan) -> None:
        rng = self.rng
        if plan.status == CentreStatus.PROPOSED:
            plan.starts = CentreStatus.PROPOSED
            plan.since = self.days_ago(3, 120)
            plan.monthly_transactions = None
        else:
            plan.since = self.days_ago(240, 2200)
            if plan.status == CentreStatus.CLOSED:
                plan.monthly_transactions = 0
            elif plan.status == CentreStatus.SUSPENDED:
                plan.monthly_transactions = rng.randint(0, 40)
            else:
                low = rng.random() < 0.1
                plan.monthly_transactions = rng.randint(2, 19) if low else rng.randint(50, 900)
        if plan.status != CentreStatus.ACTIVE:
            plan.complaints_open = max(plan.complaints_open, rng.choice([0, 1, 2, 3]))

    def ids(self, plan: CentrePlan, *, bhawan_watch: bool) -> list[IdPlan]:
        """The operator's applications for their state's IDs, in several states of progress."""
        rng = self.rng
        state = plan.district.state
        own = STATE_ID[state]
        wanted = {
            CentreKind.PRAGYA_KENDRA: [
                (own, 0.9),
                ("csc", 0.75),
                ("bc", 0.6),
                ("aadhaar_operator", 0.15),
            ],
            CentreKind.CSC: [("csc", 1.0), (own, 0.6), ("bc", 0.7), ("aadhaar_operator", 0.25)],
            CentreKind.AADHAAR: [("aadhaar_operator", 1.0), ("csc", 0.7), ("bc", 0.3)],
            CentreKind.PDS_DEALER: [("csc", 1.0), ("bc", 0.5), (own, 0.3)],
            CentreKind.E_MITRA: [(own, 1.0), ("csc", 0.5), ("bc", 0.6), ("aadhaar_operator", 0.2)],
            CentreKind.E_MITRA_PLUS: [(own, 1.0), ("csc", 0.4), ("bc", 0.6)],
        }[CentreKind(plan.kind)]
        codes = [code for code, chance in wanted if rng.random() < chance]
        for code in ("bc", "csc"):
            if len(codes) < 2 and code not in codes:
                codes.append(code)
        proposed = plan.status == CentreStatus.PROPOSED
        result = []
        for code in codes:
            status: str
            needed = (
                (plan.kind == CentreKind.CSC and code == "csc")
                or (plan.kind in (CentreKind.E_MITRA, CentreKind.E_MITRA_PLUS) and code == own)
                or (plan.kind == CentreKind.AADHAAR and code == "aadhaar_operator")
            )
            if needed and not proposed:
                status = IdStatus.ISSUED
            elif code == own and bhawan_watch:
                # Operators in panchayat bhawans: the list the DeGS asked the CSC manager for.
                status = rng.choices(
                    [
                        "none",
                        IdStatus.REJECTED,
                        IdStatus.APPLIED,
                        IdStatus.UNDER_PROCESS,
                        IdStatus.ISSUED,
                    ],
                    weights=[20, 12, 10, 13, 45],
                )[0]
                if status == "none":
                    continue
            elif proposed:
                status = rng.choices(
                    [IdStatus.APPLIED, IdStatus.UNDER_PROCESS, IdStatus.REJECTED, IdStatus.ISSUED],
                    weights=[45, 35, 10, 10],
                )[0]
            else:
                status = rng.choices(
                    [IdStatus.ISSUED, IdStatus.APPLIED, IdStatus.UNDER_PROCESS, IdStatus.REJECTED],
                    weights=[55, 12, 18, 15],
                )[0]
            result.append(self.id_record(plan, code, status))
        return result

    def id_record(self, plan: CentrePlan, code: str, status: str) -> IdPlan:
        rng = self.rng
        district, state = plan.district, plan.district.state
        bank = rng.choice(BANKS[state])
        if status in (IdStatus.ISSUED, IdStatus.REJECTED):
            applied = self.days_ago(15, 200)
            waited = (self.today - applied).days - 1
            decided: dt.date | None = applied + dt.timedelta(days=rng.randint(3, min(60, waited)))
        else:
            applied, decided = self.days_ago(3, 200), None
        year = applied.year
        n = self.next(f"ref-{code}")
        reference = {
            "jharseva": f"JS/{district.short}/{year}/{n:05d}",
            "emitra": f"EM/{district.short}/{year}/{n:05d}",
            "edistrict": f"ED/{district.short}/{year}/{n:05d}",
            "csc": f"CSC/REG/{year}/{rng.randint(10000, 99999)}{n:03d}",
            "bc": f"{bank}/BC/{year}/{n:05d}",
            "aadhaar_operator": f"NSEIT/{year}/{rng.randint(100000, 999999)}",
        }[code]
        number = ""
        if status == IdStatus.ISSUED:
            if code == "csc":
                number = (
                    plan.code
                    if plan.kind == CentreKind.CSC
                    else self.unique(
                        lambda: f"{rng.randint(2, 7)}{rng.randint(0, 10**11 - 1):011d}"
                    )
                )
            else:
                number = {
                    "jharseva": f"JHS{district.short}{n:05d}",
                    "emitra": f"K{rng.randint(10**7, 10**8 - 1)}",
                    "edistrict": f"UPED{n:06d}",
                    "bc": f"{bank}BC{rng.randint(100000, 999999)}",
                    "aadhaar_operator": f"UIDAI-OP-{rng.randint(10**6, 10**7 - 1)}",
                }[code]
        remarks = ""
        if status == IdStatus.REJECTED:
            remarks = (
                "Failed the certification test; may appear again after 30 days."
                if code == "aadhaar_operator"
                else rng.choice(REJECTIONS)
            )
        elif status == IdStatus.UNDER_PROCESS and rng.random() < 0.4:
            remarks = rng.choice(IN_PROCESS)
        return IdPlan(code, status, applied, reference, number, decided, remarks)

    def visit(
        self,
        plan: CentrePlan,
        inspector: str,
        day: dt.date,
        result: str,
        *,
        recommendation: str = "",
    ) -> VisitPlan:
        rng = self.rng
        if result == InspectionResult.FUNCTIONAL:
            faults: list[str] = []
        elif result == InspectionResult.PARTLY:
            faults = rng.sample(MINOR_FAULTS, rng.randint(1, 3))
        else:
            faults = rng.sample(MAJOR_FAULTS, rng.randint(2, 4))
            faults += rng.sample(MINOR_FAULTS, rng.randint(3, 5))
        if recommendation == Recommendation.SUSPENSION and "overcharging" not in faults:
            # Overcharging is what makes a partly working centre worth suspending.
            if result == InspectionResult.PARTLY and len(faults) == 3:
                faults.pop()
            faults.append("overcharging")
        if not recommendation:
            if result == InspectionResult.FUNCTIONAL:
                recommendation = Recommendation.NONE
            elif result == InspectionResult.PARTLY:
                recommendation = rng.choices(
                    [Recommendation.NONE, Recommendation.WARNING, Recommendation.FINE],
                    weights=[3, 5, 2],
                )[0]
            else:
                recommendation = Recommendation.FINE
        hindi = rng.random() < 0.45
        if faults:
            ordered = [code for code, _t, _h in CHECKLIST if code in faults]
            found = "; ".join(FAULTS[code][1 if hindi else 0] for code in ordered)
            remarks = f"निरीक्षण में पाया गया: {found}।" if hindi else f"Found: {found}."
            if recommendation == Recommendation.WARNING:
                remarks += " संचालक को चेतावनी दी गई।" if hindi else " The operator was warned."
        else:
            remarks = rng.choice(ALL_FINE)[1 if hindi else 0]
        fine = None
        if recommendation == Recommendation.FINE:
            amounts = [500, 1000] if result == InspectionResult.PARTLY else [2000, 5000]
            fine = Decimal(rng.choice(amounts))
        return VisitPlan(
            inspector=inspector,
            visited_on=day,
            result=result,
            faults=faults,
            remarks=remarks,
            recommendation=recommendation,
            fine_amount=fine,
            suspension_days=rng.choice([30, 60, 90])
            if recommendation == Recommendation.SUSPENSION
            else None,
            token=uuid.UUID(int=rng.getrandbits(128), version=4),
        )

    def inspector(self, district: District) -> str:
        if district.inspector and self.rng.random() < 0.3:
            return district.inspector
        return district.manager

    def history(self, plan: CentrePlan) -> None:
        """Visits and status changes that bring the centre to its planned status."""
        rng, district = self.rng, plan.district
        can_inspect = bool(district.manager)
        if plan.status == CentreStatus.ACTIVE and can_inspect and rng.random() < 0.25:
            day = self.days_ago(1, 90)
            result = rng.choices(
                [
                    InspectionResult.FUNCTIONAL,
                    InspectionResult.PARTLY,
                    InspectionResult.NON_FUNCTIONAL,
                ],
                weights=[60, 30, 10],
            )[0]
            recent = (self.today - day).days < 60
            if result == InspectionResult.FUNCTIONAL and recent and rng.random() < 0.35:
                # A follow-up: the faults of an earlier visit were put right.
                earlier = day - dt.timedelta(days=rng.randint(15, 30))
                plan.visits.append(
                    self.visit(plan, self.inspector(district), earlier, InspectionResult.PARTLY)
                )
            visit = self.visit(plan, self.inspector(district), day, result)
            if result == InspectionResult.NON_FUNCTIONAL and rng.random() < 0.5:
                # Suspension recommended, not approved: the operator put things right.
                visit.recommendation = Recommendation.SUSPENSION
                visit.fine_amount = None
                visit.suspension_days = 30
                visit.decision = Decision.REJECTED
                visit.decided_on = min(
                    day + dt.timedelta(days=3), self.today - dt.timedelta(days=1)
                )
                visit.decision_remark = (
                    "Equipment repaired within the week (photos on file); a warning instead."
                )
            plan.visits.append(visit)
        elif plan.status == CentreStatus.SUSPENDED:
            if can_inspect and rng.random() < 0.5:
                day = self.days_ago(10, 80)
                result = rng.choice([InspectionResult.PARTLY, InspectionResult.NON_FUNCTIONAL])
                visit = self.visit(
                    plan,
                    self.inspector(district),
                    day,
                    result,
                    recommendation=Recommendation.SUSPENSION,
                )
                decided = day + dt.timedelta(days=rng.randint(2, 6))
                days = next(
                    (d for d in (30, 60, 90) if decided + dt.timedelta(days=d) > self.today), 90
                )
                visit.suspension_days = days
                visit.decision, visit.decided_on = Decision.APPROVED, decided
                visit.decision_remark = "Suspension approved."
                plan.visits.append(visit)
                reason: str | Bilingual = services.approval_reason(
                    result=result, visited_on=day, recommendation=Recommendation.SUSPENSION
                )
                plan.steps.append(
                    StepPlan(
                        "suspend",
                        district.head,
                        decided,
                        reason,
                        self.order(district, True, decided),
                        decided + dt.timedelta(days=days),
                        visit=0,
                    )
                )
            else:
                day = self.days_ago(5, 60)
                by_head = not district.manager or rng.random() < 0.3
                plan.steps.append(
                    StepPlan(
                        "suspend",
                        district.head if by_head else district.manager,
                        day,
                        rng.choice(SUSPENSIONS),
                        self.order(district, by_head, day),
                        day + dt.timedelta(days=rng.choice([60, 90])),
                    )
                )
        elif plan.status == CentreStatus.CLOSED:
            roll = rng.random()
            if roll < 0.35:
                start = self.days_ago(90, 150)
                by_head = not district.manager
                plan.steps.append(
                    StepPlan(
                        "suspend",
                        district.head if by_head else district.manager,
                        start,
                        rng.choice(SUSPENSIONS),
                        self.order(district, by_head, start),
                        start + dt.timedelta(days=30),
                    )
                )
                day = self.days_ago(5, 60)
                reason = CLOSURE_AFTER_SUSPENSION
            elif roll < 0.45:
                plan.starts = CentreStatus.PROPOSED
                plan.since = self.days_ago(150, 400)
                day = self.days_ago(10, 120)
                reason = PROPOSAL_DROPPED
            else:
                day = self.days_ago(10, 150)
                reason = rng.choice(CLOSURES)
            plan.steps.append(
                StepPlan("close", district.head, day, reason, self.order(district, True, day))
            )

    def close_by_inspection(self, plan: CentrePlan) -> None:
        """The closure the DC approved on an inspection's recommendation."""
        district = plan.district
        plan.status, plan.starts, plan.steps, plan.visits = (
            CentreStatus.CLOSED,
            CentreStatus.ACTIVE,
            [],
            [],
        )
        plan.monthly_transactions = 0
        day = self.today - dt.timedelta(days=26)
        visit = self.visit(
            plan,
            district.inspector or district.manager,
            day,
            InspectionResult.NON_FUNCTIONAL,
            recommendation=Recommendation.CLOSURE,
        )
        decided = day + dt.timedelta(days=4)
        visit.decision, visit.decided_on = Decision.APPROVED, decided
        visit.decision_remark = "Closure approved; operator to hand over the signboard."
        plan.visits.append(visit)
        reason = services.approval_reason(
            result=InspectionResult.NON_FUNCTIONAL,
            visited_on=day,
            recommendation=Recommendation.CLOSURE,
        )
        plan.steps.append(
            StepPlan(
                "close",
                district.head,
                decided,
                reason,
                self.order(district, True, decided),
                None,
                0,
            )
        )

    def await_closure(self, plan: CentrePlan) -> None:
        """A closure recommended five days ago, waiting for the DC."""
        visit = self.visit(
            plan,
            plan.district.manager,
            self.today - dt.timedelta(days=5),
            InspectionResult.NON_FUNCTIONAL,
            recommendation=Recommendation.CLOSURE,
        )
        visit.decision = Decision.PENDING
        visit.remarks += " Citizens say the centre is shut most days; closure recommended."
        plan.visits = [visit]

    def build(self, districts: Sequence[tuple[District, Area, list[Area]]]) -> list[CentrePlan]:
        for district, area, _served in districts:
            self.district_hi[district.name] = area.name_hi
        for district, _area, served in districts:
            plans = self.skeletons(district, served)
            nth: dict[tuple[int, str], int] = defaultdict(int)
            bhawan: set[int] = set()
            for plan in plans:
                self.describe(plan, nth[(plan.area.pk, plan.kind)], plan.area.pk in bhawan)
                nth[(plan.area.pk, plan.kind)] += 1
                if plan.premises == Premises.PANCHAYAT_BHAWAN and plan.area.kind != AreaKind.BLOCK:
                    bhawan.add(plan.area.pk)
                plan.operator = self.operator(plan)
                plan.status = self.status(plan)
                plan.phone = plan.operator["mobile"] if self.rng.random() < 0.8 else ""
            self.plans.extend(plans)
        self.pin_specials()
        for plan in self.plans:
            self.activity(plan)
            self.history(plan)
        jamtara = [p for p in self.plans if p.district.short == "JMT"]
        closed = [p for p in jamtara if p.status == CentreStatus.CLOSED]
        if closed:
            self.close_by_inspection(closed[0])
        waiting = [
            p
            for p in jamtara
            if p.status == CentreStatus.ACTIVE
            and p.kind == CentreKind.PRAGYA_KENDRA
            and "Kundahit" in p.place
            and not p.operator.get("user")
        ]
        if waiting:
            self.await_closure(waiting[len(waiting) // 2])
        self.number_orders()
        for plan in self.plans:
            watch = (
                plan.district.short == "JMT"
                and plan.premises == Premises.PANCHAYAT_BHAWAN
                and plan.kind == CentreKind.PRAGYA_KENDRA
            )
            plan.ids = self.ids(plan, bhawan_watch=watch)
        return self.plans

    def pin_specials(self) -> None:
        """The demo kiosk operator's centre is an active Pragya Kendra in Nala block."""
        for plan in self.plans:
            if plan.place == "Nala" and plan.kind == CentreKind.PRAGYA_KENDRA:
                plan.status = CentreStatus.ACTIVE
                plan.operator["user"] = "operator.nala"
                return


# --- loading -----------------------------------------------------------------------------------


def _served_areas(district: Area) -> list[Area]:
    """Panchayats and towns where the demo has panchayats; blocks and towns where it has none."""
    under = Area.objects.under(district.path).select_related("parent").order_by("path")
    panchayats = list(under.filter(kind=AreaKind.GRAM_PANCHAYAT))
    kinds = [AreaKind.MUNICIPALITY] if panchayats else [AreaKind.BLOCK, AreaKind.MUNICIPALITY]
    return sorted([*panchayats, *under.filter(kind__in=kinds)], key=lambda a: a.path)


def _actor(users: dict[str, User], username: str, area: Area, capability: str) -> User | None:
    """The demo holder, if they may act there today; otherwise the system (None)."""
    user = users.get(username)
    if user is not None and user_can(user, capability, area):
        return user
    return None


def _aware(day: dt.date, hour: int, minute: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _load_quotas() -> int:
    made = 0
    for district_name, code, count, period in [
        ("Jamtara", "csc_dm", 60, Period.MONTH),
        ("Jamtara", "dsp", 2, Period.WEEK),
        ("East Singhbhum", "csc_dm", 60, Period.MONTH),
    ]:
        post = Post.objects.filter(
            designation__code=code, area__kind=AreaKind.DISTRICT, area__name=district_name, seat=""
        ).first()
        if post is None:
            continue
        _quota, created = InspectionQuota.objects.get_or_create(
            post=post, period=period, is_active=True, defaults={"count": count}
        )
        made += created
    return made


def _load_centre(
    plan: CentrePlan,
    *,
    users: dict[str, User],
    posts: dict[str, Post],
    id_types: dict[tuple[str, str], IdType],
    offered: dict[str, CentreService],
    checklists: dict[str, dict[str, str]],
    last_visit: dict[dt.date, list[int]],
) -> tuple[int, int]:
    """Create one planned centre with its operator, IDs, visits and status changes."""
    district, area = plan.district, plan.area
    manager = _actor(users, district.manager, area, Capability.CENTRES_MANAGE)
    link = users.get(plan.operator.get("user", ""))
    if link is not None and Operator.objects.filter(user=link).exists():
        link = None
    operator = services.operator_create(
        actor=None,
        area=area,
        name=plan.operator["name"],
        name_hi=plan.operator["name_hi"],
        mobile=plan.operator["mobile"],
        email=plan.operator["email"],
        aadhaar=plan.operator["aadhaar"],
        user=link,
    )
    centre = services.centre_create(
        actor=None,
        code=plan.code,
        name=plan.name,
        name_hi=plan.name_hi,
        kind=plan.kind,
        area=area,
        services=[offered[code] for code in plan.services],
        status=plan.starts,
        status_since=plan.since,
        premises=plan.premises,
        address=plan.address,
        address_hi=plan.address_hi,
        pincode=plan.pincode,
        latitude=plan.latitude,
        longitude=plan.longitude,
        phone=plan.phone,
        opening_hours=OPENING_HOURS,
        equipment=plan.equipment,
        operator=operator,
        complaints_open=plan.complaints_open,
        monthly_transactions=plan.monthly_transactions,
    )
    for record in plan.ids:
        services.operator_id_record(
            actor=manager,
            operator=operator,
            id_type=id_types[(district.state, record.code)],
            status=record.status,
            applied_on=record.applied_on,
            application_reference=record.reference,
            number=record.number,
            decided_on=record.decided_on,
            remarks=record.remarks,
        )
    visits: list[Inspection] = []
    checklist = checklists[district.state]
    for visit in sorted(plan.visits, key=lambda v: v.visited_on):
        inspector = users[visit.inspector]
        answers = {
            code: fault
            if code in visit.faults
            else (Answer.NO if fault == Answer.YES else Answer.YES)
            for code, fault in checklist.items()
        }
        # The closure awaiting the DC was recorded about 17 km north of the kiosk, so its
        # approval shows the distance warning; every other visit stood beside it.
        north = Decimal("0.152886") if visit.decision == Decision.PENDING else Decimal("0.000310")
        latitude = plan.latitude + north if plan.latitude else None
        longitude = plan.longitude - Decimal("0.000170") if plan.longitude else None
        position = services.position_check(centre=centre, latitude=latitude, longitude=longitude)
        inspection = Inspection(
            centre=centre,
            post=posts[visit.inspector],
            inspector=inspector,
            visited_on=visit.visited_on,
            recorded_at=_aware(
                visit.visited_on, 11 + len(visit.faults) % 5, 10 * (len(visits) % 6)
            ),
            latitude=latitude,
            longitude=longitude,
            position_check=position.check,
            distance_m=position.distance_m,
            distance_limit_m=position.limit_m,
            accuracy_m=8 + 3 * len(visit.faults),
            answers=answers,
            faults=len(visit.faults),
            remarks=visit.remarks,
            result=visit.result,
            recommendation=visit.recommendation,
            fine_amount=visit.fine_amount,
            suspension_days=visit.suspension_days,
            decision=visit.decision,
            decided_by=users[district.head] if visit.decided_on else None,
            decided_at=_aware(visit.decided_on, 16, 30) if visit.decided_on else None,
            decision_remark=visit.decision_remark,
            client_token=visit.token or uuid.uuid4(),
        )
        inspection.full_clean(exclude=["client_token"])
        inspection.save()
        record_event(
            CentreEvent,
            centre,
            operator=operator,
            action="inspected",
            effective_on=visit.visited_on,
            remark=visit.remarks,
            actor=inspector,
            data={
                "inspection": inspection.pk,
                "result": visit.result,
                "recommendation": visit.recommendation,
            },
        )
        if visit.recommendation == Recommendation.FINE:
            post_fine = provided("fines.post")
            if post_fine is not None:
                post_fine(inspection=inspection, on=visit.visited_on)
        if visit.decision == Decision.REJECTED:
            record_event(
                CentreEvent,
                centre,
                operator=operator,
                action="recommendation_declined",
                remark=visit.decision_remark,
                actor=users[district.head],
                data={"inspection": inspection.pk},
            )
        visits.append(inspection)
    if visits:
        last_visit[max(v.visited_on for v in visits)].append(centre.pk)
    for step in plan.steps:
        actor = _actor(users, step.actor, area, Capability.CENTRES_MANAGE)
        centre = services.centre_transition(
            actor=actor,
            centre=centre,
            action=step.action,
            version=centre.version,
            effective_on=step.effective_on,
            reason=step.reason,
            order_reference=step.order_reference,
            suspended_until=step.suspended_until,
            _approval=visits[step.visit] if step.visit is not None else None,
        )
    return len(plan.ids), len(visits)


@transaction.atomic
def load_centres_demo() -> dict[str, int]:
    """Load the configuration and, once, the demo's centres; returns what was created."""
    counts: dict[str, int] = {**load_centres_config(), "quotas": _load_quotas()}
    counts.update(centres=0, operators=0, operator_ids=0, inspections=0)
    found = []
    for district in DISTRICTS:
        area = Area.objects.filter(kind=AreaKind.DISTRICT, name=district.name).first()
        if area is not None:
            found.append((district, area, _served_areas(area)))
    if not found:
        return counts
    plans = Planner(timezone.localdate()).build(found)
    if Centre.objects.filter(code__in=[p.code for p in plans]).exists():
        return counts  # loaded before
    usernames = {u for d, _a, _s in found for u in (d.head, d.manager, d.inspector) if u}
    usernames.add("operator.nala")
    users = {u.username: u for u in User.objects.filter(username__in=usernames)}
    posts = {}
    for district, area, _served in found:
        for username, code in ((district.manager, "csc_dm"), (district.inspector, "dsp")):
            if username:
                posts[username] = Post.objects.get(designation__code=code, area=area, seat="")
    id_types = {
        (t.state.name, t.code): t for t in IdType.objects.select_related("state").order_by("pk")
    }
    offered = {s.code: s for s in CentreService.objects.all()}
    checklists: dict[str, dict[str, str]] = defaultdict(dict)
    for item in ChecklistItem.objects.filter(is_active=True).select_related("state"):
        checklists[item.state.name][item.code] = item.fault_answer
    last_visit: dict[dt.date, list[int]] = defaultdict(list)
    for plan in plans:
        ids, visits = _load_centre(
            plan,
            users=users,
            posts=posts,
            id_types=id_types,
            offered=offered,
            checklists=checklists,
            last_visit=last_visit,
        )
        counts["centres"] += 1
        counts["operators"] += 1
        counts["operator_ids"] += ids
        counts["inspections"] += visits
    for day, pks in last_visit.items():
        Centre.objects.filter(pk__in=pks).update(last_inspected_on=day)
    return counts


def load() -> list[str]:
    """The centres app's demo loader (``manage.py load_demo``)."""
    centres = load_centres_demo()
    return [
        f"Service centres: {centres['centres']} new centres, {centres['operators']} "
        f"operators, {centres['operator_ids']} operator IDs, {centres['inspections']} "
        f"inspections; {centres['services']} services, {centres['id_types']} ID types, "
        f"{centres['checklist_items']} checklist questions, {centres['quotas']} quotas new."
    ]
