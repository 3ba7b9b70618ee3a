"""Background work of the accounts app: e-mailing notices."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django_tasks import task

from degs.accounts.models import Notice
from degs.core.site import absolute_url


@task()
def notice_email(notice_id: int) -> bool:
    """E-mail one notice in its reader's language; a notice already e-mailed is not sent again."""
    with transaction.atomic():
        notice = (
            Notice.objects.select_for_update().select_related("user").filter(pk=notice_id).first()
        )
        if notice is None or notice.emailed_at is not None or not notice.user.email:
            return False
        with translation.override(notice.user.language or settings.LANGUAGE_CODE):
            body = notice.label
            if notice.url:
                body += "\n\n" + absolute_url(notice.url)
            send_mail(
                subject=f"DeGS: {notice.label[:120]}",
                message=body,
                from_email=None,
                recipient_list=[notice.user.email],
            )
        notice.emailed_at = timezone.now()
        notice.save(update_fields=["emailed_at"])
        return True
