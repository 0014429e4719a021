"""The engine's one setting: where a task goes when nobody may take it in its section (issue 13, point 6)."""

from django.db import models
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="tasks")
class TaskRouting(BaseGenericSetting):
    """A step whose role is vacant in the section (no head, no officer, no leader in charge), or whose
    holder submitted the item, goes to the fallback chosen here and is flagged; it is never left to anyone."""

    class Fallback(models.TextChoices):
        GENERAL_OFFICE = "general_office", "综合科"
        MAIN_LEADER = "main_leader", "主要领导"

    # The right each fallback's members hold (organisation/roles.py gives it to the role).
    PERMISSIONS = {
        Fallback.GENERAL_OFFICE: "workflow.cover_as_general_office",
        Fallback.MAIN_LEADER: "workflow.cover_as_main_leader",
    }

    vacancy_fallback = models.CharField(
        "岗位空缺时转交",
        max_length=20,
        choices=Fallback.choices,
        default=Fallback.GENERAL_OFFICE,
        help_text="科室没有负责人、信息员或分管领导，或该岗位的人正是事项的报送人时，待办转交综合科或主要领导认领办理",
    )

    class Meta:
        verbose_name = "待办分派"
        verbose_name_plural = "待办分派"
        permissions = [
            ("cover_as_general_office", "岗位空缺或报送人回避时承接待办（综合科）"),
            ("cover_as_main_leader", "岗位空缺或报送人回避时承接待办（主要领导）"),
        ]

    def __str__(self):
        return "待办分派"

    def fallback(self):
        """(the right of those who take such a task, the name shown in its flag)"""
        choice = self.Fallback(self.vacancy_fallback)
        return self.PERMISSIONS[choice], choice.label
