from django.apps import AppConfig


class AnnualReportConfig(AppConfig):
    name = "annual_report"
    verbose_name = "年度报告"

    def ready(self):
        from workflow import registry

        from .flows import AnnualReportFlow

        registry.register(AnnualReportFlow, registry.ProcessKind(related=("report",), authors=report_authors))


def report_authors(process):
    """Who opened the report (its drafters are added by the engine from the drafting step)."""
    return {process.report.created_by_id}
