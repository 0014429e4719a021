"""Checks on files applicants upload: power of attorney and fee-waiver proof."""

from pathlib import Path

from django.core.exceptions import ValidationError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
SIGNATURES = {
    ".pdf": (b"%PDF-",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
}


def validate_upload(upload):
    """PDF, JPG or PNG of at most 10 MB whose content matches its extension."""
    if not upload:
        return
    suffix = Path(upload.name).suffix.lower()
    if suffix not in SIGNATURES:
        raise ValidationError("只能上传 PDF、JPG 或 PNG 文件。", code="type")
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError("文件不能超过10MB。", code="size")
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(signature) for signature in SIGNATURES[suffix]):
        raise ValidationError("文件内容与扩展名不符，请上传真实的 PDF 或图片文件。", code="content")
