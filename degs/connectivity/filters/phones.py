"""The IP phones' filter sets: the management list (scoped: page, export and API) and the
extension directory (every phone in use, for anyone signed in)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from degs.connectivity.models import IpPhone
from degs.connectivity.selectors import phones as selectors
from degs.core.filters import IdFilter, ScopedFilterSet, TextFilter, YesNoFilter
from degs.directory.filters import UnderFilter
from degs.directory.models import Area
from degs.directory.selectors import area_choices


class PhoneFilterSet(ScopedFilterSet):
    q = TextFilter(
        label=_("Extension, office or desk"),
        fields=("office__name", "office__name_hi", "place", "place_hi"),
        exact=("extension",),
    )
    area = UnderFilter(
        label=_("Where"), outside="none", lookup="office__area", empty_label=_("All")
    )
    working = YesNoFilter(label=_("Working"), method="filter_working")

    scope = staticmethod(selectors.phone_list)

    class Meta(ScopedFilterSet.Meta):
        model = IpPhone

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["area"].extra["queryset"] = area_choices(user=self.user)

    def filter_working(self, qs: QuerySet, name: str, value: bool) -> QuerySet:
        return qs.filter(working=value)


def _district_choices() -> list[tuple[Any, Any]]:
    return [("", _("All")), *((a.pk, a.label) for a in selectors.directory_districts())]


class DirectoryFilterSet(ScopedFilterSet):
    """The extension directory: not bound to the reader's areas (anyone signed in may call any
    office), so its rows start from ``directory_entries``."""

    q = TextFilter(
        label=_("Office, post, desk or extension"),
        fields=(
            "office__name",
            "office__name_hi",
            "post__designation__name",
            "post__designation__name_hi",
            "post__designation__short_name",
            "post__designation__short_name_hi",
            "place",
            "place_hi",
            "office__area__name",
            "office__area__name_hi",
        ),
        exact=("extension",),
    )
    district = IdFilter(label=_("District"), method="filter_district")

    scope = staticmethod(selectors.directory_entries)

    class Meta(ScopedFilterSet.Meta):
        model = IpPhone

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_choices("district", _district_choices)

    def filter_district(self, qs: QuerySet, name: str, value: int) -> QuerySet:
        district = selectors.directory_districts().filter(pk=value).first()
        if district is None:
            return qs.none()
        return qs.filter(office__area__in=Area.objects.under(district.path).values("pk"))
