"""Import and export pages of centres, operators and operators' IDs.

The import pages are the import framework's (``degs.imports.views.ImportPages``) at the
centres' addresses. ``degs/centres/urls.py`` adds ``urlpatterns`` to the app's namespace:
``centres:import``, ``centres:import_apply``, ``centres:import_progress`` and ``centres:export``.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from degs.centres import importing
from degs.core.downloads import file_response
from degs.core.typing import AuthedRequest
from degs.imports.views import ImportPages

IMPORT_PAGES = ImportPages(
    kinds=importing.KINDS,
    template="centres/import.html",
    upload_url="centres:import",
    apply_url="centres:import_apply",
    progress_url="centres:import_progress",
    batch_url=lambda pk: f"{reverse('centres:import')}?batch={pk}",
    help_text=gettext_lazy(
        "The first row names the columns. An export, or an empty template below, has them."
    ),
    dry_run_on_upload=True,
    say_unchanged=True,
    template_url=lambda kind, fmt: f"{reverse('centres:export', args=[kind, fmt])}?template=1",
    notes=(
        gettext_lazy(
            "Columns marked * are required. Write the column names in English, in lower case."
        ),
        gettext_lazy(
            "Where a centre or operator is: the LGD code of its panchayat, ward or block, or the "
            "names of its district, block and panchayat."
        ),
        gettext_lazy(
            "Dates: DD-MM-YYYY, DD/MM/YYYY, DD.MM.YYYY or YYYY-MM-DD. Lists (services, "
            "equipment): codes separated by a semicolon."
        ),
        gettext_lazy(
            "A centre whose code exists is changed; other codes are added. An operator is "
            "matched by mobile number. A centre's status is changed on its page, not by import."
        ),
        gettext_lazy(
            "Aadhaar: give the full 12 digits in the `aadhaar` column. Only the last four digits "
            "are kept; an export shows them as `aadhaar_last4`."
        ),
        gettext_lazy("An export has the same columns: export, edit, import."),
    ),
)
import_page = IMPORT_PAGES.upload_view()
import_apply = IMPORT_PAGES.apply_view()
import_progress = IMPORT_PAGES.progress_view()


@login_required
@require_GET
def export(request: AuthedRequest, kind: str, fmt: str) -> HttpResponse:
    """The rows the user sees, filtered by the GET parameters; ``?template=1``: columns only."""
    if kind not in importing.KINDS or fmt not in importing.FORMATS:
        raise Http404
    if request.GET.get("template") == "1":
        content, content_type = importing.centres_import_template(kind=kind, fmt=fmt)
        name = f"degs-{kind}-template.{fmt}"
    else:
        content, content_type = importing.centres_export(
            user=request.user, kind=kind, fmt=fmt, filters=request.GET.dict()
        )
        name = f"degs-{kind}-{timezone.localdate():%Y-%m-%d}.{fmt}"
    return file_response(content, filename=name, content_type=content_type)


urlpatterns = [
    path("import/", import_page, name="import"),
    path("import/<int:pk>/apply/", import_apply, name="import_apply"),
    path("import/<int:pk>/progress/", import_progress, name="import_progress"),
    path("export/<str:kind>.<str:fmt>", export, name="export"),
]
