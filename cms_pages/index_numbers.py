"""索引号: assigned once, at first publication, never reused (SPEC S1.1).

The number is `prefix + sequence`. The prefix pattern is a setting the office edits
(DisclosureSettings); by default it is the 云南 platform's `<credit code>-/<YYYY>-<MMDD>` and the
sequence has three digits, giving the seed's own `11532300015167874P-/2018-1224008`.
One counter row per rendered prefix is locked while the next value is taken, so two editors
publishing at the same instant get different numbers.
"""

from django.db import models, transaction
from gongkai_site.counters import take_next_value


class IndexNumberCounter(models.Model):
    prefix = models.CharField("索引号前段", max_length=100, unique=True)
    last_value = models.PositiveIntegerField("已用到的流水号", default=0)

    class Meta:
        verbose_name = "索引号流水"
        verbose_name_plural = "索引号流水"

    def __str__(self):
        return f"{self.prefix} → {self.last_value}"


def render_prefix(pattern, credit_code, on_date):
    return pattern.format(
        credit_code=credit_code, year=on_date.year, month=on_date.month, day=on_date.day, date=on_date
    )


def next_index_number(prefix, digits, is_taken):
    """Take the next free number under `prefix`; `is_taken` skips numbers imported from elsewhere."""
    with transaction.atomic():
        while True:
            candidate = f"{prefix}{take_next_value(IndexNumberCounter, prefix=prefix):0{digits}d}"
            if not is_taken(candidate):
                return candidate
