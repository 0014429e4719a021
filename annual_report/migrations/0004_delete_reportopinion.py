from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("annual_report", "0003_opinions_to_trail")]

    operations = [migrations.DeleteModel(name="ReportOpinion")]
