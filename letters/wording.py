"""The office's wording of a letter: a Django template stored as text (SPEC: templates are data).

Stored wording gets its own template engine with the `letters` filters built in, and is checked
before use: a syntax error or a variable the letter does not take is reported in Chinese.
"""

import re

from django.template import Engine, TemplateSyntaxError
from django.template.base import Variable, VariableNode
from django.template.defaulttags import ForNode
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from .kinds import allowed_variables

ENGINE = Engine(builtins=["letters.templatetags.letters"], autoescape=True)
HEADING = re.compile(r"^[一二三四五六七八九十]+、[^。；：]*$")


class LetterError(Exception):
    """A letter cannot be produced; the message says why, in Chinese, for the person issuing it."""


def compile_wording(kind, source):
    try:
        template = ENGINE.from_string(source)
    except TemplateSyntaxError as error:
        raise LetterError(f"格式错误：{error}") from error
    unknown = sorted(_variables_used(template) - allowed_variables(kind))
    if unknown:
        raise LetterError(f"使用了本文书没有的变量：{'、'.join(unknown)}")
    return template


def _variables_used(template):
    """Root names of every `{{ variable }}` and `{% for … in variable %}`, minus the loops' own names."""
    loops = template.nodelist.get_nodes_by_type(ForNode)
    expressions = [node.filter_expression for node in template.nodelist.get_nodes_by_type(VariableNode)]
    expressions += [loop.sequence for loop in loops]
    used = {
        expr.var.lookups[0] for expr in expressions if isinstance(expr.var, Variable) and expr.var.lookups
    }
    local = {"forloop", *(name for loop in loops for name in loop.loopvars)}
    return used - local


def to_paragraphs(html):
    """One paragraph per non-empty line; “一、…” lines without a full stop are headings (3号黑体)."""
    lines = [line.strip() for line in html.splitlines()]
    return format_html_join(
        "",
        '<p class="{}">{}</p>',
        (("heading" if HEADING.match(line) else "text", mark_safe(line)) for line in lines if line),
    )
