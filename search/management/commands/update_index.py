"""`manage.py update_index`: Wagtail's rebuild, reporting progress as "已索引 n/total"."""

from wagtail.search.management.commands.update_index import Command as WagtailUpdateIndex

REPORT_EVERY = 10_000


class Command(WagtailUpdateIndex):
    help = "重建搜索索引（全部页面、文件和图片），显示进度；完成后更新数据库的统计信息。"

    def queryset_chunks(self, qs, chunk_size=1000):
        """Chunks in primary-key order, each starting after the last key: no OFFSET growing with the table."""
        self.total, self.done = qs.count(), 0
        chunk = list(qs[:chunk_size])
        while chunk:
            yield chunk
            chunk = list(qs.filter(pk__gt=chunk[-1].pk)[:chunk_size])

    def print_iter_progress(self, iterable):
        for chunk in iterable:
            yield chunk
            before, self.done = self.done, self.done + len(chunk)
            if self.done // REPORT_EVERY > before // REPORT_EVERY or self.done == self.total:
                self.write(f" 已索引 {self.done}/{self.total}", ending="")
                self.stdout.flush()
