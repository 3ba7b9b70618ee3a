"""Reading press notes and minutes. The three shipped samples are scored by the command (see
test_the_samples_score); the cases here are phrasings of other districts and states, written
for these tests, so that the rules are held to how official prose gives orders."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from degs.reviews.pressnote import clean_lines, read_note, split_person

WEDNESDAY = dt.date(2025, 2, 26)


def _orders(text: str, **kwargs):  # type: ignore[no-untyped-def]
    return read_note(text, **kwargs).orders


def test_an_english_order_with_an_addressee_a_post_and_a_deadline():
    (order,) = _orders(
        "The District Magistrate instructed the DIO to submit a report on all CSCs within 15 days."
    )
    assert order.responsible == "the DIO" and order.post == "dio"
    assert order.deadline_phrase == "within 15 days"


def test_an_english_passive_order_by_a_date_and_an_exhortation_beside_it():
    orders = _orders(
        "All Block Development Officers were directed to complete the e-Office rollout by "
        "20 September. Officers were urged to work with dedication. The DM emphasised timely "
        "disposal."
    )
    assert [o.responsible for o in orders] == ["All Block Development Officers"]
    assert orders[0].post == "bdo" and orders[0].deadline_phrase == "by 20 September"


def test_a_hindi_order_after_ki_from_another_state():
    (order,) = _orders(
        "जिलाधिकारी ने सभी प्रखंड विकास पदाधिकारियों को निर्देशित किया कि वे अगली बैठक तक सभी "
        "आरटीपीएस आवेदनों का निष्पादन सुनिश्चित करें।"
    )
    assert order.text.startswith("वे अगली बैठक तक")
    assert order.responsible == "सभी प्रखंड विकास पदाधिकारियों" and order.post == "bdo"
    assert order.deadline_phrase == "अगली बैठक तक"


def test_a_hindi_order_with_the_verb_last_and_a_recurrence():
    (order,) = _orders("जिला कलक्टर ने ई-मित्र संचालकों को प्रत्येक सप्ताह प्रगति रिपोर्ट भेजने के निर्देश दिए।")
    assert order.responsible == "ई-मित्र संचालकों"
    assert (order.recurrence_phrase, order.recurrence) == ("प्रत्येक सप्ताह", "weekly")
    assert order.deadline_phrase is None


def test_orders_listed_before_one_verb_are_one_each():
    orders = _orders(
        "उपायुक्त द्वारा सभी कार्यालयों में बायोमेट्रिक उपस्थिति लागू करने, पंचायत भवनों में "
        "इंटरनेट की स्थिति की जांच करने का निदेश दिया गया।"
    )
    assert len(orders) == 2
    assert orders[0].text.startswith("सभी कार्यालयों में") and "जांच करने" in orders[1].text


def test_guidance_exhortation_and_past_figures_are_not_orders_or_deadlines():
    text = (
        "समीक्षा के क्रम में संबंधित पदाधिकारियों को आवश्यक दिशा-निर्देश दिए गए। उपायुक्त ने "
        "सभी से पुस्तकें दान करने का आग्रह किया। पिछले तीन महीने में 4521 आवेदन प्राप्त हुए।"
    )
    reading = read_note(text)
    assert reading.orders == []
    assert [f.value for f in reading.figures] == [4521]


def test_a_duty_in_the_subjunctive_is_an_order_with_its_agent():
    (order,) = _orders("अंचल अधिकारी द्वारा सभी लंबित म्यूटेशन वादों का निष्पादन 15 अप्रैल तक किया जाए।")
    assert order.responsible == "अंचल अधिकारी" and order.post == "co"
    assert order.deadline_phrase == "15 अप्रैल तक"


@pytest.mark.parametrize(
    ("text", "expected", "phrase"),
    [
        ("समाहरणालय सभागार में 21.02.2025 को बैठक हुई।", dt.date(2025, 2, 21), "21.02.2025"),
        (
            "The meeting was held on September 12 at the Collectorate.",
            dt.date(2024, 9, 12),
            "September 12",
        ),
        ("आज समाहरणालय में बैठक हुई।", WEDNESDAY, "आज"),
        ("सोमवार को समाहरणालय सभागार में बैठक हुई।", dt.date(2025, 2, 24), "सोमवार"),
        ("A review meeting was held on Monday.", dt.date(2025, 2, 24), "Monday"),
    ],
)
def test_the_meeting_date_written_or_relative_to_publication(text, expected, phrase):
    reading = read_note(text, published=WEDNESDAY)
    assert (reading.meeting_date, reading.date_phrase) == (expected, phrase)


def test_without_a_publication_date_a_relative_date_is_left_open():
    assert read_note("आज बैठक हुई।").meeting_date is None


@pytest.mark.parametrize(
    ("text", "name", "designation"),
    [
        ("District Magistrate Dr. Ravindra Kumar", "Ravindra Kumar", "District Magistrate"),
        ("उपायुक्त श्रीमती अंजलि यादव (भा.प्र.से.)", "अंजलि यादव", "उपायुक्त"),
        ("जिलाधिकारी डा0 चन्द्र भूषण", "चन्द्र भूषण", "जिलाधिकारी"),
        ("एलडीएम एसएल बैठा", "एसएल बैठा", "एलडीएम"),
        ("Executive Magistrate Sudipt Raj", "Sudipt Raj", "Executive Magistrate"),
        ("नेटवर्क इंजीनियर", None, "नेटवर्क इंजीनियर"),
    ],
)
def test_a_person_is_split_into_name_and_designation_without_honorifics(text, name, designation):
    person = split_person(text)
    assert (person.name, person.designation) == (name, designation)


def test_the_chair_and_attendees_in_english_and_hindi():
    english = read_note(
        "The meeting was chaired by District Magistrate Dr. Ravindra Kumar. Chief Development "
        "Officer Amit Singh and District Informatics Officer Neha Verma were present."
    )
    assert (english.chair.name, english.chair.designation) == (
        "Ravindra Kumar",
        "District Magistrate",
    )
    assert [(p.name, p.designation) for p in english.attendees] == [
        ("Amit Singh", "Chief Development Officer"),
        ("Neha Verma", "District Informatics Officer"),
    ]
    hindi = read_note(
        "उपायुक्त श्री राकेश कुमार की अध्यक्षता में बैठक हुई। बैठक में अपर समाहर्ता श्री विनय "
        "मिश्र, जिला सूचना विज्ञान पदाधिकारी श्रीमती रीना देवी एवं सीएससी मैनेजर उपस्थित थे।"
    )
    assert (hindi.chair.name, hindi.chair.designation) == ("राकेश कुमार", "उपायुक्त")
    assert [(p.name, p.designation) for p in hindi.attendees] == [
        ("विनय मिश्र", "अपर समाहर्ता"),
        ("रीना देवी", "जिला सूचना विज्ञान पदाधिकारी"),
        (None, "सीएससी मैनेजर"),
    ]


def test_the_district_from_the_directory_names_or_the_dc_s_title():
    assert read_note("गया : जिलाधिकारी ने बैठक की।", districts=["Gaya", "गया"]).district == "गया"
    assert read_note("उपायुक्त जामताड़ा ने निर्देश दिया कि काम हो।").district == "जामताड़ा"


def test_messy_web_text_is_cleaned_and_never_breaks_the_reading():
    raw = (
        "■ *उपायुक्त की अध्यक्षता में बैठक सम्पन्न*\n"
        "उपायुक्त की अध्यक्षता में बैठक सम्पन्न\n"
        "IMG 20240725 WA0005 scaled\nIMG_20240309_WA0028.jpg\n"
        "* सीएससी मैनेजर को एक सप्ताह के अंदर रिपोर्ट देने का निर्देश दिया गया।\n"
        "Popular Posts\nShare this:\nउपायुक्त ने सभी को निर्देश दि"
    )
    lines = clean_lines(raw)
    assert lines[0] == "उपायुक्त की अध्यक्षता में बैठक सम्पन्न" and len(lines) == 3
    orders = read_note(raw).orders
    assert [o.responsible for o in orders] == ["सीएससी मैनेजर"]
    assert orders[0].deadline_phrase == "एक सप्ताह के अंदर"


@pytest.mark.django_db
def test_the_samples_score(capsys):
    call_command("score_pressnotes")
    out = capsys.readouterr().out
    total = next(line for line in out.splitlines() if line.startswith("all"))
    orders_precision, orders_recall = (float(v) for v in total.split()[1:3])
    assert orders_precision >= 0.8 and orders_recall >= 0.8
    assert out.count(" yes ") >= 3


def test_resolutions_said_that_orders_and_the_day_a_recurrence_falls_on():
    resolved = _orders(
        "It was resolved that all Pragya Kendras shall display the rate list by 15th March."
    )
    assert resolved[0].deadline_phrase == "by 15th March"
    (said,) = _orders("जिलाधिकारी ने कहा कि सभी अधिकारी समय पर कार्यालय आएं।")
    assert said.text == "सभी अधिकारी समय पर कार्यालय आएं"
    assert _orders("जिलाधिकारी ने कहा कि पंचायत स्तर पर अनुश्रवण आवश्यक है।") == []
    (monthly,) = _orders("बैठक में निर्णय लिया गया कि प्रत्येक माह के प्रथम सोमवार को समीक्षा बैठक होगी।")
    assert (monthly.recurrence, monthly.deadline_phrase) == ("monthly", None)


def test_each_attendee_points_at_its_own_words():
    reading = read_note(
        "बैठक में अपर समाहर्ता श्री विनय मिश्र, जिला सूचना विज्ञान पदाधिकारी श्रीमती रीना देवी "
        "एवं सीएससी मैनेजर उपस्थित थे।"
    )
    for person in reading.attendees:
        assert person.source is not None
        assert reading.text[person.source.start : person.source.end] == person.source.text
    assert reading.attendees[2].source.text == "सीएससी मैनेजर"  # type: ignore[union-attr]


def test_figures_keep_their_words_and_the_programme_they_concern():
    reading = read_note(
        "प्रधानमंत्री ग्रामीण डिजिटल साक्षरता अभियान के तहत 135 केंद्र चल रहे हैं। जिसमें 51196 "
        "छात्रों का पंजीकरण हुआ।\nजिले में 1,250 राशन डीलर हैं। उपायुक्त ने सीएससी मैनेजर को "
        "प्रत्येक माह 60 केंद्रों का निरीक्षण करने का निर्देश दिया।"
    )
    assert [(f.value, f.programme) for f in reading.figures] == [
        (135, "digital_literacy"),
        (51196, "digital_literacy"),
        (1250, "pds"),
    ]
    assert reading.figures[1].text.startswith("51196 छात्रों का पंजीकरण")
