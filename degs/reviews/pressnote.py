"""Reading a review meeting's press note or minutes, in Hindi, English or both: the district,
the meeting date, the chair, who attended, each explicit order with its addressee, deadline and
recurrence, and the figures reported. Pure functions over text; nothing touches the database.

The rules follow how official prose gives orders, not any one district's notes:

- An order is a clause with an ordering verb: निर्देश / निदेश दिया, निर्देशित / निदेशित किया,
  आदेश दिया, निर्णय लिया; a request in the subjunctive or imperative of an officer's duty
  (सुनिश्चित करें, किया जाए, कराया जाए); "directed", "instructed", "ordered", "asked to",
  "told to", "decided to", "instructions / directions were given to". Exhortations (आग्रह,
  अपील, अनुरोध, "urged", "emphasised", "stressed", "appealed", "encouraged") are not orders, and
  nor is general guidance with no content ("आवश्यक दिशा-निर्देश दिया").
- An order's text is what is ordered: after "कि" when the verb leads ("निर्देश दिया कि …"),
  else the clause up to and with the verb, without its speaker ("उपायुक्त द्वारा"). Orders
  listed with commas before one verb ("… करने, … करने का निदेश दिया") are one each.
- The addressee is the one told: "X को" before the order in Hindi when X names a post or a
  group of officials, the subject of "was directed / asked to" in English.
- Deadlines and recurrences are found with ``degs.reviews.deadlines``: a span already past
  ("पिछले तीन महीने") is never a deadline, and figures stay figures.
- Photo captions ("IMG 20240725 WA0005"), web page furniture ("Popular posts", "Share this")
  and a headline repeated as the first paragraph are dropped before reading.

Reading takes time in proportion to the text's length. Lines are cleaned with patterns that
look at each character a fixed number of times; every other pattern runs on one sentence at a
time, and a sentence is cut into pieces of at most ``MAX_SENTENCE`` characters, so no pattern
ever sees more than that (a pattern with a lazy ``.+?`` costs the square of the span it is given,
which is then a constant). ``WHOLE_LINE_PATTERNS`` lists the few that see a whole line or the
whole text. The import refuses a text longer than ``sources.max_chars()`` before it gets here.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from degs.core.text import WORD_END, WORD_START, ascii_digits, nfc, text_pattern
from degs.reviews.deadlines import (
    WEEKDAY_PATTERN,
    WEEKDAYS,
    find_deadline,
    find_recurrence,
    written_dates,
)

_START, _END, _nfc, _re = WORD_START, WORD_END, nfc, text_pattern


# --- the result ---------------------------------------------------------------------------------


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


@dataclass
class Order:
    text: str
    sentence: Found
    responsible: str | None = None
    post: str | None = None  # the directory's designation code it most likely means
    deadline_phrase: str | None = None
    recurrence_phrase: str | None = None
    recurrence: str = ""  # daily, weekly, monthly


@dataclass
class Figure:
    text: str
    value: int
    sentence: Found
    programme: str = ""  # the programme it most likely concerns (PROGRAMMES), or ""


@dataclass
class Reading:
    """What was read. Each of the district, the date and the chair carries where it was found
    (``*_source``, ``chair.source``) and the other candidates the reader weighed, best first,
    so that the review page can show the place and offer the others as one-click corrections."""

    text: str  # the cleaned text every offset refers to
    district: str | None = None
    district_source: Found | None = None  # where the district was named (as written there)
    district_candidates: list[Found] = field(default_factory=list)  # text: the district's name
    meeting_date: dt.date | None = None
    date_phrase: str | None = None
    date_source: Found | None = None
    chair: Person = field(default_factory=lambda: Person(None, None))
    chair_candidates: list[Person] = field(default_factory=list)  # others, each with its source
    attendees: list[Person] = field(default_factory=list)
    orders: list[Order] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)


# --- cleaning -------------------------------------------------------------------------------------

_CAPTION = _re(
    r"^(?:img|dsc|pxl|photo|image|wa)[\s_-]*\d{4,}[\w\s.-]*$|^(?:scaled|photo|फोटो|तस्वीर)$"
)
_FURNITURE = _re(
    r"^(?:popular\s+posts?|related\s+posts?|recent\s+posts?|share\s+this|like\s+this|subscribe"
    r"|newsletter|follow\s+us|read\s+more|advertisement|tags?\s*:|also\s+read|यह\s+भी\s+पढ़ें"
    r"|शेयर\s+करें|ताज़ा\s+खबर|ताजा\s+खबर|लोकप्रिय)"
)
_BULLET = re.compile("^[\\s■□●•◦▪▫◆◇►▶➤✓✔*#>\\-\u2013\u2014]+")
_TRAILING = "*■"  # stripped from a line's end with white space (a pattern would rescan runs)
_CAPTION_LENGTH = 120  # a caption is a file name: longer lines are never one
_SPACES = re.compile(r"\s+")
_NOT_WORD = re.compile(r"\W+")


def _strip_end(line: str) -> str:
    end = len(line)
    while end and (line[end - 1].isspace() or line[end - 1] in _TRAILING):
        end -= 1
    return line[:end]


def clean_lines(text: str) -> list[str]:
    """The note's lines worth reading: bullets and asterisks stripped, captions, page
    furniture and repeated lines dropped."""
    seen: set[str] = set()
    lines = []
    for raw in _nfc(text).replace("\r", "\n").split("\n"):
        line = _strip_end(_BULLET.sub("", raw.strip())).replace("*", " ").strip()
        line = _SPACES.sub(" ", line)
        if (
            not line
            or (len(line) <= _CAPTION_LENGTH and _CAPTION.match(line))
            or _FURNITURE.match(line)
        ):
            continue
        key = _NOT_WORD.sub("", line.lower())
        if key in seen:
            continue
        seen.add(key)
        lines.append(line)
    return lines


# --- sentences ------------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"[।॥!?]+|\.(?=\s|$)")
_WORDS = re.compile(r"\S+")

# The longest span any pattern is given: a longer sentence is read in pieces cut at a space.
# Three times the longest sentence of the shipped samples (392 characters).
MAX_SENTENCE = 1200


def sentences(text: str) -> list[Found]:
    """Sentences with their offsets: split at the danda, ?, ! and a full stop that ends a word
    (not one inside "भा.प्र.से.", "Dr.", "2.0" or "21.02.2025"). A sentence longer than
    ``MAX_SENTENCE`` is cut at the last space that keeps each piece within it."""
    found: list[Found] = []
    start = 0
    word_starts: list[int] | None = None  # where each word starts, made at the first full stop
    for match in _SENTENCE_END.finditer(text):
        if match.group(0) == ".":
            if word_starts is None:
                word_starts = [word.start() for word in _WORDS.finditer(text)]
            word = _word_before(text, word_starts, match.start())
            if "." in word or len(word) <= 2 or word.lower() in _ABBREVIATIONS:
                continue
        _add(found, text, start, match.end())
        start = match.end()
    _add(found, text, start, len(text))
    return found


def _word_before(text: str, word_starts: list[int], at: int) -> str:
    """The word that ends at ``at`` ("" after a space), found by bisection, not by rescanning
    the text before it."""
    if at == 0 or text[at - 1].isspace():
        return ""
    return text[word_starts[bisect.bisect_right(word_starts, at - 1) - 1] : at]


_ABBREVIATIONS = {"dr", "mr", "mrs", "ms", "shri", "smt", "no", "st", "vs", "etc", "sri", "km"}


def _add(found: list[Found], text: str, start: int, end: int) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped:
        return
    offset = start + piece.index(stripped)
    while len(stripped) > MAX_SENTENCE:
        cut = stripped.rfind(" ", 1, MAX_SENTENCE + 1)
        cut = cut if cut > 0 else MAX_SENTENCE
        head = stripped[:cut].rstrip()
        found.append(Found(head, offset, offset + len(head)))
        rest = stripped[cut:]
        offset += cut + len(rest) - len(rest.lstrip())
        stripped = rest.lstrip()
    found.append(Found(stripped, offset, offset + len(stripped)))


# --- vocabulary -----------------------------------------------------------------------------------

HONORIFICS = (
    "श्री",
    "श्रीमती",
    "सुश्री",
    "डॉ०",
    "डॉ.",
    "डॉ",
    "डा०",
    "डा0",
    "डा.",
    "shri",
    "sri",
    "smt",
    "smt.",
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
)
_HONORIFIC = _re(
    rf"{_START}(?:{'|'.join(re.escape(h) for h in sorted(HONORIFICS, key=len, reverse=True))})"
    rf"(?=[\s.])\.?\s*"
)
_SERVICE = re.compile(r"\s*\((?:भा\.?\s*प्र\.?\s*से\.?|भा\.प्र\.से|ias|i\.a\.s\.?|jas|ips)\)", re.I)

# Words that make a phrase a post or a group of officials (the addressee of an order).
_OFFICIAL_WORDS = _re(
    rf"{_START}(?:पदाधिकारी|पदाधिकारियों|अधिकारी|अधिकारियों|मैनेजर|प्रबंधक|संचालक|संचालकों|"
    r"प्रतिनिधि|प्रतिनिधियों|अभियंता|अभियंताओं|इंजीनियर|इंजीनियरों|सचिव|कर्मी|कर्मियों|"
    r"उपायुक्त|आयुक्त|समाहर्ता|दंडाधिकारी|दण्डाधिकारी|संबंधित|सम्बन्धित|ऑपरेटर|ऑपरेटरों|"
    r"वीएलई|समन्वयक|प्रभारी|बीडीओ|सीओ|एसडीओ|डीआईओ|ईडीएम|एलडीएम|नोडल|"
    r"officers?|officials?|managers?|operators?|representatives?|engineers?|secretar(?:y|ies)|"
    r"staff|in-charge|incharge|coordinators?|vles?|bdos?|cos|sdos?|dio|edm|heads?|"
    rf"commissioner|magistrate|collector|directors?|inspectors?|superintendents?){_END}"
)

# Designation words (to tell a designation from the name after it when there is no honorific).
_DESIGNATION_HEAD_EN = _re(
    r"^(?:officer|manager|magistrate|commissioner|engineer|director|secretary|collector|"
    r"representative|inspector|coordinator|head|chairman|chairperson|member|superintendent|"
    r"in-charge|incharge|ldm|edm|dio|adio|bdo|co|sdo|sdm|ddc|adc|dc|dm|vle|"
    r"commissioner-cum-chairman|officer-in-charge)$"
)
_DESIGNATION_HI = _re(
    r"^(?:.*पदाधिकारी|.*अधिकारी|.*मैनेजर|.*प्रबंधक|.*आयुक्त|.*उपायुक्त|.*समाहर्ता|"
    r".*दंडाधिकारी|.*दण्डाधिकारी|.*अभियंता|.*इंजीनियर|.*सचिव|.*उपाधीक्षक|.*अधीक्षक|"
    r"एलडीएम|ईडीएम|डीटीओ|बीडीओ|सीओ|एसडीओ|डीआईओ|सीएससी|यूआईडीएआई|यूआइडीएआइ|UIDAI|"
    r"जिला|अपर|उप|सह|नजारत|विशिष्ट|अनुभाजन|जनसंपर्क|सूचना|विज्ञान|परियोजना|शिक्षा|पुलिस|"
    r"नोडल|प्रखंड|अंचल|अनुमंडल|ई|डिस्ट्रिक|डिस्ट्रिक्ट|मैनेजर)$"
)

# Addressee words -> the directory's designation code (data/designations.csv).
_POSTS = [
    (
        _re(
            r"सीएससी\s*(?:जिला\s*)?(?:मैनेजर|प्रबंधक)|जिला\s+प्रबंधक\s+सीएससी|csc\s+(?:district\s+)?manager|district\s+manager,?\s+csc"
        ),
        "csc_dm",
    ),
    (_re(r"जिला\s+सूचना\s+विज्ञान|डीआईओ|district\s+informatics\s+officer|\bdio\b"), "dio"),
    (_re(r"ई-?\s?डिस्ट्रिक्?ट?\s+मैनेजर|ईडीएम|e-?district\s+manager|\bedm\b"), "edm"),
    (
        _re(
            r"नेटवर्क\s+इंजीनियर|network\s+engineer|jharnet\s+engineer|झारनेट\s+(?:के\s+)?(?:इंजीनियर|अभियंता)"
        ),
        "network_engineer",
    ),
    (_re(r"उप\s+विकास\s+आयुक्त|deputy\s+development\s+commissioner|\bddc\b"), "ddc"),
    (_re(r"प्रखंड\s+विकास\s+पदाधिकार[ीि]|बीडीओ|block\s+development\s+officer|\bbdos?\b"), "bdo"),
    (_re(r"अंचल\s+(?:अधिकार[ीि]|पदाधिकार[ीि])|सीओ|circle\s+officer"), "co"),
    (_re(r"अनुमंडल\s+पदाधिकार[ीि]|एसडीओ|sub-?divisional\s+officer|\bsdos?\b"), "sdo"),
    (_re(r"जिला\s+पंचायती?\s+राज|district\s+panchayati?\s+raj"), "dpo_pr"),
    (_re(r"यूआ[ईइ]डीएआ[ईइ]|uidai"), "uidai_dpo"),
    (_re(r"जनसंपर्क|public\s+relations"), "dpro"),
    (_re(r"पंचायत\s+सचिव|panchayat\s+secretar"), "panchayat_secretary"),
]

# --- orders ---------------------------------------------------------------------------------------

# The ordering verb. "दिशा-निर्देश" is guidance and is refused separately.
_ORDER_HI = _re(
    r"(?:निर्देश|निदेश|आदेश)\s+(?:दिया|दी|दिये|दिए)(?:\s+(?:गया|गई|गयी|गए|गये))?(?:\s+है)?"
    r"|(?:निर्देशित|निदेशित|आदेशित)\s+(?:किया|की|किये|किए)(?:\s+(?:गया|गई|गयी|गए|गये))?"
    r"|(?:निर्णय|फैसला)\s+(?:लिया|ली|लिये|लिए)(?:\s+(?:गया|गई|गयी|गए|गये))?"
    r"|(?:निर्देश|निदेश)\s+(?:देते\s+हुए|दिया\s+कि)"
)
_GUIDANCE_HI = _re(r"दिशा[-\s]?(?:निर्देश|निदेश)")
# Duty in the subjunctive / imperative: "सुनिश्चित करें", "किया जाए", "कराया जाए".
_DUTY_HI = _re(
    rf"(?:सुनिश्चित\s+(?:करें|करेंगे|करे|करना|किया\s+जाए|किया\s+जाय|कराया\s+जाए|कराएं|कराएँ)"
    rf"|(?:किया|कराया|की|करायी|कराई|किये|किए)\s+(?:जाए|जाय|जाये|जाएं|जायें)){_END}"
)
# "उपायुक्त ने कहा कि सभी अधिकारी समय पर कार्यालय आएं": a polite imperative after "कहा कि".
_SAID_HI = _re(r"(?:कहा)\s+कि\s+(?P<body>.+?\S(?:ें|एं|एँ|ें))\s*[।.]?\s*$")
_ORDER_EN = _re(
    r"\b(?:(?:was|were|is|are|been|be)\s+(?:also\s+)?(?:directed|instructed|ordered|asked|told|"
    r"mandated|requested\s+to\s+ensure)\s+to"
    r"|(?:directed|instructed|ordered|asked|told)\s+(?:the\s+|all\s+)?[\w\s,'-]{1,80}?\s+to"
    r"|(?:was|were|it\s+was|has\s+been)\s+(?:also\s+)?(?:decided|resolved)\s+(?:to|that)"
    r"|(?:decided|resolved|directed|instructed|ordered)\s+that"
    r"|(?:instructions?|directions?|directives?|orders?|guidelines?)\s+(?:were|was|have\s+been|"
    r"has\s+been)\s+(?:also\s+)?(?:given|issued|provided|passed)\s+(?:to|for)\b)"
)
_EXHORT = _re(
    rf"{_START}(?:आग्रह|अपील|अनुरोध|प्रेरित|उत्साहित){_END}|\b(?:urged|emphasi[sz]ed|stressed|"
    r"appealed|encouraged|requested|highlighted|underlined|advised)\b"
)
_SPEAKER_HI = _re(
    r"^.*?(?:उपायुक्त|जिलाधिकारी|जिला\s+दंडाधिकारी|जिला\s+दण्डाधिकारी|समाहर्ता|अध्यक्ष|डीसी|"
    r"कलक्टर|कलेक्टर|डीएम|आयुक्त|"
    r"उन्होंने|उनके)(?:\s+\S+)?\s+(?:द्वारा|ने)\s+"
)
_LEAD_EN = _re(
    r"^(?:furthermore|moreover|additionally|also|further|besides|then|and)\s*,?\s*",
)
_KO = _re(r"^(?P<who>(?:(?!द्वारा)\S+\s+){0,5}?(?!द्वारा)\S+)\s+को\s+")
_CONNECTIVE_HI = _re(r",?\s*साथ\s+ही(?:\s+साथ)?\s*,?\s*")


def _orders_in(sentence: Found) -> list[Order]:
    text = sentence.text
    if _EXHORT.search(text) and not (_ORDER_HI.search(text) or _ORDER_EN.search(text)):
        return []
    if _ORDER_EN.search(text):
        return _english_orders(sentence)
    orders = []
    for clause in _CONNECTIVE_HI.split(text):
        orders += _hindi_orders(clause, sentence)
    return orders


def _hindi_orders(clause: str, sentence: Found) -> list[Order]:
    clause = clause.strip(" ,;:-")
    verb = _ORDER_HI.search(clause)
    if verb is None and (said := _SAID_HI.search(clause)) and not _DUTY_HI.search(clause):
        body = said["body"]
        return [_order(body, sentence, _addressee_hi(body))]
    if verb is None:
        duty = _DUTY_HI.search(clause)
        if duty is None or _GUIDANCE_HI.search(clause):
            return []
        body = _SPEAKER_HI.sub("", clause).strip(" ,")
        agent = re.match(r"^(?P<who>\S+(?:\s+\S+){0,4}?)\s+द्वारा\s", body)
        who = _official(agent["who"]) if agent else _addressee_hi(body)
        return [_order(body, sentence, who)]
    before, after = clause[: verb.start()], clause[verb.end() :]
    if _GUIDANCE_HI.search(clause[max(0, verb.start() - 12) : verb.end()]):
        return []  # "आवश्यक दिशा-निर्देश दिया": guidance, no content
    that = re.match(r"\s*(?:कि|की)\s+(.+)$", after)
    if that:  # "X को निर्देश दिया कि …"
        told = _SPEAKER_HI.sub("", before).strip(" ,")
        named = re.search(r"(?P<who>[^,]{2,80}?)\s+को\s*$", told)
        body = that.group(1).strip(" ,")
        return [_order(body, sentence, _official(named["who"]) if named else _addressee_hi(body))]
    body = _SPEAKER_HI.sub("", before).strip(" ,") + " " + verb.group(0)
    body = re.sub(r"^.*?(?:समीक्षा|क्रम)\s+में\s+", "", body) if "द्वारा" not in body else body
    return [_order(part, sentence, _addressee_hi(part)) for part in _split_listed(body)]


def _split_listed(body: str) -> list[str]:
    """ "A करने, B करने का निदेश दिया": each listed order on its own (the last keeps the verb)."""
    parts = re.split(r"(?<=ने),\s+(?=\S)", body)
    return [p.strip(" ,") for p in parts if len(p.split()) >= 3]


def _addressee_hi(body: str) -> str | None:
    match = _KO.match(body)
    return _official(match["who"]) if match else None


def _official(who: str) -> str | None:
    who = who.strip(" ,")
    return who if _OFFICIAL_WORDS.search(who) else None


_EN_SUBJECT = _re(
    r"^(?P<who>.{2,120}?)\s+(?:was|were|is|are|has\s+been|have\s+been)\s+(?:also\s+)?"
    r"(?:directed|instructed|ordered|asked|told)\s+to\b"
)
_EN_OBJECT = _re(
    r"\b(?:directed|instructed|ordered|asked|told)\s+(?P<who>(?:the\s+|all\s+)?[\w\s,'-]{1,80}?)\s+to\b"
)
_EN_CLAUSE_START = _re(
    r"(?:^|,\s*|;\s*|\bwhere\s+|\bwhile\s+|\band\s+)(?=(?:it\s+was\s+decided|instructions?\s|"
    r"directions?\s|necessary\s+guidelines?|guidelines?\s))"
)


def _english_orders(sentence: Found) -> list[Order]:
    text = sentence.text.rstrip(" .")
    start = 0
    if (match := _EN_CLAUSE_START.search(text)) is not None and match.end() > 0:
        start = match.end()
    body = _LEAD_EN.sub("", text[start:]).strip(" ,")
    who = None
    if subject := _EN_SUBJECT.match(body):
        who = re.split(
            r"\s+(?:working|posted|in|of|from|at|across|who|serving)\s+", subject["who"]
        )[0]
    elif obj := _EN_OBJECT.search(body):
        who = obj["who"]
    if who and not _OFFICIAL_WORDS.search(who):
        who = None
    parts = re.split(r"\.\s+(?=[A-Z])", body)
    return [_order(parts[0], sentence, who)]


def _order(body: str, sentence: Found, who: str | None) -> Order:
    body = body.strip(" ,;:।॥")
    order = Order(text=body, sentence=sentence, responsible=who)
    order.post = _post_of(who or "")
    order.deadline_phrase = find_deadline(body)
    if found := find_recurrence(body):
        order.recurrence_phrase, order.recurrence = found
        if order.deadline_phrase and _WEEKDAY_WORD.search(order.deadline_phrase):
            order.deadline_phrase = None  # "प्रत्येक माह के प्रथम सोमवार को": the day it repeats
    return order


_WEEKDAY_WORD = _re(WEEKDAY_PATTERN)


def _post_of(who: str) -> str | None:
    for pattern, code in _POSTS:
        if pattern.search(who):
            return code
    return None


# --- chair, attendees, date, district, figures ----------------------------------------------------

_CHAIR_HI = _re(r"(?P<who>[^।:]{3,160}?)\s+(?:की|के)\s+अध्यक्षता\s+में")
_CHAIR_HI_BY = _re(
    r"(?:^|[:।]\s*)(?P<who>(?:उपायुक्त|जिलाधिकारी|जिला\s+दंडाधिकारी|समाहर्ता)[^।:]{0,80}?)\s+द्वारा\s"
)
_CHAIR_EN = _re(
    r"\b(?:under\s+the\s+(?:chairmanship|chairpersonship|presidency|direction|leadership|"
    r"chair)\s+of|chaired\s+by|presided\s+(?:over\s+)?by)\s+(?P<who>[^.,;]{3,120})"
)


def split_person(text: str) -> Person:
    """ "उपायुक्त श्री X (भा.प्र.से.)" -> name X, designation उपायुक्त; without an honorific the
    designation's words are taken from the front and the rest is the name."""
    text = _SERVICE.sub("", text).strip(" ,.")
    if match := _HONORIFIC.search(text):
        designation = text[: match.start()].strip(" ,") or None
        name = text[match.end() :].strip(" ,.") or None
        return Person(name, designation)
    words = text.split()
    pattern = _DESIGNATION_HI if re.search(r"[\u0900-\u097F]", text) else _DESIGNATION_HEAD_EN
    cut = 0
    for index, word in enumerate(words):
        if pattern.match(word.strip(",")):
            cut = index + 1
    if cut == 0:
        return Person(None, text or None)
    designation = " ".join(words[:cut]) or None
    name = " ".join(words[cut:]) or None
    return Person(name, designation)


