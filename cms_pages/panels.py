"""Editor panels of the catalogue's pages."""

import datetime

from wagtail.admin.panels import FieldPanel

NOT_YET_GENERATED = "（发布时生成）"


class GeneratedFieldPanel(FieldPanel):
    """A field the system fills in on first publication (索引号, 发布日期), shown read-only: until then it
    says so instead of Wagtail's "None" or an empty box; a date reads 2025年10月23日."""

    def __init__(self, field_name, **kwargs):
        kwargs["read_only"] = True
        super().__init__(field_name, **kwargs)

    def format_value_for_display(self, value):
        if value in (None, ""):
            return NOT_YET_GENERATED
        if isinstance(value, datetime.date):
            return f"{value.year}年{value.month}月{value.day}日"
        return super().format_value_for_display(value)
