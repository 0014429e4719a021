from django import template

from audit.trail import history

register = template.Library()


@register.inclusion_tag("audit/history.html")
def audit_history(instance, empty_text="暂无办理记录。"):
    """The record's trail as one table: 时间, 环节, 办理人, 决定, 意见 and what changed."""
    return {"entries": history(instance), "empty_text": empty_text}
