"""Producing a letter's PDF in the background worker (DESIGN.md decision 13)."""

import uuid

from django.core.files.base import ContentFile
from gongkai_site.background import retried

from .models import Letter
from .pdf import html_to_pdf


@retried("生成文书 PDF")
def render_letter_pdf(letter_pk):
    """The PDF of a letter issued with its number and text; nothing to do once it exists."""
    letter = Letter.objects.get(pk=letter_pk)
    if letter.pdf:
        return
    letter.pdf.save(f"{uuid.uuid4().hex}.pdf", ContentFile(html_to_pdf(letter.source_html)), save=False)
    Letter.objects.filter(pk=letter.pk, pdf="").update(pdf=letter.pdf.name)
