"""The demo users: one per role, holding the posts of the demo district (the directory's
demo). Loading twice changes nothing."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from degs.accounts.models import RoleGrant, User
from degs.accounts.roles import Role
from degs.directory import services
from degs.directory.choices import AreaKind
from degs.directory.demo import HOLDINGS_FROM, area_named
from degs.directory.models import Post, PostHolding

DEMO_PASSWORD = "demo-jamtara-2026"  # noqa: S105 - printed at start; demo only


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


def load_users() -> list[DemoUser]:
    for demo in DEMO_USERS:
        user, _created = User.objects.get_or_create(username=demo.username)
        user.full_name, user.full_name_hi = demo.full_name, demo.full_name_hi
        user.language = demo.language or user.language
        user.set_password(DEMO_PASSWORD)
        user.save()
        if demo.post:
            code, kind, name = demo.post
            area = area_named(kind, name)
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
            RoleGrant.objects.get_or_create(user=user, role=role, area=area_named(kind, name))
    admin, _created = User.objects.get_or_create(
        username="admin",
        defaults={"full_name": "System administrator", "full_name_hi": "सिस्टम प्रशासक"},
    )
    admin.is_staff = admin.is_superuser = True
    admin.set_password(DEMO_PASSWORD)
    admin.save()
    return DEMO_USERS


@transaction.atomic
def load() -> list[str]:
    """The accounts app's demo loader (``manage.py load_demo``): the demo users."""
    users = load_users()
    lines = [f"Demo users (password for all: {DEMO_PASSWORD}):"]
    lines.append(f"  {'admin':<20} system administrator (Django admin at /admin/)")
    lines += [f"  {user.username:<20} {user.role}" for user in users]
    return lines
