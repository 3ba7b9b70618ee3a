"""The assets demo's register part (the first of the assets demos): Jamtara's equipment as the
sample notes speak of it ("purchase of equipment for government work"; "maintenance of the
hardware, networking and allied equipment provided under e-District"):

- a projector at every block and circle office (the projector rollout: "projectors in every
  tehsil and block"), three spare ones in the district store (the Collectorate);
- desktops, a printer, a UPS, a video-conference kit and a router at every block office and at
  the Collectorate (the e-District hardware and the VC rooms);
- one printer under repair (Nala), one UPS condemned (its battery swollen);
- this financial year's verification of the Collectorate's equipment and of Nala's;
- East Singhbhum's video-conference kit at Sakchi Mandal Jail ("video conferencing … Sakchi
  Mandal Jail").

Every asset is found again by its make, model and serial number: a second load makes nothing.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from degs.accounts.models import User
from degs.assets.choices import AssetStatus, Condition, Funding, OrderKind
from degs.assets.models import Asset, Category, EquipmentModel, Supplier, Verification
from degs.assets.services import register as services
from degs.assets.services.verification import verification_record
from degs.core.years import financial_year_of
from degs.directory.choices import AreaKind, OfficeKind
from degs.directory.models import Area, Office

MANAGER = "dio.jamtara"

CATEGORIES = (
    ("projector", "Projector", "प्रोजेक्टर"),
    ("desktop", "Desktop computer", "डेस्कटॉप कंप्यूटर"),
    ("printer", "Printer", "प्रिंटर"),
    ("ups", "UPS", "यूपीएस"),
    ("vc-kit", "Video-conference kit", "वीडियो कॉन्फ्रेंस किट"),
    ("router", "Router", "राउटर"),
)
MODELS = {
    "projector": ("Epson", "EB-X51"),
    "desktop": ("HP", "ProDesk 400 G9"),
    "printer": ("Canon", "imageCLASS MF3010"),
    "ups": ("APC", "BX1100C"),
    "vc-kit": ("Poly", "Studio X30"),
    "router": ("Cisco", "ISR 1111"),
}
# What each thing cost (paise), who paid and how long its warranty runs (years).
TERMS: dict[str, tuple[int, str, int]] = {
    "projector": (42_500_00, Funding.DEGS_FUND, 3),
    "desktop": (58_900_00, Funding.E_DISTRICT, 5),
    "printer": (14_250_00, Funding.E_DISTRICT, 1),
    "ups": (8_500_00, Funding.E_DISTRICT, 2),
    "vc-kit": (2_85_000_00, Funding.STATE_GRANT, 3),
    "router": (96_400_00, Funding.STATE_GRANT, 3),
}
# The GSTINs' check characters are worked by services.register.gstin_check_character.
SUPPLIERS = (
    ("Jharkhand Digital Systems", "20AAHCJ5512R1ZE"),
    ("Dumka Office Automation", "20AADFD2290K1ZR"),
)


def _photo() -> SimpleUploadedFile:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (64, 48), (70, 110, 160)).save(out, format="JPEG")
    return SimpleUploadedFile("verification.jpg", out.getvalue(), content_type="image/jpeg")


def _master() -> tuple[dict[str, EquipmentModel], list[Supplier]]:
    models: dict[str, EquipmentModel] = {}
    for code, name, name_hi in CATEGORIES:
        category, _made = Category.objects.get_or_create(
            code=code, defaults={"name": name, "name_hi": name_hi}
        )
        make, model_name = MODELS[code]
        models[code], _made = EquipmentModel.objects.get_or_create(
            make=make, name=model_name, defaults={"category": category}
        )
    suppliers = []
    for name, gstin in SUPPLIERS:
        supplier = Supplier.objects.filter(gstin=gstin).first()
        if supplier is None:
            supplier = services.supplier_save(actor=None, name=name, gstin=gstin)
        suppliers.append(supplier)
    return models, suppliers


def _add(
    made: list[Asset],
    *,
    actor: Any,
    models: dict[str, EquipmentModel],
    supplier: Supplier,
    code: str,
    office: Office,
    serial: str,
    bought: dt.date,
    status: str = AssetStatus.ISSUED,
) -> Asset | None:
    model = models[code]
    if Asset.objects.filter(model=model, serial=serial).exists():
        return None
    cost, funding, years = TERMS[code]
    asset = services.asset_add(
        actor=actor,
        model=model,
        office=office,
        serial=serial,
        funding=funding,
        supplier=supplier,
        order_kind=OrderKind.GEM_ORDER,
        order_number=f"GEMC-511687700{bought:%y%m%d}",
        purchased_on=bought,
        warranty_until=bought.replace(year=bought.year + years) - dt.timedelta(days=1),
        amc_until=(bought.replace(year=bought.year + years + 2) if code == "vc-kit" else None),
        cost_paise=cost,
        status=status,
    )
    made.append(asset)
    return asset


def load() -> list[str]:
    jamtara = Area.objects.filter(kind=AreaKind.DISTRICT, name="Jamtara").first()
    if jamtara is None:
        return []
    actor = User.objects.filter(username=MANAGER).first()
    models, (main, other) = _master()
    made: list[Asset] = []
    collectorate = (
        Office.objects.filter(area=jamtara, kind=OfficeKind.DC_OFFICE).order_by("pk").first()
    )
    blocks = list(
        Office.objects.filter(
            kind=OfficeKind.BLOCK_OFFICE, area__path__startswith=jamtara.path
        ).order_by("area__name")
    )
    circles = list(
        Office.objects.filter(
            kind=OfficeKind.TEHSIL_OFFICE, area__path__startswith=jamtara.path
        ).order_by("area__name")
    )
    spring = dt.date(2025, 6, 16)
    autumn = dt.date(2024, 10, 7)
    common = {"actor": actor, "models": models}
    for number, office in enumerate(blocks, start=1):
        key = office.area.name[:3].upper()
        _add(
            made,
            **common,
            supplier=main,
            code="projector",
            office=office,
            serial=f"X51JB{number:03d}",
            bought=spring,
        )
        for seat in (1, 2):
            _add(
                made,
                **common,
                supplier=other,
                code="desktop",
                office=office,
                serial=f"HPD-{key}-{seat}",
                bought=autumn,
            )
        printer = _add(
            made,
            **common,
            supplier=other,
            code="printer",
            office=office,
            serial=f"CNP-{key}",
            bought=autumn,
        )
        _add(
            made,
            **common,
            supplier=other,
            code="ups",
            office=office,
            serial=f"APC-{key}",
            bought=autumn,
        )
        _add(
            made,
            **common,
            supplier=main,
            code="vc-kit",
            office=office,
            serial=f"PLY-{key}",
            bought=spring,
        )
        _add(
            made,
            **common,
            supplier=main,
            code="router",
            office=office,
            serial=f"ISR-{key}",
            bought=spring,
        )
        if printer is not None and office.area.name == "Nala":
            services.asset_step(
                actor=actor, asset=printer, action="repair", version=printer.version
            )
    for number, office in enumerate(circles, start=1):
        _add(
            made,
            **common,
            supplier=main,
            code="projector",
            office=office,
            serial=f"X51JC{number:03d}",
            bought=spring,
        )
    if collectorate is not None:
        for seat in (1, 2, 3, 4):
            _add(
                made,
                **common,
                supplier=other,
                code="desktop",
                office=collectorate,
                serial=f"HPD-COL-{seat}",
                bought=autumn,
            )
        for seat in (1, 2):
            _add(
                made,
                **common,
                supplier=other,
                code="printer",
                office=collectorate,
                serial=f"CNP-COL-{seat}",
                bought=autumn,
            )
        _add(
            made,
            **common,
            supplier=other,
            code="ups",
            office=collectorate,
            serial="APC-COL-1",
            bought=autumn,
        )
        old_ups = _add(
            made,
            **common,
            supplier=other,
            code="ups",
            office=collectorate,
            serial="APC-COL-2",
            bought=dt.date(2019, 8, 1),
        )
        if old_ups is not None:
            services.asset_step(
                actor=actor,
                asset=old_ups,
                action="condemn",
                version=old_ups.version,
                remark="Battery swollen; beyond repair (e-District hardware committee).",
            )
        _add(
            made,
            **common,
            supplier=main,
            code="vc-kit",
            office=collectorate,
            serial="PLY-COL",
            bought=spring,
        )
        _add(
            made,
            **common,
            supplier=main,
            code="router",
            office=collectorate,
            serial="ISR-COL",
            bought=spring,
        )
        for spare in (1, 2, 3):
            _add(
                made,
                **common,
                supplier=main,
                code="projector",
                office=collectorate,
                serial=f"X51JS{spare:03d}",
                bought=spring,
                status=AssetStatus.IN_STORE,
            )
    east = Area.objects.filter(kind=AreaKind.DISTRICT, name="East Singhbhum").first()
    jail = (
        Office.objects.filter(area=east, kind=OfficeKind.JAIL).order_by("pk").first()
        if east is not None
        else None
    )
    if jail is not None:
        _add(
            made,
            actor=User.objects.filter(username="dio.eastsinghbhum").first(),
            models=models,
            supplier=main,
            code="vc-kit",
            office=jail,
            serial="PLY-SAKCHI",
            bought=dt.date(2025, 9, 1),
        )
    verified = _verify(actor, collectorate)
    lines = [f"assets: {len(made)} pieces of equipment entered in the register"] if made else []
    if verified:
        lines.append(f"assets: {verified} physical verifications of this financial year")
    return lines


def _verify(actor: Any, collectorate: Office | None) -> int:
    """This year's verification of the Collectorate's equipment and of Nala block's, once."""
    if actor is None or collectorate is None:
        return 0
    year = financial_year_of()
    today = timezone.localdate()
    if Verification.objects.filter(year=year, verified_by=actor).exists():
        return 0  # verified by an earlier load (the procurement demo's deliveries came after)
    rows = Asset.objects.filter(
        office__in=Office.objects.filter(pk=collectorate.pk)
        | Office.objects.filter(kind=OfficeKind.BLOCK_OFFICE, area__name="Nala")
    ).exclude(status=AssetStatus.DISPOSED)
    done = 0
    for asset in rows.exclude(verifications__year=year).select_related("area").order_by("tag"):
        verification_record(
            actor=actor,
            asset=asset,
            condition=Condition.FAULTY if asset.status != AssetStatus.ISSUED else Condition.WORKING,
            photo=_photo(),
            verified_on=today,
            remark="",
        )
        done += 1
    return done
