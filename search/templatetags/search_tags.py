from django import template

from .. import highlight as marking

register = template.Library()


@register.filter
def highlight(text, marks):
    return marking.highlight(text, marks)


@register.filter
def snippet(html, marks):
    return marking.snippet(html, marks)
