"""The jurisdiction check's registry: every page and API endpoint that shows area-bound rows.

An app registers, for each model it shows, how to make one row inside a given block
(``Maker``), and then each list and detail URL that shows it (``ScopedURL``). The check in
``tests/core/test_jurisdiction.py`` signs in as the BDO of block A1 and, for every registered
URL, asserts that rows made in block A1 are shown and rows made in block B1 (another district)
and block A2 (same district) are absent from lists and answer 404 in details.

Every URL of the project must be registered here or listed in ``NOT_AREA_BOUND`` with the
reason; ``test_every_url_is_classified`` fails otherwise, so a later app cannot forget.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from degs.directory.choices import AreaKind, OfficeKind
from degs.directory.models import Area
from tests.factories import make_area, make_designation, make_office, make_post


@dataclass(frozen=True)
class Maker:
    """Makes one row of a model inside ``block`` and returns it with text that identifies it."""

    make: Callable[[Area, str], Any]  # (block, unique tag) -> object; the tag must be shown


@dataclass(frozen=True)
class ScopedURL:
    name: str  # URL name, e.g. "directory:office_detail" or "api:get_office"
    maker: str  # key in MAKERS
    kind: str  # "list" or "detail"
    kwarg: str = "pk"  # for details: the URL keyword that takes the object's id
    query: str = ""  # for lists: a query string that makes the row show on the first page
    # Who looks: the BDO of A1 by default. Pages for a capability the BDO lacks are checked as
    # the DC of district A, who must see blocks A1 and A2 but nothing of district B.
    viewer: str = "bdo_a1"
    # For details: what the viewer's own row answers. 403 where the row is seen but this
    # page is only for those who act on it (see tests/applications/test_disclosure.py).
    own_status: int = 200


def _area(block: Area, tag: str) -> Area:
    gp = make_area(AreaKind.GRAM_PANCHAYAT, f"GP {tag}", block)
    return make_area(AreaKind.VILLAGE, f"Village {tag}", gp)


def _office(block: Area, tag: str) -> Any:
    return make_office(block, f"Office {tag}", OfficeKind.PANCHAYAT_BHAWAN)


def _post(block: Area, tag: str) -> Any:
    area = make_area(AreaKind.GRAM_PANCHAYAT, f"Post place {tag}", block)
    return make_post(make_designation("panchayat_secretary"), area)


def _user(block: Area, tag: str) -> Any:
    from degs.accounts.roles import Role
    from tests.factories import UserFactory, grant

    person = UserFactory(username=f"user_{tag}", full_name=f"Person {tag}")
    grant(person, Role.VIEWER, block)
    return person


def _committee(block: Area, tag: str) -> Any:
    """A block-level committee (its chair the block's own post) and one held meeting."""
    import datetime as dt

    from degs.reviews import services as reviews

    post = _post(block, f"chair {tag}")
    committee = reviews.committee_create(
        actor=None, area=block, kind="other", name=f"Committee {tag}", chair_post=post
    )
    reviews.meeting_create(
        actor=None, committee=committee, date=dt.date(2026, 1, 5), venue=f"Venue {tag}"
    )
    return committee


def _meeting(block: Area, tag: str) -> Any:
    return _committee(block, tag).meetings.get()


def _directive(block: Area, tag: str) -> Any:
    """A directive given to a post in the block, in a meeting of the block's committee."""
    from degs.reviews import services as reviews

    meeting = _meeting(block, tag)
    return reviews.directive_create(
        actor=None,
        meeting=meeting,
        text=f"Directive {tag}",
        lead_post=meeting.chair_post,
        deadline_phrase="within a week",
    )


def _attachment(block: Area, tag: str) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from degs.reviews.models import Attachment, ComplianceUpdate
    from tests.factories import UserFactory

    directive = _directive(block, tag)
    update = ComplianceUpdate.objects.create(
        directive=directive, author=UserFactory(), post=directive.lead_post, percent=5, text=tag
    )
    return Attachment.objects.create(
        update=update,
        file=SimpleUploadedFile(f"{tag}.pdf", b"%PDF-1.4"),
        filename=f"{tag}.pdf",
        content_type="application/pdf",
        size=8,
    )


def _centre(block: Area, tag: str) -> Any:
    """An active Pragya Kendra serving a new panchayat of the block."""
    from degs.centres import services as centres

    gp = make_area(AreaKind.GRAM_PANCHAYAT, f"Centre place {tag}", block)
    return centres.centre_create(
        actor=None,
        code=tag,
        name=f"Centre {tag}",
        kind="pragya_kendra",
        area=gp,
        status="active",
        operator=_operator(block, tag),
    )


def _operator(block: Area, tag: str) -> Any:
    import random

    from degs.centres import services as centres

    mobile = "9" + "".join(random.choice("0123456789") for _ in range(9))
    return centres.operator_create(actor=None, area=block, name=f"Operator {tag}", mobile=mobile)


def _inspection(block: Area, tag: str) -> Any:
    from degs.centres.models import Inspection
    from tests.factories import UserFactory

    return Inspection.objects.create(
        centre=_centre(block, tag),
        inspector=UserFactory(),
        result="functional",
        remarks=f"Remarks {tag}",
    )


def _photo(block: Area, tag: str) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from degs.centres.models import InspectionPhoto

    return InspectionPhoto.objects.create(
        inspection=_inspection(block, tag),
        file=SimpleUploadedFile(f"{tag}.png", b"\x89PNG\r\n\x1a\n"),
        content_type="image/png",
        size=8,
        width=1,
        height=1,
    )


def _draw(block: Area, tag: str) -> Any:
    """A surprise draw for a post of the block, holding one centre of the block."""
    import datetime as dt

    from degs.centres.models import Draw, DrawItem
    from tests.factories import UserFactory

    post = _post(block, tag)
    draw = Draw.objects.create(
        post=post,
        area=block,
        period="month",
        period_start=dt.date(2026, 11, 1),
        period_end=dt.date(2026, 11, 30),
        size=1,
        seed=1,
        window_days=45,
        drawn_by=UserFactory(),
    )
    DrawItem.objects.create(draw=draw, centre=_centre(block, tag), rank=1, weight=1.0)
    return draw


def _quota(block: Area, tag: str) -> Any:
    """A monthly inspection quota of a post of the block."""
    from degs.centres.models import InspectionQuota

    return InspectionQuota.objects.create(post=_post(block, tag), count=1, period="month")


def _centre_set(block: Area, tag: str) -> Any:
    from degs.centres.models import CentreSet

    return CentreSet.objects.create(name=f"Set {tag}", area=block, goal="active")


def _operator_id(block: Area, tag: str) -> Any:
    import datetime as dt

    from degs.centres.models import IdType, OperatorId

    id_type, _ = IdType.objects.get_or_create(
        state=Area.objects.get(path=block.path[:9]),
        code="jharseva",
        defaults={"name": "JharSeva ID"},
    )
    return OperatorId.objects.create(
        operator=_operator(block, tag),
        id_type=id_type,
        applied_on=dt.date(2026, 1, 1),
        application_reference=f"Ref {tag}",
    )


def _service(block: Area, tag: str) -> Any:
    """A district's own service, in the block's district: no service is offered below that."""
    import copy

    from degs.accounts.roles import Role
    from degs.catalogue import services as catalogue
    from degs.catalogue.demo_definitions import SERVICES
    from degs.core.scoping import district_path

    make_designation("co", Role.BLOCK_OFFICER)
    return catalogue.service_publish(
        actor=None,
        area=Area.objects.get(path=district_path(block.path)),
        code=tag.lower(),
        name=f"Service {tag}",
        department="Revenue",
        law="Right to Service Act",
        time_limit_days=15,
        designated="co",
        definition=copy.deepcopy(SERVICES[0]["definition"]),
    ).service


def _application(block: Area, tag: str) -> Any:
    """A filed application at a centre of the block, the applicant named by the tag."""
    from degs.applications.models import Application
    from degs.catalogue.demo_definitions import SERVICES
    from degs.catalogue.models import Service, ServiceVersion

    state = Area.objects.get(path=block.path[:9])
    district = Area.objects.get(path=block.path[:18])
    service, _ = Service.objects.get_or_create(
        area=state, code="income_certificate", defaults={"name": "Income certificate"}
    )
    if service.current is None:
        service.current = ServiceVersion.objects.create(
            service=service,
            number=1,
            law="Right to Service Act",
            time_limit_days=15,
            designated_post=make_designation("co"),
            definition=SERVICES[0]["definition"],
        )
        service.save()
    centre = _centre(block, tag)
    return Application.objects.create(
        service=service,
        service_version=service.current,
        centre=centre,
        area=centre.area,
        district=district,
        block=block,
        applicant_name=f"Applicant {tag}",
        mobile="9876543210",
        state="submitted",
        is_open=True,
    )


def _certificate(block: Area, tag: str) -> Any:
    import datetime as dt

    from degs.applications.models import Certificate

    application = _application(block, tag)
    return Certificate.objects.create(
        application=application,
        number=f"C{tag}"[:40],
        issued_on=dt.date(2026, 11, 1),
        payload="x",
        key_id="k",
    )


def _document(block: Area, tag: str) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from degs.applications.models import ApplicationDocument

    return ApplicationDocument.objects.create(
        application=_application(block, tag),
        code="id_proof",
        file=SimpleUploadedFile(f"{tag}.pdf", b"%PDF-1.4 " + tag.encode()),
        content_type="application/pdf",
        size=9,
        sha256="0" * 64,
    )


MAKERS: dict[str, Maker] = {
    "service": Maker(_service),
    "application": Maker(_application),
    "application_certificate": Maker(lambda block, tag: _certificate(block, tag).application),
    "user": Maker(_user),
    "area": Maker(_area),
    "office": Maker(_office),
    "post": Maker(_post),
    "committee": Maker(_committee),
    "meeting": Maker(_meeting),
    "directive": Maker(_directive),
    "attachment": Maker(_attachment),
    "centre": Maker(_centre),
    "operator": Maker(_operator),
    "operator_id": Maker(_operator_id),
    "inspection": Maker(_inspection),
    "photo": Maker(_photo),
    "draw": Maker(_draw),
    "centre_set": Maker(_centre_set),
    "quota": Maker(_quota),
}

SCOPED_URLS: list[ScopedURL] = [
    ScopedURL("directory:area_list", "area", "list", query="q={tag}"),
    ScopedURL("directory:area_detail", "area", "detail"),
    ScopedURL("directory:area_children", "area", "detail"),
    ScopedURL("directory:office_list", "office", "list", query="q={tag}"),
    ScopedURL("directory:office_detail", "office", "detail"),
    ScopedURL("directory:post_list", "post", "list", query="designation=panchayat_secretary"),
    ScopedURL("directory:post_detail", "post", "detail"),
    ScopedURL("directory:export", "area", "list", query="kind=areas&format=csv"),
    ScopedURL("accounts:user_list", "user", "list", query="q={tag}", viewer="dc_a"),
    ScopedURL("accounts:user_detail", "user", "detail", viewer="dc_a"),
    ScopedURL("api:list_areas", "area", "list", query="q={tag}"),
    ScopedURL("api:get_area", "area", "detail", kwarg="area_id"),
    ScopedURL("api:list_offices", "office", "list", query="q={tag}"),
    ScopedURL("api:get_office", "office", "detail", kwarg="office_id"),
    ScopedURL("api:list_posts", "post", "list", query="designation=panchayat_secretary&limit=100"),
    ScopedURL("api:get_post", "post", "detail", kwarg="post_id"),
    ScopedURL("reviews:register", "directive", "list", query="q={tag}"),
    ScopedURL("reviews:committee_list", "committee", "list"),
    ScopedURL("reviews:committee_detail", "committee", "detail"),
    ScopedURL("reviews:meeting_detail", "meeting", "detail"),
    ScopedURL("reviews:minutes_pdf", "meeting", "detail"),
    ScopedURL("reviews:atr_pdf", "meeting", "detail"),
    ScopedURL("reviews:deadline_preview", "meeting", "detail"),
    ScopedURL("reviews:directive_detail", "directive", "detail"),
    ScopedURL("reviews:attachment_download", "attachment", "detail"),
    ScopedURL("api:list_committees", "committee", "list", query="limit=100"),
    ScopedURL("api:list_meetings", "meeting", "list", query="limit=100"),
    ScopedURL("api:get_meeting", "meeting", "detail", kwarg="meeting_id"),
    ScopedURL("api:get_attendance", "meeting", "detail", kwarg="meeting_id"),
    ScopedURL("api:list_directives", "directive", "list", query="q={tag}&limit=100"),
    ScopedURL("api:get_directive", "directive", "detail", kwarg="directive_id"),
    ScopedURL("api:list_updates", "directive", "detail", kwarg="directive_id"),
    ScopedURL("centres:centre_list", "centre", "list", query="q={tag}"),
    ScopedURL("centres:centre_detail", "centre", "detail"),
    ScopedURL("centres:centre_edit", "centre", "detail", viewer="dc_a"),
    ScopedURL("centres:inspection_create", "centre", "detail"),
    ScopedURL("centres:operator_list", "operator", "list", query="q={tag}"),
    ScopedURL("centres:operator_detail", "operator", "detail"),
    ScopedURL("centres:operator_edit", "operator", "detail", viewer="dc_a"),
    ScopedURL("centres:inspections", "inspection", "list"),
    ScopedURL("centres:inspection_detail", "inspection", "detail"),
    ScopedURL("centres:photo", "photo", "detail"),
    ScopedURL("centres:draw_detail", "draw", "detail"),
    ScopedURL("centres:set_list", "centre_set", "list"),
    ScopedURL("centres:set_detail", "centre_set", "detail"),
    ScopedURL("api:list_centres", "centre", "list", query="q={tag}&limit=100"),
    ScopedURL("api:get_centre", "centre", "detail", kwarg="centre_id"),
    ScopedURL("api:list_operators", "operator", "list", query="q={tag}&limit=100"),
    ScopedURL("api:get_operator", "operator", "detail", kwarg="operator_id"),
    ScopedURL("api:list_operator_ids", "operator_id", "list", query="limit=100"),
    ScopedURL("api:list_quotas", "quota", "list", query="limit=100"),
    ScopedURL("api:list_draws", "draw", "list", query="limit=100"),
    ScopedURL("api:get_draw", "draw", "detail", kwarg="draw_id"),
    ScopedURL("api:list_inspections", "inspection", "list", query="limit=100"),
    ScopedURL("api:get_inspection", "inspection", "detail", kwarg="inspection_id"),
    # viewer dc_a: services are district-level, so the BDO of A1 rightly sees A2's.
    ScopedURL("catalogue:service_list", "service", "list", query="q={tag}", viewer="dc_a"),
    ScopedURL("catalogue:service_detail", "service", "detail", viewer="dc_a"),
    ScopedURL("catalogue:service_edit", "service", "detail", viewer="dc_a"),
    ScopedURL("applications:application_list", "application", "list", query="q={tag}"),
    ScopedURL("applications:application_detail", "application", "detail"),
    ScopedURL("applications:receipt", "application", "detail"),
    # The certificate's PDF prints the form whole: for the centre and the acting officers.
    ScopedURL("applications:certificate_pdf", "application_certificate", "detail", own_status=403),
    ScopedURL("api:list_applications", "application", "list", query="q={tag}&limit=100"),
    ScopedURL("api:get_application", "application", "detail", kwarg="application_id"),
]

# URLs that show no area-bound rows, or only the signed-in user's own, with the reason.
NOT_AREA_BOUND: dict[str, str] = {
    "core:home": "shows the user's own posts and areas, through the same selectors",
    "core:healthz": "public health check, no data",
    "accounts:login": "public",
    "accounts:logout": "signs out",
    "accounts:password_change": "the user's own password",
    "accounts:profile": "the user's own posts, roles and tokens",
    "accounts:token_create": "the user's own tokens",
    "accounts:token_revoke": "the user's own tokens; another user's answers 404 (tested)",
    "set_language": "public language switch",
    "javascript-catalog": "public translations",
    "accounts:user_create": "creates a user with a role only in the creator's areas (tested)",
    "accounts:role_grant_revoke": "grants outside the actor's areas answer 404 (tested)",
    "directory:area_tree": "starts at the user's own roots (tested in test_views)",
    "directory:designation_list": "designations are not area-bound",
    "directory:holiday_list": "holidays of the user's state and district (tested in test_selectors)",
    "directory:import_start": "the user's own uploads; writes are checked per row",
    "directory:import_detail": "the uploader's own batch only (tested)",
    "directory:import_apply": "the uploader's own batch only (tested)",
    "api:list_designations": "designations are not area-bound",
    "accounts:notice_list": "the user's own notices",
    "reviews:mine": "directives on the user's own posts (tested in reviews/test_views)",
    "reviews:committee_create": "areas and posts offered are the user's own; service checks",
    "reviews:meeting_create": "committees offered are those the user administers",
    "reviews:meeting_import": "committees offered are those the user administers; "
    "another's committee is refused (tested in reviews/test_import)",
    "reviews:meeting_transition": "POST; meeting fetched through visible_to (404 tested)",
    "reviews:agenda_add": "POST; meeting fetched through visible_to",
    "reviews:attendance": "secretary only; meeting through visible_to (404 tested)",
    "reviews:directive_create": "secretary only; meeting through visible_to",
    "reviews:directive_report": "POST; directive through visible_to, holders only (tested)",
    "reviews:directive_transition": "POST; directive through visible_to (tested)",
    "api:create_meeting": "POST; committee through visible_to",
    "api:transition_meeting": "POST; meeting through visible_to",
    "api:put_attendance": "PUT; meeting through visible_to",
    "api:create_directive": "POST; meeting through visible_to (tested)",
    "api:transition_directive": "POST; directive through visible_to (tested)",
    "api:create_update": "POST; directive through visible_to (tested)",
    "api:read_press_note": "POST; saves nothing; the committee must be one the caller "
    "records (another's answers 404, tested in reviews/test_import)",
    "api:me": "the caller's own record",
    "centres:centre_create": "areas and operators offered are the user's own; service checks",
    "centres:centre_transition": "POST; centre through visible_to (tested in centres/test_views)",
    "centres:operator_create": "areas offered are the user's own; service checks",
    "centres:operator_id_add": "POST; operator through visible_to",
    "centres:operator_id_update": "POST; ID through visible_to (tested in centres/test_views)",
    "centres:report": "each list starts from visible_to (tested in centres/test_views)",
    "centres:inspection_decide": "POST; inspection through visible_to (tested)",
    "centres:inspection_fine_waive": "POST; inspection through inspection_get (visible_to); "
    "the service checks who may waive (centres/test_fines)",
    "directory:district_settings": "a district through area_get (visible_to; another "
    "district answers 404); only its administration may open it (centres/test_position)",
    "centres:draw_create": "POST; quota through visible_to (tested in centres/test_views)",
    "centres:locator": "public: active centres only, what a citizen needs",
    "centres:import": "the user's own uploads; writes are checked per row",
    "centres:import_apply": "the uploader's own batch only",
    "centres:export": "rows through visible_to (tested in centres/test_importing)",
    "api:create_centre": "POST; area and operator through visible_to, else 422 (centres/test_api)",
    "api:update_centre": "PATCH; centre through visible_to (404 tested in centres/test_api)",
    "api:transition_centre": "POST; centre through visible_to (404 tested in centres/test_api)",
    "api:create_operator_id": "POST; operator through visible_to (404 tested in centres/test_api)",
    "api:update_operator_id": "POST; ID through visible_to (404 tested in centres/test_api)",
    "api:create_draw": "POST; quota through visible_to (404 tested in centres/test_api)",
    "api:create_inspection": "POST; centre through visible_to, else 422 (centres/test_api)",
    "api:decide_inspection": "POST; inspection through visible_to (404 tested in centres/test_api)",
    "applications:application_create": "centre through visible_to and the operator's own (tested)",
    "applications:application_edit": "application through visible_to; operator only (tested)",
    "applications:application_act": "POST; application through visible_to or the held post (tested)",
    "applications:application_documents": "POST; application through visible_to (tested)",
    "applications:document_file": "application through visible_to; document of that one "
    "only; the file only for those who act on it (tests/applications/test_disclosure.py)",
    "applications:certificate_revoke": "POST; application through visible_to (tested)",
    "applications:inbox": "applications with the user's own posts (tested)",
    "applications:report_pending": "counts through visible_to (tested in applications/test_views)",
    "applications:report_disposal": "counts through visible_to (tested in applications/test_views)",
    "applications:ledger": "districts through visible_to (tested in applications/test_views)",
    "applications:centre_statement": "centre through visible_to (tested in applications/test_views)",
    "status:check": "public: number and the mobile's last four digits, rate limited",
    "verify:verify": "public certificate verification: only the certificate's own fields",
    "verify:key": "public: the signing public key",
    "catalogue:service_create": "areas offered are the user's own states and districts; service checks (tested in catalogue/test_views)",
    "catalogue:version_detail": "two URL arguments; service through Service.objects.for_user (404 tested in catalogue/test_views)",
    "api:list_services": "services of the user's own states and districts (Service.for_user)",
    "api:get_service": "Service.for_user; another state's service answers 404",
    "api:file_application": "POST; centre and service through visible_to (tested)",
    "api:inbox": "applications with the caller's own posts",
    "api:act": "POST; application through visible_to or the held post (tested)",
    "api:verify": "public certificate verification",
    "api:public_key": "public: the signing public key",
    "api:openapi-json": "public API description",
    "api:api-root": "django-ninja's root, answers 404",
    "api:openapi-view": "public API documentation",
}

# Reachable without signing in.
PUBLIC_URLS = {
    "accounts:login",
    "set_language",
    "javascript-catalog",
    "core:healthz",
    "api:openapi-json",
    "api:openapi-view",
    "api:api-root",
    "centres:locator",
    "status:check",
    "verify:verify",
    "verify:key",
    "api:verify",
    "api:public_key",
}
