"""Filters for letters and PDF templates: `{% load letters %}` (the letter bodies have it built in)."""

import datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def chinese_date(value):
    """2025年10月23日: Arabic numerals, full year, no leading zeros (GB/T 9704-2012 成文日期)."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localdate(value) if timezone.is_aware(value) else value.date()
    provisional = "（暂定）" if getattr(value, "provisional", False) else ""
    return f"{value.year}年{value.month}月{value.day}日{provisional}"
