"""`manage.py annual_report YEAR --json | --pdf FILE | --check`: the report of a year from the command line."""

import json
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from annual_report import services
from annual_report.checks import statistics_problems
from annual_report.models import AnnualReport


class Command(BaseCommand):
    help = "年度报告：按台账统计某年度的表二、表三、表四（--json），生成 PDF（--pdf 文件），或检查勾稽关系（--check）"

    def add_arguments(self, parser):
        parser.add_argument("year", type=int, help="报告年度，如 2025")
        parser.add_argument("--json", dest="as_json", action="store_true", help="以 JSON 输出三张统计表")
        parser.add_argument("--pdf", metavar="FILE", help="把报告写成 PDF 文件")
        parser.add_argument("--check", action="store_true", help="检查勾稽关系，有问题时以状态 1 退出")

    def handle(self, *args, year, as_json, pdf, check, **options):
        if not (as_json or pdf or check):
            raise CommandError("请至少选择 --json、--pdf FILE 或 --check 之一。")
        if not 2008 <= year <= 9999:
            raise CommandError(f"年度 {year} 无效。")
        report = AnnualReport.objects.filter(year=year).first() or AnnualReport(
            year=year, overview=services.DEFAULT_OVERVIEW
        )
        started = time.monotonic()
        figures = services.figures_of(report)
        self.stderr.write(f"{year}年度统计完成（{time.monotonic() - started:.2f} 秒）")
        if as_json:
            self.stdout.write(json.dumps(services.official_figures(figures), ensure_ascii=False, indent=2))
        if pdf:
            self._write_pdf(report, Path(pdf))
        if check:
            self._check(figures)

    def _write_pdf(self, report, path):
        started = time.monotonic()
        try:
            path.write_bytes(services.report_pdf(report))
        except OSError as error:
            raise CommandError(f"无法写入 {path}：{error.strerror or error}") from error
        self.stderr.write(
            f"已写入 {path}（{path.stat().st_size:,} 字节，{time.monotonic() - started:.2f} 秒）"
        )

    def _check(self, figures):
        problems = statistics_problems(figures, services.previous_figures(figures["year"]))
        for problem in problems:
            self.stderr.write(str(problem))
        if problems:
            raise CommandError(f"发现 {len(problems)} 个问题。")
        self.stderr.write(self.style.SUCCESS("勾稽关系检查全部通过。"))
