"""People in a press note: telling a designation from a name, the chair and who was present.

- **Names and designations.** An honorific (श्री, श्रीमती, डॉ०, Shri, Dr …) splits the designation
  from the name. Without one, the designation is the run of words at the front that ends on a
  word that heads a designation (अधिकारी, पदाधिकारी, प्रबंधक, कलक्टर, आयुक्त, Officer, Manager,
  Commissioner, an acronym such as ADC, SDM, PO ICDS …); a place right after it (the district, or
  "उपजिलाधिकारी रानीखेत") stays with the designation when it is the note's district, and the rest
  is the name. "Title Place, Name," and "Name, Title" are split at the comma.
- **The chair**, strongest first: "X की अध्यक्षता में", "chaired by X", "under the chairmanship of
  X"; then the subject of the meeting's verb: "जिला कलक्टर X ने … समीक्षा की", "X द्वारा बैठक ली
  गई", "Deputy Commissioner Kathua, X, chaired a meeting", "X on Monday reviewed …"; then the
  first district officer named with a name. Every other person so found is kept as a candidate.
- **Who was present**: a list between an opening ("बैठक में", "मौके पर", "Prominent among those
  present were", "The meeting was attended by", "Also present were") and its close ("उपस्थित
  थे / रहे", "मौजूद थे", "सहित अन्य …", "वीसी के माध्यम से जुड़े थे", "were present"), within one
  sentence; items split at commas, semicolons and "व / एवं / तथा / and".

Every pattern is given one sentence at a time.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from degs.core.text import WORD_END as _END
from degs.core.text import WORD_START as _START
from degs.core.text import text_pattern as _re


@dataclass
class Found:
    """Something read out, with where it stands in the cleaned text (for highlighting)."""

    text: str
    start: int
    end: int


@dataclass
class Person:
    name: str | None
    designation: str | None
    source: Found | None = None


HONORIFICS = (
    "श्री",
    "श्रीमती",
    "सुश्री",
    "डॉ०",
    "डॉ॰",
    "डा॰",
    "डॉ.",
    "डॉ",
    "डा०",
    "डा0",
    "डा.",
    "shri",
    "sh.",
    "sri",
    "smt",
    "smt.",
    "smti",
    "smti.",
    "shrimati",
    "mr.",
    "mr",
    "mrs.",
    "mrs",
    "ms.",
    "ms",
    "dr.",
    "dr",
    "kumari",
    "कुमारी",
    "er.",
    "इं०",
)
_HONORIFIC = _re(
    rf"{_START}(?:{'|'.join(re.escape(h) for h in sorted(HONORIFICS, key=len, reverse=True))})"
    rf"(?=[\s.])\.?\s*"
)
SERVICE = re.compile(
    r",\s*(?:IAS|IPS|KAS|OAS|RAS|PCS|HCS|JKAS|ACS|MCS|WBCS|IRS)\b(?=\s*[,.;]|\s*$)|"
    r",\s*(?:आई\.?\s*ए\.?\s*एस|भा\.?\s*प्र\.?\s*से)\.?(?=[\s,;।]|$)|"
    r"\s*\((?:भा\.?\s*प्र\.?\s*से\.?|भा\.प्र\.से|आई\.?ए\.?एस\.?|ias|i\.a\.s\.?|jas|ips|kas|ras|pcs|hcs|"
    r"pcs-?i|ukpcs|bas|mpas|jkas|oas|acs|mcs|wbcs|irs)\)",
    re.I,
)
TITLE_DOT = _re(r"\b(dr|mr|mrs|ms|smti|smt|shri|sri|sh|er)\.")

# Words that end (head) a designation, and words that may stand inside one before its head.
_HEADS_HI = (
    r"\S*धिकारी|\S*धिकारियों|मैनेजर|प्रबंधक|\S*ायुक्त|आयुक्त|\S*धीश|समाहर्ता|\S*दंडाधिकारी|"
    r"\S*दण्डाधिकारी|मजिस्ट्रेट|अभियंता|इंजीनियर|सचिव|\S*अधीक्षक|कलक्टर|कलेक्टर|निदेशक|"
    r"\S*प्रबंधक|समन्वयक|प्रभारी|तहसीलदार|सर्जन|प्रतिनिधि|संचालक|निरीक्षक|अध्यक्ष|सदस्य|प्रमुख|विधायक|"
    r"सांसद|महापौर|लेखपाल|कर्मी|ऑपरेटर|विभागाध्यक्ष|एलडीएम|ईडीएम|डीटीओ|बीडीओ|सीओ|एसडीओ|"
    r"डीआईओ|एडीएम|एसडीएम|सीडीओ|डीएम|डीसी|सीएमओ|डीएसओ|डीपीआरओ|बीएसए|डीडीसी|सीईओ|ईओ|"
    r"सीएससी|यूआईडीएआई|यूआइडीएआइ|यूआइडीएआई|मैनेजर"
)
_MODIFIERS_HI = (
    r"जिला|जिले|अपर|उप|सह|एवं|व|नजारत|विशिष्ट|अनुभाजन|जनसंपर्क|सूचना|विज्ञान|परियोजना|शिक्षा|"
    r"पुलिस|नोडल|प्रखंड|अंचल|अनुमंडल|ई|ई-डिस्ट्रिक्ट|डिस्ट्रिक|डिस्ट्रिक्ट|मुख्य|विकास|अतिरिक्त|"
    r"वरिष्ठ|सहायक|संयुक्त|कोषागार|आपूर्ति|पूर्ति|खाद्य|कार्यपालक|अधिशासी|खंड|ग्राम|पंचायत|"
    r"पंचायती|राज|समाज|कल्याण|स्वास्थ्य|चिकित्सा|सिविल|बेसिक|कार्यक्रम|बाल|अग्रणी|बैंक|नगर|"
    r"निगम|पालिका|वन|प्रमंडल|उद्यान|सांख्यिकी|योजना|निर्वाचन|भूमि|सुधार|आधार|नायब|प्रशासनिक|"
    r"लोक|सेवा|निर्माण|विद्युत|जल|ग्रामीण|शहरी|पेयजल|आईटी|आई\.टी\.|सूचना\s*प्रौद्योगिकी|तकनीकी|"
    r"प्रौद्योगिकी|मत्स्य|पशुपालन|कृषि|श्रम|उद्योग|परिवहन|आबकारी|अल्पसंख्यक|पिछड़ा|वर्ग|"
    r"सामाजिक|सुरक्षा|महिला|पोषण|आईसीडीएस|मनरेगा|डीआरडीए|जिलाधिकारी|उपायुक्त|परिषद|राजस्व|"
    r"अनुविभागीय|उपखंड|उपखण्ड|कार्यकारी|मुख्यालय|सदर"
)
_LETTERS_HI = r"(?:डी|सी|आर|आई|आइ|एस|एम|पी|बी|ए|ई|जी|एल|एन|टी|यू|वी|के|एच|एफ|जे|डब्ल्यू|एक्स|वाई|ओ)"
_HEAD_HI = _re(rf"^(?:{_HEADS_HI}|{_LETTERS_HI}+(?:ओ|एम))$")
_PART_HI = _re(rf"^(?:{_HEADS_HI}|{_MODIFIERS_HI})$")
_HEADS_EN = (
    r"officers?|manager|magistrate|commissioner|engineer|director|secretary|collector|"
    r"representatives?|inspector|coordinator|head|chairman|chairperson|member|superintendent|"
    r"in-charge|incharge|officer-in-charge|tehsildar|surgeon|president|mla|mp|mayor|chief|"
    r"commissioner-cum-chairman|incharge|operator|registrar|controller|accountant|analyst|"
    r"\(?(?:dc|dm|adc|adm|sdm|sdo|bdo|co|ceo|cdo|cmo|cpo|dio|adio|edm|ldm|dpo|dso|"
    r"dpro|dswo|dho|deo|dsp|ssp|sp|ddc|vle|acr|acd|acp|xen|se|ee|ae|je|pwd|icds|csc|po|cho|"
    r"bmo|dmo|gm|agm|dgm|cdpo|dpo|deo|ceo|hod)s?\)?"
)
_MODIFIERS_EN = (
    r"district|additional|deputy|assistant|joint|chief|senior|executive|sub-divisional|"
    r"sub|divisional|block|tehsil|circle|panchayat|panchayati|raj|informatics|development|"
    r"education|health|medical|programme|program|project|nodal|e-district|lead|bank|rural|"
    r"urban|planning|statistical|supply|food|civil|social|welfare|women|child|ict|it|"
    r"information|public|relations|revenue|police|forest|municipal|labour|agriculture|"
    r"industries|employment|transport|election|treasury|accounts|works|power|jal|shakti|"
    r"cum|&|and|of|the|for|level|village|gram|e-governance|gm|dic|bsnl|nic|uidai|csc|icds|"
    r"pwd|r&b|phe|kpdcl|jpdcl|pmgsy|drda|nrlm|sbm|mgnrega|mnrega|ad|ac|cum-|state|aadhaar|"
    r"incharge|in-charge|headquarters|hq|sewa|kendra|dgr|drt|digital|network|pmgdisha|zila|"
    r"zilla|parishad|city|cum|sadar"
)
_HEAD_EN = _re(rf"^(?:{_HEADS_EN})[,.]?$")
_HYPHENATED = re.compile(r"-(?:cum-)?|\s*/\s*")
_PART_EN = _re(rf"^(?:{_HEADS_EN}|{_MODIFIERS_EN}|\(.*\)|(?-i:[A-Z]{{2,6}}s?))[,.]?$")
_ACRONYM = re.compile(r"^\(?[A-Z][A-Z&/.-]{1,8}s?\)?[,.]?$")
_DEVANAGARI = re.compile(r"[\u0900-\u097F]")


@functools.lru_cache(maxsize=4096)
def _hindi(text: str) -> bool:
    """Whether the words are written in Devanagari. Several steps ask it of the same word or
    list item (is it a head, a part of a designation, a name, which kind of item), so each
    string is looked at once (a note of one repeated phrase would otherwise be read six times
    over)."""
    return _DEVANAGARI.search(text) is not None


# Words a name never holds (a clause ran on past the name).
_NOT_NAME = _re(
    rf"{_START}(?:ने|द्वारा|की|के|का|को|में|से|पर|और|तथा|एवं|व|ही|भी|जो|था|थे|है|हैं|रहे|"
    r"बैठक|समीक्षा|सभागार|कार्यालय|जनपद|जिले|जिला|आज|दिनांक|सहित|अन्य|सोसाइटी|सोसाईटी|सोसायटी|"
    r"समिति|विभाग|पोर्टल|केंद्र|केन्द्र|society|committee|department|portal|centre|center|"
    rf"was|were|is|are|has|had|have|on|at|in|the|of|to|said|chaired|reviewed|held|also|"
    rf"today|here|while|who|with|along|besides|during|meeting|office|hall){_END}"
)


def is_head(word: str) -> bool:
    """Whether ``word`` ends a designation (अधिकारी, प्रबंधक, Officer, SDM, ADCs …)."""
    return _is_head(word)


def _is_head(word: str) -> bool:
    word = word.strip(",.;:")
    if _hindi(word):
        return bool(_HEAD_HI.match(word))
    if _HEAD_EN.match(word):
        return True
    parts = [p for p in _HYPHENATED.split(word) if p]  # "ADC-cum-CEO", "ADCs/SDM"
    return len(parts) > 1 and all(_is_part(p) for p in parts) and _is_head(parts[-1])


def _is_part(word: str) -> bool:
    word = word.strip(",.;:")
    if _hindi(word):
        return bool(_PART_HI.match(word) or _HEAD_HI.match(word))
    if _PART_EN.match(word) or _ACRONYM.match(word):
        return True
    parts = [p for p in _HYPHENATED.split(word) if p]
    return len(parts) > 1 and all(_PART_EN.match(p) or _ACRONYM.match(p) for p in parts)


def looks_like_name(text: str) -> bool:
    words = text.split()
    if not 1 <= len(words) <= 5 or _NOT_NAME.search(text) or any(map(_is_head, words)):
        return False
    if _hindi(text):
        return True
    return all(w[:1].isupper() or w in ("bin", "ul", "ud", "din", "de") for w in words)


def split_person(text: str, places: Sequence[str] = ()) -> Person:
    """ "उपायुक्त श्री X (भा.प्र.से.)" -> name X, designation उपायुक्त. Without an honorific the
    designation is the front run of designation words that ends on a head word, with a place
    that follows it (one of ``places``, or a word between the head and a comma); the rest is the
    name. "Title Place, Name" and "Name, Title" are split at the comma."""
    text = SERVICE.sub("", text).strip(" ,.;:")
    if match := _HONORIFIC.search(text):
        designation = text[: match.start()].strip(" ,") or None
        name = text[match.end() :].strip(" ,.") or None
        if designation is None and name and "," in name:  # "Dr. X, Chief Medical Officer"
            first, rest = (p.strip() for p in name.split(",", 1))
            if rest and not looks_like_name(rest):
                return Person(first, rest)
        return Person(name, designation)
    if "," in text:
        first, rest = (p.strip() for p in text.split(",", 1))
        if first and rest:
            if looks_like_name(rest) and not looks_like_name(first):  # "ADC Kathua, X"
                return Person(rest, first)
            if looks_like_name(first) and not looks_like_name(rest):  # "X, Deputy Commissioner"
                return Person(first, rest)
    words = text.split()
    cut = 0
    for index, word in enumerate(words):
        if _is_head(word) or (
            cut and _is_part(word) and index == cut and _is_head_after(words, index)
        ):
            cut = index + 1
    if cut == 0:
        return Person(text or None, None) if looks_like_name(text) else Person(None, text or None)
    while cut < len(words) - 1 and _ACRONYM.match(words[cut]):  # "पदाधिकारी UIDAI", "Manager CSC"
        cut += 1
    extra = cut
    while extra < len(words) and _is_part(words[extra]) and not _HONORIFIC.match(words[extra]):
        extra += 1  # "मुख्य कार्यकारी अधिकारी जिला परिषद रेखा चौधरी", "अधिकारी राजस्व"
    if extra > cut and (extra == len(words) or looks_like_name(" ".join(words[extra:]))):
        cut = extra
    if cut == len(words) - 1 and _ACRONYM.match(words[cut]) and _hindi(text):
        cut += 1  # "जिला परियोजना पदाधिकारी UIDAI": no name
    while cut < len(words) and words[cut].startswith("("):  # "(General)", "(वि/रा)"
        closing = next((i for i in range(cut, len(words)) if words[i].endswith(")")), None)
        if closing is None:
            break
        cut = closing + 1
    if cut < len(words) and _is_place(words[cut], places):
        cut += 1
    designation = " ".join(words[:cut]).strip(" ,") or None
    name = " ".join(words[cut:]).strip(" ,") or None
    return Person(name, designation)


def _is_head_after(words: list[str], index: int) -> bool:
    """Whether a head word follows ``index`` through designation words only."""
    for word in words[index:]:
        if _is_head(word):
            return True
        if not _is_part(word):
            return False
    return False


def _is_place(word: str, places: Sequence[str]) -> bool:
    word = word.strip(",")
    return any(word == place or word in place.split() for place in places if place)


# --- the chair ----------------------------------------------------------------------------------

_CHAIR_TITLE_HI = (
    r"उपायुक्त|जिलाधिकारी|जिला\s+कलक्टर|जिला\s+कलेक्टर|कलक्टर|कलेक्टर|जिला\s+दंडाधिकारी|"
    r"जिला\s+दण्डाधिकारी|समाहर्ता|डीसी|डीएम|जिला\s+मजिस्ट्रेट|मुख्य\s+विकास\s+अधिकारी|"
    r"उप\s+विकास\s+आयुक्त|अपर\s+जिलाधिकारी|अपर\s+समाहर्ता|अतिरिक्त\s+जिला\s+कलक्टर"
)
_CHAIR_TITLE_EN = (
    r"Deputy\s+Commissioner|District\s+Magistrate|District\s+Collector|Collector|"
    r"District\s+Development\s+Commissioner|Additional\s+Deputy\s+Commissioner|"
    r"Chief\s+Development\s+Officer|Additional\s+District\s+Magistrate|DC|DM|ADC|ADM|CDO|DDC"
)
_CHAIR_TITLE = _re(rf"{_START}(?:{_CHAIR_TITLE_HI})|\b(?:{_CHAIR_TITLE_EN})\b")

_CHAIR_HI = _re(r"(?P<who>[^।:]{3,160}?)\s+(?:की|के)\s+अध्यक्षता\s+में")
_CHAIR_EN = _re(
    r"\b(?:under\s+the\s+(?:chairmanship|chairpersonship|presidency|direction|leadership|"
    r"chair)\s+of|chaired\s+by|presided\s+(?:over\s+)?by)\s+(?P<who>[^.;]{3,140})"
)
# The subject of the meeting's verb.
_MEETING_VERB_HI = _re(
    r"समीक्षा\s+(?:की|करते|कर\s+रहे|बैठक)|बैठक\s+(?:ली|लेते|की|करते|आयोजित|आहूत)|बैठक\s+में|"
    r"बैठक\s+के\s+दौरान|निरीक्षण\s+किया|समीक्षा\s+के\s+दौरान|समीक्षा\s+में"
)
_SUBJECT_HI = _re(r"(?P<who>[^,।:()]{3,140}?)\s+(?:ने|द्वारा)\s")
_MEETING_VERB_EN = _re(
    r"\b(?:chaired|presided\s+over|reviewed|convened|held|conducted|took\s+stock|"
    r"took\s+a\s+(?:detailed\s+)?review|reviews|chairs|holds)\b"
)
_SUBJECT_EN = _re(
    r"^(?:[A-Z][\w\s]{0,30}?(?:,\s*[A-Za-z]+\.?\s+\d{1,2}|,\s*\d{1,2}\s+[A-Za-z]+\.?)?\s*[:\u2013-]\s*)?"
    r"(?P<who>.{3,160}?),?\s+(?:(?:on|this|last)\s+\w+day\s+|today\s+|here\s+(?:today\s+)?|"
    r"also\s+|yesterday\s+|on\s+\w+\s+)*(?:chaired|presided\s+over|reviewed|convened|held|"
    r"conducted|took\s+stock|took\s+a\s+(?:detailed\s+)?review)\b"
)
_LEAD_HI = _re(
    r"^.*?(?:को|में|गई|गया|हुई|आज|हुए|दौरान|पर)\s+(?=(?:\S+\s+){0,3}?(?:"
    rf"{_CHAIR_TITLE_HI}))"
)
_LEAD_EN = _re(
    r"^(?:the|today|here|also|meanwhile|on\s+\w+day)\s+",
)
# A district officer named with a name: "जिलाधिकारी नेहा शर्मा", "DC Rakesh Minhas".
_TITLE_NAME = _re(
    rf"(?P<who>{_START}(?:{_CHAIR_TITLE_HI})(?:\s+सह\s+\S+(?:\s+\S+)?)?\s+(?:\S+\s+){{1,4}}?)(?:ने|द्वारा|की|के|का|को|से|,)\s"
    rf"|(?P<en>\b(?:{_CHAIR_TITLE_EN})(?:\s*\((?:DC|DM)\))?,?\s+(?:(?-i:[A-Z])[\w.]*\s*,?\s+){{1,4}})"
)


def chair(text: str, found: Sequence[Found], places: Sequence[str]) -> tuple[Person, list[Person]]:
    """The chair and the other candidates, each with where it was found."""
    candidates: list[tuple[int, int, Person]] = []

    def add(strength: int, who: str, start: int, sentence: Found, lead: re.Pattern[str]) -> None:
        raw = lead.sub("", who).strip(" ,")
        if _hindi(raw) and (title := _CHAIR_TITLE.search(raw)) and title.start():
            raw = raw[title.start() :]  # "… लेकर जिलाधिकारी सुधा वर्मा": from the title on
        person = split_person(_tidy(raw), places)
        if not (person.name or person.designation):
            return
        if person.name and not looks_like_name(person.name):
            return
        if not person.name and not _CHAIR_TITLE.search(person.designation or ""):
            return
        person.source = _where(sentence, raw, person, max(0, start - sentence.start))
        begin = person.source.start if person.source else sentence.start
        rank = strength * 2 + (0 if _CHAIR_TITLE.search(person.designation or "") else 1)
        candidates.append((rank + (0 if person.name else 6), begin, person))

    for sentence in found:
        body = _plain(sentence.text)
        if "अध्यक्षता" in body:
            for match in _CHAIR_HI.finditer(body):
                add(0, match["who"], sentence.start + match.start("who"), sentence, _LEAD_HI_ALL)
        for match in _CHAIR_EN.finditer(body):
            who = _CLAUSE_END_EN.split(match["who"])[0]
            add(0, who, sentence.start + match.start("who"), sentence, _LEAD_EN)
        if _MEETING_VERB_HI.search(body):
            for match in _SUBJECT_HI.finditer(body):
                if _CHAIR_TITLE.search(match["who"]):
                    add(1, match["who"], sentence.start + match.start("who"), sentence, _LEAD_HI)
                    break
        subject = _SUBJECT_EN.match(body) if _MEETING_VERB_EN.search(body) else None
        if subject and _CHAIR_TITLE.search(subject["who"]):
            add(1, subject["who"], sentence.start + subject.start("who"), sentence, _LEAD_EN)
        for match in _TITLE_NAME.finditer(body):
            who = match["who"] or match["en"]
            add(2, who, sentence.start + match.start(), sentence, _LEAD_HI)
    candidates.sort(key=lambda c: (c[0], c[1]))
    people: list[Person] = []
    for _strength, _at, person in candidates:
        if not any(_same(person, other) for other in people):
            people.append(person)
    if not people:
        return Person(None, None), []
    chosen = people[0]
    # A title alone beside a named chair ("Or: Deputy Commissioner") offers nothing to choose.
    others = [p for p in people[1:] if p.name or not chosen.name]
    return chosen, others[:5]


def _where(sentence: Found, raw: str, person: Person, after: int) -> Found | None:
    """Where the sentence names the person: the words read (``raw``, which lost a service tag
    or a title's full stop and so may not stand in the sentence as they are), else from the
    designation to the end of the name, else the name alone."""
    text = sentence.text
    at = text.find(raw, after)
    if at >= 0:
        return Found(raw, sentence.start + at, sentence.start + at + len(raw))
    name_at = text.find(person.name, after) if person.name else -1
    if name_at < 0:
        return None
    end = name_at + len(person.name or "")
    title_at = text.rfind(person.designation, after, name_at) if person.designation else -1
    start = title_at if title_at >= 0 and name_at - title_at <= 80 else name_at
    return Found(text[start:end], sentence.start + start, sentence.start + end)


_CLAUSE_END_EN = _re(
    r"\s+(?:to|on|at|in|here|today|and)\s+|\s*,?\s+(?:was|were|is|has|had|who|which|held)\b"
)
_LEAD_HI_ALL = _re(r"^.*?(?:को|में|गई|गया|हुई|आज|दिनांक\s+\S+\s+\S+\s+\S+)\s+")


def _tidy(who: str) -> str:
    return " ".join(who.replace("(DC)", "").replace("(DM)", "").split()).strip(" ,")


def _plain(text: str) -> str:
    """The sentence with service tags dropped and titles' full stops made spaces (same length
    but for the tags)."""
    return TITLE_DOT.sub(r"\1 ", SERVICE.sub("", text))


def _same(a: Person, b: Person) -> bool:
    if a.name and b.name:
        return a.name == b.name or a.name in b.name or b.name in a.name
    return not a.name and not b.name and a.designation == b.designation


# --- who was present ----------------------------------------------------------------------------

# "बैठक में <list> उपस्थित थे": found as the two ends, not one pattern with a lazy ".+?" in
# the middle, which would try every start again and cost the square of the sentence.
_PRESENT_HI_HEAD = _re(r"(?:बैठक\s+में|मौके\s+पर|इस\s+अवसर\s+पर|इस\s+दौरान|बैठक\s+के\s+दौरान)\s+")
_PRESENT_HI_TAIL = _re(
    r"(?<![\s,])[\s,]+(?:(?:आदि|सहित|समेत|के\s+साथ|व|एवं|तथा)\s+)?(?:अन्य\s+(?:\S+\s+){0,4}?)?"
    r"(?:उपस्थित|मौजूद|शामिल)\s+(?:थे|थीं|रहे|रहीं|हुए|हुईं|रहे\s+थे)"
    r"|\s+(?:(?:वीसी|वीडियो\s+कॉन्फ्रेंसिंग|वीडियो\s+कांफ्रेंसिंग|ऑनलाइन|वर्चुअल(?:ी)?)\s+"
    r"(?:के\s+)?(?:माध्यम\s+से|जरिए|ज़रिए|द्वारा)?\s*)?जुड़े\s+(?:थे|रहे|हुए)"
    r"|(?<![\s,])[\s,]+(?:सहित|समेत)\s+(?:अन्य|सभी|संबंधित|सम्बन्धित)\s+\S*(?:धिकारी|कर्मी|कर्मचारी|सदस्य|"
    r"गण|लोग)\S*\s+(?:(?:एवं|व|तथा)\s+\S+\s+)?(?:भी\s+)?(?:रहे|थे)"
)
_PRESENT_EN_HEAD = _re(
    r"(?:participation\s+from\s+(?:key\s+)?officials,?\s+including|(?:was|were)\s+attended\s+by|"
    r"\battended\s+by|(?:those\s+)?present\s+(?:on\s+the\s+occasion\s+|in\s+the\s+meeting\s+|"
    r"at\s+the\s+meeting\s+|during\s+the\s+meeting\s+)?(?:were|included)|"
    r"(?:officials|officers)\s+present\s+(?:were|included)|among\s+(?:those\s+|the\s+officers\s+)?"
    r"present\s+(?:were|included)|others\s+present\s+(?:were|included)|"
    r"(?:also\s+)?present\s+(?:on\s+the\s+occasion\s+)?were|(?:meeting|review)\s+was\s+also\s+"
    r"attended\s+by|present\s+(?:in|at)\s+the\s+meeting\s*:)\s*:?\s*"
)
_PRESENT_EN_TAIL = _re(
    r"(?<![\s,])[\s,]+(?:besides|along\s+with|and\s+other|among\s+others|and\s+representatives?|"
    r"and\s+senior|and\s+officers|with\s+other)\b"
)
# "<list> were present": the list runs back from "were present" to the sentence's start.
_PRESENT_EN_AFTER = _re(
    r"(?<![\s,])[\s,]+(?:were|was)\s+(?:also\s+)?(?:present|among\s+those\s+present|in\s+attendance)\b"
    r"|(?<![\s,])[\s,]+(?:also\s+)?(?:attended|joined)\s+(?:the\s+meeting|virtually|through|via|online)"
)


def _lists_hi(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    at = start
    while tail := _PRESENT_HI_TAIL.search(text, at, end):
        heads = list(_PRESENT_HI_HEAD.finditer(text, at, tail.start()))
        begin = heads[-1].end() if heads else at  # the last opening before the close
        if begin < tail.start():
            yield begin, tail.start()
        at = tail.end()


def _lists_en(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    at = start
    while head := _PRESENT_EN_HEAD.search(text, at, end):
        tail = _PRESENT_EN_TAIL.search(text, head.end(), end)
        stop = tail.start() if tail else end
        yield head.end(), stop
        at = tail.end() if tail else end


def _lists_en_after(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    if (tail := _PRESENT_EN_AFTER.search(text, start, end)) is not None and tail.start() > start:
        yield start, tail.start()


_LIST_TAIL = re.compile(
    r"\s*(?:सहित\s+अन्य|आदि|सहित|समेत|के\s+अलावा|besides|along\s+with|and\s+other|among\s+others)"
    r"(?:\s.*)?$",
    re.I,
)
_LIST_SEPARATOR = re.compile(r",\s*|\s+(?:व|एवं|तथा|और|and)\s+|\s*;\s*")
_ITEM_LEAD = re.compile(r"(?i)^(?:and|एवं|तथा|also|the|besides|जबकि|while|whereas)\s+")
_BODIES = re.compile(
    r"(?i)^(?:representatives?|प्रतिनिधि|officials?\s+of|officers?\s+of|members?\s+of|"
    r"सभी|all\s+|other\s+|अन्य|संबंधित|सम्बन्धित|विभिन्न|various|इसके\s+(?:अतिरिक्त|अलावा)|"
    r"साथ\s+ही)|\b(?:of|from)\s+(?:all|the\s+other|other|various|each)\b|"
    r"(?:\s|^)(?:सभी|समस्त)\s"
)
_TIME_WORDS = re.compile(r"(?i)^(?:meanwhile|today|on\s+\w+day|यहां|आज)\b")
_LIST_SKIP = re.compile(r"(?i)^(?:उपस्थित|मौजूद|present|while|जबकि)\b")


# A heading over a list of lines: "बैठक में उपस्थित पदाधिकारी—", "Present:", "उपस्थित:".
_PRESENT_HEADING = _re(
    r"^(?:बैठक\s+में\s+)?(?:उपस्थित|मौजूद)\s*(?:पदाधिकारी|अधिकारी|सदस्य|गण)?\s*[—\u2013:-]*\s*$"
    r"|^(?:(?:officers?|officials?|those)\s+)?present(?:\s+in\s+the\s+meeting)?\s*[—\u2013:-]*\s*$"
)
_LINE_ITEM = re.compile(r"\s+[—\u2013-]\s+")
_HEADED_LINES = 30


def _headed_lists(text: str, found: Sequence[Found]) -> Iterator[tuple[int, int]]:
    """The lines under a "Present:" heading, each a list of one, until a line of prose."""
    index = 0
    while index < len(found):
        sentence = found[index]
        index += 1
        if len(sentence.text) > 60 or not _PRESENT_HEADING.match(sentence.text):
            continue
        taken = 0
        while index < len(found) and taken < _HEADED_LINES:
            line = found[index]
            if len(line.text.split()) > 9 or "\n" not in text[sentence.end : line.start + 1]:
                break
            yield line.start, line.end
            sentence = line
            index += 1
            taken += 1


def attendees(text: str, found: Sequence[Found], places: Sequence[str]) -> list[Person]:
    """Who was present, read sentence by sentence; each person's place in the text."""
    plain = TITLE_DOT.sub(r"\1 ", text)  # same length: offsets still point into the text
    people: list[Person] = []
    for start, end in _headed_lists(plain, found):
        _people_in(plain, start, end, people, places, dashed=True)
    for sentence in found:
        # A list both a Hindi and an English close would find is read once.
        spans = sorted(
            [
                *_lists_hi(plain, sentence.start, sentence.end),
                *_lists_en(plain, sentence.start, sentence.end),
            ]
        )
        reached = sentence.start
        for start, end in spans:
            start = max(start, reached)
            if start < end:
                _people_in(plain, start, end, people, places)
                reached = end
    if not people:
        for sentence in found:
            for start, end in _lists_en_after(plain, sentence.start, sentence.end):
                _people_in(plain, start, end, people, places)
    return people


