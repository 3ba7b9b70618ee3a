"""Background work of the reviews app: notices when a directive is assigned, due soon, overdue,
reported complied (to the chair), sent back, verified or reopened. Each notice has a key, so
running a task twice sends nothing twice."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from degs.accounts.models import User
from degs.accounts.services import notice_send
from degs.core.bilingual import sentence
from degs.core.formatting import format_date
from degs.directory.models import PostHolding
from degs.reviews.choices import AWAITING_OWNER, UNFINISHED
from degs.reviews.models import Directive


def _holders(posts: list[int]) -> list[User]:
    holdings = PostHolding.objects.current().filter(post_id__in=posts).select_related("user")
    return list({h.user_id: h.user for h in holdings if h.user.is_active}.values())


def _owners(directive: Directive) -> list[User]:
    return _holders(
        [directive.lead_post_id, *directive.supporting_posts.values_list("pk", flat=True)]
    )


def _verifiers(directive: Directive) -> list[User]:
    """The holders of the meeting's chair post: the DC who gave the directive verifies it."""
    return _holders([directive.meeting.chair_post_id])


def _short(directive: Directive) -> str:
    text = directive.label
    return text if len(text) <= 140 else text[:139] + "…"


NOTICES = {
    "assigned": _("New directive for your post, due %(due)s: %(text)s"),
    "due_soon": _("Directive due on %(due)s: %(text)s"),
    "overdue": _("Directive overdue since %(due)s: %(text)s"),
    "send_back": _("Your report was sent back; the directive is due %(due)s: %(text)s"),
    "verify": _("Directive verified and closed: %(text)s"),
    "reopen": _("Directive reopened, due %(due)s: %(text)s"),
    "report": _("Directive reported complied, awaiting your verification: %(text)s"),
}


def _texts(kind: str, directive: Directive) -> tuple[str, str]:
    """The notice in English and in Hindi (the directive's own text in each)."""
    en, hi = sentence(
        NOTICES[kind],
        {"due": format_date(directive.due_date), "text": lambda: _short(directive)},
    )
    return en, hi


def _send(kind: str, directive: Directive, users: list[User], key_suffix: str) -> int:
    text, text_hi = _texts(kind, directive)
    url = reverse("reviews:directive_detail", args=[directive.pk])
    sent = 0
    for user in users:
        key = f"directive:{directive.pk}:{kind}:{key_suffix}"
        sent += notice_send(user=user, key=key, text=text, text_hi=text_hi, url=url)
    return sent


@task()
def directive_remind(directive_id: int, day: str | None = None) -> int:
    """Tell the holders of a directive's posts what is due: on assignment, a few days before
    the due date, and once it is overdue. Returns how many notices were made."""
    directive = Directive.objects.select_related("lead_post").filter(pk=directive_id).first()
    if directive is None or directive.status not in UNFINISHED:
        return 0
    today = dt.date.fromisoformat(day) if day else timezone.localdate()
    owners = _owners(directive)
    sent = _send("assigned", directive, owners, "1")
    if directive.status in AWAITING_OWNER:
        left = (directive.due_date - today).days
        if 0 <= left <= settings.DEGS_REMIND_DAYS_BEFORE:
            sent += _send("due_soon", directive, owners, directive.due_date.isoformat())
        elif left < 0:
            sent += _send("overdue", directive, owners, directive.due_date.isoformat())
    return sent


@task()
def directive_notify(directive_id: int, action: str) -> int:
    """Tell the owners that their report was sent back, verified, or the directive reopened;
    tell the chair that a directive was reported complied and awaits verification."""
    directive = Directive.objects.select_related("meeting").filter(pk=directive_id).first()
    if directive is None:
        return 0
    version = str(directive.version)
    users = _verifiers(directive) if action == "report" else _owners(directive)
    return _send(action, directive, users, version)
