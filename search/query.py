"""What a user's query asks for, the same for every backend.

A query is split into pieces at spaces; text in quotes (“…”, "…", 「…」) stays one piece. Every
piece must be found (AND). A piece is looked for as it is, as a substring; one the index does not
contain anywhere is split into dictionary words, each of which must then be found, so that
`大学生运动会` finds `世界大学生冬季运动会`; a word not found either is split once more into the
shorter words inside it (`改革方案` → `改革`, `方案`), as are all its words when no document has them
all (`职业教育改革方案` finds `国家职业教育改革实施方案`). Each piece or word may also be found through its
synonyms: `扶贫资金` also matches `乡村振兴资金`. A word that no document contains, even split, makes
the plan empty: nothing can match, so no search runs.
"""

import functools
import re
from dataclasses import dataclass

from django.core.cache import cache

from .analysis import fold, identifier_key, runs, segment, split_finer

MAX_QUERY_LENGTH = 100
QUOTES = str.maketrans({char: '"' for char in "“”„‟「」『』＂"})
PIECES = re.compile(r'"([^"]*)"|(\S+)')
SYNONYMS_CACHE_KEY = "search:synonyms"


@dataclass(frozen=True)
class Requirement:
    """One piece or word of the query: a document must contain one of its alternatives (folded text)."""

    alternatives: tuple[str, ...]


@dataclass(frozen=True)
class SearchPlan:
    requirements: tuple[Requirement, ...]
    key: str  # the whole query as a document/index number key, or ""

    def __bool__(self):
        return bool(self.requirements or self.key)

    @property
    def marks(self):
        """The strings to highlight, longest first so that a longer match wins."""
        strings = {
            alternative for requirement in self.requirements for alternative in requirement.alternatives
        }
        return sorted(strings, key=len, reverse=True)


def synonym_groups():
    groups = cache.get(SYNONYMS_CACHE_KEY)
    if groups is None:
        from .models import SynonymGroup

        groups = [group.word_list() for group in SynonymGroup.objects.all()]
        cache.set(SYNONYMS_CACHE_KEY, groups, 3600)
    return groups


def synonyms_changed(**kwargs):
    cache.delete(SYNONYMS_CACHE_KEY)


def alternatives(piece):
    """The piece, and the piece with each synonym it contains swapped for the others of its group."""
    found = [piece]
    for group in synonym_groups():
        for word in group:
            if word in piece:
                found.extend(piece.replace(word, other) for other in group if other != word)
    return tuple(dict.fromkeys(found))


def pieces(raw):
    """(folded piece, quoted) for each piece of the raw query."""
    text = (raw or "")[:MAX_QUERY_LENGTH].translate(QUOTES)
    for match in PIECES.finditer(text):
        quoted, plain = match.groups()
        piece = fold(quoted if quoted is not None else plain).strip()
        if runs(piece):
            yield piece, quoted is not None


class NothingMatches(Exception):
    """A word of the query is in no indexed document, so no document has them all."""


def _found(text, contains):
    """The requirement for `text` when some document contains it or one of its synonyms, else None."""
    choices = alternatives(text)
    return Requirement(choices) if any(contains(choice) for choice in choices) else None


def _required(text, contains):
    found = _found(text, contains)
    if found is None:
        raise NothingMatches
    return found


def _word_requirements(word, contains, finer=False):
    """A dictionary word of a piece: as it is when the index has it (unless `finer`), else its shorter words."""
    parts = split_finer(word) if finer else []
    found = None if parts else _found(word, contains)
    if found:
        return [found]
    parts = parts or split_finer(word)
    if not parts:
        raise NothingMatches
    return [_required(part, contains) for part in parts]


def _requirements(piece, quoted, contains, matches):
    """The piece as it is when the index has it; else its dictionary words, each required, or their shorter
    words when no document has all the words (职业教育改革方案 finds 职业教育改革实施方案). NothingMatches
    when no document has all of those either."""
    found = _found(piece, contains)
    if found:
        return [found]
    words = [] if quoted else segment(piece)
    if not words or words == [piece]:
        raise NothingMatches
    coarse = [requirement for word in words for requirement in _word_requirements(word, contains)]
    if matches is None or matches(coarse):
        return coarse
    finer = [requirement for word in words for requirement in _word_requirements(word, contains, finer=True)]
    if finer == coarse or not matches(finer):
        raise NothingMatches
    return finer


def build_plan(raw, contains, contains_key, matches=None):
    """The plan for a raw query.

    `contains(text)` tells whether any indexed document contains `text`, `contains_key(key)` whether
    one has that document or index number: a query that is an existing number finds just its items.
    `matches(requirements)`, when given, whether some document meets all of them.
    """
    key = identifier_key(raw or "")
    if key and contains_key(key):
        return SearchPlan((), key)
    contains = functools.cache(contains)
    try:
        requirements = [
            requirement
            for piece, quoted in pieces(raw)
            for requirement in _requirements(piece, quoted, contains, matches)
        ]
    except NothingMatches:
        return SearchPlan((), "")
    return SearchPlan(tuple(dict.fromkeys(requirements)), key)
