"""Marking the matched words in titles and summaries, the same way for every backend.

Matching is done on folded text, which has the same length as the original: a traditional or
full-width character in the item is marked where its simplified form was searched for.
"""

import re

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from .analysis import fold

SNIPPET_LENGTH = 120


def _spans(text, marks):
    """Non-overlapping (start, end) of every mark in text, leftmost first, longer marks winning ties."""
    folded = fold(text)
    pattern = "|".join(re.escape(mark) for mark in sorted(marks, key=len, reverse=True) if mark)
    return [match.span() for match in re.finditer(pattern, folded)] if pattern else []


def highlight(text, marks):
    """HTML of `text` with each match wrapped in <mark>."""
    text = text or ""
    parts, position = [], 0
    for start, end in _spans(text, marks):
        parts.append(escape(text[position:start]))
        parts.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))


def snippet(html, marks, length=SNIPPET_LENGTH):
    """A piece of `html`'s text around its first match, highlighted; its beginning when nothing matches."""
    text = " ".join(strip_tags(re.sub(r"</p>|<br\s*/?>", " ", html or "")).split())
    spans = _spans(text, marks)
    start = max(0, spans[0][0] - length // 3) if spans else 0
    piece = text[start : start + length]
    prefix = "…" if start else ""
    suffix = "…" if start + length < len(text) else ""
    return mark_safe(prefix + highlight(piece, marks) + suffix)
