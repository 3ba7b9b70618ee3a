"""Writes of the catalogue: publishing a service version. A version, once published, is never
changed: publishing again makes the next version, and applications keep theirs."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from degs.accounts.models import User
from degs.catalogue.certificate_html import clean_certificate_html
from degs.catalogue.definition import parse_definition
from degs.catalogue.models import Service, ServiceVersion
from degs.core.bilingual import Bilingual, typed
from degs.core.exceptions import StaleVersion
from degs.core.models import in_reader_language
from degs.core.permissions import Capability, require_capability
from degs.core.text import clean_text
from degs.directory.choices import AreaKind
from degs.directory.models import Area, Designation

PLACEHOLDER = re.compile(r"\{\{\s*([a-z][a-z0-9_]*)\s*\}\}")
# Filled in at issue for every certificate, besides the form's own fields.
STANDARD_PLACEHOLDERS = {
    "certificate_number",
    "application_number",
    "issued_on",
    "valid_until",
    "officer_name",
    "officer_post",
    "service_name",
    "district",
    "qr_code",
    # A table of every field the service certifies, label and value (the default template's).
    "certified_facts",
}


def _raw_fields(definition: dict[str, Any]) -> list[dict[str, Any]]:
    """The definition's fields that have a code, read even when the rest of it has problems
    (so the templates are checked, and their errors shown, with the definition's)."""
    raw_fields = definition.get("fields")
    return [
        f
        for f in (raw_fields if isinstance(raw_fields, list) else [])
        if isinstance(f, dict) and isinstance(f.get("code"), str)
    ]


def _check_template(
    template: str,
    field_codes: set[str],
    where: str,
    *,
    certified: Sequence[tuple[str, str]] = (),
    expires: bool = False,
) -> dict[str, Any]:
    errors: list[Any] = []
    used = set(PLACEHOLDER.findall(template))
    unknown = sorted(used - field_codes - STANDARD_PLACEHOLDERS)
    if unknown:
        errors.append(_("Unknown placeholders: %(names)s") % {"names": ", ".join(unknown)})
    # An empty template is drawn from the default one, which states every certified fact and
    # the validity; {{ certified_facts }} states every certified fact.
    if template.strip():
        missing = [
            (code, label)
            for code, label in certified
            if code not in used and "certified_facts" not in used
        ]
        if missing:
            errors.append(
                _(
                    "The certificate leaves out what the service certifies: %(labels)s. "
                    "Add %(placeholders)s to it."
                )
                % {
                    "labels": ", ".join(label or code for code, label in missing),
                    "placeholders": ", ".join(f"{{{{ {code} }}}}" for code, _label in missing),
                }
            )
        if expires and "valid_until" not in used:
            errors.append(
                _(
                    "The certificate is valid for a limited time but does not say until when: "
                    "add {{ valid_until }} to it."
                )
            )
    # Nothing is dropped silently: a caller cleans first (the service form does, and says what
    # it removed), and what is not clean is refused here.
    removed = clean_certificate_html(template).removed
    if removed:
        errors.append(
            _("A certificate may not contain: %(removed)s. Remove them and publish again.")
            % {"removed": removed.describe()}
        )
    return {where: errors} if errors else {}


def _step_designations(definition: dict[str, Any]) -> set[str]:
    """Post types the workflow names, read even when the rest of it has problems."""
    flow = definition.get("workflow")
    steps = flow.get("steps", []) if isinstance(flow, dict) else []
    return {
        s["designation"]
        for s in steps
        if isinstance(s, dict) and isinstance(s.get("designation"), str) and s["designation"]
    }


def _current_number(service: Service) -> int:
    return service.current.number if service.current is not None else 0


@transaction.atomic
def service_publish(
    *,
    actor: User | None,
    area: Area,
    code: str,
    name: str,
    department: str,
    law: str,
    time_limit_days: int,
    designated: str,
    definition: dict[str, Any],
    name_hi: str = "",
    department_hi: str = "",
    law_hi: str = "",
    appellate: str | None = None,
    validity_days: int | None = None,
    certificate_template: str = "",
    certificate_template_hi: str = "",
    note: str | Bilingual = "",
    is_demo: bool = False,
    expected_version: int | None = None,
) -> ServiceVersion:
    """Publish a service's next version (its first creates the service), checked whole.

    ``expected_version`` is the version the editor started from: when the service has moved on
    since, nothing is published (StaleVersion). 0 means "a new service": refused when the code
    is already taken in the area, rather than quietly publishing over that service.
    """
    if actor is not None:
        require_capability(
            actor,
            Capability.CATALOGUE_MANAGE,
            area,
            _("Only the state or district administration defines services."),
        )
    errors: dict[str, Any] = {}
    if area.kind not in (AreaKind.STATE, AreaKind.DISTRICT):
        errors["area"] = _("A service is offered in a state or a district.")
    try:
        parse_definition(definition)
    except ValidationError as error:
        errors.update({f"definition.{k}": v for k, v in error.message_dict.items()})
    codes = {designated, *_step_designations(definition), *([appellate] if appellate else [])}
    posts = {d.code: d for d in Designation.objects.filter(code__in=codes)}
    for missing in sorted(codes - set(posts)):
        errors.setdefault("designations", []).append(
            _("There is no post type “%(code)s”.") % {"code": missing}
        )
    raw_fields = _raw_fields(definition)
    fields = {f["code"] for f in raw_fields}
    # The certified fields, code and label in the reader's language.
    certified = [
        (f["code"], in_reader_language(str(f.get("label") or ""), str(f.get("label_hi") or "")))
        for f in raw_fields
        if f.get("certified") is True
    ]
    for where, template in (
        ("certificate_template", certificate_template),
        ("certificate_template_hi", certificate_template_hi),
    ):
        errors.update(
            _check_template(
                template, fields, where, certified=certified, expires=bool(validity_days)
            )
        )
    if errors:
        raise ValidationError(errors)
    service = Service.objects.select_for_update().filter(area=area, code=code).first()
    if expected_version == 0 and service is not None:
        raise ValidationError(
            {"code": _("There is already a service with this code here: change that one.")}
        )
    if expected_version and (service is None or _current_number(service) != expected_version):
        raise StaleVersion
    if service is None:
        service = Service(area=area, code=code)
    service.name, service.name_hi = clean_text(name), clean_text(name_hi)
    service.department, service.department_hi = clean_text(department), clean_text(department_hi)
    service.is_demo = is_demo
    service.full_clean(exclude=["current"])
    service.save()
    last = service.versions.order_by("-number").values_list("number", flat=True).first() or 0
    version = ServiceVersion(
        service=service,
        number=last + 1,
        law=clean_text(law),
        law_hi=clean_text(law_hi),
        time_limit_days=time_limit_days,
        designated_post=posts[designated],
        appellate_post=posts.get(appellate) if appellate else None,
        validity_days=validity_days,
        definition=definition,
        certificate_template=clean_certificate_html(certificate_template).html,
        certificate_template_hi=clean_certificate_html(certificate_template_hi).html,
        **(note if isinstance(note, Bilingual) else typed(clean_text(note))).fields("note"),
        created_by=actor,
    )
    version.full_clean()
    version.save()
    service.current = version
    service.save(update_fields=["current", "updated_at"])
    return version
