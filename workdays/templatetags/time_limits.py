from django import template

from workdays.limits import time_limits as limits_in_force

register = template.Library()


@register.simple_tag
def time_limits():
    """The limits in force for a page to state: `{% time_limits as limits %}{{ limits.answer }}`."""
    return limits_in_force()
