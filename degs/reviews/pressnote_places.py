"""Which district a press note is about, for any district of India, in Hindi or English.

A note names its district in a few set ways, and the reader weighs each:

- a **dateline** at the head of the text: "गोण्डा, 12 जून।", "Kathua, June 12:", "भीलवाड़ा, 5 मार्च
  (सूचना एवं जनसंपर्क)", "दुमका।";
- beside a word for district: "जनपद गोण्डा", "बहराइच जनपद", "गया जिले में", "जिला नागौर",
  "in Kathua district", "District Kathua";
- as the place of a district officer: "उपायुक्त दुमका श्री …", "Deputy Commissioner Kathua,
  Rakesh Minhas,", "DC Mandi" (weak: "जिलाधिकारी प्रियंका" is a first name, so such a word counts
  only when the text names it as a place elsewhere too, or an honorific or a comma and a name
  follows it);
- a district of the directory named anywhere (weakest).

A name the directory holds in another spelling (गोण्डा / गोंडा, a nukta or not, ं or a half
nasal, a long or short vowel) is returned as the directory spells it. A word that is part of a
person's name read from the note is never a district.

Every pattern here is given one sentence at a time (the module ``pressnote`` cuts them).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from degs.core.text import WORD_END as _END
from degs.core.text import WORD_START as _START
from degs.core.text import nfc as _nfc
from degs.core.text import text_pattern as _re
from degs.reviews.pressnote_people import is_head

# --- one spelling for variants ---------------------------------------------------------------

_HALF_NASAL = re.compile("[\u0919\u091e\u0923\u0928\u092e]\u094d(?=[\u0915-\u0939])")
_VOWELS = str.maketrans(
    {
        "\u0940": "\u093f",  # ी -> ि
        "\u0942": "\u0941",  # ू -> ु
        "\u0908": "\u0907",  # ई -> इ
        "\u090a": "\u0909",  # ऊ -> उ
        "\u0901": "\u0902",  # ँ -> ं
        "\u093c": None,  # nukta
        "\u200c": None,
        "\u200d": None,
    }
)


def skeleton(name: str) -> str:
    """A place name with the spellings Hindi and English writers vary folded together: no
    nukta, ं for a half nasal before a consonant, short for long i and u, case folded, no
    accents, single spaces. गोण्डा and गोंडा, Gonda and GONDA share one."""
    text = unicodedata.normalize("NFD", name)
    text = "".join(c for c in text if not ("\u0300" <= c <= "\u036f"))  # Latin accents
    text = _HALF_NASAL.sub("\u0902", unicodedata.normalize("NFC", text.translate(_VOWELS)))
    return " ".join(text.casefold().replace("-", " ").split())


@dataclass
class Place:
    """A district candidate: the name to return, where it stands and how strongly it is said."""

    name: str
    start: int
    end: int
    strength: int  # 0 strongest


# --- how notes name a place --------------------------------------------------------------------

_HI_WORD = r"[\u0900-\u097F]{2,}"
_EN_WORD = r"[A-Z][a-zA-Z]{2,}"
_HI_PLACE = rf"(?P<hi>{_HI_WORD}(?:\s+{_HI_WORD})?)"
_EN_PLACE = rf"(?P<en>{_EN_WORD}(?:\s+{_EN_WORD})?)"

# Dateline at a line's head: "गोण्डा, 12 जून।", "Kathua, June 12:", "दुमका।", "Nagaur (DIPR):".
_DATELINE = re.compile(  # used with match() at a line's start
    rf"(?:{_HI_PLACE}|{_EN_PLACE})\s*(?:[,।:]|\((?!DC\b)(?:(?P<district>[^()\d.,]{{2,30}})\)\s*[,।:]?)?|\s-\s|"
    r"(?=\d{1,2}\s+\S+\s+\d{4}\s*।))",
)
_LONE_PLACE = re.compile(rf"{_EN_WORD}|[\u0900-\u097F]{{3,}}")
# What stands in a dateline's brackets without being the district: the issuing office.
_AGENCY = re.compile(
    r"वि0|सू|सूचना|जनसंपर्क|जनसम्पर्क|संवाद|प्रेस|ब्यूरो|DIPR|IPR|PIB|PRO|DPRO|Bureau|Press|News", re.I
)
# What follows a dateline's place: a date, an agency in brackets, or the story after "।"/":".
_DATELINE_REST = re.compile(
    r"^\s*(?:[,(]?\s*\d|[,(]?\s*[A-Za-z]{2,9}\.?\s+\d|,?\s*\d{1,2}\s+[\u0900-\u097F]+|\(|"
    r"[।:]\s*\S|।\s*$)"
)
# District names that are also common words ("किया गया", "सागर", "मंडी"): never counted where
# they merely stand in the text, only where the note names them as a place.
HOMOGRAPHS = {
    _nfc(w)
    for w in [
        "गया",
        "सीधी",
        "गुना",
        "धार",
        "मंडी",
        "सागर",
        "पाली",
        "बांका",
        "मऊ",
        "बीड़",
        "बीड",
        "अमेठी",
        "Gaya",
        "Sagar",
        "Mandi",
        "Dhar",
        "Guna",
        "Pali",
        "Mau",
        "Sidhi",
    ]
}

_CONTEXT_HI = _re(
    rf"{_START}जनपद\s+(?P<a>{_HI_WORD}(?:\s+{_HI_WORD}(?=\s+(?:में|के|की|का|को|से)\s|[,।]))?)"
    rf"|(?P<b>{_HI_WORD}(?:\s+{_HI_WORD})?)\s+(?:जनपद|जिले|जिला)\s+(?:में|के|की|का|को|से|प्रशासन|मुख्यालय|भर|स्तर){_END}"
    rf"|{_START}जिला\s+(?P<c>{_HI_WORD})\s+(?:में|के|की|का|से){_END}"
)
_CONTEXT_EN = re.compile(
    rf"\b(?:in|of|across|for|at|from)\s+(?:the\s+)?(?P<a>{_EN_WORD}(?:\s+{_EN_WORD})?)\s+district\b"
    rf"|\b(?P<b>{_EN_WORD}(?:\s+{_EN_WORD})?)\s+[Dd]istrict\s+(?:administration|headquarters)\b"
    rf"|\b(?:in|of|for|across|at)\s+(?:the\s+)?[Dd]istrict\s+(?P<c>{_EN_WORD})\b(?=\s*[,.;:)]|\s+(?:and|has|have|is|was|were|are)\b)"
    # "District e-Governance Society (DeGS), Ganjam was held", "Collectorate, Kathua"
    rf"|\b(?:Society|Committee|Parishad|Collectorate|Secretariat)(?:\s+\([A-Za-z]+\))?,\s+(?P<d>{_EN_WORD})\b(?=\s+[a-z]|\s*[,.])"
)
# The place after a district officer's title: "उपायुक्त दुमका", "Deputy Commissioner Kathua".
_OFFICER_PLACE = _re(
    rf"{_START}(?:उपायुक्त|जिलाधिकारी|जिला\s+कलक्टर|जिला\s+कलेक्टर|कलक्टर|कलेक्टर|डीसी|डीएम|"
    rf"समाहर्ता),?\s+(?P<hi>{_HI_WORD})(?P<hi_after>\s*(?:श्री|श्रीमती|सुश्री|डॉ|डा)|"
    rf"\s+(?:ने|द्वारा|के|की|का)\s)?"
    rf"|\b(?:Deputy\s+Commissioner|District\s+Magistrate|District\s+Collector|Collector|DC|DM)"
    rf"(?:\s*\((?:DC|DM)\))?,?\s+(?P<en>(?-i:[A-Z][a-zA-Z]{{2,}}))(?P<en_after>\s*,\s*(?:Dr\.?\s+|Shri\s+|Sh\.\s+|Mr\.?\s+|Ms\.?\s+)?(?-i:[A-Z][a-z]+\s+[A-Z])|"
    rf"\s+(?:said|directed|reviewed|chaired|asked|told|instructed|has|had|was|is|on)\b)?"
)
# Words that follow those titles or context words without being places.
NOT_PLACES = {
    _nfc(w)
    for w in (
        [
            "पंचायतों",
            "पंचायती",
            "तहत",
            "लिए",
            "बाद",
            "पहले",
            "साथ",
            "अंतर्गत",
            "अन्तर्गत",
            "संबंध",
            "सम्बन्ध",
            "बारे",
            "दौरान",
            "अनुसार",
            "सम्पूर्ण",
            "संपूर्ण",
            "पूरा",
            "रहे",
            "हैं",
            "है",
            "था",
            "थे",
            "गई",
            "गए",
            "प्रकाशन",
            "प्रकाशित",
            "तिथि",
            "विज्ञप्ति",
            "समाचार",
            "जनसम्पर्क",
            "जनसंपर्क",
            "कि",
            "जो",
            "जिस",
            "जिसमें",
            "उन्होंने",
            "इसमें",
            "पूरे",
            "समस्त",
            "द्वारा",
            "ने",
            "सह",
            "के",
            "की",
            "को",
            "से",
            "कार्यालय",
            "प्रकोष्ठ",
            "महोदय",
            "श्री",
            "श्रीमती",
            "सुश्री",
            "डॉ",
            "डा",
            "महोदया",
            "स्तर",
            "स्तरीय",
            "प्रशासन",
            "मुख्यालय",
            "सूचना",
            "विज्ञान",
            "पंचायत",
            "परिषद",
            "अधिकारी",
            "पदाधिकारी",
            "प्रबंधक",
            "समन्वयक",
            "कार्यक्रम",
            "विकास",
            "शिक्षा",
            "पूर्ति",
            "आपूर्ति",
            "कृषि",
            "स्वास्थ्य",
            "अस्पताल",
            "न्यायालय",
            "समाज",
            "कल्याण",
            "खनन",
            "योजना",
            "ग्रामीण",
            "नगर",
            "कोषागार",
            "निर्वाचन",
            "उद्योग",
            "पंजीयन",
            "परियोजना",
            "में",
            "भर",
            "सभी",
            "हर",
            "प्रत्येक",
            "एवं",
            "तथा",
            "और",
            "व",
            "अपर",
            "उप",
            "अतिरिक्त",
            "मुख्य",
            "वरिष्ठ",
            "सहायक",
            "संयुक्त",
            "कलेक्ट्रेट",
            "कलक्ट्रेट",
            "सभागार",
            "सभाकक्ष",
            "प्रेस",
            "सचिव",
            "संबंधित",
            "सम्बन्धित",
            "इस",
            "उस",
            "यह",
            "वह",
            "आज",
            "दिनांक",
            "Magistrate",
            "Collector",
            "Commissioner",
            "Officer",
            "Officers",
            "Informatics",
            "Development",
            "Panchayat",
            "Administration",
            "Headquarters",
            "Level",
            "Court",
            "Hospital",
            "Manager",
            "Coordinator",
            "Programme",
            "Project",
            "Office",
            "Secretariat",
            "Complex",
            "Council",
            "Education",
            "Health",
            "Supply",
            "Rural",
            "Urban",
            "Planning",
            "Mining",
            "Treasury",
            "Election",
            "Industries",
            "Industry",
            "Welfare",
            "Social",
            "Said",
            "The",
            "This",
            "That",
            "All",
            "Every",
            "Each",
            "Additional",
            "Deputy",
            "Chief",
            "Senior",
            "Assistant",
            "Joint",
            "Sub",
            "Divisional",
            "Meeting",
            "Review",
            "Today",
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
            "Published",
            "Updated",
            "Posted",
            "Share",
            "Press",
            "Release",
            "Information",
            "Public",
            "Relations",
            "Department",
            "Government",
            "Govt",
            "District",
            "Block",
            "Tehsil",
            "Sadar",
            "Municipal",
            "Nagar",
            "Panchayati",
            "Raj",
            "Zila",
            "Parishad",
        ]
    )
}
_GENERIC_TAIL = {_nfc(w) for w in ["जिला", "जिले", "जनपद", "district", "District"]}


def _name_of(raw: str, names: dict[str, str]) -> str | None:
    """The place as the directory spells it when a spelling of it is there; else as written,
    when it is not a common word nor a designation ("जनपद सीईओ")."""
    words = [w for w in raw.split() if w not in _GENERIC_TAIL]
    if any(is_head(w) for w in words) and not names.get(skeleton(raw)):
        return None
    while words and words[-1] in NOT_PLACES:
        words.pop()
    while words and words[0] in NOT_PLACES:
        words.pop(0)
    if not words:
        return None
    for size in range(len(words), 0, -1):  # "Kathua Rakesh" -> "Kathua" when it is known
        known = names.get(skeleton(" ".join(words[:size])))
        if known:
            return known
    if len(words) > 1 and any(w in NOT_PLACES for w in words):
        return None
    return " ".join(words)


_WORD = re.compile(r"[\w\u0900-\u097F]+(?:-[\w\u0900-\u097F]+)?")


def _known_places(
    text: str, start: int, end: int, names: dict[str, str], longest: int
) -> Iterable[Place]:
    """Every directory district named in ``text[start:end]``: one pass over its words, each
    run of up to ``longest`` words looked up by its skeleton."""
    words = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text, start, end)]
    for index in range(len(words)):
        for size in range(min(longest, len(words) - index), 0, -1):
            first, last = words[index], words[index + size - 1]
            known = names.get(skeleton(text[first[0] : last[1]]))
            if known and known not in HOMOGRAPHS:
                yield Place(known, first[0], last[1], 3)
                break


def district(
    text: str,
    found: Sequence[tuple[int, int, bool]],
    districts: Iterable[str],
    not_names: set[str],
) -> list[Place]:
    """The district candidates, best first, one per name (its first and strongest place).

    ``found``: each sentence's start and end in ``text`` and whether it opens a line;
    ``districts``: the directory's district names (English and Hindi); ``not_names``: words of
    people's names read from the note, which are never a district."""
    names: dict[str, str] = {}
    for spelled in districts:
        if spelled:
            names.setdefault(skeleton(_nfc(spelled)), _nfc(spelled))
    longest = max((len(key.split()) for key in names), default=1)
    places: list[Place] = []
    first_lines = 0
    for start, end, opens_line in found:
        if opens_line and first_lines < 8:
            first_lines += 1
            if (dated := _dateline(text, start, end, names)) is not None:
                places.append(dated)
            elif _LONE_PLACE.fullmatch(text, start, end) and (
                name := _name_of(text[start:end], names)
            ):  # "Tumakuru" alone on a line over the story
                places.append(Place(name, start, end, 2))
        for pattern in (_CONTEXT_HI, _CONTEXT_EN):
            for match in pattern.finditer(text, start, end):
                group = next(g for g in ("a", "b", "c", "d") if match.groupdict().get(g))
                raw = str(match[group])
                if group == "b" and " " in raw and not names.get(skeleton(raw)):
                    raw = raw.split()[-1]  # "किया गया जिले": one word unless the directory knows two
                if name := _name_of(raw, names):
                    at = match.start(group) + str(match[group]).rfind(raw)
                    # "X जिले में" names any word before it: weaker than "जनपद X" or a dateline
                    places.append(Place(name, at, at + len(raw), 4 if group == "b" else 0))
        for match in _OFFICER_PLACE.finditer(text, start, end):
            group = "hi" if match["hi"] else "en"
            name = _name_of(str(match[group]), names)
            if not name:
                continue
            strength = 1 if match[f"{group}_after"] or name in names.values() else 4
            if name in HOMOGRAPHS and not match[f"{group}_after"]:
                strength = 4
            places.append(Place(name, match.start(group), match.end(group), strength))
        places.extend(_known_places(text, start, end, names, longest))
    return _ranked(places, not_names, text)


