"""Checks and masks for applicants' identity documents (S2.3)."""

import datetime
import re

from django.core.exceptions import ValidationError

RESIDENT_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
RESIDENT_ID_CHECK = "10X98765432"


def resident_id_check_character(first_17):
    return RESIDENT_ID_CHECK[sum(int(d) * w for d, w in zip(first_17, RESIDENT_ID_WEIGHTS, strict=True)) % 11]


def validate_resident_id(value):
    """GB 11643-1999: 18 characters, the date of birth at 7–14, the last a check digit (0–9 or X)."""
    code = (value or "").strip().upper()
    if len(code) != 18:
        raise ValidationError(
            "居民身份证号码应为18位，当前为%(n)s位。", params={"n": len(code)}, code="length"
        )
    if not code[:17].isdigit() or not (code[17].isdigit() or code[17] == "X"):
        raise ValidationError("居民身份证号码前17位应为数字，末位为数字或 X。", code="characters")
    try:
        datetime.date(int(code[6:10]), int(code[10:12]), int(code[12:14]))
    except ValueError:
        raise ValidationError("居民身份证号码中的出生日期（第7至14位）不是有效日期。", code="birth") from None
    expected = resident_id_check_character(code[:17])
    if code[17] != expected:
        raise ValidationError(
            "居民身份证号码校验位不正确，请核对后重新填写。", params={"expected": expected}, code="check"
        )


def mask(value, keep_start=4, keep_end=4):
    """`532301199001011234` → `5323**********1234`; short values keep less so something stays hidden."""
    value = value or ""
    if not value:
        return ""
    if len(value) <= keep_start + keep_end:
        keep_start, keep_end = min(keep_start, len(value) // 3), min(keep_end, len(value) // 3)
    hidden = len(value) - keep_start - keep_end
    return value[:keep_start] + "*" * hidden + (value[-keep_end:] if keep_end else "")


def mask_phone(value):
    return mask(value, 3, 4)


def mask_address(value):
    value = value or ""
    return value[:6] + "****" if len(value) > 6 else mask(value, 1, 0)


# Characters that reverse or isolate the direction of text: "李明\u202e..." could show another name.
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def refuse_bidi_controls(value):
    """Names are shown, printed in letters and exported as they are: no hidden direction controls."""
    if BIDI_CONTROLS.search(value or ""):
        raise ValidationError(
            "不能包含改变文字显示方向的控制字符（如 U+202E），请删除后直接输入。", code="bidi_control"
        )
