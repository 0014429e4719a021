"""The agency, its sections and centres, county offices, and who holds which role."""

from django.conf import settings
from django.db import models

from .validators import validate_credit_code


class Agency(models.Model):
    name = models.CharField("机关全称", max_length=100, help_text="如：楚雄州人民政府扶贫开发办公室")
    short_name = models.CharField(
        "简称", max_length=50, blank=True, help_text="页面抬头与落款使用的简称，如：楚雄州乡村振兴局"
    )
    credit_code = models.CharField(
        "统一社会信用代码",
        max_length=18,
        unique=True,
        validators=[validate_credit_code],
        help_text="18位，末位为校验位；索引号的前段码取自这里。",
    )
    address = models.CharField("办公地址", max_length=200, blank=True, help_text="邮寄申请与现场查阅的地址")
    postcode = models.CharField("邮政编码", max_length=6, blank=True, help_text="6位数字")
    phone = models.CharField("联系电话", max_length=50, blank=True, help_text="信息公开咨询电话")
    fax = models.CharField("传真", max_length=50, blank=True, help_text="接收传真申请的号码")
    email = models.EmailField("电子邮箱", blank=True, help_text="接收电子邮件申请的地址")
    superior_government = models.CharField(
        "上一级行政机关",
        max_length=100,
        blank=True,
        help_text="受理投诉、举报（2019年条例第五十一条），以其名义发布澄清公告的人民政府，如：楚雄州人民政府",
    )
    reconsideration_body = models.CharField(
        "行政复议机关",
        max_length=100,
        blank=True,
        help_text="答复书和告知书写明的行政复议机关（2024年起州级部门为州人民政府），如：楚雄彝族自治州人民政府",
    )
    disclosure_authority = models.CharField(
        "政府信息公开工作主管部门",
        max_length=100,
        blank=True,
        help_text="报送年度报告、受理投诉举报的主管部门，如：楚雄州人民政府办公室（州政府信息公开主管部门）",
    )

    class Meta:
        verbose_name = "机关"
        verbose_name_plural = "机关"

    def __str__(self):
        return self.short_name or self.name

    @classmethod
    def current(cls):
        """The agency this installation serves: the first one configured."""
        return cls.objects.order_by("pk").first()


class Department(models.Model):
    """A section (科室) or centre (中心); both are `department` in code (GLOSSARY)."""

    class Kind(models.TextChoices):
        SECTION = "section", "科室"
        CENTRE = "centre", "中心"

    agency = models.ForeignKey(
        Agency,
        verbose_name="所属机关",
        on_delete=models.CASCADE,
        related_name="departments",
        help_text="科室或中心所属的本机关",
    )
    name = models.CharField("名称", max_length=100, help_text="如：综合科、项目规划科")
    kind = models.CharField(
        "类别", max_length=10, choices=Kind.choices, default=Kind.SECTION, help_text="科室或中心"
    )
    is_general_office = models.BooleanField(
        "综合科", default=False, help_text="受理申请、发布前审查与发布的科室（制度一第四条、制度二第二条）"
    )
    sort_order = models.PositiveIntegerField("排序", default=0, help_text="数字小的排在前面")
    information_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="信息员",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="负责本科室信息收集、整理、报送的人员（制度四第三条）",
    )
    head = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="科室负责人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="对本科室产生的信息提出审核意见",
    )
    leader_in_charge = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="分管领导",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="分管本科室的领导",
    )

    class Meta:
        verbose_name = "科室、中心"
        verbose_name_plural = "科室、中心"
        ordering = ["sort_order", "pk"]
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="unique_department_name")]

    def __str__(self):
        return self.name


class CountyOffice(models.Model):
    """A county or city office (各县市扶贫办) that 综合科 coordinates and guides (S3.1)."""

    name = models.CharField("名称", max_length=100, unique=True, help_text="如：禄丰市乡村振兴局")
    county = models.CharField("县市", max_length=50, help_text="如：禄丰市")
    contact_person = models.CharField("联系人", max_length=50, blank=True, help_text="信息公开工作联系人")
    phone = models.CharField("联系电话", max_length=50, blank=True, help_text="联系人电话")
    address = models.CharField("地址", max_length=200, blank=True, help_text="办公地址")
    sort_order = models.PositiveIntegerField("排序", default=0, help_text="数字小的排在前面")

    class Meta:
        verbose_name = "县市扶贫办"
        verbose_name_plural = "县市扶贫办"
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.name