_TITLE_DOT = _re(r"\b(dr|mr|mrs|ms|smt|shri|sri)\.")


def _char_before(text: str, at: int) -> str:
    """The last character before ``at`` that is not white space ("" at the start)."""
    while at and text[at - 1].isspace():
        at -= 1
    return text[at - 1] if at else ""


_CHAIR_LEAD = _re(r"^.*?(?:को|में|गई|गया|हुई|आज|दिनांक\s+\S+\s+\S+\s+\S+)\s+")


def _chair(text: str, found: Sequence[Found]) -> Person:
    """The chair, read sentence by sentence (a sentence is at most ``MAX_SENTENCE`` long)."""
    bodies = [_TITLE_DOT.sub(r"\1 ", _SERVICE.sub("", s.text)) for s in found]
    for pattern, word in ((_CHAIR_HI, "अध्यक्षता"), (_CHAIR_EN, "")):
        for body in bodies:
            if word not in body:
                continue  # the pattern cannot match: spare it the sentence
            for match in pattern.finditer(body):
                who = _CHAIR_LEAD.sub("", match["who"])
                person = split_person(who.strip())
                if person.designation or person.name:
                    return person
    for sentence, body in zip(found, bodies, strict=True):
        # "^" of the pattern is the text's start; a sentence elsewhere starts after a danda.
        first = sentence.start == 0 or _char_before(text, sentence.start) in "।:"
        for by in _CHAIR_HI_BY.finditer(body):
            if by.start() > 0 or first or body[:1] in "।:":
                return split_person(by["who"])
    return Person(None, None)


