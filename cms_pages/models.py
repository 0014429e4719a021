"""The pages the public sees: home, catalogue (公开目录), disclosure items, guide (公开指南)."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models, transaction
from django.utils import timezone
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from organisation.models import Agency

from .guards import refuse_live_change
from .index_numbers import IndexNumberCounter, next_index_number, render_prefix
from .panels import GeneratedFieldPanel
from .publication import check_publication_allowed

__all__ = [
    "Category",
    "Channel",
    "DisclosureSettings",
    "HomePage",
    "CataloguePage",
    "DisclosureItemPage",
    "DisclosureItemAttachment",
    "GuidePage",
    "StandardPage",
    "IndexNumberCounter",
]


class Category(models.Model):
    """公开目录分类: a node of the category tree of S1.3."""

    name = models.CharField("分类名称", max_length=100, help_text="如：扶贫政策法规")
    slug = models.SlugField(
        "网址标识", max_length=50, unique=True, help_text="用于网址与订阅源，只能用英文字母、数字和连字符"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="上级分类",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="留空表示一级分类",
    )
    sort_order = models.PositiveIntegerField("排序", default=0, help_text="同级分类中数字小的排在前面")
    description = models.TextField("说明", blank=True, help_text="本分类收录哪些信息")

    class Meta:
        verbose_name = "公开目录分类"
        verbose_name_plural = "公开目录分类"
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="unique_category_name_per_parent")
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        names, node = [], self
        while node is not None:
            names.append(node.name)
            node = node.parent
        return " / ".join(reversed(names))

    def clean(self):
        node = self.parent
        while node is not None:
            if node.pk == self.pk:
                raise ValidationError({"parent": "上级分类不能是本分类或其下级分类。"})
            node = node.parent

    def descendant_ids(self):
        """This category and everything below it, for filtering the catalogue."""
        children_of = {}
        for pk, parent_id in Category.objects.values_list("pk", "parent_id"):
            children_of.setdefault(parent_id, []).append(pk)
        ids, frontier = [self.pk], [self.pk]
        while frontier:
            frontier = [child for pk in frontier for child in children_of.get(pk, [])]
            ids.extend(frontier)
        return ids


class Channel(models.Model):
    """A way information goes out (S1.5): website, feeds, API, WeChat, press…"""

    name = models.CharField("渠道名称", max_length=50, unique=True, help_text="如：门户网站、微信公众号")
    code = models.SlugField("代码", max_length=30, unique=True, help_text="程序使用的英文代码")
    sort_order = models.PositiveIntegerField("排序", default=0, help_text="数字小的排在前面")

    class Meta:
        verbose_name = "公开渠道"
        verbose_name_plural = "公开渠道"
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.name


@register_setting(icon="cog")
class DisclosureSettings(BaseGenericSetting):
    """Values the office changes without code: the seed's are the defaults."""

    index_number_prefix = models.CharField(
        "索引号前段格式",
        max_length=100,
        default="{credit_code}-/{year}-{month:02d}{day:02d}",
        help_text="可用 {credit_code}（统一社会信用代码）、{year}、{month:02d}、{day:02d}；"
        "默认生成 11532300015167874P-/2018-1224 这样的前段。",
    )
    index_number_digits = models.PositiveSmallIntegerField(
        "流水号位数", default=3, help_text="前段之后的顺序号位数，默认3位（如 008）"
    )
    catalogue_page_size = models.PositiveSmallIntegerField(
        "目录每页条数", default=20, help_text="公开目录列表每页显示的条目数"
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("index_number_prefix"), FieldPanel("index_number_digits")], heading="索引号"
        ),
        FieldPanel("catalogue_page_size"),
    ]

    class Meta:
        verbose_name = "信息公开设置"

    def clean(self):
        try:
            render_prefix(self.index_number_prefix, "X" * 18, datetime.date(2018, 12, 24))
        except (KeyError, ValueError, IndexError) as error:
            raise ValidationError({"index_number_prefix": f"格式无法识别：{error}"}) from error


class HomePage(Page):
    intro = RichTextField("导语", blank=True, help_text="首页顶部的简短介绍")

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = [
        "cms_pages.CataloguePage",
        "cms_pages.GuidePage",
        "cms_pages.StandardPage",
        "clarifications.ClarificationIndexPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = "首页"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_items"] = (
            DisclosureItemPage.objects.live().select_related("category").order_by("-published", "-pk")[:8]
        )
        context["categories"] = Category.objects.filter(parent=None)
        context["catalogue"] = CataloguePage.objects.live().first()
        return context


