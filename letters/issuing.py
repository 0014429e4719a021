"""Issuing a letter: number it, compose it with the office's wording, and have its PDF produced."""

from django.db import transaction
from django.utils import timezone
from gongkai_site.counters import take_next_value

from .models import Letter, LetterNumberCounter, LetterTemplate
from .pdf import compose_letter, letter_template_name, render_html
from .tasks import render_letter_pdf


def next_letter_number(prefix, year):
    """`prefix〔year〕n号`, n one more than the last under this prefix and year (GB/T 9704: no 第, no 0s)."""
    return f"{prefix}〔{year}〕{take_next_value(LetterNumberCounter, prefix=prefix, year=year)}号"


def issue_letter(kind, context, *, subject, recipient, user):
    """Issue letter `kind` to `recipient` (a name) about `subject` (any model instance, or None).

    The letter exists at once with its number and text; its PDF is produced by the background worker
    (`letter.is_rendering` until then). The number is taken only if the text can be composed: a failure
    of the wording rolls it back, leaving no gap.
    """
    issued_at = timezone.now()
    context = {"issued_date": timezone.localdate(issued_at), **context}
    prefix = LetterTemplate.for_kind(kind).number_prefix
    with transaction.atomic():
        number = next_letter_number(prefix, context["issued_date"].year) if prefix else ""
        composed = compose_letter(kind, {**context, "letter_number": number})
        letter = Letter.objects.create(
            kind=kind,
            letter_number=number,
            title=composed["title"],
            recipient_name=recipient,
            subject=subject,
            issued_by=user,
            issued_at=issued_at,
            source_html=render_html(letter_template_name(kind), composed),
        )
        rendering = render_letter_pdf.enqueue(letter.pk)
    if rendering.is_finished:  # the immediate backend (tests) has produced it already
        letter.refresh_from_db(fields=["pdf"])
    return letter
