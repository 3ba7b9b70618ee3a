"""The assets app's pages for tests/e2e/test_accessibility.py: one address of each page with a
real object of the demo district, and the role that opens it; NOT_PAGES: its named URLs that
are not pages a person reads, and why. The roles are demo users' names."""

from __future__ import annotations

from typing import Any

from tests.e2e.demo_rows import first

DC, ADMIN = "dc.jamtara", "admin"

NOT_PAGES: dict[str, str] = {
    # parts "register" and "verification"
    "assets:asset_step": "POST only: a status button of the asset's page",
    "assets:asset_move": "POST only: the move form of the asset's page",
    "assets:asset_labels": "a PDF (the QR label sheet), not a page",
    "assets:asset_import_apply": "POST only: confirms an upload",
    "assets:asset_import_progress": "a fragment the import page polls",
    "assets:asset_import_template": "a CSV or Excel file, not a page",
    "assets:verification_photo": "a photo file, not a page",
    # part "procurement": the steps posted from a case's page
    "assets:case_quote": "POST only: a quote from the case's page",
    "assets:case_quote_remove": "POST only: a quote taken back from the case's page",
    "assets:case_sanction": "POST only: the sanction from the case's page",
    "assets:case_order": "POST only: the order from the case's page",
    "assets:case_deliver": "POST only: the delivery from the case's page",
    "assets:case_step": "POST only: close or cancel from the case's page",
    # parts "tickets" and "schedules"
    "assets:ticket_step": "POST only: a step button of the ticket's page",
}


def pages(district: Any) -> dict[str, tuple[str, str]]:
    """Named URL -> (demo user, address) of the assets pages in ``district`` (Jamtara)."""
    from degs.assets.models import ProcurementCase

    pages: dict[str, tuple[str, str]] = {}
    # parts "register" and "verification"
    from degs.assets.models import Asset, Category, EquipmentModel, Supplier

    asset = first(Asset, district=district, status="issued")
    pages["assets:asset_list"] = (DC, "/assets/equipment/")
    pages["assets:asset_detail"] = (DC, f"/assets/equipment/{asset.pk}/")
    pages["assets:asset_create"] = (DC, "/assets/equipment/new/")
    pages["assets:asset_edit"] = (DC, f"/assets/equipment/{asset.pk}/edit/")
    pages["assets:asset_import"] = (DC, "/assets/equipment/import/")
    pages["assets:category_list"] = (DC, "/assets/categories/")
    pages["assets:category_create"] = (DC, "/assets/categories/new/")
    pages["assets:category_edit"] = (DC, f"/assets/categories/{first(Category).pk}/edit/")
    pages["assets:model_create"] = (DC, "/assets/models/new/")
    pages["assets:model_edit"] = (DC, f"/assets/models/{first(EquipmentModel).pk}/edit/")
    pages["assets:supplier_list"] = (DC, "/assets/suppliers/")
    pages["assets:supplier_create"] = (DC, "/assets/suppliers/new/")
    pages["assets:supplier_edit"] = (DC, f"/assets/suppliers/{first(Supplier).pk}/edit/")
    pages["assets:verification_due"] = (DC, "/assets/equipment/not-verified/")
    pages["assets:verification_create"] = (DC, f"/assets/equipment/{asset.pk}/verify/")
    # part "procurement"
    ordered = first(ProcurementCase, area=district, status="ordered")
    need = first(ProcurementCase, area=district, status="need")
    pages["assets:case_list"] = (DC, "/assets/procurement/")
    pages["assets:case_detail"] = (DC, f"/assets/procurement/{ordered.pk}/")
    pages["assets:case_create"] = (DC, "/assets/procurement/new/")
    pages["assets:case_edit"] = (DC, f"/assets/procurement/{need.pk}/edit/")
    # parts "tickets" and "schedules"
    from degs.assets.models import Schedule, Ticket

    ticket = first(Ticket, area__path__startswith=district.path, status="open")
    schedule = first(Schedule, area__path__startswith=district.path)
    pages["assets:ticket_list"] = (DC, "/assets/tickets/")
    pages["assets:ticket_queue"] = (DC, "/assets/tickets/queue/")
    pages["assets:ticket_pending"] = (DC, "/assets/tickets/technical-cases/")
    pages["assets:ticket_create"] = (DC, "/assets/tickets/new/")
    pages["assets:ticket_detail"] = (DC, f"/assets/tickets/{ticket.pk}/")
    pages["assets:schedule_list"] = (DC, "/assets/schedules/")
    pages["assets:schedule_create"] = (DC, "/assets/schedules/new/")
    pages["assets:schedule_detail"] = (DC, f"/assets/schedules/{schedule.pk}/")
    pages["assets:schedule_edit"] = (DC, f"/assets/schedules/{schedule.pk}/edit/")
    return pages