# "बैठक में <list> उपस्थित थे": the list is what lies between the first such opening and the
# first "उपस्थित थे" after it. Found as the two ends, not as one pattern with a lazy ".+?" in
# the middle, which would try every start again and cost the square of the sentence.
_PRESENT_HI_HEAD = _re(r"(?:बैठक\s+में|मौके\s+पर|इस\s+अवसर\s+पर)\s+")
_PRESENT_HI_TAIL = _re(r"\s+(?:आदि\s+)?(?:उपस्थित|मौजूद)\s+(?:थे|थीं|रहे|रहीं|हुए)")
_PRESENT_EN = _re(
    r"(?:participation\s+from\s+(?:key\s+)?officials,?\s+including|attended\s+by|"
    r"present\s+(?:were|in\s+the\s+meeting\s+were)|(?:officials|officers)\s+present\s+(?:were|included))"
    r"\s+(?P<list>[^.]+)"
)
# "<list> were present": the list runs back from "were present" to the full stop before it.
_PRESENT_EN_AFTER = _re(r"\s+(?:were|was)\s+(?:also\s+)?present\b")


def _lists_hi(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    at = start
    while head := _PRESENT_HI_HEAD.search(text, at, end):
        tail = _PRESENT_HI_TAIL.search(text, head.end() + 1, end)
        if tail is None:
            return
        yield head.end(), tail.start()
        at = tail.end()


def _lists_en(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    for match in _PRESENT_EN.finditer(text, start, end):
        yield match.span("list")


def _lists_en_after(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    at = start
    while tail := _PRESENT_EN_AFTER.search(text, at + 1, end):
        begins = max(at, text.rfind(".", at, tail.start()) + 1)
        if begins < tail.start():
            yield begins, tail.start()
            at = tail.end()
        else:  # a full stop just before "were present": the list must start after it
            at = begins


_LIST_TAIL = re.compile(r"\s*(?:सहित\s+अन्य|आदि|सहित)(?:\s.*)?$")
_LIST_SEPARATOR = re.compile(r",\s*|\s+(?:व|एवं|तथा|और|and)\s+")
_ITEM_LEAD = re.compile(r"(?i)^(?:and|एवं|तथा)\s+")
_BODIES = re.compile(r"(?i)^(?:representatives?|प्रतिनिधि)\b")
_OTHERS = re.compile(r"(?i)^(?:अन्य|other|all)\b")


def _attendees(text: str, found: Sequence[Found]) -> list[Person]:
    """Who was present, read sentence by sentence; each person's place in the text."""
    text = _TITLE_DOT.sub(r"\1 ", text)  # same length: offsets still point into the text
    people: list[Person] = []
    for lists in (_lists_hi, _lists_en, _lists_en_after):
        for sentence in found:
            for start, end in lists(text, sentence.start, sentence.end):
                _people_in(text, start, end, people)
        if people:
            return people
    return people


def _people_in(text: str, start: int, end: int, people: list[Person]) -> None:
    """The people named in the list ``text[start:end]``, each with its place in the text."""
    listed = _LIST_TAIL.sub("", text[start:end])
    items = _LIST_SEPARATOR.split(listed)
    cursor = start
    for item in items:
        item = _ITEM_LEAD.sub("", item).strip(" ,.")
        if _BODIES.match(item):
            break  # "and representatives from CSC, …": bodies, not people
        if not item or _OTHERS.match(item) or len(item.split()) > 9:
            continue
        person = split_person(item)
        at = text.find(item, cursor, end)
        if at >= 0:  # the item's own place in the text, for highlighting
            cursor = at + len(item)
            person.source = Found(item, at, cursor)
        people.append(person)


_RELATIVE = _re(rf"{_START}(?P<word>आज|today|yesterday|कल|बीते\s+कल){_END}|{WEEKDAY_PATTERN}")
_MEETING_WORDS = _re(r"बैठक|meeting|समीक्षा|review")


def _date_in(text: str, published: dt.date | None) -> tuple[dt.date, str] | None:
    """The first date written in ``text``; without a year, the last such day on or before
    the publication date (none without one)."""
    for match, day, month, year in written_dates(text):
        if year is None and published is None:
            continue
        try:
            found = dt.date(year or published.year, month, day)  # type: ignore[union-attr]
        except ValueError:
            continue
        if year is None and published is not None and found > published:
            found = found.replace(year=found.year - 1)
        return found, match.group(0).strip()
    return None


def _meeting_date(
    found: Sequence[Found], published: dt.date | None
) -> tuple[dt.date | None, str | None]:
    ordered = sorted(found, key=lambda s: not _MEETING_WORDS.search(s.text))
    for sentence in ordered:
        if result := _date_in(ascii_digits(sentence.text), published):
            return result
    if published is None:
        return None, None
    for sentence in ordered:
        if match := _RELATIVE.search(sentence.text):
            said = match.group(0)
            word = said.lower()
            if word in ("आज", "today"):
                return published, said
            if word in ("yesterday", "कल", "बीते कल"):
                return published - dt.timedelta(days=1), said
            weekday = WEEKDAYS[nfc(word)]
            return published - dt.timedelta(days=(published.weekday() - weekday) % 7), said
    return None, None


def _district(text: str, found: Sequence[Found], districts: Iterable[str]) -> str | None:
    """The district named first, preferring one named beside "उपायुक्त", "जिला", "district" or
    a colon (a dateline); else the word after "उपायुक्त" / "जिलाधिकारी"."""
    names = sorted({_nfc(d) for d in districts if d}, key=len, reverse=True)
    best: tuple[int, int, str] | None = None  # weight, where the name is first found, the name
    for name in names:
        at = _first_word(text, name)
        if at < 0:
            continue
        context = text[max(0, at - 12) : at + len(name) + 8]
        weight = 0 if _DISTRICT_CONTEXT.search(context) else 1
        if best is None or (weight, at) < best[:2]:
            best = (weight, text.find(name), name)
    if best:
        return best[2]
    for sentence in found:
        if title := _DISTRICT_TITLE.search(text, sentence.start, sentence.end):
            return title["name"] if title["name"] not in _NOT_PLACES else None
    return None


_DISTRICT_CONTEXT = re.compile(r"उपायुक्त|जिल|district|deputy commissioner|:", re.I)


@functools.lru_cache(maxsize=256)
def _whole_word(name: str) -> re.Pattern[str]:
    return re.compile(rf"{_START}{re.escape(name)}{_END}")


def _first_word(text: str, name: str) -> int:
    """Where ``name`` first stands as a whole word in ``text``, or -1. Each place the name is
    found is checked with its neighbours only, so the text is read once per name."""
    pattern, at = _whole_word(name), text.find(name)
    while at >= 0:
        if pattern.match(text, at, min(len(text), at + len(name) + 1)):
            return at
        at = text.find(name, at + 1)
    return -1


_DISTRICT_TITLE = re.compile(r"(?:उपायुक्त|जिलाधिकारी)\s+(?P<name>[\u0900-\u097F]{3,})(?=\s|,)")


# Words that follow "उपायुक्त" without being a district ("उपायुक्त द्वारा", "उपायुक्त सह …").
_NOT_PLACES = {"द्वारा", "ने", "सह", "के", "की", "को", "से", "कार्यालय", "प्रकोष्ठ", "महोदय", "श्री"}


_FIVE_WORDS = re.compile(r"\S+(?:\s+\S+){0,4}")
_FIGURE = re.compile(r"(?<![\w.,/-])(?P<value>\d{1,3}(?:,\d{2,3})+|\d+)(?![\w.,/-]*\d)")


# The programmes a reported figure may concern: code, English and Hindi label, and the words
# that name it. The first programme named in the figure's sentence is offered.
PROGRAMMES = (
    ("digital_literacy", "PMGDISHA digital literacy", "पीएमजीदिशा डिजिटल साक्षरता",
     r"pmgdisha|digital\s+literacy|डिजिटल\s+साक्षरता|दिशा\s+अभियान"),
    ("aadhaar", "Aadhaar", "आधार", r"aadhaar|aadhar|uidai|आधार|यूआ[ईइ]डीएआ[ईइ]"),
    ("certificates", "e-District certificates", "ई-डिस्ट्रिक्ट प्रमाण पत्र",
     r"certificates?|jhar\s?sewa|jharseva|e-?district|प्रमाण\s?-?पत्र|सर्टिफिकेट|झारसेवा|आवेदन"),
    ("centres", "Citizen service centres", "नागरिक सेवा केंद्र",
     r"\bcscs?\b|pragya\s+kendra|common\s+service|सीएससी|प्रज्ञा\s+के[ंन्]द्र|कॉमन\s+सर्विस"),
    ("pds", "Ration (PDS)", "राशन (पीडीएस)", r"ration|\bpds\b|राशन"),
    ("connectivity", "Connectivity", "कनेक्टिविटी",
     r"bharat\s?net|jharnet|internet|broadband|भारत\s?नेट|झारनेट|इंटरनेट|नेटवर्क"),
    ("e_office", "e-Office", "ई-ऑफिस", r"e-?office|ई-?ऑफिस"),
    ("panchayats", "Panchayats", "पंचायत", r"panchayats?|पंचायत"),
)  # fmt: skip
_PROGRAMME_PATTERNS = [(code, _re(words)) for code, _en, _hi, words in PROGRAMMES]


def _programme_of(text: str) -> str:
    found = [(m.start(), code) for code, p in _PROGRAMME_PATTERNS if (m := p.search(text))]
    return min(found)[1] if found else ""


def _figures(text: str, found: Sequence[Found], orders: Sequence[Order]) -> list[Figure]:
    """Numbers reported in the note with the words after them; a number inside an order
    ("प्रत्येक माह 60 प्रज्ञा केंद्र का निरीक्षण") is part of the order, not a figure. A
    sentence that names no programme takes the one named before it in its paragraph ("… अभियान
    के तहत … । जिसमें 51196 छात्रों का पंजीकरण …")."""
    ordered: dict[int, list[str]] = {}
    for order in orders:
        ordered.setdefault(order.sentence.start, []).append(order.text)
    figures = []
    programme, last_end = "", 0
    for sentence in found:
        if "\n" in text[last_end : sentence.start]:
            programme = ""  # a new paragraph
        programme = _programme_of(sentence.text) or programme
        last_end = sentence.end
        plain = ascii_digits(sentence.text)
        for match, *_date in list(written_dates(plain)):  # a date is not a figure
            plain = plain[: match.start()] + " " * len(match.group(0)) + plain[match.end() :]
        for match in _FIGURE.finditer(plain):
            value = int(match["value"].replace(",", ""))
            after = plain[match.end() : match.end() + 8]  # spaces, then "%", ".5", "-" or "बजे"
            if 1900 <= value <= 2100 or value < 2 or re.match(r"\s*(?:%|\.\d|-|बजे)", after):
                continue
            if any(
                (at := sentence.text.find(part)) >= 0 and at <= match.start() < at + len(part)
                for part in ordered.get(sentence.start, [])
            ):
                continue
            words = _FIVE_WORDS.match(plain, match.start())
            figures.append(
                Figure(
                    " ".join(words.group(0).split()) if words else "", value, sentence, programme
                )
            )
    return figures


# Patterns that see a whole line (cleaning it, finding its sentence ends) or the whole text
# (a title's full stop): each looks at a character a fixed number of times, whatever the
# length. Every other pattern is given one sentence, at most MAX_SENTENCE characters, or less.
WHOLE_LINE_PATTERNS = frozenset(
    pattern.pattern
    for pattern in (_BULLET, _SPACES, _NOT_WORD, _FURNITURE, _SENTENCE_END, _WORDS, _TITLE_DOT)
)


# --- the whole -------------------------------------------------------------------------------------


def read_note(
    raw: str, *, published: dt.date | None = None, districts: Iterable[str] = ()
) -> Reading:
    """Everything read out of a press note or minutes (see the module's note)."""
    lines = clean_lines(raw)
    text = "\n".join(lines)
    found = [
        s for line_start, line in _line_offsets(lines) for s in _shift(sentences(line), line_start)
    ]
    reading = Reading(text=text)
    reading.district = _district(text, found, districts)
    reading.meeting_date, reading.date_phrase = _meeting_date(found, published)
    reading.chair = _chair(text, found)
    reading.attendees = _attendees(text, found)
    for sentence in found:
        reading.orders += _orders_in(sentence)
    reading.figures = _figures(text, found, reading.orders)
    return reading


def _line_offsets(lines: Sequence[str]) -> list[tuple[int, str]]:
    offsets, at = [], 0
    for line in lines:
        offsets.append((at, line))
        at += len(line) + 1
    return offsets


def _shift(found: list[Found], by: int) -> list[Found]:
    return [Found(f.text, f.start + by, f.end + by) for f in found]
