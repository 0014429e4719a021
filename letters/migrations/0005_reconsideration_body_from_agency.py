"""The 行政复议机关 in the wording of letters comes from the agency record (机构与人员 › 机关): the name the
stored wording carried moves into the record, and the wording names `agency.reconsideration_body`."""

from django.db import migrations

WRITTEN = "向楚雄彝族自治州人民政府申请行政复议"
BODY = "楚雄彝族自治州人民政府"
VARIABLE = "向{{ agency.reconsideration_body }}申请行政复议"


def name_from_agency(apps, schema_editor):
    LetterTemplate = apps.get_model("letters", "LetterTemplate")
    Agency = apps.get_model("organisation", "Agency")
    written = LetterTemplate.objects.filter(body__contains=WRITTEN)
    if not written.exists():
        return
    Agency.objects.filter(reconsideration_body="").update(reconsideration_body=BODY)
    for template in written:
        template.body = template.body.replace(WRITTEN, VARIABLE)
        template.save(update_fields=["body"])


def name_written_back(apps, schema_editor):
    LetterTemplate = apps.get_model("letters", "LetterTemplate")
    for template in LetterTemplate.objects.filter(body__contains=VARIABLE):
        template.body = template.body.replace(VARIABLE, WRITTEN)
        template.save(update_fields=["body"])


class Migration(migrations.Migration):
    dependencies = [
        ("letters", "0004_private_pdf_rendered_in_background"),
        ("organisation", "0003_agency_bodies"),
    ]

    operations = [migrations.RunPython(name_from_agency, name_written_back)]
