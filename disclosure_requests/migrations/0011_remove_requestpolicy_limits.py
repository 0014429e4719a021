"""The limits are read from 期限设置 now (0010 copied them)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('disclosure_requests', '0010_limits_to_workdays'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='requestpolicy',
            name='answer_days',
        ),
        migrations.RemoveField(
            model_name='requestpolicy',
            name='extension_days',
        ),
        migrations.RemoveField(
            model_name='requestpolicy',
            name='regime',
        ),
        migrations.RemoveField(
            model_name='requestpolicy',
            name='supplement_days',
        ),
        migrations.RemoveField(
            model_name='requestpolicy',
            name='third_party_days',
        ),
    ]
