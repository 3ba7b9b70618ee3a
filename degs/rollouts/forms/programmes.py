"""Forms of the programmes part: the programme, a workflow button, a milestone, targets by
filter or by list, a target leaving the set, the directive to follow the programme."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from degs.connectivity.forms import DATE, OfficeChoiceField
from degs.core.forms import StyledFormMixin, TypedTextMixin
from degs.directory.choices import OfficeKind
from degs.directory.models import Area, Office
from degs.rollouts.choices import EvidenceKind, LeftBecause, ProgrammeKind
from degs.rollouts.models import Programme


class AreaField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.label} ({obj.get_kind_display()})"


class ProgrammeForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Name (English)"), max_length=200)
    name_hi = forms.CharField(label=_("Name (Hindi)"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=ProgrammeKind.choices)
    area = AreaField(label=_("Whose programme"), queryset=Area.objects.none())
    starts_on = forms.DateField(label=_("Starts on"), widget=DATE)
    due_on = forms.DateField(label=_("To be done by"), widget=DATE)
    description = forms.CharField(
        label=_("Description (English)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    description_hi = forms.CharField(
        label=_("Description (Hindi)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, areas: QuerySet[Area], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("starts_on") and data.get("due_on") and data["due_on"] < data["starts_on"]:
            self.add_error("due_on", _("The date to be done by is before the start."))
        return data

    def values(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


def programme_initial(programme: Programme) -> dict[str, Any]:
    return {
        "name": programme.name,
        "name_hi": programme.name_hi,
        "kind": programme.kind,
        "area": programme.area_id,
        "starts_on": programme.starts_on,
        "due_on": programme.due_on,
        "description": programme.description,
        "description_hi": programme.description_hi,
        "version": programme.version,
    }


class TransitionForm(TypedTextMixin, forms.Form):
    action = forms.CharField(max_length=30)
    version = forms.IntegerField(min_value=1)
    remark = forms.CharField(required=False, max_length=2000)


class MilestoneForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Milestone (English)"), max_length=200)
    name_hi = forms.CharField(label=_("Milestone (Hindi)"), max_length=200, required=False)
    weight = forms.IntegerField(label=_("Weight"), min_value=1, max_value=100, initial=1)
    evidence = forms.ChoiceField(label=_("Evidence needed"), choices=EvidenceKind.choices)
    planned_on = forms.DateField(label=_("Planned by"), widget=DATE, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class MilestoneMoveForm(TypedTextMixin, forms.Form):
    milestone = forms.IntegerField()
    up = forms.BooleanField(required=False)
    version = forms.IntegerField(required=False)


class TargetFilterForm(StyledFormMixin, forms.Form):
    """Every office of some kinds under an area, and/or every gram panchayat under it."""

    area = AreaField(label=_("Under"), queryset=Area.objects.none())
    office_kinds = forms.MultipleChoiceField(
        label=_("Kinds of office"),
        choices=OfficeKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    panchayats = forms.BooleanField(label=_("Every gram panchayat"), required=False)
    joined_on = forms.DateField(label=_("In the set from"), widget=DATE, required=False)
    due_on = forms.DateField(label=_("To be done by"), widget=DATE, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, areas: QuerySet[Area], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("office_kinds") and not data.get("panchayats"):
            self.add_error("office_kinds", _("Choose kinds of office or panchayats."))
        return data


class TargetListForm(StyledFormMixin, forms.Form):
    """Offices picked one by one."""

    offices = forms.ModelMultipleChoiceField(
        label=_("Offices"), queryset=Office.objects.none(), widget=forms.SelectMultiple
    )
    joined_on = forms.DateField(label=_("In the set from"), widget=DATE, required=False)
    due_on = forms.DateField(label=_("To be done by"), widget=DATE, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, offices: QuerySet[Office], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["offices"]
        field.queryset = offices  # type: ignore[attr-defined]
        field.label_from_instance = OfficeChoiceField.label_from_instance.__get__(field)  # type: ignore[attr-defined]


class TargetRemoveForm(StyledFormMixin, forms.Form):
    left_on = forms.DateField(label=_("Out of the set from"), widget=DATE)
    left_because = forms.ChoiceField(label=_("Why"), choices=LeftBecause.choices)
    remark = forms.CharField(label=_("Remark"), max_length=2000, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class FollowForm(StyledFormMixin, forms.Form):
    """The directive to follow the programme: an unfinished directive of its district."""

    directive: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Directive"), queryset=Area.objects.none()
    )

    def __init__(self, *args: Any, directives: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["directive"].queryset = directives  # type: ignore[attr-defined]
