"""Chinese text analysis shared by every backend: folding, index tokens, identifiers, segmentation.

Text is folded one character for one character (full-width → half-width, upper → lower case,
traditional → simplified), so positions in folded text are positions in the original: highlighting
relies on it. The index holds overlapping character bigrams and trigrams of each run of letters and
digits; a query string of three or more characters needs all of its trigrams, two characters its
bigram, one character any token starting with it. That gives substring matching with no dictionary,
the same on SQLite, PostgreSQL and Elasticsearch's n-gram fields.
"""

import functools
import json
import re
from pathlib import Path

import zhconv

RUN = re.compile(r"[^\W_]+")


@functools.cache
def _fold_table():
    """One translate table: full-width → half-width, then traditional → simplified, then lower case."""
    simplified = json.loads((Path(zhconv.__file__).parent / "zhcdict.json").read_text("utf-8"))["zh2Hans"]
    single = {ord(old): new for old, new in simplified.items() if len(old) == 1 and len(new) == 1}
    table = {}
    for code in [*range(0x3000), *range(0xFF01, 0xFF5F), *single]:
        char = chr(code - 0xFEE0) if 0xFF01 <= code <= 0xFF5E else " " if code == 0x3000 else chr(code)
        char = single.get(ord(char), char)
        lower = char.lower()
        folded = lower if len(lower) == 1 else char
        if folded != chr(code):
            table[code] = folded
    return table


def fold(text):
    """Simplified, half-width, lower-case text of the same length as `text`."""
    return (text or "").translate(_fold_table())


def runs(folded):
    """The runs of letters and digits of folded text: everything else separates words."""
    return RUN.findall(folded)


def index_tokens(folded):
    """The distinct tokens the index stores for a folded text: bigrams and trigrams of each run."""
    tokens = set()
    for run in runs(folded):
        if len(run) < 3:
            tokens.add(run)
        tokens.update(map("".join, zip(run, run[1:], strict=False)))
        tokens.update(map("".join, zip(run, run[1:], run[2:], strict=False)))
    return tokens


def query_atoms(folded):
    """What a folded query string needs in the index, as ("token", t) and ("prefix", p) pairs, all required.

    A run of three or more characters needs its trigrams, a run of two its bigram, a single character
    any token that starts with it.
    """
    atoms = []
    for run in runs(folded):
        if len(run) == 1:
            atoms.append(("prefix", run))
        elif len(run) == 2:
            atoms.append(("token", run))
        else:
            atoms.extend(("token", run[i : i + 3]) for i in range(len(run) - 2))
    return list(dict.fromkeys(atoms))


def identifier_key(text):
    """A document or index number as one comparable key: 国发〔2019〕5号, 国发[2019]5号 and 国发(2019)5号 agree."""
    key = "".join(runs(fold(text)))
    return key if any(char.isdigit() for char in key) and len(key) >= 4 else ""


@functools.cache
def _segmenter():
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def split_finer(word):
    """The dictionary's shorter words inside a word (改革方案 → 改革, 方案), for a word not found as it is."""
    parts = [
        part
        for part in _segmenter().lcut_for_search(word)
        if 1 < len(part) < len(word) and RUN.fullmatch(part)
    ]
    parts = list(dict.fromkeys(parts))
    return [part for part in parts if not any(part != other and part in other for other in parts)]


def segment(folded):
    """Dictionary words of a folded query string, for the fallback when the string itself is not found.

    Single characters are dropped when longer words remain: 的、和、与 only add noise there.
    """
    words = [word for word in _segmenter().lcut(folded) if RUN.fullmatch(word)]
    longer = [word for word in words if len(word) > 1]
    return longer or words
