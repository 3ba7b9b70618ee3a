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
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from degs.core.text import WORD_END, WORD_START, ascii_digits, nfc, text_pattern
from degs.reviews import pressnote_people as people
from degs.reviews import pressnote_places as places
from degs.reviews.deadlines import (
    WEEKDAY_PATTERN,
    WEEKDAYS,
    deadline_spans,
    find_deadline,
    find_recurrence,
    written_dates,
)
from degs.reviews.pressnote_people import Found, Person, split_person  # noqa: F401

_START, _END, _nfc, _re = WORD_START, WORD_END, nfc, text_pattern


# --- the result ---------------------------------------------------------------------------------


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
            if (
                "." in word
                or (len(word) <= 2 and not word.isdigit())
                or word.lower() in _ABBREVIATIONS
            ):
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


_ABBREVIATIONS = {
    "dr", "mr", "mrs", "ms", "shri", "smt", "smti", "sh", "er", "no", "st", "vs", "etc", "sri", "km",
}  # fmt: skip


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

# Words that make a phrase a post or a group of officials (the addressee of an order).
# Words that make a phrase a group of officials (the addressee of an order) beside the
# designations ``people.is_head`` knows.
_OFFICIAL_WORDS = _re(
    rf"{_START}(?:संबंधित|सम्बन्धित|विभागों|विभाग|विभागाध्यक्षों|कार्यालयाध्यक्षों|\S*ध्यक्षों|"
    r"कर्मचारियों|कर्मियों|संचालकों|ऑपरेटरों|वीएलई|प्रतिनिधियों|अभियंताओं|इंजीनियरों|सचिवों|"
    r"तहसीलदारों|लेखपालों|निरीक्षकों|प्रबंधकों|समन्वयकों|प्रभारियों|"
    r"officers?|officials?|managers?|operators?|representatives?|engineers?|secretar(?:y|ies)|"
    r"staff|in-charge|incharge|coordinators?|vles?|departments?|heads?|hods|concerned|"
    rf"tehsildars|inspectors|superintendents|entrepreneurs|banks?){_END}"
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

_PASSIVE = r"(?:\s+(?:गया|गई|गयी|गए|गये))?(?:\s+(?:हैं|है|था|थे))?(?![\u0900-\u0963\u0966-\u097F])"
# The ordering verb. "दिशा-निर्देश" is guidance and is refused separately.
_ORDER_HI = _re(
    rf"(?:निर्देश|निदेश|आदेश)\s+(?:दिया|दी|दिये|दिए){_PASSIVE}"
    rf"|(?:निर्देशित|निदेशित|आदेशित|पाबंद|पाबन्द)\s+(?:किया|की|किये|किए){_PASSIVE}"
    rf"|(?:निर्णय|फैसला)\s+(?:लिया|ली|लिये|लिए){_PASSIVE}"
    r"|(?:निर्देश|निदेश)\s+(?:देते\s+हुए|दिया\s+कि)"
    r"|(?:निर्देशित|पाबंद)\s+करते\s+हुए(?:\s+कहा)?"
    rf"|(?:की|करने\s+की|कराने\s+की)\s+बात(?:\s+भी)?\s+कही{_END}"
    rf"|(?:को|के\s+लिए|हेतु)\s+कहा(?:\s+(?:गया|गई))?{_END}"
    rf"|(?<!न्हों)(?<=ने)\s+कहा(?:\s+(?:गया|गई))?{_END}(?!\s+कि)"
)
_GUIDANCE_HI = _re(r"दिशा[-\s]?(?:निर्देश|निदेश)")
# "आवश्यक निर्देश दिए": guidance with nothing ordered, when nothing else is said.
_BARE_HI = _re(
    rf"{_START}(?:आवश्यक|समुचित|उचित|जरूरी|ज़रूरी|संबंधित|सम्बन्धित|अन्य|कई|विभिन्न|महत्वपूर्ण)"
    rf"\s+(?:निर्देश|निदेश){_END}"
)
_FINITE = (
    r"(?:जाए|जाएं|जाएँ|जाय|जायें|जाये|करें|कराएं|कराएँ|करवाएं|करेंगे|करे|दें|लें|भेजें|रखें|"
    r"बनाएं|लगाएं|लगवाएं|बनवाएं|जोड़ें|हटाएं|पहुंचाएं|पहुँचाएं|दिलाएं|रहें|बरतें|लाएं)"
)
# Duty in the subjunctive / imperative: "सुनिश्चित करें", "किया जाए", "लगवाए जाएं".
_DUTY_HI = _re(
    rf"(?:सुनिश्चित\s+(?:करें|करेंगे|करे|करना|किया\s+जाए|किया\s+जाय|कराया\s+जाए|कराएं|कराएँ)"
    rf"|\S+[ाेीएईय]\s+(?:जाए|जाय|जाये|जाएं|जायें|जाएँ)"
    rf"|{_START}(?:करें|कराएं|कराएँ|करवाएं|भेजें|रखें|बनाएं|लगवाएं|बनवाएं|जोड़ें|दें|लें)\s*$){_END}"
)
# Two duties joined: "… लगवाए जाएं तथा … जोड़ा जाए" are two orders.
_JOINED_HI = _re(rf"{_FINITE}{_END}(?P<cut>\s*,?\s+(?:तथा|एवं|और|व)\s+|\s*,\s*)(?=\S)")
# "A करने, B करने एवं C करने के निर्देश": listed orders before one verb.
_LISTED_HI = _re(
    r"(?<!अप)(?<!हो)(?<!रह)(?<!साम)(?<!मिल)(?<!आ)(?<=ने)(?P<cut>,\s*(?:(?:तथा|एवं|और|व)\s+)?|"
    r"\s+(?:तथा|एवं|और|व)\s+)(?=\S)"
)
_PURPOSE_HI = _re(rf"{_START}(?:ताकि|जिससे|जिसमें|यदि|अगर|जब){_END}")
# "उपायुक्त ने कहा कि सभी अधिकारी समय पर कार्यालय आएं": a polite imperative after "कहा कि".
_SAID_HI = _re(r"कहा\s+कि\s+")
# What leads into an order without being part of it.
_LEAD_HI = _re(
    r"^.*(?:जिस\s+पर|इस\s+पर|इसलिए|अतः|अत:|इसके\s+लिए|करते\s+हुए|के\s+दौरान|समीक्षा\s+में|"
    r"क्रम\s+में|पाया\s+गया\s+कि[^,]*,|बताया\s+गया\s+कि[^,]*,|,\s*वहीं|के\s+बावजूद|"
    r"(?:होने|रहने|जाने|मिलने|आने)\s+पर|शिकायतों\s+पर|शिकायत\s+पर)\s*,?\s*"
)
# "ई-ऑफिस के संबंध में निर्देश दिए गए": a topic and a verb, nothing ordered.
_TOPIC_HI = _re(r"(?:के\s+संबंध\s+में|के\s+सम्बन्ध\s+में|के\s+बारे\s+में)(?:\s+भी)?$")
_TOPIC_ONLY_HI = _re(
    r"^(?:(?:\S+\s+){0,16}?(?:के\s+संबंध\s+में|के\s+सम्बन्ध\s+में|के\s+बारे\s+में|पर|हेतु|के\s+लिए|"
    r"को)(?:\s+भी)?)?$"
)
_ADJECTIVES_HI = _re(
    r"\s+(?:सख्त|कड़े|कड़ा|कड़ाई\s+से|स्पष्ट|आवश्यक|समुचित|जरूरी|ज़रूरी|उचित|आवश्यक\s+एवं\s+उचित)\s*$"
)
_ORDER_EN = _re(
    r"\b(?:(?:was|were|is|are|been|be)\s+(?:also\s+)?(?:directed|instructed|ordered|asked|told|"
    r"mandated|requested\s+to\s+ensure)\s+to"
    r"|(?:directed|instructed|ordered|asked|told)\s+(?:the\s+|all\s+)?[\w\s,'()/&.-]{0,80}?\s*to\b"
    r"|(?:was|were|it\s+was|has\s+been)\s+(?:also\s+)?(?:decided|resolved)\s+(?:to|that)"
    r"|(?:decided|resolved|directed|instructed|ordered)\s+(?:[\w\s]{1,40}?\s+)?that"
    r"|\bsaid\s+that\b(?=.{0,300}\bshould\s+(?:not\s+)?be\s+\w+(?:ed|en|wn|ne)\b)"
    r"|(?:instructions?|directions?|directives?|orders?|guidelines?)\s+(?:were|was|have\s+been|"
    r"has\s+been)\s+(?:also\s+)?(?:given|issued|provided|passed)\s+(?:to|for)\b)"
)
_EXHORT = _re(
    rf"{_START}(?:आग्रह|अपील|अनुरोध|प्रेरित|उत्साहित|नसीहत){_END}|\b(?:urged|emphasi[sz]ed|stressed|"
    r"appealed|encouraged|requested|highlighted|underlined|advised|impressed\s+upon)\b"
)
_SPEAKER_HI = _re(
    r"^.*?(?:(?:उपायुक्त|जिलाधिकारी|जिला\s+दंडाधिकारी|जिला\s+दण्डाधिकारी|समाहर्ता|अध्यक्ष|डीसी|"
    r"कलक्टर|कलेक्टर|डीएम|आयुक्त)(?:\s+\S+){0,4}?\s+(?:द्वारा|ने)|उन्होंने|उनके\s+द्वारा)\s+"
)
# "… का निदेश नेटवर्क इंजीनियर, झारनेट को दिया गया": the addressee between noun and verb.
_ORDER_TO_HI = _re(
    r"(?:का|के|की)\s+(?:निर्देश|निदेश|आदेश)\s+(?P<who>[^।]{2,80}?)\s+को\s+(?:दिया|दी|दिये|दिए)"
    r"(?:\s+(?:गया|गई|गयी|गए|गये))?(?:\s+(?:हैं|है))?(?![\u0900-\u0963\u0966-\u097F])"
)
_LEAD_EN = _re(
    r"^(?:furthermore|moreover|additionally|also|further|besides|then|and)\s*,?\s*",
)
_KO = _re(r"^(?P<who>(?:(?!द्वारा)\S+\s+){0,7}?(?!द्वारा)\S+)\s+को\s+")
_SE_HI = _re(r"^(?P<who>(?:\S+\s+){0,5}?\S+)\s+से\s+(?=.*(?:(?:को|के\s+लिए)\s+कहा|बात\s+कही))")
_AGENT_HI = _re(r"^(?P<who>\S+(?:\s+\S+){0,5}?)\s+द्वारा\s")
_CONNECTIVE_HI = _re(r",?\s*साथ\s+ही(?:\s+साथ)?\s*,?\s*")
# "X से … करवाने को कहा तथा इसकी रिपोर्ट … प्रस्तुत करने के निर्देश दिए": two verbs, two clauses.
_AFTER_VERB_HI = _re(
    r"(?:निर्देश\s+(?:दिया|दिए|दिये|दी)|को\s+कहा|बात(?:\s+भी)?\s+कही|निर्देशित\s+(?:किया|की|किए))"
    r"(?:\s+(?:गया|गई|गए))?(?P<cut>\s+(?:तथा|एवं|और)\s+)(?=\S)"
)


def _orders_in(sentence: Found) -> list[Order]:
    text = sentence.text
    if _EXHORT.search(text) and not (_ORDER_HI.search(text) or _ORDER_EN.search(text)):
        return []
    if _ORDER_EN.search(text):
        return _english_orders(sentence)
    orders = []
    for clause in _CONNECTIVE_HI.split(text):
        for part in _cut_at(_AFTER_VERB_HI, clause):
            orders += _hindi_orders(part, sentence)
    return orders


def _hindi_orders(clause: str, sentence: Found) -> list[Order]:
    clause = clause.strip(" ,;:-")
    if (to := _ORDER_TO_HI.search(clause)) and _official(to["who"]):
        body = _LEAD_HI.sub("", _SPEAKER_HI.sub("", clause[: to.start()])).strip(" ,")
        return [_order(f"{body} {to.group(0)}", sentence, _official(to["who"]))]
    verb = _ORDER_HI.search(clause)
    if verb is None:
        if _GUIDANCE_HI.search(clause) or _PURPOSE_HI.search(clause[-60:]):
            return []
        said = _SAID_HI.search(clause)
        body = clause[said.end() :] if said else _SPEAKER_HI.sub("", clause)
        polite = said is not None and re.search(r"\S(?:ें|एं|एँ)\s*[।.]?\s*$", body)
        if not (_DUTY_HI.search(body) or polite):
            return []
        return _duties(_LEAD_HI.sub("", body).strip(" ,"), sentence)
    before, after = clause[: verb.start()], clause[verb.end() :]
    if _GUIDANCE_HI.search(clause[max(0, verb.start() - 12) : verb.end()]):
        return []  # "आवश्यक दिशा-निर्देश दिया": guidance, no content
    that = re.match(r"\s*(?:,\s*)?(?:कि|की)\s+(.+)$", after)
    if that:  # "X को निर्देश दिया कि …"
        told = _ADJECTIVES_HI.sub("", _SPEAKER_HI.sub("", before).strip(" ,"))
        named = re.search(r"(?P<who>[^,]{2,80}?)\s+(?:को|से)\s*$", told)
        who = _official(_tail(named["who"])) if named else None
        return _duties(that.group(1).strip(" ,"), sentence, who)
    spoken = _SPEAKER_HI.sub("", before).strip(" ,")
    rest = _LEAD_HI.sub("", _ADJECTIVES_HI.sub("", spoken)).strip(" ,")
    tail = re.split(r",|\s(?:और|तथा|एवं)\s", rest)[-1].strip()
    if _BARE_HI.search(clause[max(0, verb.start() - 14) : verb.end()]):
        if _TOPIC_ONLY_HI.match(tail) or _TOPIC_ONLY_HI.match(rest):
            return []  # "संबंधित अधिकारियों को समुचित निर्देश दिए": nothing ordered
    elif _TOPIC_HI.search(rest) or (
        re.fullmatch(r"(?:\S+\s+){0,6}\S+\s+को", tail) and _official(tail[:-3]) and tail == rest
    ):
        return []  # "ई-ऑफिस के संबंध में निर्देश दिए गए", "अधिकारियों को निर्देश दिए"
    body = _LEAD_HI.sub("", spoken).strip(" ,") + " " + verb.group(0)
    if "द्वारा" not in body:
        body = re.sub(r"^.*?(?:समीक्षा|क्रम)\s+में\s+", "", body)
    who_se = _SE_HI.match(body)
    ko = re.search(r"(?P<who>\S+(?:\s+\S+){0,5})\s+को\s*$", spoken)
    last = _official(_tail(ko["who"])) if ko else None
    orders = []
    parts = _merge_short(_cut_at(_LISTED_HI, body))
    for part in parts:
        who = _official(who_se["who"]) if who_se else _addressee_hi(part)
        who = who or last
        if who is None and len(parts) > 1:
            who = _addressee_hi(parts[0])
        orders.append(_order(part, sentence, who))
    return orders


def _cut_at(pattern: re.Pattern[str], text: str) -> list[str]:
    """``text`` cut where ``pattern``'s group "cut" stands, the cut itself dropped."""
    parts, at = [], 0
    for match in pattern.finditer(text):
        parts.append(text[at : match.start("cut")])
        at = match.end("cut")
    parts.append(text[at:])
    return parts


def _merge_short(parts: list[str]) -> list[str]:
    """Pieces of fewer than three words are not orders of their own: they join the next."""
    merged: list[str] = []
    carry = ""
    for part in parts:
        part = (carry + " " + part).strip() if carry else part.strip(" ,")
        if len(part.split()) < 3:
            carry = part
            continue
        carry = ""
        merged.append(part)
    if carry:
        if merged:
            merged[-1] += " " + carry
        else:
            merged.append(carry)
    return merged


def _duties(body: str, sentence: Found, who: str | None = None) -> list[Order]:
    """One order per duty joined by "तथा / एवं" ("… लगवाए जाएं तथा … जोड़ा जाए"); each
    keeps the addressee told, or names its own agent ("X द्वारा …")."""
    orders = []
    parts: list[str] = []
    body = body.strip(" ,।.")
    for part in _cut_at(_JOINED_HI, body):  # a piece after a comma is an order only with its verb
        if parts and not _DUTY_HI.search(part) and not _ORDER_HI.search(part):
            parts[-1] += ", " + part
        else:
            parts.append(part)
    for part in _merge_short(parts):
        agent = _AGENT_HI.match(part)
        own = _official(agent["who"]) if agent else _addressee_hi(part)
        orders.append(_order(part, sentence, own or who))
    return orders


_BOUNDARY_HI = {
    "पर", "ने", "गई", "गया", "गए", "हुए", "कि", "में", "उन्होंने",
    "इसलिए", "अतः", "साथ", "ही", "भी", "बाद",
}  # fmt: skip


def _tail(who: str) -> str:
    """The addressee at the end of a longer run: "इस पर नाराजगी व्यक्त की गई तथा सभी
    उपजिलाधिकारियों" -> "सभी उपजिलाधिकारियों" (after the last clause word, at most six words)."""
    words = who.split()[-6:]
    for index in range(len(words) - 1, -1, -1):
        if words[index] in _BOUNDARY_HI:
            rest = words[index + 1 :]
            while rest and rest[0] in ("तथा", "एवं", "और", "व"):
                rest = rest[1:]
            return " ".join(rest) or who
    return " ".join(words)


def _addressee_hi(body: str) -> str | None:
    match = _KO.match(body)
    if match is None:
        match = _SE_HI.match(body)
    return _official(match["who"]) if match else None


def _official(who: str) -> str | None:
    who = who.strip(" ,")
    if _OFFICIAL_WORDS.search(who) or any(people.is_head(w) for w in who.split()):
        return who
    return None


_EN_SUBJECT = _re(
    r"^(?P<who>.{2,120}?)\s+(?:was|were|is|are|has\s+been|have\s+been)\s+(?:also\s+)?"
    r"(?:directed|instructed|ordered|asked|told)\s+to\b"
)
_EN_OBJECT = _re(
    r"\b(?:directed|instructed|ordered|asked|told)\s+(?P<who>(?:the\s+|all\s+)?[\w\s,'()/&.-]{1,80}?)\s+to\b"
)
_EN_ISSUED_TO = _re(
    r"^(?:(?:necessary|appropriate|required|suitable|strict|clear|specific|the|all)\s+)?(?:instructions?|directions?|directives?|orders?|guidelines?)\s+(?:were|was|have\s+been|"
    r"has\s+been)\s+(?:also\s+)?(?:given|issued|provided|passed)\s+to\s+(?P<who>(?:the\s+|all\s+)"
    r"?[\w\s,'()/&.-]{1,80}?)(?:\s+to\b|$)"
)
# The order begins after these: "directed the ADCs/SDM to | that", "was asked to".
_EN_ACTION = _re(
    r"^.*?\b(?:(?:directed|instructed|ordered|asked|told)\s+(?:(?:the\s+|all\s+)?"
    r"[\w\s,'()/&.-]{1,80}?\s+)??(?:to|that)\b|said\s+that\b|(?:decided|resolved)\s+(?:to|that)|"
    r"(?:given|issued|provided|passed)\s+(?:to|for)(?:\s+(?:the\s+|all\s+)?[\w\s,'()/&.-]{1,80}?"
    r"\s+to\b)?)\s+"
)
_EN_CLAUSE_START = _re(
    r"(?:^|,\s*|;\s*|\bwhere\s+|\bwhile\s+|\band\s+)(?=(?:it\s+was\s+decided|instructions?\s|"
    r"directions?\s|necessary\s+guidelines?|guidelines?\s))"
)
# Actions an order joins with "and": "complete X within a week and submit a report by the 20th".
_ACTIONS_EN = (
    r"submit|complete|clear|ensure|send|share|upload|prepare|conduct|hold|organi[sz]e|set\s+up|"
    r"get|make|take|install|restore|repair|replace|deploy|start|begin|open|close|cancel|verify|"
    r"identify|place|hand\s+over|furnish|provide|issue|dispose|resolve|update|link|seed|enrol|"
    r"enroll|register|train|survey|inspect|visit|monitor|report|display|put|fill|appoint|"
    r"designate|create|generate|expedite|speed\s+up|digiti[sz]e|scan|release|pay|disburse|"
    r"recover|remove|rectify|fix|check|map|track|maintain|keep|apprise|inform|intimate|forward|"
    r"publish|paste|ensure|settle|attend|shift|relocate|procure|purchase|allot|allocate|"
    r"distribute|deliver|give|mark|attach|collect|compile|analy[sz]e|return|not\s+to\s+\w+|"
    r"initiate|launch|switch|migrate|convert|operationali[sz]e|activate|upgrade|submit"
)
_JOINED_EN = _re(
    rf"\s*,?\s+(?:and|as\s+well\s+as)\s+(?=(?:to\s+|also\s+|then\s+)?(?:{_ACTIONS_EN})\b)"
    r"|\s*,?\s+and\s+that\s+|\s*,?\s+and\s+(?=to\s+\w)"
    # "… be completed within three days and the certificates be issued by 10 December"
    r"|\s*,?\s+and\s+(?=(?:the\s+|all\s+|its\s+|their\s+)?[\w'\s-]{1,60}?\s+(?:be|should|must|shall)"
    r"\s+(?:be\s+)?\w+(?:ed|en|wn|ne)\b)"
)


_NEXT_ORDER_EN = _re(
    r"(?P<cut>\s*,?\s+(?:and|while|whereas)\s+(?:also\s+)?)(?=(?:he\s+|she\s+)?(?:directed|instructed|"
    r"ordered|asked|told)\b)|(?P<cut2>\s*[,;]\s+)(?=(?:while\s+)?(?:the|all)\s+[^,;]{2,80}?\s+(?:was|were)\s+"
    r"(?:also\s+)?(?:directed|instructed|ordered|asked|told)\b)"
)


def _english_orders(sentence: Found) -> list[Order]:
    """Each ordering clause of the sentence on its own: "He told X to … and ordered that …"."""
    text = sentence.text.rstrip(" .")
    orders: list[Order] = []
    at = 0
    for match in _NEXT_ORDER_EN.finditer(text):
        cut = match.span("cut") if match["cut"] is not None else match.span("cut2")
        orders += _english_clause(text[at : cut[0]], sentence)
        at = cut[1]
    return orders + _english_clause(text[at:], sentence)


def _english_clause(text: str, sentence: Found) -> list[Order]:
    if not _ORDER_EN.search(text):
        return []
    start = 0
    if (match := _EN_CLAUSE_START.search(text)) is not None and match.end() > 0:
        start = match.end()
    body = _LEAD_EN.sub("", text[start:]).strip(" ,")
    who = None
    issued = _EN_ISSUED_TO.match(body)
    if subject := _EN_SUBJECT.match(_clause_of(body)):
        who = re.split(
            r"\s+(?:working|posted|in|of|from|at|across|who|serving)\s+", subject["who"]
        )[0]
        pieces = re.split(r",\s*", who)  # "On the new room, the Executive Engineer (PWD)"
        who = next(
            (
                ", ".join(pieces[i:])
                for i in range(len(pieces) - 1, -1, -1)
                if _official(", ".join(pieces[i:]))
            ),
            pieces[-1],
        )
        who = _official(pieces[-1]) or who
    elif issued and _named_group(issued["who"]):
        who = issued["who"]
    elif obj := _EN_OBJECT.search(body):
        who = obj["who"]
    if who:
        who = _told(who)
    elif agent := _EN_AGENT.search(body):
        who = agent["who"]
    action = _EN_ACTION.match(body)
    if action is None:
        return [_order(body, sentence, who)]
    rest = body[action.end() :].strip()
    if issued and not issued.group(0).rstrip().endswith("to") and _named_group(issued["who"]):
        return []  # "Necessary directions were given to the concerned officers": nothing ordered
    if len(rest.split()) < 2:
        return []
    orders = []
    for part in _JOINED_EN.split(rest):
        part = re.sub(r"^(?:to|also|then)\s+", "", part.strip(" ,"))
        if len(part.split()) >= 2:
            orders.append(_order(part, sentence, who))
    return orders


_EN_AGENT = _re(
    r"\bbe\s+\w+(?:ed|en|wn)\s+by\s+(?P<who>(?:the\s+|all\s+)?(?-i:[A-Z])[\w\s&()/-]{1,60}?)"
    r"(?=\s+(?:every|within|by|before|on|in|at|for|and|regularly)\b|\s*[,;]|\s*$)"
)
_PRONOUNS = {"him", "her", "them", "it", "they", "he", "she", "everyone", "all"}


def _told(who: str) -> str | None:
    """Whom an English order names by its syntax (the object of "directed X to", the subject
    of "X was asked to"): a noun phrase of up to ten words, named by an article, "all", or a
    capital ("the Tahasildars", "The District IT Cell", "the CDM & PHO"); not a pronoun."""
    words = who.split()
    if not words or len(words) > 10 or who.lower() in _PRONOUNS:
        return None
    first = words[0]
    if first[:1].isupper() or first.lower() in ("the", "all", "each", "every", "concerned"):
        return who
    return _official(who)


def _named_group(who: str) -> bool:
    """ "the concerned officers", "all Heads of Departments": the addressee, not an action
    ("rectify errors at Aadhaar centres")."""
    first = who.split()[0] if who.split() else ""
    starts = first[:1].isupper() or first.lower() in (
        "the", "all", "concerned", "respective", "each", "every", "various", "these", "those"
    )  # fmt: skip
    return starts and _official(who) is not None


def _clause_of(body: str) -> str:
    """The clause that holds the order: after a lead-in phrase ending in a comma ("On the new
    VC room, the Executive Engineer was told to …")."""
    verb = re.search(
        r"\b(?:was|were|is|are|has\s+been|have\s+been)\s+(?:also\s+)?"
        r"(?:directed|instructed|ordered|asked|told)\b",
        body,
    )
    if verb is None:
        return body
    comma = body.rfind(",", 0, verb.start())
    while comma >= 0:
        if _official(body[comma + 1 : verb.start()]):
            return body[comma + 1 :].strip()
        comma = body.rfind(",", 0, comma)
    return body


# A sentence that only says when the order before it is due: "This should be completed by the
# end of July.", "यह कार्य अगले सोमवार तक पूर्ण किया जाए।", "These works should be completed …".
_ANAPHOR = _re(
    r"^(?:this|these|it|all\s+this|the\s+same|the\s+(?:work|works|task|exercise)|such\s+\w+)\s"
    r"|^(?:यह|ये|इसे|इन्हें|उक्त|इस|इन)(?:\s|$)"
)
_ANAPHOR_WORDS = 25


def _carries_on(text: str, orders: Sequence[Order]) -> bool:
    if len(text.split()) > _ANAPHOR_WORDS or not _ANAPHOR.search(text):
        return False
    if len(orders) > 1 or (orders and orders[0].responsible):
        return False
    return find_deadline(text) is not None


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

_RELATIVE = _re(rf"{_START}(?P<word>आज|today|yesterday|कल|बीते\s+कल){_END}|{WEEKDAY_PATTERN}")
_MEETING_WORDS = _re(r"बैठक|meeting|समीक्षा|review")
# A sentence that says the meeting was held: its date is the meeting's before any other.
_MEETING_HELD = _re(
    r"अध्यक्षता|बैठक\s+(?:ली|लेते|आयोजित|आहूत|सम्पन्न|संपन्न|हुई|की\s+गई)|समीक्षा\s+की|"
    r"समीक्षा\s+बैठक|\b(?:held|chaired|convened|presided|reviewed|conducted|took\s+stock)\b"
)


def _dates_in(text: str, published: dt.date | None) -> Iterator[tuple[dt.date, str, int, int]]:
    """Each date written in ``text`` with its phrase and place; without a year, the last such
    day on or before the publication date (skipped without one)."""
    for match, day, month, year in written_dates(text):
        if year is None and published is None:
            continue
        try:
            found = dt.date(year or published.year, month, day)  # type: ignore[union-attr]
        except ValueError:
            continue
        if year is None and published is not None and found > published:
            found = found.replace(year=found.year - 1)
        yield found, match.group(0).strip(), match.start(), match.end()


# A dateline or a page's stamp: "Kathua, June 12:", "गोण्डा, 12 जून।", "Publish Date : 26/06/2024".
_DATELINE_HEAD = re.compile(r"^[^,:।()]{2,40}(?:\([^)]{0,30}\))?\s*[,:]\s*(?=\S)")
_ONLY_DATE = re.compile(r"^(?=[^\n]{6,40}$)[\d\s./,|:-]*(?:[^\W\d_]+[\s./,|:-]*){0,2}\d{2,4}\W*$")
_STAMP = _re(
    r"^(?:publish(?:ed)?\s*(?:date|on)?|posted\s+on|updated\s+on|date|dated|प्रकाशित|"
    r"प्रकाशन\s+तिथि|दिनांक)\s*[:-]?\s*"
)


def _relative_day(word: str, reference: dt.date) -> dt.date:
    word = nfc(word.lower())
    if word in ("आज", "today"):
        return reference
    if word in ("yesterday", "कल", "बीते कल"):
        return reference - dt.timedelta(days=1)
    weekday = WEEKDAYS[word]
    return reference - dt.timedelta(days=(reference.weekday() - weekday) % 7)


def _meeting_date(
    text: str, found: Sequence[Found], published: dt.date | None
) -> tuple[dt.date | None, str | None, Found | None]:
    """The meeting's date: a date the meeting's sentence writes; else its "today" / "on Monday"
    counted back from the publication date, or from the note's own dateline or page stamp (a
    stamp is when the page was put up, not when the meeting was held); else the first date
    written anywhere."""
    stamp: tuple[dt.date, str, int, int] | None = None
    meeting: list[tuple[Found, str, int]] = []  # sentence, its digits in ASCII, where to look
    anywhere: tuple[dt.date, str, int, int] | None = None
    for index, sentence in enumerate(found):
        plain = ascii_digits(sentence.text)
        skip = 0
        head = _DATELINE_HEAD.match(plain) if index < 8 else None
        label = (_STAMP.match(plain) if len(plain) <= 48 else None) or (
            _ONLY_DATE.match(plain) if index < 8 else None
        )
        if head or label:
            end = (head or label).end()  # type: ignore[union-attr]
            for day, said, start, stop in _dates_in(plain[: end + 24], published):
                if start >= (label.end() if label else 0):
                    if stamp is None:
                        stamp = (day, said, sentence.start + start, sentence.start + stop)
                    skip = stop
                break
        for day, said, start, stop in _dates_in(plain[skip:], published):
            if anywhere is None:
                anywhere = (day, said, sentence.start + skip + start, sentence.start + skip + stop)
            break
        if _MEETING_WORDS.search(plain):
            meeting.append((sentence, plain, skip))
    reference = published or (stamp[0] if stamp else None)
    held = [m for m in meeting if _MEETING_HELD.search(m[1])]
    for group in (held, meeting):
        for sentence, plain, skip in group:
            limits: list[tuple[int, int]] | None = None  # read once, when a date is written
            for day, said, start, stop in _dates_in(plain[skip:], published):
                at = skip + start
                limits = deadline_spans(plain) if limits is None else limits
                if any(s <= at < e for s, e in limits):
                    continue  # a date that is a deadline ("by August 20") is not the meeting's
                begin = sentence.start + at
                return (
                    day,
                    said,
                    Found(text[begin : begin + stop - start], begin, begin + stop - start),
                )
        if reference is None:
            continue
        for sentence, _plain, skip in group:
            if match := _RELATIVE.search(sentence.text, skip):
                at = sentence.start + match.start()
                said = match.group(0)
                return _relative_day(said, reference), said, Found(said, at, at + len(said))
    for chosen in (anywhere, stamp):
        if chosen is not None:
            day, said, start, stop = chosen
            return day, said, Found(text[start:stop], start, stop)
    return None, None, None


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
    for pattern in (
        _BULLET,
        _SPACES,
        _NOT_WORD,
        _FURNITURE,
        _SENTENCE_END,
        _WORDS,
        people.TITLE_DOT,
    )
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
    opens = {start for start, _line in _line_offsets(lines)}
    spans = [(s.start, s.end, s.start in opens) for s in found]
    # A first pass for the district, so that a chair's or attendee's place stays with the
    # designation ("उपायुक्त दुमका रवि शंकर"); then the district again without people's names.
    known = [p.name for p in places.district(text, spans, districts, set())][:3]
    reading.chair, reading.chair_candidates = people.chair(text, found, known)
    reading.attendees = people.attendees(text, found, known)
    names = {
        word
        for person in [reading.chair, *reading.chair_candidates, *reading.attendees]
        for word in (person.name or "").split()
    }
    candidates = places.district(text, spans, districts, names)
    reading.district_candidates = [Found(p.name, p.start, p.end) for p in candidates]
    if candidates:
        reading.district = candidates[0].name
        reading.district_source = Found(
            text[candidates[0].start : candidates[0].end], candidates[0].start, candidates[0].end
        )
    reading.meeting_date, reading.date_phrase, reading.date_source = _meeting_date(
        text, found, published
    )
    previous: list[Order] = []
    for sentence in found:
        orders = _orders_in(sentence)
        if previous and _carries_on(sentence.text, orders):
            # "This should be done within ten days.": the deadline of the orders before it.
            phrase = find_deadline(sentence.text)
            for order in previous:
                if order.deadline_phrase is None and order.recurrence_phrase is None:
                    order.deadline_phrase = phrase
            previous = []
            continue
        reading.orders += orders
        previous = orders
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
