"""撤回公开: taking a published item down is itself a reviewed, recorded action with a reason (S4.1)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from viewflow.workflow.models import Process


class Withdrawal(Process):
    """One request to take one published disclosure item off the public site; its steps are in the
    audit trail (`audit.trail`): who asked and why, who agreed or refused and why."""

    class Decision(models.TextChoices):
        REQUEST = "request", "申请撤回"
        APPROVE = "approve", "同意撤回"
        REFUSE = "refuse", "不同意撤回"

    class Outcome(models.TextChoices):
        IN_REVIEW = "in_review", "审核中"
        WITHDRAWN = "withdrawn", "已撤回"
        REFUSED = "refused", "不予撤回"

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="公开事项",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="申请撤回的已发布信息",
    )
    reason = models.TextField("撤回理由", help_text="为什么撤回：如内容有误、已失效、涉及秘密或隐私")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="申请人",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="提出撤回申请的信息员或综合科人员",
    )
    department = models.ForeignKey(
        "organisation.Department",
        verbose_name="信息产生科室",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="由该科室负责人审核撤回申请",
    )
    last_decision = models.CharField("最近一次决定", max_length=20, blank=True, help_text="决定流程的下一步")
    outcome = models.CharField(
        "结果",
        max_length=20,
        choices=Outcome.choices,
        default=Outcome.IN_REVIEW,
        help_text="审核中、已撤回或不予撤回",
    )

    task_summary_template = "withdrawals/summary.html"

    class Meta:
        verbose_name = "撤回公开申请"
        verbose_name_plural = "撤回公开申请"
        permissions = [
            ("request_withdrawal", "提出撤回公开申请"),
            ("approve_withdrawal", "综合科批准撤回公开"),
        ]

    def __str__(self):
        return f"撤回公开：{self.page.title}（{self.get_outcome_display()}）"

    def get_admin_url(self):
        return reverse("withdrawals:detail", args=[self.pk])

    def inbox_row(self):
        return {"subject": self.page.title}
