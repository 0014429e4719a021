"""Move the files that were public or in the old private folder into GONGKAI_PRIVATE_ROOT (DESIGN.md decision 12).

Letters were kept under MEDIA_ROOT/letters/, Wagtail's documents under MEDIA_ROOT/documents/, and applicants'
uploads under VAR_DIR/private/requests/ with names without the requests/ folder. A file already moved, or
missing, is left alone, so the migration can be rerun after an interrupted one.
"""

import shutil
from pathlib import Path

from django.conf import settings
from django.db import migrations

REQUEST_FILES = {
    "DisclosureRequest": ("power_of_attorney", "fee_waiver_proof", "correction_evidence"),
    "RequestProcess": ("supplement_file",),
}


def move(source, target):
    if source.is_file() and not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(source, target)


def move_public_files(apps, schema_editor):
    media, private = Path(settings.MEDIA_ROOT), Path(settings.GONGKAI_PRIVATE_ROOT)
    for name in apps.get_model("letters", "Letter").objects.exclude(pdf="").values_list("pdf", flat=True):
        move(media / name, private / name)
    for name in apps.get_model("wagtaildocs", "Document").objects.values_list("file", flat=True):
        move(media / name, private / name)


def move_request_files(apps, schema_editor):
    old_root, private = Path(settings.VAR_DIR) / "private" / "requests", Path(settings.GONGKAI_PRIVATE_ROOT)
    for model_name, fields in REQUEST_FILES.items():
        model = apps.get_model("disclosure_requests", model_name)
        for field in fields:
            for pk, name in model.objects.exclude(**{field: ""}).values_list("pk", field):
                if name.startswith("requests/"):
                    continue
                move(old_root / name, private / "requests" / name)
                model.objects.filter(pk=pk).update(**{field: f"requests/{name}"})


class Migration(migrations.Migration):
    dependencies = [
        ("letters", "0004_private_pdf_rendered_in_background"),
        ("disclosure_requests", "0007_private_storage"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [
        migrations.RunPython(move_public_files, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(move_request_files, migrations.RunPython.noop, elidable=True),
    ]