def _shielded(listed: str) -> str:
    """Commas and spaces inside brackets hidden (same length), so that "अपर जिलाधिकारी (वित्त
    एवं राजस्व)" is not cut at "एवं"."""
    return re.sub(
        r"\([^()]{0,60}\)", lambda m: m.group(0).replace(",", "\x03").replace(" ", "\x02"), listed
    )


def _unshielded(item: str) -> str:
    return item.replace("\x03", ",").replace("\x02", " ")


def _people_in(
    text: str,
    start: int,
    end: int,
    people: list[Person],
    places: Sequence[str],
    dashed: bool = False,
) -> None:
    """The people named in the list ``text[start:end]``, each with its place in the text."""
    listed = _LIST_TAIL.sub("", text[start:end])
    if dashed:  # "उप विकास आयुक्त \u2013 सुनील कुमार बेसरा": one person, designation and name
        parts = _LINE_ITEM.split(listed.strip(" .;।"), maxsplit=1)
        items = [", ".join(parts)] if len(parts) == 2 else [listed]
    elif ";" in listed:  # "ADC Kathua, X; PO ICDS, Y": each item a designation and a name
        items = [
            _unshielded(item) for item in re.split(r"\s*;\s*|\s+and\s+(?=[A-Z])", _shielded(listed))
        ]
    else:
        items = _merged([_unshielded(i) for i in _LIST_SEPARATOR.split(_shielded(listed))])
    cursor = start
    groups = False
    for item in items:
        item = _ITEM_LEAD.sub("", item).strip(" ,.:")
        if not item or _TIME_WORDS.match(item) or _LIST_SKIP.match(item):
            continue
        if _BODIES.search(item):
            groups = True  # "इसके अतिरिक्त सभी अनुमंडल पदाधिकारी, प्रखंड विकास पदाधिकारी …"
            continue
        person = split_person(item, places)
        if person.name and not looks_like_name(person.name):
            continue
        if groups and not person.name:
            continue
        if not person.name and len(item.split()) > 6:
            continue
        at = text.find(item, cursor, end)
        if at >= 0:  # the item's own place in the text, for highlighting
            cursor = at + len(item)
            person.source = Found(item, at, cursor)
        people.append(person)


