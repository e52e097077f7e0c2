"""How readable a Dutch text is, and how long it is per channel.

**The measure: Flesch–Douma.** W.H. Douma (1960, *De leesbaarheid van landbouwbladen*) fitted
Flesch's Reading Ease to Dutch:

    score = 206.835 − 0.93 × (words per sentence) − 77 × (syllables per word)

Higher is easier. Douma's bands: 90–100 very easy, 80–90 easy, 70–80 fairly easy, 60–70
normal, 50–60 fairly difficult, 30–50 difficult, below 30 very difficult.

**The level shown** is an *indication* in CEFR terms (the government writes at B1), by our own
bands on the Douma score — CEFR levels describe readers, not texts, and no formula measures
them; treat it as a signal to shorten sentences and words, never as a verdict:

    score ≥ 80        A2 (or easier)
    65 ≤ score < 80   B1   ← the target
    50 ≤ score < 65   B2
    30 ≤ score < 50   C1
    score < 30        C2

Beside the score: the share of long words (four syllables or more) and the sentences of more
than `LONG_SENTENCE` words, the two things a writer can act on.

**Counting.** A word is a run of letters (with the apostrophes and hyphens inside it: "NL-Alert",
"auto's"); a number is a word of one syllable. A sentence ends at ., ! or ? followed by a space
and a capital or a digit, or the end of the text, and at every line break (a headline, the lines
of an instruction): "o.a. de brandweer" stays one sentence. Syllables are Dutch vowel groups:
the diphthongs and long vowels ij, ei, ui, au, ou, oe, eu, ie, aa, ee, oo, uu (and aai, ooi,
oei, eeu, ieu, eau) are one syllable, two vowels that form none are two ("si-tu-a-tie",
"ra-di-o", "the-a-ter"), a diaeresis starts a new one ("Ita-li-ë", "ge-ïn-for-meerd"). A final
"e" is a syllable of its own in Dutch ("gro-te", "wo-ning-e"), except in the English loanwords
crisis messages use (`LOANWORDS`: update, website, online, …). Every word has one syllable at
least (GRIP, NL).

The editor's script (`static/communication/message-editor.js`) computes the same, live; the
tests hold both to the same sentences.

**Per channel:** the social-media text against 280 characters, the NL-Alert (headline, text and
instruction, a line each) against 1,395 (15 pages of 93), and an SMS (headline and text) in
parts: 160 characters in one part of GSM-7 (characters of the extension table count two), 153
per part when it is longer; 70 and 67 in UCS-2 as soon as one character is outside GSM-7.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from oranje.communication.constants import NL_ALERT_MAX, SMS_PART, SOCIAL_MAX

#: A sentence of more words than this counts as long (B1 guidance: 15 to 20 words at most).
LONG_SENTENCE = 20
#: A word of at least this many syllables counts as long.
LONG_WORD = 4

#: The level bands (lowest score of each), easiest first.
BANDS: list[tuple[float, str]] = [(80, "A2"), (65, "B1"), (50, "B2"), (30, "C1")]
LOWEST = "C2"
TARGET = "B1"
_ORDER = ["A2", "B1", "B2", "C1", "C2"]

#: Vowel groups that are one syllable, longest first.
_GROUPS = (
    "aai",
    "ooi",
    "oei",
    "eeu",
    "ieu",
    "eau",
    "ij",
    "ei",
    "ui",
    "au",
    "ou",
    "oe",
    "eu",
    "ie",
    "aa",
    "ee",
    "oo",
    "uu",
)
_VOWELS = frozenset("aeiouy")
_DIAERESIS = frozenset("äëïöü")

#: English loanwords in Dutch crisis messages whose final "e" is silent, with their syllables.
LOANWORDS: dict[str, int] = {
    "update": 2,
    "updates": 2,
    "website": 2,
    "websites": 2,
    "online": 2,
    "offline": 2,
    "service": 2,
    "software": 2,
    "live": 1,
    "site": 1,
    "sites": 1,
    "app": 1,
}

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|\d+(?:[.,]\d+)*", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?]+(?=\s+[A-Z0-9À-Ý\"'‘“(]|\s*$)")


def _vowel_groups(part: str) -> int:
    """The syllables of one piece of a word (no hyphen, no apostrophe); 0 without a vowel."""
    word = part.lower()
    if word in LOANWORDS:
        return LOANWORDS[word]
    count = 0
    i = 0
    n = len(word)
    while i < n:
        ch = word[i]
        if ch in _DIAERESIS:
            count += 1
            i += 1
            continue
        if ch not in _VOWELS or (ch == "y" and i == 0 and n > 1 and word[1] in _VOWELS):
            i += 1
            continue
        # A run of vowels ("ij" counts as one; a diaeresis ends the run: it starts the next
        # syllable), cut into the groups that are one syllable.
        j = i + 1
        while j < n and (word[j] in _VOWELS or (word[j] == "j" and word[j - 1] == "i")):
            j += 1
        run = word[i:j]
        k = 0
        while k < len(run):
            for group in _GROUPS:
                if run.startswith(group, k):
                    k += len(group)
                    break
            else:
                k += 1
            count += 1
        i = j
    return count


def syllables(word: str) -> int:
    """The Dutch syllables of one word (a number: one; each part of a compound with a hyphen
    at least one; "auto's", "zo'n": the piece after the apostrophe only if it has a vowel)."""
    if word[:1].isdigit():
        return 1
    total = 0
    for part in word.split("-"):
        pieces = re.split(r"['’]", part)
        total += max(1, sum(_vowel_groups(p) for p in pieces if p))
    return max(total, 1)


def words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFC", text))


def sentences(text: str) -> list[str]:
    """The sentences of a text (each with at least one word)."""
    found: list[str] = []
    for line in unicodedata.normalize("NFC", text).splitlines():
        for piece in _SENTENCE_END.split(line):
            if words(piece):
                found.append(piece.strip())
    return found


def level_of(score: float) -> str:
    """The CEFR-like indication of a Flesch–Douma score (see the module's bands)."""
    for lowest, level in BANDS:
        if score >= lowest:
            return level
    return LOWEST


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    syllables: int
    #: Flesch–Douma, rounded to one decimal; None for a text without words.
    score: float | None
    level: str
    long_words: int
    long_sentences: int

    @property
    def long_word_share(self) -> float:
        return self.long_words / self.words if self.words else 0.0

    @property
    def long_word_percent(self) -> int:
        return round(100 * self.long_word_share)

    @property
    def meets_target(self) -> bool:
        return bool(self.level) and _ORDER.index(self.level) <= _ORDER.index(TARGET)

    @property
    def label(self) -> str:
        if self.score is None:
            return _("no text yet")
        return _("level %(level)s (Flesch–Douma %(score)s)") % {
            "level": self.level,
            # Half up, as the editor's script (Math.round) does.
            "score": math.floor(self.score + 0.5),
        }


def readability(text: str) -> Readability:
    """Flesch–Douma score, level indication, long words and long sentences of `text`."""
    found = sentences(text)
    counts = [[syllables(w) for w in words(s)] for s in found]
    n_words = sum(len(c) for c in counts)
    n_syllables = sum(sum(c) for c in counts)
    if not n_words:
        return Readability(0, 0, 0, None, "", 0, 0)
    score = 206.835 - 0.93 * (n_words / len(found)) - 77 * (n_syllables / n_words)
    score = round(score, 1)
    return Readability(
        words=n_words,
        sentences=len(found),
        syllables=n_syllables,
        score=score,
        level=level_of(score),
        long_words=sum(1 for c in counts for s in c if s >= LONG_WORD),
        long_sentences=sum(1 for c in counts if len(c) > LONG_SENTENCE),
    )


# ---------------------------------------------------------------- channel lengths

#: GSM 03.38's basic character set (one septet each).
GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
#: Its extension table (an escape and the character: two septets each).
GSM7_EXTENDED = frozenset("^{}\\[~]|€\f")
UCS2_PART = 70


@dataclass(frozen=True)
class SmsLength:
    encoding: str  # "GSM-7" or "UCS-2"
    length: int  # septets (GSM-7) or UTF-16 code units (UCS-2)
    parts: int
    #: The characters that force UCS-2 (at most five, in order of appearance).
    offenders: str = ""


def sms_length(text: str) -> SmsLength:
    """How long `text` is as an SMS and in how many parts it goes."""
    if all(ch in GSM7_BASIC or ch in GSM7_EXTENDED for ch in text):
        length = sum(2 if ch in GSM7_EXTENDED else 1 for ch in text)
        parts = 1 if length <= SMS_PART else math.ceil(length / (SMS_PART - 7))
        return SmsLength("GSM-7", length, parts if text else 0)
    length = len(text.encode("utf-16-le")) // 2
    parts = 1 if length <= UCS2_PART else math.ceil(length / (UCS2_PART - 3))
    offenders = "".join(
        dict.fromkeys(ch for ch in text if ch not in GSM7_BASIC and ch not in GSM7_EXTENDED)
    )[:5]
    return SmsLength("UCS-2", length, parts, offenders)


@dataclass(frozen=True)
class ChannelLength:
    name: str
    length: int
    limit: int | None
    #: For an SMS: parts and encoding, said in words.
    detail: str = ""

    @property
    def too_long(self) -> bool:
        return self.limit is not None and self.length > self.limit


def nl_alert_text(title: str, text: str, instruction: str) -> str:
    """What an NL-Alert of the message carries: headline, text and instruction, a line each."""
    return "\n".join(p.strip() for p in (title, text, instruction) if p.strip())


def channel_lengths(
    *, title: str, text: str, instruction: str, social_text: str
) -> list[ChannelLength]:
    """The message's length per channel against that channel's limit."""
    sms = sms_length("\n".join(p.strip() for p in (title, text) if p.strip()))
    return [
        ChannelLength(_("Social media"), len(social_text.strip()), SOCIAL_MAX),
        ChannelLength(_("NL-Alert"), len(nl_alert_text(title, text, instruction)), NL_ALERT_MAX),
        ChannelLength(
            _("SMS"),
            sms.length,
            None,
            ngettext("%(parts)s part, %(encoding)s", "%(parts)s parts, %(encoding)s", sms.parts)
            % {"parts": sms.parts, "encoding": sms.encoding},
        ),
    ]


def message_readability(*, title: str, text: str, instruction: str) -> Readability:
    """The readability of what a reader of the message reads: headline, text, instruction."""
    return readability("\n".join((title, text, instruction)))
