"""Reading notes of any district: one test per family of phrasing the issue names, each with
sentences written for these tests in the styles of other states (none is copied from a
published note), and the scores on the annotated sets shipped with the suite.

The expected readings are what a careful reader takes from each sentence by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from degs.reviews.deadlines import find_deadline, resolve_deadline
from degs.reviews.pressnote import read_note, split_person
from degs.reviews.pressnote_places import skeleton
from degs.reviews.pressnote_scoring import score_folder, total

DATA = Path(__file__).resolve().parents[2] / "degs" / "reviews" / "data"
DEMO_DISTRICTS = ["Jamtara", "जामताड़ा", "East Singhbhum", "पूर्वी सिंहभूम", "Gonda", "गोंडा"]


def _chair(text: str, **kwargs):  # type: ignore[no-untyped-def]
    chair = read_note(text, **kwargs).chair
    return chair.name, chair.designation


# --- the chair -------------------------------------------------------------------------------


def test_the_chair_without_a_chairing_word():
    assert _chair("जिला कलक्टर राकेश मीणा ने मंगलवार को ई-मित्र सेवाओं की समीक्षा की।") == (
        "राकेश मीणा",
        "जिला कलक्टर",
    )
    assert _chair("जिलाधिकारी श्रीमती सुनीता यादव द्वारा विकास भवन में बैठक ली गई।") == (
        "सुनीता यादव",
        "जिलाधिकारी",
    )
    name, designation = _chair(
        "Doda, May 4: Deputy Commissioner Doda, Harvinder Singh, chaired a meeting of the "
        "District e-Governance Society here today."
    )
    assert name == "Harvinder Singh" and designation.startswith("Deputy Commissioner")
    assert _chair(
        "Meenakshi Rao, Deputy Commissioner, on Monday reviewed the working of Sewa Kendras."
    ) == ("Meenakshi Rao", "Deputy Commissioner")


def test_a_name_after_the_title_is_a_name_not_part_of_the_designation():
    assert _chair("जिलाधिकारी प्रियंका निरंजन ने ई-डिस्ट्रिक्ट सेवाओं की समीक्षा की।") == (
        "प्रियंका निरंजन",
        "जिलाधिकारी",
    )
    person = split_person("उपायुक्त सह जिला दंडाधिकारी अनिल कुमार सिंह")
    assert (person.name, person.designation) == ("अनिल कुमार सिंह", "उपायुक्त सह जिला दंडाधिकारी")
    person = split_person("ADC Udhampur, Sunil Sharma")
    assert (person.name, person.designation) == ("Sunil Sharma", "ADC Udhampur")
    person = split_person("Neha Gupta, Additional Deputy Commissioner (General)")
    assert person.name == "Neha Gupta"


def test_other_people_who_may_have_chaired_are_offered_with_their_places():
    text = (
        "जिलाधिकारी नेहा जैन की अध्यक्षता में बैठक हुई। मुख्य विकास अधिकारी अमित सिंह ने बताया "
        "कि पोर्टल पर 120 आवेदन लंबित हैं।"
    )
    reading = read_note(text)
    assert reading.chair.name == "नेहा जैन"
    assert text[reading.chair.source.start : reading.chair.source.end] == reading.chair.source.text


def test_the_chair_s_words_are_found_though_the_reading_dropped_a_service_tag_or_a_dot():
    for text, said in (
        (
            "Deputy Commissioner Rajesh Kumar (IAS) chaired the DeGS meeting on Monday.",
            "Deputy Commissioner Rajesh Kumar",
        ),
        (
            "उपायुक्त श्रीमती अंजलि यादव, भा.प्र.से. की अध्यक्षता में बैठक हुई।",
            "उपायुक्त श्रीमती अंजलि यादव",
        ),
        ("उपायुक्त अंजलि यादव, आईएएस की अध्यक्षता में बैठक हुई।", "उपायुक्त अंजलि यादव"),
        ("Smti. Rina Devi, Deputy Commissioner, chaired the meeting today.", "Rina Devi"),
    ):
        chair = read_note(text).chair
        assert chair.name and chair.name in said, text
        assert chair.source is not None, text
        assert text[chair.source.start : chair.source.end] == chair.source.text
        assert said in chair.source.text or chair.source.text in said, text


def test_no_title_alone_is_offered_beside_a_named_chair():
    reading = read_note(
        "कलेक्टर श्री अजय प्रताप गौतम की अध्यक्षता में बैठक हुई। कलेक्टर ने सभी एसडीएम को निर्देश "
        "दिए कि लंबित आवेदन समय पर निपटाए जाएं।"
    )
    assert reading.chair.name == "अजय प्रताप गौतम"
    assert [person for person in reading.chair_candidates if not person.name] == []


def test_a_surname_first_taken_for_a_place_still_finds_the_chair_s_words():
    text = (
        "Nagaon, Jan 9: The DeGS meeting was chaired by Deputy Commissioner Nagaon, Smti. "
        "Nirupama Borgohain. DC Borgohain directed the CSC manager to open two centres."
    )
    reading = read_note(text)
    assert reading.district == "Nagaon"
    assert reading.chair.name == "Nirupama Borgohain"
    assert reading.chair.source is not None
    assert "Nirupama Borgohain" in reading.chair.source.text
    assert text[reading.chair.source.start : reading.chair.source.end] == reading.chair.source.text


# --- the district ----------------------------------------------------------------------------


def test_the_district_of_any_note_from_its_dateline_or_a_district_word():
    assert read_note("बस्ती, 14 जुलाई। जिलाधिकारी ने बैठक ली।").district == "बस्ती"
    assert read_note("Rajouri, March 3: The DC chaired a meeting.").district == "Rajouri"
    assert read_note("जनपद बलरामपुर में जन सेवा केंद्रों की समीक्षा हुई।").district == "बलरामपुर"
    assert read_note("The review covered every CSC in Reasi district.").district == "Reasi"


def test_the_directory_s_spelling_wins_over_a_variant():
    assert skeleton("गोण्डा") == skeleton("गोंडा") and skeleton("जामताडा") == skeleton("जामताड़ा")
    reading = read_note(
        "गोण्डा, 11 जून। जनपद गोण्डा में आधार केंद्रों की समीक्षा हुई।", districts=DEMO_DISTRICTS
    )
    assert reading.district == "गोंडा"
    assert reading.district_source.text == "गोण्डा"


def test_a_first_name_is_never_a_district():
    assert read_note("जिलाधिकारी प्रियंका निरंजन ने बैठक में निर्देश दिए।").district is None
    assert read_note("DC Rakesh Sharma said that the portal must work.").district is None
    assert read_note("उपायुक्त जामताड़ा ने निर्देश दिया कि काम हो।").district == "जामताड़ा"


# --- attendees -------------------------------------------------------------------------------


def _present(text: str) -> list[tuple[str | None, str | None]]:
    return [(p.name, p.designation) for p in read_note(text).attendees]


def test_lists_of_those_present_closed_the_ways_notes_close_them():
    assert _present(
        "बैठक में अपर जिलाधिकारी रमेश चंद्र, मुख्य विकास अधिकारी सीमा राय सहित अन्य अधिकारी मौजूद रहे।"
    ) == [("रमेश चंद्र", "अपर जिलाधिकारी"), ("सीमा राय", "मुख्य विकास अधिकारी")]
    assert _present("उपजिलाधिकारी सदर अजय सिंह व अन्य मौजूद थे।") == [("अजय सिंह", "उपजिलाधिकारी सदर")]
    assert _present("तहसीलदार मनोज पांडे वीसी के माध्यम से जुड़े थे।") == [("मनोज पांडे", "तहसीलदार")]
    assert _present(
        "Prominent among those present were ADC Ramesh Kumar, SDM Sunita Devi and DIO Anil Jain."
    ) == [("Ramesh Kumar", "ADC"), ("Sunita Devi", "SDM"), ("Anil Jain", "DIO")]
    assert _present(
        "The meeting was attended by ADC Reasi, Vikas Gupta; Chief Planning Officer, Asha Rani; "
        "PO ICDS, Farooq Ahmed besides other officers."
    ) == [
        ("Vikas Gupta", "ADC Reasi"),
        ("Asha Rani", "Chief Planning Officer"),
        ("Farooq Ahmed", "PO ICDS"),
    ]


def test_a_list_stops_at_its_sentence():
    assert _present(
        "बैठक में जिला पूर्ति अधिकारी राजीव कुमार उपस्थित रहे। अपर जिलाधिकारी नीरज शर्मा ने "
        "बताया कि 40 किट बंद हैं।"
    ) == [("राजीव कुमार", "जिला पूर्ति अधिकारी")]


# --- orders ----------------------------------------------------------------------------------


def _orders(text: str):  # type: ignore[no-untyped-def]
    return read_note(text).orders


def test_two_orders_joined_under_one_verb_are_two_each_with_its_deadline():
    hindi = _orders(
        "जिलाधिकारी ने निर्देश दिए कि सभी केंद्रों पर बैनर 10 अगस्त तक लगवाए जाएं तथा "
        "बंद किटों को एक सप्ताह में पोर्टल पर जोड़ा जाए।"
    )
    assert [o.deadline_phrase for o in hindi] == ["10 अगस्त तक", "एक सप्ताह में"]
    english = _orders(
        "The DC directed the SDMs to complete the survey within a week and submit a report by "
        "the 20th."
    )
    assert [o.text for o in english] == [
        "complete the survey within a week",
        "submit a report by the 20th",
    ]
    assert [o.responsible for o in english] == ["the SDMs", "the SDMs"]
    # An exhortation after "and" is not an order of its own.
    (one,) = _orders("The BSNL engineer was asked to repair the links and encourage their use.")
    assert one.text.endswith("encourage their use")


def test_a_long_lead_in_is_not_part_of_the_order():
    (order,) = _orders(
        "जन सेवा केंद्रों की समीक्षा में पाया गया कि कई केंद्र बंद हैं, जिस पर सभी खंड विकास "
        "अधिकारियों को केंद्रों का निरीक्षण कर रिपोर्ट देने हेतु निर्देशित किया गया।"
    )
    assert "पाया गया" not in order.text and order.text.startswith("सभी खंड विकास")
    assert order.responsible == "सभी खंड विकास अधिकारियों"


def test_the_clause_after_ki_is_read_whatever_the_verb_s_number():
    (order,) = _orders("निर्देश दिए गए हैं कि लंबित आवेदनों का निस्तारण तत्काल किया जाए।")
    assert order.text == "लंबित आवेदनों का निस्तारण तत्काल किया जाए"
    assert order.deadline_phrase == "तत्काल"


def test_what_counts_as_an_order_and_what_does_not():
    (said,) = _orders("जिलाधिकारी ने लंबित शिकायतों के निस्तारण की बात कही।")
    assert "निस्तारण" in said.text
    assert _orders("संबंधित अधिकारियों को समुचित निर्देश दिए गए।") == []
    assert _orders("ई-ऑफिस के संबंध में भी आवश्यक निर्देश दिए गए।") == []
    assert _orders("Necessary directions were also given to the concerned officers.") == []
    (content,) = _orders("Necessary guidelines were given to rectify errors at Aadhaar centres.")
    assert content.text.startswith("rectify errors")


@pytest.mark.parametrize(
    ("text", "addressee"),
    [
        ("The DC directed the ADCs/SDM to clear the pendency.", "the ADCs/SDM"),
        (
            "The Executive Engineer (PWD) was instructed to finish the VC room.",
            "The Executive Engineer (PWD)",
        ),
        ("He asked the PO ICDS to hold camps at Anganwadi centres.", "the PO ICDS"),
        ("The CEO was directed to get the kits repaired.", "The CEO"),
        ("The DC asked all departments to move files to e-Office.", "all departments"),
        ("संबंधित विभागों को ई-केवाईसी का कार्य पूरा करने के निर्देश दिए।", "संबंधित विभागों"),
        ("जिलाधिकारी ने पूर्ति निरीक्षकों को सख्त निर्देश दिए कि राशन कार्ड बनाएं।", "पूर्ति निरीक्षकों"),
        ("उन्होंने तहसीलदारों से सभी आवेदनों का सत्यापन करवाने को कहा।", "उन्होंने तहसीलदारों"),
        (
            "उन्होंने कहा कि मुख्य चिकित्सा अधिकारी द्वारा सभी केंद्रों पर कार्ड बनवाए जाएं।",
            "मुख्य चिकित्सा अधिकारी",
        ),
    ],
)
def test_addressees_of_every_shape(text: str, addressee: str):
    (order,) = _orders(text)
    assert order.responsible is not None
    assert order.responsible.endswith(addressee.split()[-1])
    assert addressee.startswith("उन्होंने") or order.responsible == addressee


# --- deadlines and recurrences ---------------------------------------------------------------


@pytest.mark.parametrize(
    "phrase",
    [
        "समय पर",
        "निर्धारित समय में",
        "निर्धारित समय-सीमा के भीतर",
        "within the due date",
        "within the stipulated time",
        "in a time-bound manner",
        "समयबद्ध तरीके से",
    ],
)
def test_a_limit_without_a_date_is_the_next_meeting_or_a_month(phrase: str):
    assert find_deadline(f"सभी आवेदन {phrase} निस्तारित करें / dispose of them {phrase}") is not None
    meeting, next_meeting = dt.date(2026, 3, 10), dt.date(2026, 4, 14)
    assert resolve_deadline(phrase, meeting_date=meeting, next_meeting=next_meeting).due == (
        next_meeting
    )
    # without a next meeting: 30 days, a month's review cycle (docs/pressnote-import.md)
    assert resolve_deadline(phrase, meeting_date=meeting).due == dt.date(2026, 4, 9)


def test_short_spans_month_ends_and_hours():
    meeting = dt.date(2026, 3, 10)
    assert resolve_deadline("within days", meeting_date=meeting).due == dt.date(2026, 3, 17)
    assert resolve_deadline("by the end of July", meeting_date=meeting).due == dt.date(2026, 7, 31)
    assert resolve_deadline("माह के अंत तक", meeting_date=meeting).due == dt.date(2026, 3, 31)
    assert resolve_deadline("within 48 hours", meeting_date=meeting).due == dt.date(2026, 3, 12)
    assert resolve_deadline("24 घंटे के अंदर", meeting_date=meeting).due == dt.date(2026, 3, 11)
    assert resolve_deadline("as swiftly as possible", meeting_date=meeting).rule == "immediate"


def test_a_deadline_in_the_next_sentence_belongs_to_the_orders_before_it():
    orders = _orders(
        "The DC directed the DIO to map all the VC rooms and to test their links. This should be "
        "done within ten days. The BDOs were told to open two more centres."
    )
    assert [o.deadline_phrase for o in orders] == ["within ten days", "within ten days", None]
    (hindi,) = _orders(
        "उन्होंने पूर्ति निरीक्षकों से राशन कार्ड का सत्यापन करवाने को कहा। यह कार्य अगले सोमवार तक "
        "पूर्ण किया जाए।"
    )
    assert hindi.deadline_phrase == "अगले सोमवार"


def test_recurrences_said_as_regularly_or_daily():
    (regular,) = _orders("सीएससी प्रबंधक को केंद्रों का नियमित रूप से निरीक्षण करने के निर्देश दिए।")
    assert (regular.recurrence_phrase, regular.recurrence) == ("नियमित रूप से", "monthly")
    (daily,) = _orders("The LDM was asked to share the status on a daily basis.")
    assert daily.recurrence == "daily"


# --- the meeting's date ----------------------------------------------------------------------


def test_a_page_stamp_is_not_the_meeting_date_when_the_text_says_monday():
    reading = read_note(
        "Published on 12/06/2024\n\nThe Deputy Commissioner on Monday reviewed the CSCs. The "
        "SDMs were directed to clear the pendency by 20 June."
    )
    assert reading.meeting_date == dt.date(2024, 6, 10)  # the Monday before Wednesday the 12th
    assert reading.date_source.text == "Monday"
    written = read_note(
        "Published on 12/06/2024\n\nदिनांक 07.06.2024 को जिलाधिकारी की अध्यक्षता में बैठक हुई।"
    )
    assert written.meeting_date == dt.date(2024, 6, 7)


# --- the scores ------------------------------------------------------------------------------


def test_the_notes_of_other_states_score_as_the_issue_asks():
    sets = [
        total(score_folder(DATA / folder, DEMO_DISTRICTS))
        for folder in (
            "press_notes",
            "other_states/tuning",
            "other_states/check",
            "other_states/check2",
        )
    ]
    whole = total(sets)
    assert whole.notes >= 15
    assert whole.orders.precision >= 0.9 and whole.orders.recall >= 0.9
    assert whole.addressees.precision >= 0.8 and whole.addressees.recall >= 0.8
    assert whole.attendees.precision >= 0.8 and whole.attendees.recall >= 0.8
    for share in (whole.chairs, whole.dates, whole.districts):
        assert share / whole.notes >= 0.9
