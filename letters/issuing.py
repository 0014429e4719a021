"""Issuing a letter: number it, render it with the office's wording, and archive the PDF."""

import uuid

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from gongkai_site.counters import take_next_value

from .models import Letter, LetterNumberCounter, LetterTemplate
from .pdf import compose_letter, letter_template_name, render_pdf


def next_letter_number(prefix, year):
    """`prefix〔year〕n号`, n one more than the last under this prefix and year (GB/T 9704: no 第, no 0s)."""
    return f"{prefix}〔{year}〕{take_next_value(LetterNumberCounter, prefix=prefix, year=year)}号"


def issue_letter(kind, context, *, subject, recipient, user):
    """Issue letter `kind` to `recipient` (a name) about `subject` (any model instance, or None).

    The number is taken only if the letter is produced: a failure rolls it back, leaving no gap.
    """
    issued_at = timezone.now()
    context = {"issued_date": timezone.localdate(issued_at), **context}
    prefix = LetterTemplate.for_kind(kind).number_prefix
    with transaction.atomic():
        number = next_letter_number(prefix, context["issued_date"].year) if prefix else ""
        composed = compose_letter(kind, {**context, "letter_number": number})
        letter = Letter(
            kind=kind,
            letter_number=number,
            title=composed["title"],
            recipient_name=recipient,
            subject=subject,
            issued_by=user,
            issued_at=issued_at,
        )
        letter.pdf.save(
            f"{uuid.uuid4().hex}.pdf",
            ContentFile(render_pdf(letter_template_name(kind), composed)),
            save=False,
        )
        letter.save()
    return letter
