"""Forms of the reviews pages. They gather input; the services decide what is allowed."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from degs.core.forms import HeldFilesMixin, StyledFormMixin, TypedTextMixin
from degs.core.models import HeldUpload, in_reader_language
from degs.core.text import clean_text
from degs.directory.models import Area, Post
from degs.reviews.choices import (
    CommitteeKind,
    Concern,
    MeetingMode,
    Priority,
    Recurrence,
)
from degs.reviews.models import AgendaItem, Committee
from degs.reviews.pressnote import PROGRAMMES
from degs.reviews.sources import (
    SourceError,
    max_chars,
    text_from_paste,
    text_from_upload,
    too_long,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def post_label(post: Any) -> str:
    """A post with its current holders when they were prefetched (``post_list``)."""
    holders = ", ".join(h.user.label for h in getattr(post, "current_holdings", []))
    return f"{post.long_label} — {holders}" if holders else str(post.long_label)


class PostChoiceField(forms.ModelChoiceField):
    """A post named with its current holders when they were prefetched (``post_list``)."""

    def label_from_instance(self, obj: Any) -> str:
        return post_label(obj)


class KnownPostField(forms.TypedChoiceField):
    """A post chosen among posts read once for a whole page, so that every row of a formset
    shows and checks them without a query of its own (``offer``)."""

    def __init__(self, *, empty_label: Any = "---------", **kwargs: Any) -> None:
        super().__init__(choices=[], empty_value=None, **kwargs)
        self.empty_label = empty_label

    def offer(self, posts: dict[int, Post]) -> None:
        self.choices = [("", self.empty_label), *((pk, post_label(p)) for pk, p in posts.items())]
        self.coerce = lambda value: posts[int(value)]


class PostMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.long_label)


class CommitteeForm(StyledFormMixin, forms.Form):
    area = forms.ModelChoiceField(label=_("District"), queryset=Area.objects.none())
    kind = forms.ChoiceField(label=_("Kind"), choices=CommitteeKind.choices)
    name = forms.CharField(label=_("Name (English)"), max_length=200)
    name_hi = forms.CharField(label=_("Name (Hindi)"), max_length=200, required=False)
    chair_post = PostChoiceField(label=_("Chair"), queryset=Post.objects.none())
    secretary_post = PostChoiceField(
        label=_("Secretary"),
        queryset=Post.objects.none(),
        required=False,
        help_text=_("Records attendance and directives, usually the DIO or the EDM."),
    )
    members = PostMultipleChoiceField(
        label=_("Member posts"), queryset=Post.objects.none(), required=False
    )

    def __init__(self, *args: Any, areas: QuerySet[Area], posts: QuerySet[Post], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas  # type: ignore[attr-defined]
        for name in ("chair_post", "secretary_post", "members"):
            self.fields[name].queryset = posts  # type: ignore[attr-defined]
        self.fields["members"].widget.attrs["size"] = 10


class MeetingForm(StyledFormMixin, forms.Form):
    committee = forms.ModelChoiceField(label=_("Committee"), queryset=Committee.objects.none())
    date = forms.DateField(label=_("Date"), widget=DATE)
    time = forms.TimeField(
        label=_("Time"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    venue = forms.CharField(label=_("Venue"), max_length=200, required=False)
    mode = forms.ChoiceField(label=_("Mode"), choices=MeetingMode.choices)
    chair_name = forms.CharField(
        label=_("Chair's name"),
        max_length=200,
        required=False,
        help_text=_("Left empty, the name of the chair post's holder on that day is used."),
    )
    agenda = forms.CharField(
        label=_("Agenda"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One topic a line."),
    )

    def __init__(self, *args: Any, committees: QuerySet[Committee], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = committees  # type: ignore[attr-defined]


class AgendaItemForm(StyledFormMixin, forms.Form):
    topic = forms.CharField(label=_("Topic (English)"), max_length=300, required=False)
    topic_hi = forms.CharField(label=_("Topic (Hindi)"), max_length=300, required=False)
    concerns = forms.ChoiceField(
        label=_("Concerns"), choices=[("", "—"), *Concern.choices], required=False
    )


class AttendanceForm(StyledFormMixin, forms.Form):
    """One present box and one name per member post, and free lines for invitees."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    invitees = forms.CharField(
        label=_("Invitees who hold no post here"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "One a line: what they represent, then “|” and the name, e.g. “BSNL representative | A. Kumar”."
        ),
    )

    def __init__(self, *args: Any, posts: list[tuple[Post, bool, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.post_rows = []
        for post, present, name in posts:
            self.fields[f"present_{post.pk}"] = forms.BooleanField(
                label=post.long_label, required=False, initial=present
            )
            self.fields[f"name_{post.pk}"] = forms.CharField(
                label=_("Name"), required=False, max_length=200, initial=name
            )
            self.post_rows.append(post)
        self.style_fields()

    def rows(self) -> list[tuple[Post, Any, Any]]:
        return [(p, self[f"present_{p.pk}"], self[f"name_{p.pk}"]) for p in self.post_rows]

    def invitee_lines(self) -> list[tuple[str, str]]:
        result = []
        for line in self.cleaned_data.get("invitees", "").splitlines():
            what, _sep, name = line.partition("|")
            if clean_text(what):
                result.append((clean_text(what), clean_text(name)))
        return result


class DirectiveForm(StyledFormMixin, forms.Form):
    text_hi = forms.CharField(
        label=_("Directive (Hindi)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    text = forms.CharField(
        label=_("Directive (English)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    lead_post = PostChoiceField(label=_("Lead post"), queryset=Post.objects.none())
    supporting_posts = PostMultipleChoiceField(
        label=_("Supporting posts"), queryset=Post.objects.none(), required=False
    )
    agenda_item = forms.ModelChoiceField(
        label=_("Agenda item"), queryset=AgendaItem.objects.none(), required=False
    )
    deadline_phrase = forms.CharField(
        label=_("Deadline as the chair said it"),
        max_length=200,
        required=False,
        help_text=_(
            "“within a week”, “15 दिनों के अंदर”, “एक माह के अंदर”, “by the next meeting”, “next Monday”, “तत्काल”."
        ),
    )
    due_date = forms.DateField(label=_("or a due date"), required=False, widget=DATE)
    recurrence = forms.ChoiceField(label=_("Repeats"), choices=Recurrence.choices, required=False)
    priority = forms.ChoiceField(
        label=_("Priority"), choices=Priority.choices, initial=Priority.NORMAL
    )

    def __init__(
        self, *args: Any, posts: QuerySet[Post], agenda: QuerySet[AgendaItem], **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        self.fields["lead_post"].queryset = posts  # type: ignore[attr-defined]
        self.fields["supporting_posts"].queryset = posts  # type: ignore[attr-defined]
        self.fields["supporting_posts"].widget.attrs["size"] = 5
        self.fields["agenda_item"].queryset = agenda  # type: ignore[attr-defined]
        self.fields["lead_post"].error_messages["invalid_choice"] = _(
            "Choose a post from the list; this one is not known here."
        )


class DeadlinePreviewForm(TypedTextMixin, forms.Form):
    """The deadline fields of ``DirectiveForm`` as the page sends them while the user types."""

    deadline_phrase = forms.CharField(max_length=200, required=False)
    due_date = forms.DateField(required=False)
    recurrence = forms.ChoiceField(choices=Recurrence.choices, required=False)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


class ReportForm(StyledFormMixin, HeldFilesMixin, forms.Form):
    """A compliance update; its attachments are held through a correction (``upload_token``)."""

    percent = forms.IntegerField(
        label=_("Done (%)"),
        min_value=0,
        max_value=100,
        initial=0,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": 5}),
        help_text=_("100 reports the directive complied."),
    )
    text = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}))
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
    )

    def __init__(self, *args: Any, prefix_pk: int | None = None, **kwargs: Any) -> None:
        if prefix_pk is not None:
            kwargs.setdefault("auto_id", f"id_r{prefix_pk}_%s")
        super().__init__(*args, **kwargs)
        self.fields["attachments"].help_text = _(
            "PDF, JPEG, PNG, Word or Excel; each up to %(mb)s MB."
        ) % {"mb": settings.DEGS_ATTACHMENT_MAX_BYTES // (1024 * 1024)}
        self.held: list[HeldUpload] = []


class TransitionForm(TypedTextMixin, forms.Form):
    action = forms.CharField(max_length=30)
    version = forms.IntegerField(min_value=1)
    remark = forms.CharField(required=False, max_length=2000)


# --- importing a meeting from a press note ---------------------------------------------------


def _cap_sentence() -> str:
    return _(
        "At most %(chars)s characters, pasted or in the file: a press note or the minutes "
        "of one meeting."
    ) % {"chars": f"{max_chars():,}"}


class ImportSourceForm(StyledFormMixin, forms.Form):
    """The first step: which committee, when the note was published, and its text or file."""

    committee = forms.ModelChoiceField(label=_("Committee"), queryset=Committee.objects.none())
    published = forms.DateField(
        label=_("Published on"),
        required=False,
        widget=DATE,
        help_text=_("Optional. Used to read “आज”, `today` or a weekday in the note."),
    )
    text = forms.CharField(
        label=_("Text of the press note or minutes"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        # The cap is said before the user pastes; a longer text is refused unread (sources).
        help_text=lazy(_cap_sentence, str)(),
    )
    upload = forms.FileField(
        label=_("or a file"),
        required=False,
        allow_empty_file=True,  # refused by sources, in the same words as any unreadable file
        help_text=_("A .txt file, a Word .docx file or a PDF that has text."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".txt,.docx,.pdf,text/plain,application/pdf"}
        ),
    )

    def __init__(self, *args: Any, committees: QuerySet[Committee], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = committees  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload, text = data.get("upload"), data.get("text") or ""
        if upload and text.strip():
            raise forms.ValidationError(_("Paste the text or choose a file, not both."))
        try:
            if upload:
                data["source"] = text_from_upload(upload)
            elif text.strip():
                data["source"] = text_from_paste(text)
            else:
                self.add_error("text", _("Paste the text or choose a file."))
        except SourceError as error:
            self.add_error("upload" if upload else "text", str(error.message))
        return data


HIDDEN_INT = {"required": False, "min_value": 0, "widget": forms.HiddenInput}
HIDDEN_TEXT = {"required": False, "widget": forms.HiddenInput}
LISTED_MAX = 20  # entries of a list riding in a hidden field (candidates, districts named)


class _OffsetsMixin:
    """Offsets and lists that ride along in hidden fields, read as sent (bound) or as given
    (initial); a value tampered with reads as nothing, never as an error the user cannot see."""

    def offset(self, name: str) -> int:
        form: Any = self
        raw = form.data.get(form.add_prefix(name)) if form.is_bound else form.initial.get(name)
        try:
            return max(int(raw or 0), 0)
        except (TypeError, ValueError):
            return 0

    def listed(self, name: str) -> list[Any]:
        """A JSON list of strings, or of lists of strings (at most ``LISTED_MAX``)."""
        form: Any = self
        raw = form.data.get(form.add_prefix(name)) if form.is_bound else form.initial.get(name)
        try:
            value = json.loads(raw) if isinstance(raw, str) and raw else raw or []
        except ValueError:
            return []
        if not isinstance(value, list):
            return []

        def plain(item: Any) -> bool:
            return isinstance(item, str) or (
                isinstance(item, list) and all(isinstance(i, str) for i in item)
            )

        return [item for item in value[:LISTED_MAX] if plain(item)]


class ImportReviewForm(_OffsetsMixin, StyledFormMixin, forms.Form):
    """The meeting read from the note, as the secretary corrects it; the source rides along,
    and with it where the date, the chair and the district were read, the others who may have
    chaired and the other districts named."""

    step = forms.CharField(widget=forms.HiddenInput, initial="save")
    committee = forms.ModelChoiceField(queryset=Committee.objects.none(), widget=forms.HiddenInput)
    published = forms.DateField(required=False, widget=forms.HiddenInput)
    source = forms.CharField(widget=forms.HiddenInput, strip=False)
    date_phrase = forms.CharField(**HIDDEN_TEXT)  # type: ignore[arg-type]
    date_start = forms.IntegerField(**HIDDEN_INT)  # type: ignore[arg-type]
    date_end = forms.IntegerField(**HIDDEN_INT)  # type: ignore[arg-type]
    chair_start = forms.IntegerField(**HIDDEN_INT)  # type: ignore[arg-type]
    chair_end = forms.IntegerField(**HIDDEN_INT)  # type: ignore[arg-type]
    chair_candidates = forms.CharField(**HIDDEN_TEXT)  # type: ignore[arg-type]
    district = forms.CharField(**HIDDEN_TEXT)  # type: ignore[arg-type]
    district_start = forms.IntegerField(**HIDDEN_INT)  # type: ignore[arg-type]
    district_end = forms.IntegerField(**HIDDEN_INT)  # type: ignore[arg-type]
    district_others = forms.CharField(**HIDDEN_TEXT)  # type: ignore[arg-type]
    date = forms.DateField(label=_("Meeting date"), widget=DATE)
    chair_name = forms.CharField(label=_("Chair's name"), max_length=200, required=False)
    chair_designation = forms.CharField(
        label=_("Chair's designation"),
        max_length=200,
        required=False,
        help_text=_(
            "As the note names it, to check the reading; the meeting is recorded under the "
            "committee's chair post."
        ),
    )

    def __init__(self, *args: Any, committees: QuerySet[Committee], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = committees  # type: ignore[attr-defined]
        # The people who may have chaired are offered as the name is typed, without script.
        self.fields["chair_name"].widget.attrs["list"] = "chair-names"
        self.fields["chair_designation"].widget.attrs["list"] = "chair-designations"

    def chair_choices(self) -> list[tuple[str, str]]:
        """The other people who may have chaired: (name, designation), as read."""
        return [
            (str(item[0]), str(item[1]))
            for item in self.listed("chair_candidates")
            if isinstance(item, list) and len(item) == 2
        ]

    def other_districts(self) -> list[str]:
        return [str(item) for item in self.listed("district_others") if isinstance(item, str)]

    def clean_source(self) -> str:
        # A browser sends line ends as CRLF; the offsets count the LF text that was read.
        source = str(self.cleaned_data["source"]).replace("\r\n", "\n")
        if len(source) > max_chars():  # what was read was within the cap: this was not read
            self.add_error(None, str(too_long().message))  # shown above the form: it is hidden
        return source

    def source_text(self) -> str:
        if self.is_bound:
            return str(self.data.get("source", "")).replace("\r\n", "\n")
        return str(self.initial.get("source", ""))


class _RowForm(_OffsetsMixin, StyledFormMixin, forms.Form):
    pass


class ImportAttendeeForm(_RowForm):
    """One person the note says was present: a post of the district when one matches, else
    an invitee named by their designation."""

    keep = forms.BooleanField(label=_("Keep"), required=False)
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    designation = forms.CharField(label=_("Designation as written"), max_length=200, required=False)
    post = KnownPostField(label=_("Post"), required=False, empty_label=_("None: an invitee"))
    start = forms.IntegerField(**HIDDEN_INT)  # type: ignore[arg-type]
    end = forms.IntegerField(**HIDDEN_INT)  # type: ignore[arg-type]

    def __init__(self, *args: Any, posts: dict[int, Post], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["post"].offer(posts)  # type: ignore[attr-defined]


class ImportDirectiveForm(_RowForm):
    """One order read from the note, as the secretary corrects, accepts or drops it."""

    keep = forms.BooleanField(label=_("Keep"), required=False)
    text = forms.CharField(
        label=_("Directive"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    responsible = forms.CharField(required=False, widget=forms.HiddenInput)
    # The post the district gave this addressee in its earlier imports, when it was proposed.
    remembered_post = forms.IntegerField(**HIDDEN_INT)  # type: ignore[arg-type]
    due_hint = forms.DateField(required=False, widget=forms.HiddenInput)
    lead_post = KnownPostField(label=_("Lead post"), required=False)
    deadline_phrase = forms.CharField(
        label=_("Deadline as the chair said it"), max_length=200, required=False
    )
    due_date = forms.DateField(label=_("or a due date"), required=False, widget=DATE)
    recurrence = forms.ChoiceField(label=_("Repeats"), choices=Recurrence.choices, required=False)
    s_start = forms.IntegerField(**HIDDEN_INT)  # type: ignore[arg-type]
    s_end = forms.IntegerField(**HIDDEN_INT)  # type: ignore[arg-type]
    o_start = forms.IntegerField(**HIDDEN_INT)  # type: ignore[arg-type]
    o_end = forms.IntegerField(**HIDDEN_INT)  # type: ignore[arg-type]

    def __init__(self, *args: Any, posts: dict[int, Post], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["lead_post"].offer(posts)  # type: ignore[attr-defined]
        self.fields["lead_post"].error_messages["invalid_choice"] = _(
            "Choose a post from the list; this one is not known here."
        )

    @property
    def is_remembered(self) -> bool:
        """Whether the lead post is still the one remembered from the district's imports."""
        remembered = self.offset("remembered_post")
        return bool(remembered) and str(self["lead_post"].value()) == str(remembered)


class ImportFigureForm(_RowForm):
    """A figure the note reports, offered for the programme it concerns; kept ones go into the
    meeting's summary."""

    keep = forms.BooleanField(label=_("Keep"), required=False)
    value = forms.IntegerField(label=_("Figure"), required=False, min_value=0)
    text = forms.CharField(label=_("In the note's words"), max_length=300, required=False)
    programme = forms.ChoiceField(label=_("Programme"), required=False)
    # The data element the figure reports (the indicators app's, through
    # ``provided("indicators.press_note_elements")``): kept as that element's value at the
    # district where the element is reported per district, else in the summary only.
    element = forms.TypedChoiceField(
        label=_("Data element"), required=False, coerce=int, empty_value=None
    )
    start = forms.IntegerField(**HIDDEN_INT)  # type: ignore[arg-type]
    end = forms.IntegerField(**HIDDEN_INT)  # type: ignore[arg-type]

    def __init__(self, *args: Any, elements: Sequence[dict[str, Any]] = (), **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["programme"].choices = [  # type: ignore[attr-defined]
            ("", _("Other")),
            *((code, in_reader_language(en, hi)) for code, en, hi, _words in PROGRAMMES),
        ]
        self.elements = {e["id"]: e for e in elements}
        self.fields["element"].choices = [  # type: ignore[attr-defined]
            ("", _("None: the summary only")),
            *((e["id"], e["label"]) for e in elements),
        ]
        if not self.is_bound and not self.initial.get("element"):
            self.initial["element"] = _element_for(elements, self.initial.get("programme", ""))

    @property
    def element_note(self) -> str:
        """Why the chosen element's value will not be kept (shown on the row), or ""."""
        raw = self["element"].value()
        try:
            chosen = self.elements.get(int(raw)) if raw not in (None, "") else None
        except (TypeError, ValueError):
            chosen = None
        if chosen is None or chosen["storable"]:
            return ""
        return str(
            _(
                "%(element)s is reported for each %(level)s, not as the district's total: "
                "this figure is kept in the summary only."
            )
            % {"element": chosen["label"], "level": chosen["level"]}
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("keep") and data.get("value") is None:
            self.add_error("value", _("Give the figure, or untick Keep."))
        return data


ImportAttendeeFormSet = forms.formset_factory(ImportAttendeeForm, extra=0, max_num=300)


class _FigureFormSet(forms.BaseFormSet):
    """Two kept figures may not become the same element's value: the second is refused on
    its row (the month's value is one number)."""

    def clean(self) -> None:
        seen: set[int] = set()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            element = data.get("element")
            if not data.get("keep") or element is None:
                continue
            chosen = form.elements.get(element)
            if chosen is None or not chosen["storable"]:
                continue
            if element in seen:
                form.add_error(
                    "element",
                    _("Another kept figure already gives this element's value: choose another."),
                )
            seen.add(element)


ImportFigureFormSet = forms.formset_factory(
    ImportFigureForm, formset=_FigureFormSet, extra=0, max_num=300
)


def _element_for(elements: Sequence[dict[str, Any]], programme: str) -> int | None:
    """The element offered first for a figure of ``programme``: one kept at the district if
    any, else the first of the programme."""
    matching = [e for e in elements if programme and e["programme"] == programme]
    matching.sort(key=lambda e: not e["storable"])
    return matching[0]["id"] if matching else None


def press_note_elements() -> list[dict[str, Any]]:
    """The data elements a figure may report (none when no app keeps programme figures)."""
    from degs.core.registry import provided

    offer = provided("indicators.press_note_elements")
    return list(offer()) if offer is not None else []


ImportDirectiveFormSet = forms.formset_factory(ImportDirectiveForm, extra=0, max_num=300)
