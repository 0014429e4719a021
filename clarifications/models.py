"""Clarifying false or incomplete information (rule 9, SPEC S9.1–S9.9): the case, its history and
the public clarification notice (澄清公告)."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from viewflow.workflow.managers import ProcessQuerySet
from viewflow.workflow.models import Process
from viewflow.workflow.status import PROCESS
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from cms_pages.publication import current_authority
from workdays.calendar import working_days_between

NOTICE_REFUSAL = "澄清公告须经澄清审批流程批准后发布（制度九第七条）。"


class ClarificationQuerySet(ProcessQuerySet):
    def open(self):
        """The cases not yet closed: registered, being assessed, approved or published but not finished."""
        return self.exclude(status__in=[PROCESS.DONE, PROCESS.CANCELED])


class Clarification(Process):
    """One piece of suspected false or incomplete information, from its finding to its clarification."""

    class Truth(models.TextChoices):
        YES = "yes", "是"
        NO = "no", "否"
        UNKNOWN = "unknown", "无法确认"

    class Harm(models.TextChoices):
        MINOR = "minor", "轻微"
        SERIOUS = "serious", "较大"
        GRAVE = "grave", "严重"

    class Route(models.TextChoices):
        CLARIFY = "clarify", "本机关澄清"
        TRANSFER = "transfer", "移送职责单位澄清"
        REPORT = "report", "无法确认，报上级主管部门"
        NONE = "none", "信息真实完整，无需澄清"

    class Name(models.TextChoices):
        OFFICE = "office", "以本机关名义"
        PREFECTURE = "prefecture", "以州人民政府名义"

    class Outcome(models.TextChoices):
        OPEN = "open", "办理中"
        PUBLISHED = "published", "已发布澄清"
        TRANSFERRED = "transferred", "已移送职责单位"
        REPORTED = "reported", "已报上级主管部门"
        NOT_NEEDED = "not_needed", "无需澄清"

    # 登记 (S9.1)
    title = models.CharField("事项", max_length=100, help_text="一句话概括，如：网传“扶贫资金停发”")
    content = models.TextField("虚假或不完整信息的内容", help_text="尽量照录原文，注明出处")
    spread = models.TextField("传播范围", help_text="在哪些网站、群组、媒体传播，转发或阅读量等")
    found_on = models.DateField("发现日期", help_text="自此日起计算澄清用时")
    department = models.ForeignKey(
        "organisation.Department",
        verbose_name="涉及职责的科室",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="涉及谁、谁澄清：由该科室负责人研判（制度九第三条）",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="发现并登记的工作人员",
    )
    is_emergency = models.BooleanField(
        "突发事件", default=False, help_text="涉及突发事件的，按应急处置规定办理（制度九第九条）"
    )
    emergency_basis = models.CharField(
        "应急处置依据",
        max_length=200,
        blank=True,
        help_text="如：《中华人民共和国突发事件应对法》《云南省突发公共事件总体应急预案》《楚雄州突发公共事件总体应急预案》",
    )
    # 研判 (S9.4)
    is_truthful = models.CharField(
        "信息是否真实", max_length=10, choices=Truth.choices, blank=True, help_text="科室研判的结论"
    )
    is_complete = models.CharField(
        "信息是否完整", max_length=10, choices=Truth.choices, blank=True, help_text="科室研判的结论"
    )
    harm = models.CharField(
        "危害程度",
        max_length=10,
        choices=Harm.choices,
        blank=True,
        help_text="对社会稳定、社会管理秩序的影响",
    )
    assessment = models.TextField("研判意见", blank=True, help_text="核实情况及澄清的方式")
    route = models.CharField(
        "处理方式",
        max_length=10,
        choices=Route.choices,
        blank=True,
        help_text="涉及谁、谁澄清（制度九第五条）",
    )
    # 澄清方案 (S9.5, S9.7)
    notice_title = models.CharField("公告标题", max_length=100, blank=True, help_text="澄清公告的标题")
    notice_body = models.TextField("澄清内容", blank=True, help_text="公告正文，每行一段")
    channels = models.ManyToManyField(
        "cms_pages.Channel",
        verbose_name="发布渠道",
        blank=True,
        help_text="门户网站之外的渠道须另行登记发布情况",
    )
    methods = models.TextField("澄清方式", blank=True, help_text="如：发布澄清公告、召开新闻发布会、发送短信")
    issued_in_name_of = models.CharField(
        "发布名义", max_length=10, choices=Name.choices, default=Name.OFFICE, help_text="决定由谁审批"
    )
    is_sensitive = models.BooleanField("重要或敏感", default=False, help_text="须报州人民政府审批")
    other_units = models.TextField(
        "涉及的其他单位", blank=True, help_text="澄清内容涉及其职责、须先征得其同意的单位，每行一个"
    )
    # 移送、报告 (S9.5)
    receiving_unit = models.CharField(
        "接收单位", max_length=100, blank=True, help_text="移送的职责单位，或报告的上级主管部门"
    )
    letter_reason = models.TextField("移送或报告的理由", blank=True, help_text="写入移送函或报告")
    letter = models.ForeignKey(
        "letters.Letter",
        verbose_name="移送函或报告",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="批准后系统出具的编号函件",
    )
    # 审批 (S9.7)
    approval_document = models.CharField(
        "州人民政府批复文号", max_length=60, blank=True, help_text="如：楚政办复〔2026〕12号"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="批准人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="主要领导，或登记州人民政府批复的经办人",
    )
    last_decision = models.CharField("最近一次决定", max_length=20, blank=True, help_text="决定流程的下一步")
    # 发布 (S9.8)
    notice = models.ForeignKey(
        "clarifications.ClarificationNoticePage",
        verbose_name="澄清公告",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="流程发布的公告页面",
    )
    published_at = models.DateTimeField("发布时间", null=True, blank=True, help_text="澄清公告上网的时间")
    outcome = models.CharField(
        "结果", max_length=20, choices=Outcome.choices, default=Outcome.OPEN, help_text="由流程填写"
    )

    objects = ClarificationQuerySet.as_manager()

    class Meta:
        verbose_name = "澄清事项"
        verbose_name_plural = "澄清事项"
        permissions = [
            ("coordinate_clarification", "综合科登记其他单位意见、州人民政府批复和发布情况"),
            ("approve_clarification", "主要领导审批以本机关名义的澄清"),
        ]

    def __str__(self):
        return self.title

    def get_admin_url(self):
        return reverse("clarifications_admin:detail", args=[self.pk])

    @property
    def task_summary_template(self):
        return "clarifications/includes/summary.html"

    def needs_prefecture_approval(self):
        return self.route == self.Route.CLARIFY and (
            self.issued_in_name_of == self.Name.PREFECTURE or self.is_sensitive
        )

    def units_to_consult(self):
        return [line.strip() for line in self.other_units.splitlines() if line.strip()]

    def other_channels(self):
        return self.channels.exclude(code=WEBSITE)

    def elapsed(self):
        """(calendar days, working days) from the finding to publication, or to today while open."""
        end = timezone.localdate(self.published_at) if self.published_at else timezone.localdate()
        return (end - self.found_on).days, working_days_between(self.found_on, end)


WEBSITE = "website"


class ClarificationIndexPage(Page):
    """澄清公告: the list of published clarification notices, newest first."""

    intro = models.TextField("导语", blank=True, help_text="显示在公告列表上方")

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms_pages.HomePage"]
    subpage_types = ["clarifications.ClarificationNoticePage"]
    max_count = 1
    paginate_by = 20

    class Meta:
        verbose_name = "澄清公告栏目"
        verbose_name_plural = "澄清公告栏目"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        notices = ClarificationNoticePage.objects.child_of(self).live().order_by("-notice_date", "-pk")
        context["notices"] = Paginator(notices, self.paginate_by).get_page(request.GET.get("page"))
        return context


class ClarificationNoticePage(Page):
    """One clarification notice, created and published only by the clarification process (S9.8)."""

    notice_date = models.DateField("发布日期", help_text="由审批流程在发布时填写")
    issuer = models.CharField("发布单位", max_length=100, help_text="以谁的名义发布")
    body = models.TextField("澄清内容", help_text="每行一段")

    content_panels = [
        *Page.content_panels,
        FieldPanel("notice_date"),
        FieldPanel("issuer"),
        FieldPanel("body"),
    ]
    parent_page_types = ["clarifications.ClarificationIndexPage"]
    subpage_types = []
    is_creatable = False

    class Meta:
        verbose_name = "澄清公告"
        verbose_name_plural = "澄清公告"

    def paragraphs(self):
        return [line.strip() for line in self.body.splitlines() if line.strip()]

    def publish(self, revision, *args, **kwargs):
        refuse_unauthorised_notice()
        return super().publish(revision, *args, **kwargs)

    def save(self, *args, **kwargs):
        if self.live and self._going_live():
            refuse_unauthorised_notice()
        return super().save(*args, **kwargs)

    def _going_live(self):
        return (
            self._state.adding or not ClarificationNoticePage.objects.filter(pk=self.pk, live=True).exists()
        )


def refuse_unauthorised_notice():
    if current_authority() is None:
        raise PermissionDenied(NOTICE_REFUSAL)
