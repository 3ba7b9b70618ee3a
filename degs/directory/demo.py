"""The demo district: real areas of Jharkhand, Uttar Pradesh and Rajasthan, offices, posts and
holidays (the demo users and their posts are the accounts app's demo). Loading twice changes
nothing."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from django.db import transaction

from degs.core.memo import reference_changed
from degs.core.models import save_changes
from degs.core.tabular import read_table
from degs.directory import importing, services
from degs.directory.choices import AreaKind, OfficeKind, SaturdayRule
from degs.directory.models import Area, Designation, Holiday, Office, Post

DATA = Path(__file__).resolve().parent / "data"
DEMO = Path(__file__).resolve().parent / "demo"


def load_designations() -> int:
    """The designations every district has (real master data, not demo)."""
    count = 0
    with (DATA / "designations.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            code = row.pop("code")
            row["rank"] = int(row["rank"])
            designation, created = Designation.objects.get_or_create(code=code, defaults=row)
            if not created:
                save_changes(designation, row, validate=False)
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


area_named = _area  # for the other apps' demos


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


def load_populations() -> int:
    """The demo districts' populations as the 2011 census counted them (districts only: the
    census's block figures are not in the demo). Returns how many areas changed."""
    changed = 0
    with (DEMO / "populations.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            district = Area.objects.get(
                kind=AreaKind.DISTRICT, name=row["district"], parent__name=row["state"]
            )
            population = int(row["population"])
            if district.population != population:
                district.population = population
                district.save(update_fields=["population", "updated_at"])
                changed += 1
    return changed


@transaction.atomic
def load_demo() -> dict[str, object]:
    """Load everything; each step creates only what is missing."""
    designations = load_designations()
    areas = load_areas()
    offices = load_offices()
    posts = load_posts()
    holidays = load_holidays()
    load_populations()
    return {
        "designations": designations,
        "areas_created": areas.to_create,
        "areas_total": Area.objects.count(),
        "offices_created": offices,
        "posts_created": posts,
        "holidays_created": holidays,
    }


def load() -> list[str]:
    """The directory's demo loader (``manage.py load_demo``)."""
    result = load_demo()
    return [
        f"Demo loaded: {result['areas_total']} areas ({result['areas_created']} new), "
        f"{result['offices_created']} new offices, {result['posts_created']} new posts, "
        f"{result['holidays_created']} new holidays, {result['designations']} designations."
    ]