def _merged(items: list[str]) -> list[str]:
    """ "X, Deputy Commissioner, Y, SDM": a name followed by a bare designation (or a bare
    designation followed by a name, when the list starts so) is one person."""
    kinds = [_kind(item) for item in items]
    merged: list[str] = []
    index = 0
    name_first = next((k for k in kinds if k in ("name", "title")), "") == "name"
    while index < len(items):
        pair = kinds[index : index + 2]
        if pair == ["title", "both"] and _continues(items[index + 1]):
            merged.append(f"{items[index]}, {items[index + 1]}")
            index += 2
            continue
        if pair == (["name", "title"] if name_first else ["title", "name"]):
            merged.append(f"{items[index]}, {items[index + 1]}")
            index += 2
            continue
        merged.append(items[index])
        index += 1
    return merged


def _continues(item: str) -> bool:
    """ "Zila Parishad Mohit Kataria" after "ADC-cum-CEO": designation words, then a name."""
    words = _ITEM_LEAD.sub("", item).split()
    return (
        bool(words)
        and _is_part(words[0])
        and not _is_head(words[0])
        and not any(_is_head(w) for w in words)
    )


def _kind(item: str) -> str:
    item = _ITEM_LEAD.sub("", SERVICE.sub("", item)).strip(" ,.")
    if not item:
        return ""
    if _HONORIFIC.search(item):
        return "both"
    words = item.split()
    if all(_is_part(w) for w in words) and any(_is_head(w) for w in words):
        return "title"
    if _hindi(item):
        return "name" if looks_like_name(item) and not any(_is_part(w) for w in words) else "both"
    if looks_like_name(item) and all(w[:1].isupper() for w in words):
        return "name" if not any(_is_part(w) for w in words) else "both"
    return "both"
