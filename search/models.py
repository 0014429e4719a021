"""The embedded search index and the synonym list that 综合科 edits."""

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .analysis import fold, runs


class SearchEntry(models.Model):
    """One indexed object, with the values search filters, orders and facets on.

    The catalogue's filters (live, category, year, publisher) are copied here so that a search counts,
    pages and facets without touching the page tables; the row stays narrow for the same reason. The
    text's tokens are in a vendor-specific index keyed by this row's id: an FTS5 table on SQLite,
    tsvector columns with GIN indexes on PostgreSQL (see migration 0001 and backends/).
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.BigIntegerField()
    live = models.BooleanField(default=True)
    date = models.DateField(null=True)
    year = models.SmallIntegerField(null=True)
    category_id = models.BigIntegerField(null=True)
    publisher = models.CharField(max_length=100, blank=True)

    class Meta:
        verbose_name = "搜索索引条目"
        verbose_name_plural = "搜索索引条目"
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="search_entry_unique_object")
        ]
        # On PostgreSQL the index is (date DESC NULLS LAST, object_id DESC): see migration 0005.
        indexes = [models.Index(fields=["-date", "-object_id"], name="search_entry_newest_first")]

    def __str__(self):
        return f"{self.content_type_id}:{self.object_id}"


class IndexVersion(models.Model):
    """A number that grows with every change of the embedded index, in the same transaction as the change.

    Counts and facets of a search are cached under it, so that every process sees a cached figure
    go stale as soon as the index changes, whatever cache the site uses.
    """

    number = models.BigIntegerField("版本号", default=0, help_text="搜索索引每次更新时加一")

    class Meta:
        verbose_name = "搜索索引版本"
        verbose_name_plural = "搜索索引版本"

    def __str__(self):
        return str(self.number)

    @classmethod
    def bump(cls):
        if not cls.objects.filter(pk=1).update(number=models.F("number") + 1):
            cls.objects.update_or_create(pk=1, defaults={"number": 1})

    @classmethod
    def current(cls):
        return cls.objects.filter(pk=1).values_list("number", flat=True).first() or 0


class SynonymGroup(models.Model):
    """Words that mean the same to a reader: a search for any of them finds all of them."""

    words = models.CharField(
        "同义词",
        max_length=200,
        unique=True,
        help_text="用空格或逗号分隔，如：扶贫 乡村振兴 脱贫攻坚。搜索其中任何一个词，都会同时查找其余各词。",
    )
    note = models.CharField("说明", max_length=200, blank=True, help_text="为什么这些词同义，如机构更名")

    class Meta:
        verbose_name = "同义词"
        verbose_name_plural = "同义词"
        ordering = ["pk"]

    def __str__(self):
        return " ⇄ ".join(self.word_list())

    def word_list(self):
        return runs(fold(self.words))

    def clean(self):
        from django.core.exceptions import ValidationError

        if len(set(self.word_list())) < 2:
            raise ValidationError({"words": "至少填写两个不同的词。"})
