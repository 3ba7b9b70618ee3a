"""Forms of the centres pages. They gather input; the services decide what is allowed."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from degs.centres.choices import (
    Answer,
    CentreGoal,
    CentreKind,
    CentreStatus,
    Equipment,
    IdStatus,
    InspectionResult,
    Premises,
    Recommendation,
)
from degs.centres.models import CentreService, ChecklistItem, IdType, Operator
from degs.core.forms import StyledFormMixin, TypedTextMixin
from degs.core.mobile import MobileField
from degs.directory.models import Area

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _blank(label: Any) -> list[tuple[str, Any]]:
    return [("", label)]


class AreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.label} ({obj.get_kind_display()})"


class CentreForm(StyledFormMixin, forms.Form):
    code = forms.CharField(label=_("Code"), max_length=40)
    name = forms.CharField(label=_("Name (English)"), max_length=200)
    name_hi = forms.CharField(label=_("Name (Hindi)"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=CentreKind.choices)
    area = AreaChoiceField(label=_("Serves (panchayat or ward)"), queryset=Area.objects.none())
    premises = forms.ChoiceField(label=_("Sits in"), choices=Premises.choices)
    address = forms.CharField(
        label=_("Address"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    address_hi = forms.CharField(
        label=_("Address (Hindi)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    pincode = forms.CharField(label=_("PIN code"), max_length=6, required=False)
    phone = MobileField(label=_("Contact number"), required=False)
    opening_hours = forms.CharField(
        label=_("Opening hours"), max_length=100, required=False, help_text=_("e.g. 10:00 to 17:00")
    )
    latitude = forms.DecimalField(
        label=_("Latitude"), max_digits=9, decimal_places=6, required=False
    )
    longitude = forms.DecimalField(
        label=_("Longitude"), max_digits=9, decimal_places=6, required=False
    )
    services = forms.ModelMultipleChoiceField(
        label=_("Services offered"),
        queryset=CentreService.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    equipment = forms.MultipleChoiceField(
        label=_("Equipment"),
        choices=Equipment.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    operator = forms.ModelChoiceField(
        label=_("Operator"), queryset=Operator.objects.none(), required=False
    )
    complaints_open = forms.IntegerField(label=_("Open complaints"), min_value=0, initial=0)
    monthly_transactions = forms.IntegerField(
        label=_("Transactions last month"), min_value=0, required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args: Any,
        areas: QuerySet[Area],
        operators: QuerySet[Operator],
        services: QuerySet[Any],
        editing: bool = False,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas  # type: ignore[attr-defined]
        self.fields["operator"].queryset = operators  # type: ignore[attr-defined]
        self.fields["services"].queryset = services  # type: ignore[attr-defined]
        if editing:
            self.fields["code"].disabled = True
        for name in ("services", "equipment"):
            self.fields[name].widget.attrs["class"] = "form-check-input"


class TransitionForm(StyledFormMixin, forms.Form):
    action = forms.CharField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput)
    effective_on = forms.DateField(label=_("With effect from"), widget=DATE)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
    order_reference = forms.CharField(label=_("Order reference"), max_length=100, required=False)
    suspended_until = forms.DateField(label=_("Suspended until"), widget=DATE, required=False)


class OperatorForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Name (English)"), max_length=200)
    name_hi = forms.CharField(label=_("Name (Hindi)"), max_length=200, required=False)
    mobile = MobileField(label=_("Mobile"))
    email = forms.EmailField(label=_("E-mail"), required=False)
    area = AreaChoiceField(label=_("Works in"), queryset=Area.objects.none())
    aadhaar = forms.CharField(
        label=_("Aadhaar number"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text=_(
            "Checked and then kept only as its last four digits and a code for matching. "
            "Leave empty to keep what is recorded."
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, areas: QuerySet[Area], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas  # type: ignore[attr-defined]


class OperatorIdForm(StyledFormMixin, forms.Form):
    id_type = forms.ModelChoiceField(label=_("ID"), queryset=IdType.objects.none())
    status = forms.ChoiceField(label=_("Status"), choices=IdStatus.choices)
    applied_on = forms.DateField(label=_("Applied on"), widget=DATE)
    application_reference = forms.CharField(
        label=_("Application reference"), max_length=100, required=False
    )
    number = forms.CharField(label=_("ID number"), max_length=100, required=False)
    decided_on = forms.DateField(label=_("Issued or rejected on"), widget=DATE, required=False)
    remarks = forms.CharField(
        label=_("Remarks"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args: Any, id_types: QuerySet[IdType], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["id_type"].queryset = id_types  # type: ignore[attr-defined]


class OperatorIdUpdateForm(StyledFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("Status"), choices=IdStatus.choices)
    application_reference = forms.CharField(
        label=_("Application reference"), max_length=100, required=False
    )
    number = forms.CharField(label=_("ID number"), max_length=100, required=False)
    decided_on = forms.DateField(label=_("Issued or rejected on"), widget=DATE, required=False)
    remarks = forms.CharField(
        label=_("Remarks"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class InspectionForm(StyledFormMixin, forms.Form):
    """The checklist is built from the state's questions: one radio group per question."""

    client_token = forms.UUIDField(widget=forms.HiddenInput)
    visited_on = forms.DateField(label=_("Visited on"), widget=DATE)
    result = forms.ChoiceField(
        label=_("Result"), choices=InspectionResult.choices, widget=forms.RadioSelect
    )
    recommendation = forms.ChoiceField(
        label=_("Recommendation"), choices=Recommendation.choices, initial=Recommendation.NONE
    )
    fine_amount = forms.DecimalField(
        label=_("Fine (₹)"), max_digits=9, decimal_places=2, min_value=0, required=False
    )
    suspension_days = forms.IntegerField(
        label=_("Suspension (days)"), min_value=1, max_value=365, required=False
    )
    remarks = forms.CharField(
        label=_("Remarks"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    latitude = forms.DecimalField(
        widget=forms.HiddenInput, max_digits=9, decimal_places=6, required=False
    )
    longitude = forms.DecimalField(
        widget=forms.HiddenInput, max_digits=9, decimal_places=6, required=False
    )
    accuracy_m = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)

    def __init__(self, *args: Any, questions: list[ChecklistItem], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[f"q_{question.code}"] = forms.ChoiceField(
                label=question.label,
                choices=Answer.choices,
                widget=forms.RadioSelect,
                required=False,
            )
        self.fields["result"].widget.attrs["class"] = "form-check-input"
        for question in questions:
            self.fields[f"q_{question.code}"].widget.attrs["class"] = "btn-check"
        if not self.is_bound:
            self.initial.setdefault("client_token", uuid.uuid4())

    def answers(self) -> dict[str, str]:
        return {q.code: self.cleaned_data.get(f"q_{q.code}") or "" for q in self.questions}

    def question_fields(self) -> list[Any]:
        return [self[f"q_{q.code}"] for q in self.questions]


class DecisionForm(StyledFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    approve = forms.TypedChoiceField(
        choices=[("1", _("Approve")), ("0", _("Do not approve"))],
        coerce=lambda v: v == "1",
        widget=forms.HiddenInput,
    )
    order_reference = forms.CharField(label=_("Order reference"), max_length=100, required=False)
    remark = forms.CharField(
        label=_("Remark"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    acknowledge_position = forms.BooleanField(
        label=_("I have seen where this inspection was recorded and approve all the same."),
        required=False,
    )


class FineWaiveForm(StyledFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Why the fine is waived"), widget=forms.Textarea(attrs={"rows": 2})
    )


class CentreSetForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Name (English)"), max_length=200)
    name_hi = forms.CharField(label=_("Name (Hindi)"), max_length=200, required=False)
    area = AreaChoiceField(label=_("Centres in"), queryset=Area.objects.none())
    kind = forms.ChoiceField(
        label=_("Kind"), choices=_blank(_("All")) + CentreKind.choices, required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=_blank(_("All")) + CentreStatus.choices, required=False
    )
    premises = forms.ChoiceField(
        label=_("Sits in"), choices=_blank(_("Anywhere")) + Premises.choices, required=False
    )
    goal = forms.ChoiceField(label=_("Goal"), choices=CentreGoal.choices)
    goal_id_type = forms.ModelChoiceField(
        label=_("ID the goal asks for"), queryset=IdType.objects.none(), required=False
    )

    def __init__(
        self, *args: Any, areas: QuerySet[Area], id_types: QuerySet[IdType], **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas  # type: ignore[attr-defined]
        self.fields["goal_id_type"].queryset = id_types  # type: ignore[attr-defined]


class DirectiveLinkForm(StyledFormMixin, forms.Form):
    directive: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Directive"), queryset=Operator.objects.none()
    )

    def __init__(self, *args: Any, directives: QuerySet[Any], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["directive"].queryset = directives  # type: ignore[attr-defined]


class LocatorForm(TypedTextMixin, forms.Form):
    district = forms.IntegerField(required=False)
    block = forms.IntegerField(required=False)
    panchayat = forms.IntegerField(required=False)
    q = forms.CharField(required=False, max_length=100)
