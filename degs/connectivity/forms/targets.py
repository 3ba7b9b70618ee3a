"""Forms of the directive targets: a new set of links, rooms or phones, and the directive that
is to follow one."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from degs.connectivity.choices import LinkKind, TargetWhat
from degs.connectivity.forms import DATE
from degs.core.forms import StyledFormMixin
from degs.directory.choices import OfficeKind
from degs.directory.models import Area


class _AreaField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.label} ({obj.get_kind_display()})"


def _all(choices: Any) -> list[tuple[str, Any]]:
    return [("", _("All")), *choices]


class TargetForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Name (English)"), max_length=200)
    name_hi = forms.CharField(label=_("Name (Hindi)"), max_length=200, required=False)
    what = forms.ChoiceField(label=_("What, and its goal"), choices=TargetWhat.choices)
    area = _AreaField(label=_("In"), queryset=Area.objects.none())
    office_kind = forms.ChoiceField(
        label=_("Kind of office"), choices=_all(OfficeKind.choices), required=False
    )
    link_kind = forms.ChoiceField(
        label=_("Kind of link"), choices=_all(LinkKind.choices), required=False
    )
    due_date = forms.DateField(
        label=_("Due by"),
        required=False,
        widget=DATE,
    )

    def __init__(self, *args: Any, areas: QuerySet[Area], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas  # type: ignore[attr-defined]


class FollowForm(StyledFormMixin, forms.Form):
    """The directive to follow a set: one of the unfinished directives of the set's district."""

    directive: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Directive"), queryset=Area.objects.none()
    )

    def __init__(self, *args: Any, directives: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["directive"].queryset = directives  # type: ignore[attr-defined]
