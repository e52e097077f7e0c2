"""Dutch words for the learning room: what a finding or an answer is about, without the
little words. Used to group recurring findings (`patterns`) and for the word overview of a
survey's free-text answers. No dictionary and no network: lower case, accents off, a list of
Dutch stop words and a light suffix stemmer (enough to put "piketten" beside "piket" and
"berichten" beside "bericht")."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

_WORD = re.compile(r"[a-z0-9]+")

_STOPWORDS = """
    aan al alle alles als altijd andere ben bij daar dan dat de der deze die dit doch doen
    door dus een eens en er ge geen geweest had heb hebben heeft hem het hier hij hoe hun
    iemand iets ik in is ja je kan kon kunnen maar me meer men met mij mijn moet na naar
    niet niets nog nu of om omdat ons ook op over reeds te tegen toch toen tot u uit uw van
    veel voor want waren was wat we wel werd wezen wie wij wil worden wordt zal ze zelf zich
    zij zijn zo zonder zou werden waar waarin hadden kreeg kregen gaan ging gingen komen
    kwam kwamen goed beter erg heel zeer bijvoorbeeld via per vanuit tijdens onder boven
"""
STOPWORDS = frozenset(_STOPWORDS.split())

_SUFFIXES = ("heden", "ingen", "ing", "en", "es", "s", "e")


def fold(text: str) -> str:
    """Lower case without accents ("Evacuée" → "evacuee")."""
    if text.isascii():
        # nothing to take off (and ten times faster: the patterns fold 10,000 findings)
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def stem(word: str) -> str:
    """A light Dutch stem: a plural or -ing ending off, a doubled final consonant single
    ("piketten" → "piket", "berichten" → "bericht", "meldingen" → "meld")."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if len(word) >= 4 and word[-1] == word[-2] and word[-1] not in "aeiou":
        word = word[:-1]
    return word


def words(text: str) -> list[str]:
    """The meaningful words of a text, folded, in order (stop words and numbers out)."""
    return [
        w
        for w in _WORD.findall(fold(text))
        if w not in STOPWORDS and not w.isdigit() and len(w) > 2
    ]


def terms(text: str) -> frozenset[str]:
    """The set of stems of a text's meaningful words."""
    return frozenset(stem(w) for w in words(text))


def top_words(texts: Iterable[str], *, limit: int = 30) -> list[tuple[str, int]]:
    """The most frequent meaningful words over texts, each counted once per text, shown as
    the most common spelling of its stem: [("informatie", 41), ("opvang", 17), ...]."""
    per_stem: Counter[str] = Counter()
    spelling: dict[str, Counter[str]] = {}
    for text in texts:
        seen: dict[str, str] = {}
        for word in words(text):
            seen.setdefault(stem(word), word)
        for key, word in seen.items():
            per_stem[key] += 1
            spelling.setdefault(key, Counter())[word] += 1
    return [(spelling[key].most_common(1)[0][0], n) for key, n in per_stem.most_common(limit)]
