"""GIGW 3.0 / WCAG 2.1 AA basics, measured in the browser: contrast, labels, landmarks."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CONTRAST_JS = """
() => {
  const parse = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = el => {
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0.9)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const failures = [];
  for (const el of document.querySelectorAll('body *')) {
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own || !el.offsetParent && el.tagName !== 'BODY') continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden') continue;
    const rect = el.getBoundingClientRect();
    if (rect.width < 2 || rect.height < 2 || rect.left < -100) continue;
    const fg = parse(style.color).slice(0, 3);
    const l1 = lum(fg), l2 = lum(background(el));
    const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
    const size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight) >= 700;
    const large = size >= 24 || (bold && size >= 18.66);
    if (ratio < (large ? 3 : 4.5)) failures.push(`${el.tagName}.${el.className} "${el.textContent.trim().slice(0, 30)}" ${ratio.toFixed(2)}`);
  }
  return failures;
}
"""

LABELS_JS = """
() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
  .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label'))
  .map(el => el.name || el.id)
"""


def _sign_in(page) -> None:  # type: ignore[no-untyped-def]
    page.goto(page.base_url + "/accounts/login/")
    page.locator("#id_username").fill("dc_a")
    page.locator("#id_password").fill("secret-pass-123")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(page.base_url + "/")


def _review_rows(world):  # type: ignore[no-untyped-def]
    """A committee of district A chaired by the DC, a meeting held yesterday, a directive."""
    import datetime as dt

    from django.utils import timezone

    from degs.reviews import services

    committee = services.committee_create(
        actor=None, area=world.district_a, kind="executive", name="DeGS review",
        name_hi="डीईजीएस समीक्षा", chair_post=world.post_dc_a, members=[world.post_bdo_a1],
    )  # fmt: skip
    meeting = services.meeting_create(
        actor=None, committee=committee, date=timezone.localdate() - dt.timedelta(days=1),
        agenda=[("Kiosks", "प्रज्ञा केंद्र", "centres")],
    )  # fmt: skip
    directive = services.directive_create(
        actor=None, meeting=meeting, text="Inspect the kiosks", text_hi="प्रज्ञा केंद्रों का निरीक्षण करें",
        lead_post=world.post_dc_a, deadline_phrase="within a week",
    )  # fmt: skip
    return meeting, directive


def _centre_rows(world):  # type: ignore[no-untyped-def]
    """An active centre of block A1 with an operator, and an inspection awaiting approval."""
    import uuid

    from degs.centres import services
    from degs.centres.models import ChecklistItem

    ChecklistItem.objects.create(
        state=world.state, code="board", text="Board displayed", text_hi="बोर्ड प्रदर्शित"
    )
    operator = services.operator_create(
        actor=None, area=world.gp_a1, name="Ramesh", name_hi="रमेश", mobile="9876543210"
    )
    centre = services.centre_create(
        actor=None, code="JH-1", name="Pragya Kendra", name_hi="प्रज्ञा केंद्र", kind="pragya_kendra",
        area=world.gp_a1, status="active", operator=operator, address="Panchayat Bhawan",
    )  # fmt: skip
    inspection, _ = services.inspection_record(
        actor=world.dc_a, centre=centre, client_token=uuid.uuid4(),
        finding=services.Finding(answers={"board": "no"}, result="non_functional", recommendation="closure", remarks="Shut"),
    )  # fmt: skip
    return centre, inspection


@pytest.mark.parametrize("language", ["en", "hi"])
def test_pages_meet_contrast_labels_and_landmarks(
    world, page, screenshot_dir, language: str
) -> None:
    meeting, directive = _review_rows(world)
    centre, inspection = _centre_rows(world)
    page.goto(page.base_url + "/accounts/login/")
    assert page.evaluate(LABELS_JS) == []
    _sign_in(page)
    if language == "hi":
        page.locator("button[name=language][value=hi]").click()
        page.wait_for_load_state()
    paths = [
        "/",
        "/directory/",
        f"/directory/areas/{world.block_a1.pk}/",
        "/directory/areas/?q=Block",
        "/directory/offices/",
        f"/directory/posts/{world.post_bdo_a1.pk}/",
        "/directory/import/",
        "/accounts/profile/",
        "/accounts/users/",
        "/accounts/users/new/",
        f"/accounts/users/{world.operator_a1.pk}/",
        "/accounts/notices/",
        "/reviews/",
        "/reviews/mine/",
        "/reviews/committees/",
        f"/reviews/committees/{meeting.committee_id}/",
        "/reviews/meetings/new/",
        f"/reviews/meetings/{meeting.pk}/",
        f"/reviews/meetings/{meeting.pk}/attendance/",
        f"/reviews/meetings/{meeting.pk}/directives/new/",
        f"/reviews/directives/{directive.pk}/",
        "/centres/",
        "/centres/new/",
        f"/centres/{centre.pk}/",
        f"/centres/{centre.pk}/inspect/",
        "/centres/operators/",
        f"/centres/operators/{centre.operator_id}/",
        "/centres/inspections/",
        f"/centres/inspections/{inspection.pk}/",
        "/centres/lists/without_id/",
        "/centres/lists/ids_pending/",
        "/centres/sets/",
        "/centres/import/",
        f"/centres/locator/?district={world.district_a.pk}&block={world.block_a1.pk}",
    ]
    for path in paths:
        page.goto(page.base_url + path)
        assert page.evaluate(CONTRAST_JS) == [], path
        assert page.evaluate(LABELS_JS) == [], path
        for landmark in ("banner", "main", "contentinfo", "navigation"):
            assert page.get_by_role(landmark).count() >= 1, f"{path}: no {landmark}"
        assert page.locator("h1").count() == 1, path
        page.screenshot(
            path=str(
                screenshot_dir / f"{language}{path.strip('/').replace('/', '-') or '-home'}.png"
            ),
            full_page=True,
        )
