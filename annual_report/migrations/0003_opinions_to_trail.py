"""The report's handling record (ReportOpinion) moves into the one audit trail (audit.trail, DESIGN 9)."""

from django.db import migrations

from audit.migration_support import copy_to_trail

# The flow node (or admin action) behind each step a line was recorded under.
STEP_OF_LABEL = {
    "开始编写": "start",
    "保存草稿": "save_draft",
    "综合科编写年度报告并提交审定": "draft",
    "政务公开领导小组审定": "leading_group_approval",
    "报送州政府信息公开主管部门": "submit_to_authority",
    "在门户网站公布": "publish",
    "提醒：年度报告报送期限临近": "remind_submission",
    "提醒：年度报告公布期限临近": "remind_publication",
}
DECISION_OF_LABEL = {"提交审定": "submit", "同意报送和公布": "approve", "退回修改": "return"}


def opinions_to_trail(apps, schema_editor):
    ReportOpinion = apps.get_model("annual_report", "ReportOpinion")
    for opinion in ReportOpinion.objects.select_related("report").order_by("created_at", "pk"):
        copy_to_trail(
            apps,
            "annual_report.AnnualReport",
            opinion.report_id,
            f"{opinion.report.year}年政府信息公开工作年度报告",
            opinion.created_at,
            opinion.author_id,
            {
                "step": STEP_OF_LABEL.get(opinion.step, ""),
                "step_label": opinion.step,
                "decision": DECISION_OF_LABEL.get(opinion.decision, ""),
                "decision_label": opinion.decision,
                "text": opinion.text,
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("annual_report", "0001_squashed_0002_help_text"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(opinions_to_trail, migrations.RunPython.noop)]