def _dateline(text: str, start: int, end: int, names: dict[str, str]) -> Place | None:
    """The place a line opens with as a dateline: "गोण्डा, 11 जून।", "Kathua, June 12:",
    "दुमका।"; for "बिहारशरीफ (नालंदा), 3 सितंबर" the district in the brackets."""
    head = _DATELINE.match(text, start, min(end, start + 60))
    if head is None:
        return None
    bracket = head["district"]
    after = text[head.end() : head.end() + 20]
    if (
        bracket
        and not _AGENCY.search(bracket)
        and (head.group(0).rstrip()[-1] in ",।:" or _DATELINE_REST.match(after))
        and (name := _name_of(bracket, names))
    ):
        at = head.start("district")
        return Place(name, at, at + len(bracket), 0)
    rest = text[head.end() - 1 : head.end() + 20]
    if not _DATELINE_REST.match(rest.lstrip(",") if rest[:1] == "," else rest):
        return None
    raw = head["hi"] or head["en"] or ""
    if (name := _name_of(raw, names)) and len(name.split()) <= 2:
        return Place(name, head.start(), head.start() + len(raw), 1)
    return None


def _ranked(places: list[Place], not_names: set[str], text: str = "") -> list[Place]:
    """One per name, strongest first: a weak mention (an officer's title and a word, "X जिले")
    counts only when the same name is said as a place another way too; a person's name never.
    A name that begins another ("पौडी" and "पौड़ी गढ़वाल") is that one. Among equals the
    directory's districts first, then names in the note's own script."""
    keys = {p.name: skeleton(p.name) for p in places}
    longer = {
        name: max(
            (other for other, key in keys.items() if (key + " ").startswith(keys[name] + " ")),
            key=len,
        )
        for name in keys
    }
    places = [Place(longer[p.name], p.start, p.end, p.strength) for p in places]
    best: dict[str, Place] = {}
    said: dict[str, int] = {}
    for place in places:
        if place.name in not_names:
            continue
        said[place.name] = said.get(place.name, 0) + 1
        held = best.get(place.name)
        if held is None or (place.strength, place.start) < (held.strength, held.start):
            best[place.name] = place
    kept = [place for name, place in best.items() if place.strength < 4]
    known = {p.name for p in places if p.strength == 3}  # the directory holds it
    script = _script(text)
    return sorted(
        kept,
        key=lambda p: (
            p.name not in known,
            p.strength,
            _script(p.name) != script,  # a Hindi header over an English note: the English name
            -said[p.name],
            p.start,
        ),
    )


def _script(text: str) -> str:
    """ "hi" when most letters are Devanagari, else "en"."""
    devanagari = sum(1 for c in text if "\u0900" <= c <= "\u097f")
    latin = sum(1 for c in text if c.isascii() and c.isalpha())
    return "hi" if devanagari >= latin else "en"
