"""The report's addressee (报送单位) is the agency record's 政府信息公开工作主管部门 now: the office's value moves
there (organisation 0003), and the setting loses its field."""

from django.db import migrations


def authority_to_agency(apps, schema_editor):
    ReportPolicy = apps.get_model("annual_report", "ReportPolicy")
    Agency = apps.get_model("organisation", "Agency")
    policy = ReportPolicy.objects.exclude(authority="").first()
    if policy is not None:
        Agency.objects.filter(disclosure_authority="").update(disclosure_authority=policy.authority)


class Migration(migrations.Migration):
    dependencies = [
        ("annual_report", "0004_delete_reportopinion"),
        ("organisation", "0003_agency_bodies"),
    ]

    operations = [
        migrations.RunPython(authority_to_agency, migrations.RunPython.noop),
        migrations.RemoveField(model_name="reportpolicy", name="authority"),
    ]
