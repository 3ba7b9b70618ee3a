"""The catalogue's forms: a data element, an indicator, a target, a directive to follow a
target. The services check the rest (formulas, element codes, the user's reach)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from degs.core.figures import figure_sources
from degs.core.forms import StyledFormMixin
from degs.directory.models import Area
from degs.indicators.formula import placeholders
from degs.indicators.models import DataElement, Indicator
from degs.indicators.services.catalogue import ELEMENT_FIELDS, INDICATOR_FIELDS


class ElementForm(StyledFormMixin, forms.ModelForm):
    """A data element's particulars; the figure source is chosen among those the apps offer."""

    figure_source = forms.ChoiceField(label=_("computed by"), required=False)

    class Meta:
        model = DataElement
        fields = list(ELEMENT_FIELDS)
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "description_hi": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["figure_source"].choices = [  # type: ignore[attr-defined]
            ("", "—"),
            *((code, str(s.label)) for code, s in figure_sources().items()),
        ]
        from degs.core.models import in_reader_language
        from degs.reviews.pressnote import PROGRAMMES

        self.fields["press_note_programme"] = forms.ChoiceField(
            label=_("press-note programme"),
            required=False,
            choices=[("", "—"), *((c, in_reader_language(en, hi)) for c, en, hi, _w in PROGRAMMES)],
            help_text=DataElement._meta.get_field("press_note_programme").help_text,
        )
        self.style_fields()

    def _post_clean(self) -> None:
        """The service checks the element as a whole (one place for each check)."""


class IndicatorForm(StyledFormMixin, forms.ModelForm):
    """An indicator: its formulas as ``#{code}`` over elements, its factor and direction."""

    @property
    def formula_help(self) -> str:
        """How a formula is written, shown above the form."""
        return (
            _(
                "Write each data element as #{%(code)s}, or #{%(code)s.%(category)s} for one "
                "category of an element split by sex; + - * / and brackets join them."
            )
            % placeholders()
        )

    class Meta:
        model = Indicator
        fields = list(INDICATOR_FIELDS)
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "description_hi": forms.Textarea(attrs={"rows": 2}),
        }

    def _post_clean(self) -> None:
        """The service checks the formulas and the element codes (one place for each check)."""


class TargetForm(StyledFormMixin, forms.Form):
    """A target: the area (among those the user manages figures in), the period as a code, the
    number; ``version`` is the target's as the user saw it (empty: no target yet)."""

    area = forms.ModelChoiceField(label=_("Area"), queryset=Area.objects.none())
    period = forms.CharField(
        label=_("Period"),
        max_length=12,
        help_text=_("A month (2026-04), a quarter (2026-27-Q1) or a financial year (2026-27)."),
    )
    value = forms.DecimalField(label=_("Target"), min_value=0, max_digits=20, decimal_places=4)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args: Any, areas: QuerySet[Area], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas  # type: ignore[attr-defined]


class TargetFollowForm(StyledFormMixin, forms.Form):
    """The directive to follow the target: an unfinished directive of the target's district."""

    directive: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Directive"), queryset=Area.objects.none()
    )

    def __init__(self, *args: Any, directives: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["directive"].queryset = directives  # type: ignore[attr-defined]