class CataloguePage(Page):
    """公开目录: every disclosure item, filterable by category, year and publishing body."""

    intro = RichTextField("说明", blank=True, help_text="目录页顶部的说明文字")

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["cms_pages.DisclosureItemPage"]
    parent_page_types = ["cms_pages.HomePage"]
    max_count = 1

    class Meta:
        verbose_name = "公开目录"

    def get_context(self, request, *args, **kwargs):
        from .catalogue import CatalogueQuery

        context = super().get_context(request, *args, **kwargs)
        query = CatalogueQuery.from_params(request.GET)
        page_size = DisclosureSettings.load(request_or_site=request).catalogue_page_size
        paginator = Paginator(query.items(), page_size)
        try:
            items = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            items = paginator.page(1)
        except EmptyPage:
            items = paginator.page(paginator.num_pages)
        context.update(query=query, items=items, facets=query.facets(), querystring=query.querystring())
        return context


EXPIRY_REFUSAL = "公开事项不设到期下线时间；需要撤回时，请提出“撤回公开”申请。"


class DisclosureItemPage(Page):
    """公开事项: one entry of the catalogue with the fields of S1.1."""

    class Validity(models.TextChoices):
        IN_FORCE = "in_force", "有效"
        EXPIRED = "expired", "失效"
        REPEALED = "repealed", "废止"

    class Method(models.TextChoices):
        PROACTIVE = "proactive", "主动公开"

    class DocumentKind(models.TextChoices):
        """The kinds the annual report's table 二 counts (第二十条第（一）项)."""

        RULE = "rule", "规章"
        NORMATIVE = "normative", "行政规范性文件"
        OTHER = "other", "其他"

    index_number = models.CharField(
        "索引号",
        max_length=100,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text="首次发布时由系统生成，不可修改、不会重复使用",
    )
    category = models.ForeignKey(
        Category,
        verbose_name="公开目录",
        on_delete=models.PROTECT,
        related_name="items",
        help_text="主题分类（制度一第三条）",
    )
    publisher = models.CharField("发布机构", max_length=100, help_text="发布机构的规范全称或规范简称")
    subject_words = models.CharField("主题词", max_length=200, blank=True, help_text="多个主题词用空格分隔")
    doc_number = models.CharField(
        "文号", max_length=100, blank=True, help_text="如：楚扶贫办发〔2018〕12号；没有可不填"
    )
    summary = models.TextField("内容概述", blank=True, help_text="一两句话概括内容，不重复标题")
    written = models.DateField("成文日期", null=True, blank=True, help_text="文件签发的日期")
    formed = models.DateField(
        "生成/变更日期",
        default=datetime.date.today,
        help_text="信息形成或变更的日期；自此日起20个工作日内应当公开（制度一第四条）",
    )
    published = models.DateField(
        "发布日期", null=True, blank=True, db_index=True, help_text="首次发布时由系统填写"
    )
    disclosure_method = models.CharField(
        "公开方式",
        max_length=20,
        choices=Method.choices,
        default=Method.PROACTIVE,
        help_text="本目录收录主动公开的信息",
    )
    validity = models.CharField(
        "有效性",
        max_length=20,
        choices=Validity.choices,
        default=Validity.IN_FORCE,
        help_text="有效、失效或废止",
    )
    document_kind = models.CharField(
        "文件类型",
        max_length=20,
        choices=DocumentKind.choices,
        default=DocumentKind.OTHER,
        help_text="规章、行政规范性文件分别计入年度报告表二；其他信息选“其他”",
    )
    invalid_from = models.DateField(
        "废止/失效日期",
        null=True,
        blank=True,
        help_text="有效性为废止或失效时填写；年度报告按此日期统计本年废止件数和现行有效件数",
    )
    body = RichTextField("正文", blank=True, help_text="信息全文")
    source_url = models.URLField(
        "原文地址", max_length=500, blank=True, help_text="导入信息在原发布网站的地址"
    )
    channels = ParentalManyToManyField(
        Channel, verbose_name="公开渠道", blank=True, help_text="本信息通过哪些渠道公开（制度一第五条）"
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                GeneratedFieldPanel("index_number"),
                FieldPanel("category"),
                FieldPanel("publisher"),
                FieldRowPanel([FieldPanel("doc_number"), FieldPanel("subject_words")]),
                FieldRowPanel(
                    [FieldPanel("written"), FieldPanel("formed"), GeneratedFieldPanel("published")]
                ),
                FieldRowPanel([FieldPanel("disclosure_method"), FieldPanel("document_kind")]),
                FieldRowPanel([FieldPanel("validity"), FieldPanel("invalid_from")]),
            ],
            heading="目录信息",
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("attachments", label="附件", help_text="PDF、Word、图片等"),
        FieldPanel("channels", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("index_number"),
        index.SearchField("doc_number"),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("subject_words"),
        index.FilterField("category"),
        index.FilterField("published"),
        index.FilterField("publisher"),
    ]
    api_fields = [
        APIField("index_number"),
        APIField("category"),
        APIField("publisher"),
        APIField("doc_number"),
        APIField("subject_words"),
        APIField("summary"),
        APIField("written"),
        APIField("formed"),
        APIField("published"),
        APIField("validity"),
        APIField("document_kind"),
        APIField("invalid_from"),
        APIField("body"),
    ]
    parent_page_types = ["cms_pages.CataloguePage"]
    subpage_types = []

    class Meta:
        verbose_name = "公开事项"
        verbose_name_plural = "公开事项"
        indexes = [
            models.Index(fields=["-published", "-page_ptr"], name="item_newest_first"),
            models.Index(fields=["category", "-published"], name="item_by_category"),
            models.Index(fields=["publisher", "-published"], name="item_by_publisher"),
        ]

    def clean(self):
        super().clean()
        if self.expire_at:
            raise ValidationError({"expire_at": EXPIRY_REFUSAL})
        counted = self.document_kind in (self.DocumentKind.RULE, self.DocumentKind.NORMATIVE)
        if counted and self.validity != self.Validity.IN_FORCE and not self.invalid_from:
            raise ValidationError(
                {
                    "invalid_from": "规章、行政规范性文件废止或失效的，请填写废止/失效日期（年度报告据此统计）。"
                }
            )

    # A copy is a new item: its own index number and publication date come at its own first publication.
    exclude_fields_in_copy = ["index_number", "published"]

    def publish(self, revision, *args, **kwargs):
        check_publication_allowed()
        return super().publish(revision, *args, **kwargs)

    def save(self, *args, **kwargs):
        refuse_live_change(self, kwargs.get("update_fields"))
        if self.live and not self.index_number:
            with transaction.atomic():
                self.assign_publication_metadata()
                return super().save(*args, **kwargs)
        return super().save(*args, **kwargs)

    def assign_publication_metadata(self):
        """First publication: the publication date and the index number (S1.1)."""
        self.published = self.published or timezone.localdate()
        office = DisclosureSettings.load()
        agency = Agency.current()
        prefix = render_prefix(
            office.index_number_prefix, agency.credit_code if agency else "", self.published
        )
        self.index_number = next_index_number(
            prefix,
            office.index_number_digits,
            is_taken=lambda number: DisclosureItemPage.objects.filter(index_number=number).exists(),
        )

    def with_content_json(self, content):
        # Index number and publication date belong to the item, not to a revision: an older
        # revision published later must not wipe them.
        page = super().with_content_json(content)
        page.index_number = self.index_number
        page.published = self.published
        return page

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["attachments"] = self.attachments.select_related("document")
        return context


