"""The demo district: real areas of Jharkhand, Uttar Pradesh and Rajasthan, offices, posts,
holders and one demo user per role. Loading twice changes nothing."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from degs.accounts.models import RoleGrant, User
from degs.accounts.roles import Role
from degs.core.memo import reference_changed
from degs.core.tabular import read_table
from degs.directory import importing, services
from degs.directory.choices import AreaKind, OfficeKind, SaturdayRule
from degs.directory.models import Area, Designation, Holiday, Office, Post, PostHolding

DATA = Path(__file__).resolve().parent / "data"
DEMO = Path(__file__).resolve().parent / "demo"
DEMO_PASSWORD = "demo-jamtara-2026"  # noqa: S105 - printed at start; demo only


def load_designations() -> int:
    """The designations every district has (real master data, not demo)."""
    count = 0
    with (DATA / "designations.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            code = row.pop("code")
            row["rank"] = int(row["rank"])
            designation, created = Designation.objects.get_or_create(code=code, defaults=row)
            if not created:
                changed = [k for k, v in row.items() if getattr(designation, k) != v]
                for key in changed:
                    setattr(designation, key, row[key])
                if changed:
                    designation.save(update_fields=[*changed, "updated_at"])
            count += 1
    return count


def load_areas() -> importing.ImportReport:
    path = DEMO / "areas.csv"
    table = read_table(path.name, path.read_bytes())
    return importing.areas_import(actor=None, table=table)


def _area(kind: str, name: str, parent: Area | None = None) -> Area:
    qs = Area.objects.filter(kind=kind, name=name)
    if parent is not None:
        qs = qs.under(parent.path)
    return qs.get()


def _office(area: Area, kind: str, name: str, name_hi: str, **extra: object) -> Office:
    office = Office.objects.filter(area=area, kind=kind, name=name).first()
    if office is None:
        office = services.office_create(
            actor=None, area=area, kind=kind, name=name, name_hi=name_hi, **extra
        )
    return office


def load_offices() -> int:
    """A DC office and NIC centre per district, an office per subdivision, block and circle,
    and a panchayat bhawan per gram panchayat."""
    before = Office.objects.count()
    for district in Area.objects.filter(kind=AreaKind.DISTRICT):
        title = "Collectorate" if district.name != "Gonda" else "Collectorate (DM Office)"
        _office(
            district,
            OfficeKind.DC_OFFICE,
            f"{title}, {district.name}",
            f"समाहरणालय, {district.name_hi}",
        )
        _office(
            district,
            OfficeKind.NIC_CENTRE,
            f"NIC District Centre, {district.name}",
            f"एनआईसी जिला केंद्र, {district.name_hi}",
        )
    names = {
        AreaKind.SUBDIVISION: (
            OfficeKind.SUBDIVISION_OFFICE,
            "Subdivision Office",
            "अनुमंडल कार्यालय",
        ),
        AreaKind.BLOCK: (OfficeKind.BLOCK_OFFICE, "Block Office", "प्रखंड कार्यालय"),
        AreaKind.TEHSIL: (OfficeKind.TEHSIL_OFFICE, "Circle Office", "अंचल कार्यालय"),
        AreaKind.GRAM_PANCHAYAT: (OfficeKind.PANCHAYAT_BHAWAN, "Panchayat Bhawan", "पंचायत भवन"),
        AreaKind.MUNICIPALITY: (
            OfficeKind.MUNICIPAL_OFFICE,
            "Municipal Office",
            "नगर निकाय कार्यालय",
        ),
    }
    existing = set(Office.objects.values_list("area_id", "kind"))
    for area in Area.objects.filter(kind__in=list(names)).iterator():
        kind, en, hi = names[area.kind]
        if area.kind == AreaKind.TEHSIL and area.path.startswith(_state_path("Uttar Pradesh")):
            en, hi = "Tehsil Office", "तहसील कार्यालय"
        if (area.pk, kind) not in existing:
            services.office_create(
                actor=None,
                area=area,
                kind=kind,
                name=f"{en}, {area.name}",
                name_hi=f"{hi}, {area.name_hi}",
            )
    east = Area.objects.filter(kind=AreaKind.DISTRICT, name="East Singhbhum").first()
    if east is not None:
        # The press note of its DeGS meeting reviews JharNet and video conferencing here.
        _office(
            east,
            OfficeKind.JAIL,
            "Sakchi Mandal Jail, Jamshedpur",
            "साकची मंडल कारा, जमशेदपुर",
            address="Sakchi, Jamshedpur",
            pincode="831001",
        )
        _office(
            east,
            OfficeKind.HOSPITAL,
            "Sadar Hospital, Jamshedpur",
            "सदर अस्पताल, जमशेदपुर",
            address="Khasmahal, Jamshedpur",
            pincode="831002",
        )
    jamtara = Area.objects.filter(kind=AreaKind.DISTRICT, name="Jamtara").first()
    if jamtara is not None:
        _office(
            jamtara,
            OfficeKind.HOSPITAL,
            "Sadar Hospital, Jamtara",
            "सदर अस्पताल, जामताड़ा",
            pincode="815351",
        )
        _office(
            jamtara, OfficeKind.JAIL, "Mandal Kara, Jamtara", "मंडल कारा, जामताड़ा", pincode="815351"
        )
    return Office.objects.count() - before


def _state_path(name: str) -> str:
    state = Area.objects.filter(kind=AreaKind.STATE, name=name).first()
    return state.path if state else "\x00"


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str  # shown to the person starting the demo
    full_name: str
    full_name_hi: str
    post: tuple[str, str, str] | None = None  # designation code, area kind, area name
    grant: tuple[str, str, str] | None = None  # role, area kind, area name
    language: str = ""


# Holders are described by their post; no invented personal names.
DEMO_USERS = [
    DemoUser(
        "state.jharkhand",
        "State administrator (Jharkhand)",
        "State administrator, Jharkhand",
        "राज्य प्रशासक, झारखंड",
        grant=(Role.STATE_ADMIN, AreaKind.STATE, "Jharkhand"),
    ),
    DemoUser(
        "dc.jamtara",
        "District administrator: DC, Jamtara",
        "DC Jamtara (demo)",
        "उपायुक्त जामताड़ा (डेमो)",
        post=("dc", AreaKind.DISTRICT, "Jamtara"),
    ),
    DemoUser(
        "dio.jamtara",
        "District administrator: DIO, Jamtara",
        "DIO Jamtara (demo)",
        "डीआईओ जामताड़ा (डेमो)",
        post=("dio", AreaKind.DISTRICT, "Jamtara"),
    ),
    DemoUser(
        "edm.jamtara",
        "District administrator: e-District Manager, Jamtara",
        "EDM Jamtara (demo)",
        "ई-डिस्ट्रिक्ट मैनेजर जामताड़ा (डेमो)",
        post=("edm", AreaKind.DISTRICT, "Jamtara"),
    ),
    DemoUser(
        "csc.jamtara",
        "CSC manager, Jamtara",
        "CSC Manager Jamtara (demo)",
        "सीएससी मैनेजर जामताड़ा (डेमो)",
        post=("csc_dm", AreaKind.DISTRICT, "Jamtara"),
    ),
    DemoUser(
        "dsp.jamtara",
        "Inspector: District Service Provider, Jamtara",
        "DSP Jamtara (demo)",
        "जिला सेवा प्रदाता जामताड़ा (डेमो)",
        post=("dsp", AreaKind.DISTRICT, "Jamtara"),
    ),
    DemoUser(
        "bdo.nala",
        "Block officer: BDO, Nala",
        "BDO Nala (demo)",
        "बीडीओ नाला (डेमो)",
        post=("bdo", AreaKind.BLOCK, "Nala"),
    ),
    DemoUser(
        "co.nala",
        "Designated officer: Circle Officer, Nala",
        "CO Nala (demo)",
        "अंचल अधिकारी नाला (डेमो)",
        post=("co", AreaKind.TEHSIL, "Nala"),
        language="hi",
    ),
    DemoUser(
        "bdo.kundahit",
        "Block officer: BDO, Kundahit",
        "BDO Kundahit (demo)",
        "बीडीओ कुंडहित (डेमो)",
        post=("bdo", AreaKind.BLOCK, "Kundahit"),
    ),
    DemoUser(
        "dpro.jamtara",
        "Department officer: DPRO (Panchayati Raj), Jamtara",
        "DPRO Jamtara (demo)",
        "जिला पंचायती राज पदाधिकारी जामताड़ा (डेमो)",
        post=("dpo_pr", AreaKind.DISTRICT, "Jamtara"),
    ),
    DemoUser(
        "engineer.jamtara",
        "Network engineer, Jamtara",
        "Network Engineer Jamtara (demo)",
        "नेटवर्क इंजीनियर जामताड़ा (डेमो)",
        post=("network_engineer", AreaKind.DISTRICT, "Jamtara"),
    ),
    DemoUser(
        "operator.nala",
        "Kiosk operator, Nala block",
        "Kiosk operator, Nala (demo)",
        "प्रज्ञा केंद्र संचालक, नाला (डेमो)",
        grant=(Role.KIOSK_OPERATOR, AreaKind.BLOCK, "Nala"),
        language="hi",
    ),
    DemoUser(
        "viewer.jamtara",
        "Read-only viewer, Jamtara",
        "Viewer Jamtara (demo)",
        "दर्शक जामताड़ा (डेमो)",
        grant=(Role.VIEWER, AreaKind.DISTRICT, "Jamtara"),
    ),
    DemoUser(
        "dc.eastsinghbhum",
        "District administrator: DC, East Singhbhum",
        "DC East Singhbhum (demo)",
        "उपायुक्त पूर्वी सिंहभूम (डेमो)",
        post=("dc", AreaKind.DISTRICT, "East Singhbhum"),
    ),
    DemoUser(
        "csc.eastsinghbhum",
        "CSC manager, East Singhbhum",
        "CSC Manager East Singhbhum (demo)",
        "सीएससी मैनेजर पूर्वी सिंहभूम (डेमो)",
        post=("csc_dm", AreaKind.DISTRICT, "East Singhbhum"),
    ),
    DemoUser(
        "dio.eastsinghbhum",
        "District administrator: DIO, East Singhbhum",
        "DIO East Singhbhum (demo)",
        "डीआईओ पूर्वी सिंहभूम (डेमो)",
        post=("dio", AreaKind.DISTRICT, "East Singhbhum"),
    ),
    DemoUser(
        "engineer.eastsinghbhum",
        "Network engineer, East Singhbhum",
        "Network Engineer East Singhbhum (demo)",
        "नेटवर्क इंजीनियर पूर्वी सिंहभूम (डेमो)",
        post=("network_engineer", AreaKind.DISTRICT, "East Singhbhum"),
    ),
    DemoUser(
        "dm.gonda",
        "District administrator: DM, Gonda",
        "DM Gonda (demo)",
        "जिलाधिकारी गोंडा (डेमो)",
        post=("dm", AreaKind.DISTRICT, "Gonda"),
    ),
    DemoUser(
        "collector.churu",
        "District administrator: Collector, Churu",
        "Collector Churu (demo)",
        "जिला कलक्टर चूरू (डेमो)",
        post=("collector", AreaKind.DISTRICT, "Churu"),
    ),
]

# District-level posts every demo district gets, and block and circle posts.
DISTRICT_POSTS = [
    "dc",
    "ddc",
    "adc",
    "dio",
    "adio",
    "edm",
    "csc_dm",
    "dsp",
    "dpro",
    "dpo_pr",
    "uidai_dpo",
    "network_engineer",
]
DISTRICT_HEAD = {"Gonda": "dm", "Churu": "collector"}
HOLDINGS_FROM = dt.date(2026, 4, 1)


def load_posts() -> int:
    before = Post.objects.count()
    designations = {d.code: d for d in Designation.objects.all()}
    for district in Area.objects.filter(kind=AreaKind.DISTRICT):
        dc_office = Office.objects.filter(area=district, kind=OfficeKind.DC_OFFICE).first()
        head = DISTRICT_HEAD.get(district.name, "dc")
        for code in [head, *DISTRICT_POSTS[1:]]:
            _post(designations[code], district, dc_office)
    posts_by_kind = {
        AreaKind.SUBDIVISION: ("sdo", OfficeKind.SUBDIVISION_OFFICE),
        AreaKind.BLOCK: ("bdo", OfficeKind.BLOCK_OFFICE),
        AreaKind.TEHSIL: ("co", OfficeKind.TEHSIL_OFFICE),
    }
    offices = {
        (o.area_id, o.kind): o
        for o in Office.objects.filter(kind__in=[k for _, k in posts_by_kind.values()])
    }
    up = _state_path("Uttar Pradesh")
    for area in Area.objects.filter(kind__in=list(posts_by_kind)):
        code, office_kind = posts_by_kind[area.kind]
        if area.path.startswith(up):
            code = {"sdo": "sdm", "co": "tehsildar"}.get(code, code)
        _post(designations[code], area, offices.get((area.pk, office_kind)))
    return Post.objects.count() - before


def _post(designation: Designation, area: Area, office: Office | None) -> Post:
    post = Post.objects.filter(designation=designation, area=area, seat="").first()
    return post or services.post_create(
        actor=None, designation=designation, area=area, office=office
    )


def load_users() -> list[DemoUser]:
    for demo in DEMO_USERS:
        user, _created = User.objects.get_or_create(username=demo.username)
        user.full_name, user.full_name_hi = demo.full_name, demo.full_name_hi
        user.language = demo.language or user.language
        user.set_password(DEMO_PASSWORD)
        user.save()
        if demo.post:
            code, kind, name = demo.post
            area = _area(kind, name)
            post = Post.objects.get(designation__code=code, area=area, seat="")
            if not PostHolding.objects.filter(post=post, user=user).exists():
                services.post_holding_start(
                    actor=None,
                    post=post,
                    user=user,
                    start_date=HOLDINGS_FROM,
                    order_reference="Demo posting",
                )
        if demo.grant:
            role, kind, name = demo.grant
            RoleGrant.objects.get_or_create(user=user, role=role, area=_area(kind, name))
    admin, _created = User.objects.get_or_create(
        username="admin",
        defaults={"full_name": "System administrator", "full_name_hi": "सिस्टम प्रशासक"},
    )
    admin.is_staff = admin.is_superuser = True
    admin.set_password(DEMO_PASSWORD)
    admin.save()
    return DEMO_USERS


# Demo values: the state's notification must be confirmed before real use.
HOLIDAYS_2026 = [
    ("Jharkhand", "2026-01-26", "Republic Day", "गणतंत्र दिवस"),
    ("Jharkhand", "2026-03-04", "Holi (demo date)", "होली (डेमो तिथि)"),
    ("Jharkhand", "2026-03-21", "Sarhul (demo date)", "सरहुल (डेमो तिथि)"),
    ("Jharkhand", "2026-08-15", "Independence Day", "स्वतंत्रता दिवस"),
    ("Jharkhand", "2026-10-02", "Gandhi Jayanti", "गांधी जयंती"),
    ("Jharkhand", "2026-10-20", "Dussehra (demo date)", "दशहरा (डेमो तिथि)"),
    ("Jharkhand", "2026-11-09", "Diwali holiday (demo date)", "दीपावली अवकाश (डेमो तिथि)"),
    (
        "Jharkhand",
        "2026-11-15",
        "Birsa Munda Jayanti and Jharkhand Foundation Day",
        "बिरसा मुंडा जयंती एवं झारखंड स्थापना दिवस",
    ),
    ("Jharkhand", "2026-12-25", "Christmas", "क्रिसमस"),
    ("Uttar Pradesh", "2026-01-26", "Republic Day", "गणतंत्र दिवस"),
    ("Uttar Pradesh", "2026-08-15", "Independence Day", "स्वतंत्रता दिवस"),
    ("Uttar Pradesh", "2026-10-02", "Gandhi Jayanti", "गांधी जयंती"),
    ("Rajasthan", "2026-01-26", "Republic Day", "गणतंत्र दिवस"),
    ("Rajasthan", "2026-03-30", "Rajasthan Day", "राजस्थान दिवस"),
    ("Rajasthan", "2026-08-15", "Independence Day", "स्वतंत्रता दिवस"),
    ("Rajasthan", "2026-10-02", "Gandhi Jayanti", "गांधी जयंती"),
]
SATURDAYS = {
    "Jharkhand": SaturdayRule.SECOND_FOURTH,
    "Uttar Pradesh": SaturdayRule.SECOND_FOURTH,
    "Rajasthan": SaturdayRule.SECOND_FOURTH,
}


def load_holidays() -> int:
    before = Holiday.objects.count()
    for state_name, day, name, name_hi in HOLIDAYS_2026:
        state = Area.objects.filter(kind=AreaKind.STATE, name=state_name).first()
        if state is None:
            continue
        Holiday.objects.get_or_create(
            area=state, date=dt.date.fromisoformat(day), name=name, defaults={"name_hi": name_hi}
        )
    for state_name, rule in SATURDAYS.items():
        Area.objects.filter(kind=AreaKind.STATE, name=state_name).update(saturdays_off=rule)
    reference_changed()  # the update above sends no signal
    return Holiday.objects.count() - before


@transaction.atomic
def load_demo() -> dict[str, object]:
    """Load everything; each step creates only what is missing."""
    designations = load_designations()
    areas = load_areas()
    offices = load_offices()
    posts = load_posts()
    users = load_users()
    holidays = load_holidays()
    return {
        "designations": designations,
        "areas_created": areas.to_create,
        "areas_total": Area.objects.count(),
        "offices_created": offices,
        "posts_created": posts,
        "holidays_created": holidays,
        "users": users,
    }
