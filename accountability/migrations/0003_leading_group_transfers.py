# Only the leading group reports a case on; the choices add 上级行政机关 (制度八第八条) and 主任办公会议 (制度十第五条).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("accountability", "0001_squashed_0002_help_text")]

    operations = [
        migrations.AlterModelOptions(
            name="accountabilitycase",
            options={
                "ordering": ["-found_on", "-pk"],
                "permissions": [
                    ("view_dashboard", "查看综合科工作台"),
                    ("transfer_case", "政务公开领导小组报请移送、报告（制度八第八条、制度十第四至六条）"),
                ],
                "verbose_name": "责任追究案件",
                "verbose_name_plural": "责任追究台账",
            },
        ),
        migrations.AlterField(
            model_name="accountabilitycase",
            name="transferred_to",
            field=models.CharField(
                blank=True,
                choices=[
                    ("supervisory", "报请监察机关处理（制度十第四条）"),
                    ("authority", "报请州政府信息公开工作主管部门处理（制度十第四条）"),
                    ("superior", "报请上级行政机关处理（制度八第八条）"),
                    ("judicial", "涉嫌犯罪，移交司法机关（制度十第二条）"),
                    ("office_meeting", "重大问题报主任办公会议研究（制度十第五条）"),
                    ("party_group", "需组织处理，报办党组（制度十第六条）"),
                ],
                help_text="由政务公开领导小组决定：报请监察机关、上级机关，报主任办公会议、办党组，或移送司法机关",
                max_length=20,
                verbose_name="移送",
            ),
        ),
    ]