class DisclosureItemAttachment(Orderable):
    item = ParentalKey(
        DisclosureItemPage,
        verbose_name="公开信息",
        on_delete=models.CASCADE,
        related_name="attachments",
        help_text="附件所属的公开信息",
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="文件",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="上传或选择文件",
    )
    title = models.CharField("附件名称", max_length=200, blank=True, help_text="留空则使用文件标题")

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = "附件"
        verbose_name_plural = "附件"

    @property
    def display_title(self):
        return self.title or self.document.title


class GuidePage(Page):
    """公开指南 (S1.6): the office's contacts as required fields, the rest as rich text."""

    office_name = models.CharField(
        "工作机构名称", max_length=100, help_text="负责信息公开的工作机构，如：综合科"
    )
    address = models.CharField("办公地址", max_length=200, help_text="含邮政编码")
    hours = models.CharField(
        "办公时间", max_length=200, help_text="如：工作日 上午9:00—12:00，下午14:30—17:30"
    )
    phone = models.CharField("联系电话", max_length=50, help_text="信息公开咨询电话")
    fax = models.CharField("传真号码", max_length=50, help_text="接收传真申请的号码")
    email = models.EmailField("电子邮箱", help_text="互联网联系方式")
    classification = RichTextField("信息分类与编排", help_text="主动公开信息如何分类、如何编排")
    how_to_obtain = RichTextField("获取方式", help_text="主动公开信息与依申请公开信息如何获取")
    complaints = RichTextField(
        "监督和救济", blank=True, help_text="向谁投诉、举报，如何申请行政复议或提起行政诉讼（制度二第十一条）"
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("office_name"),
                FieldPanel("address"),
                FieldPanel("hours"),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("fax")]),
                FieldPanel("email"),
            ],
            heading="工作机构与联系方式",
        ),
        FieldPanel("classification"),
        FieldPanel("how_to_obtain"),
        FieldPanel("complaints"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("classification"),
        index.SearchField("how_to_obtain"),
    ]
    api_fields = [
        APIField(name)
        for name in (
            "office_name",
            "address",
            "hours",
            "phone",
            "fax",
            "email",
            "classification",
            "how_to_obtain",
        )
    ]
    parent_page_types = ["cms_pages.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "公开指南"


class StandardPage(Page):
    """A plain page: how to apply by letter, where annual reports will appear, and so on."""

    intro = models.TextField("导语", blank=True, help_text="标题下的一段简介")
    body = RichTextField("正文", blank=True, help_text="页面内容")

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["cms_pages.HomePage", "cms_pages.StandardPage"]

    class Meta:
        verbose_name = "普通页面"
