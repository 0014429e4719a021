"""PDF rendering: HTML templates of pdf_templates/ through WeasyPrint, with the CJK fonts embedded.

`render_pdf` renders any template of pdf_templates/ (letters, the review form, annual reports).
`compose_letter` puts the office's stored wording of a letter into the context of its file template
`letters/<kind>.html`, which lays it out in the GB/T 9704-2012 style; `render_letter` does both.
"""

import re
from pathlib import Path

from django.conf import settings
from django.template import Context, TemplateDoesNotExist, TemplateSyntaxError
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML

from organisation.models import Agency

from .kinds import APPLICANT_PREFIX, LABELS, THIRD_PARTY_KINDS, VARIABLES
from .models import LetterTemplate
from .wording import LetterError, compile_wording, to_paragraphs

PDF_TEMPLATES = Path(settings.BASE_DIR) / "pdf_templates"
AGENCY_FIELD = re.compile(r"\bagency\.(\w+)")


def render_pdf(template_name, context):
    """The PDF of `template_name` (a path under pdf_templates/) rendered with `context`, as bytes."""
    return html_to_pdf(render_html(template_name, context))


def render_html(template_name, context):
    """The HTML of `template_name` (a path under pdf_templates/) with `context`: fast, and where wording fails."""
    try:
        return render_to_string(template_name, context)
    except (TemplateDoesNotExist, TemplateSyntaxError) as error:
        raise LetterError(f"PDF 模板 {template_name} 无法使用：{error}") from error


def html_to_pdf(html):
    """WeasyPrint's layout of `html` with the fonts embedded: the slow part, run by the background worker."""
    return HTML(string=html, base_url=f"{PDF_TEMPLATES}/").write_pdf()


def letter_template_name(kind):
    return f"letters/{kind}.html"


def render_letter(kind, context):
    return render_pdf(letter_template_name(kind), compose_letter(kind, context))


def compose_letter(kind, context):
    """The context of a letter's file template: `context` plus the stored title and body rendered with it."""
    stored = LetterTemplate.for_kind(kind)
    context = _complete(kind, context)
    missing = [name for name in VARIABLES[kind].required if _is_blank(context.get(name))]
    if missing:
        names = "、".join(f"{LABELS[name]}（{name}）" for name in missing)
        raise LetterError(f"生成《{stored.get_kind_display()}》缺少：{names}")
    check_agency_record(stored, context["agency"])
    title = _render_wording(stored, stored.title, Context(context, autoescape=False))
    body = _render_wording(stored, stored.body, Context(context))
    return {**context, "title": title, "body": to_paragraphs(body)}


def check_agency_record(stored, agency):
    """Every `agency.…` the wording names (its 行政复议机关…) must be filled in on the agency record."""
    used = AGENCY_FIELD.findall(f"{stored.title}\n{stored.body}")
    blank = [
        name for name in dict.fromkeys(used) if hasattr(agency, name) and _is_blank(getattr(agency, name))
    ]
    if blank:
        labels = "、".join(str(Agency._meta.get_field(name).verbose_name) for name in blank)
        raise LetterError(
            f"生成《{stored.get_kind_display()}》需要本机关的{labels}，请先在“机构与人员 › 机关”中填写。"
        )


def _complete(kind, context):
    context = {"issued_date": timezone.localdate(), **context}
    if context.get("agency") is None:
        context["agency"] = Agency.current()
    if context["agency"] is None:
        raise LetterError("尚未设置本机关的名称和联系方式（机构与人员 › 机关），无法生成文书。")
    if kind in THIRD_PARTY_KINDS:
        context = _without_applicant_data(context)
    return context


def _without_applicant_data(context):
    """Letters to a third party carry no data about the applicant, least of all the ID number (PIPL)."""
    id_number = context.get(f"{APPLICANT_PREFIX}id_number")
    kept = {name: value for name, value in context.items() if not name.startswith(APPLICANT_PREFIX)}
    if id_number and any(id_number in str(value) for value in kept.values()):
        raise LetterError("致第三方的文书不得载明申请人的身份证件号码，请从文书内容中删去。")
    return kept


def _is_blank(value):
    return value is None or (hasattr(value, "__len__") and len(value) == 0)


def _render_wording(stored, source, context):
    try:
        return compile_wording(stored.kind, source).render(context)
    except Exception as error:  # stored wording is office data: any failure is reported, never a 500
        raise LetterError(f"文书模板《{stored.get_kind_display()}》无法生成：{error}") from error
