from django import template

from organisation.models import Agency

register = template.Library()


@register.simple_tag
def current_agency():
    """The agency record, for pages that name it or its bodies: `{% current_agency as agency %}`."""
    return Agency.current()
