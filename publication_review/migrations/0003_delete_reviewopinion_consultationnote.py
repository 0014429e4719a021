from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("flows", "0002_opinions_and_notes_to_trail")]

    operations = [
        migrations.DeleteModel(name="ReviewOpinion"),
        migrations.DeleteModel(name="ConsultationNote"),
    ]
