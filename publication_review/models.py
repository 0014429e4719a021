"""The publication review process (rules 1, 3, 4, 8): what was submitted; the opinions are on its audit trail."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from viewflow.workflow.models import Process


class PublicationReview(Process):
    """One submission of one disclosure item through the confidentiality review chain."""

    class SecrecyHandling(models.TextChoices):
        NOT_APPLICABLE = "none", "不涉及"
        CONSENT = "consent", "已取得权利人同意"
        PUBLIC_INTEREST = "public_interest", "不公开可能对公共利益造成重大影响，决定公开"
        REDACTED = "redacted", "已删除涉密或隐私内容"

    class Decision(models.TextChoices):
        """What a step decided; each opinion on the audit trail carries one (谁审查、谁负责)."""

        APPROVE = "approve", "同意"
        RETURN = "return", "退回修改"
        REFER = "refer", "报保密部门确定"
        SUBMIT = "submit", "报送"
        ANSWER = "answer", "保密部门意见"
        ESCALATE = "escalate", "报主要领导审查"

    class Outcome(models.TextChoices):
        IN_REVIEW = "in_review", "审核中"
        PUBLISHED = "published", "已发布"
        WITHHELD = "withheld", "不予发布"
        WITHDRAWN = "withdrawn", "已撤回"

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="公开事项",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="送审的公开目录信息",
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name="送审版本",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="审核的正是这一版本，批准后发布的也正是这一版本",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="报送人",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="填写审核及保密审查表并报送的信息员",
    )
    department = models.ForeignKey(
        "organisation.Department",
        verbose_name="信息产生科室",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="由该科室负责人提出审查意见",
    )
    touches_state_secrets = models.BooleanField(
        "涉及国家秘密", default=False, help_text="涉及国家秘密的信息不得公开，须删除涉密内容后报审"
    )
    touches_commercial_secrets = models.BooleanField(
        "涉及商业秘密", default=False, help_text="须取得权利人同意、作出公共利益决定或删除相关内容"
    )
    touches_privacy = models.BooleanField(
        "涉及个人隐私", default=False, help_text="须取得权利人同意、作出公共利益决定或删除相关内容"
    )
    secrecy_handling = models.CharField(
        "处理方式",
        max_length=20,
        choices=SecrecyHandling.choices,
        default=SecrecyHandling.NOT_APPLICABLE,
        help_text="涉及秘密或隐私时的处理方式（制度三第二条）",
    )
    secrecy_note = models.TextField("处理说明", blank=True, help_text="同意书、公共利益理由或删除的内容")
    other_agencies = models.TextField(
        "涉及的其他机关", blank=True, help_text="需要征求意见的机关，每行一个（制度八第五条）"
    )
    joint_authors = models.TextField(
        "联合形成的机关",
        blank=True,
        help_text="与本机关联合形成该信息、须会签确认的机关，每行一个（制度八第二条）",
    )
    legal_approval_required = models.BooleanField(
        "依法需要批准", default=False, help_text="法律、法规规定公开前须经批准的，勾选并附批准文件"
    )
    legal_approval = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="批准文件",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="有关主管部门的批准文件（制度八第四条）",
    )
    is_major = models.BooleanField("重大、疑难", default=False, help_text="须报主要领导批准")
    channels = models.ManyToManyField(
        "cms_pages.Channel", verbose_name="发布渠道", blank=True, help_text="除门户网站外的其他发布渠道"
    )
    formed = models.DateField("生成/变更日期", help_text="自此日起20个工作日内应当公开")
    deadline_override_days = models.PositiveSmallIntegerField(
        "法定公开期限（工作日）", null=True, blank=True, help_text="法律、法规另有规定时填写"
    )
    deadline_basis = models.CharField(
        "期限依据", max_length=200, blank=True, help_text="另定公开期限所依据的法律、法规条款"
    )
    referred_from = models.CharField(
        "移送保密部门的环节", max_length=50, blank=True, help_text="保密部门答复后回到这一环节"
    )
    last_decision = models.CharField("最近一次决定", max_length=20, blank=True, help_text="决定流程的下一步")
    outcome = models.CharField(
        "结果",
        max_length=20,
        choices=Outcome.choices,
        default=Outcome.IN_REVIEW,
        help_text="审核中、已发布、不予发布或已撤回",
    )

    class Meta:
        verbose_name = "发布审核"
        verbose_name_plural = "发布审核"
        permissions = [
            ("collect_review", "综合科收集汇总、发布前审查"),
            ("approve_confidentiality", "保密工作领导小组审查核准"),
            ("approve_major", "主要领导批准重大、疑难信息"),
            ("decide_coordination", "政务公开领导小组处理协调不成的事项"),
            ("approve_publicity", "分管宣传工作的领导审批工作动态"),
            ("post_news", "信息发布员上网发布工作动态"),
        ]

    def __str__(self):
        return f"{self.page.title}（{self.get_outcome_display()}）"

    def clean(self):
        errors = validate_secrecy(self)
        if self.legal_approval_required and self.legal_approval is None:
            errors["legal_approval"] = "依法需要批准的信息，须附批准文件（制度八第四条）。"
        if self.deadline_override_days and not self.deadline_basis:
            errors["deadline_basis"] = "另定公开期限时须写明法律依据。"
        if errors:
            raise ValidationError(errors)

    def agencies_to_consult(self):
        """(agency, kind) for every agency to consult and every co-author to confirm (rule 8)."""
        return [(name, Consultation.Kind.CONSULTATION) for name in lines(self.other_agencies)] + [
            (name, Consultation.Kind.JOINT) for name in lines(self.joint_authors)
        ]


def lines(text):
    return [line.strip() for line in text.splitlines() if line.strip()]


def validate_secrecy(review):
    """S1.2 / S3.2: secrets and privacy only with consent or a public-interest decision."""
    handling = review.secrecy_handling
    if review.touches_state_secrets and handling != PublicationReview.SecrecyHandling.REDACTED:
        return {"secrecy_handling": "涉及国家秘密的信息不得公开；删除涉密内容后方可报审。"}
    private = review.touches_commercial_secrets or review.touches_privacy
    if private and handling == PublicationReview.SecrecyHandling.NOT_APPLICABLE:
        return {
            "secrecy_handling": "涉及商业秘密或个人隐私的，须取得权利人同意、作出公共利益决定或删除相关内容。"
        }
    if handling != PublicationReview.SecrecyHandling.NOT_APPLICABLE and not review.secrecy_note.strip():
        return {"secrecy_note": "请说明处理情况（同意书、公共利益理由或删除的内容）。"}
    return {}


class Consultation(Process):
    """征求意见 (S8.5–S8.7) or 会签 (S8.2) with one other agency, run in parallel with the others."""

    class Kind(models.TextChoices):
        CONSULTATION = "consultation", "征求意见"
        JOINT = "joint", "联合形成会签"

    class Delivery(models.TextChoices):
        POST = "post", "邮寄"
        FAX = "fax", "传真"
        EMAIL = "email", "电子邮件"
        HAND = "hand", "专人送达"
        SYSTEM = "system", "公文交换系统"

    class Outcome(models.TextChoices):
        OPEN = "open", "办理中"
        AGREED = "agreed", "同意发布"
        REFUSED = "refused", "不同意发布"

    review = models.ForeignKey(
        PublicationReview,
        verbose_name="发布审核",
        on_delete=models.CASCADE,
        related_name="consultations",
        help_text="发起征求意见的审核",
    )
    agency = models.CharField("机关", max_length=100, help_text="被征求意见或会签的机关")
    kind = models.CharField("类型", max_length=20, choices=Kind.choices, help_text="征求意见或联合形成会签")
    basic_facts = models.TextField("信息基本情况", blank=True, help_text="征求意见函第（一）项")
    office_opinion = models.TextField("本机关意见", blank=True, help_text="征求意见函第（二）项")
    opinion_basis = models.TextField(
        "意见的依据", blank=True, help_text="征求意见函第（二）项所依据的法律、法规"
    )
    matters = models.TextField("需要协调的事项", blank=True, help_text="征求意见函第（三）项")
    letter = models.ForeignKey(
        "letters.Letter",
        verbose_name="征求意见函",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="系统出具的编号函件",
    )
    delivery = models.CharField(
        "发送方式", max_length=20, choices=Delivery.choices, blank=True, help_text="函件的送达方式"
    )
    sent_on = models.DateField("发送日期", null=True, blank=True, help_text="自次日起15个工作日内应当复函")
    reply_agrees = models.BooleanField("复函同意", null=True, help_text="空为尚未复函")
    reply_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="复函",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="对方机关书面复函的扫描件",
    )
    outcome = models.CharField(
        "结果", max_length=20, choices=Outcome.choices, default=Outcome.OPEN, help_text="办理中、同意或不同意"
    )

    class Meta:
        verbose_name = "征求意见"
        verbose_name_plural = "征求意见"

    def __str__(self):
        return f"{self.get_kind_display()}：{self.agency}"
