"""The letters a request needs (登记回执, 补正告知书, 答复书 …), through the letters app.

`letter_context(request, kind, **extra)` gathers each kind's variables (letters/kinds.py) from the
request; `issue(request, kind, user, **extra)` issues and archives the PDF; `issued_letters` lists
what was issued about a request. Letters to a third party never carry the applicant's name or ID.
"""

from django.apps import apps

from letters.wording import LetterError  # noqa: F401  (raised by issue(); callers catch it from here)

# The 答复书 of each answer kind (S2.5's seven, the repeat, and the two outcomes of a correction, S2.9).
ANSWER_LETTER = {
    "already_public": "answer_public",
    "disclosed": "answer_public",
    "transferred": "answer_transfer",
    "not_government_information": "answer_not_government_info",
    "refused": "answer_refused",
    "partial": "answer_partial",
    "other_agency": "answer_other_agency",
    "not_exist": "answer_not_exist",
    "repeat": "answer_repeat",
    "corrected": "correction_done",
    "correction_transferred": "correction_transferred",
}
THIRD_PARTY_KINDS = {"third_party_consultation", "public_interest_notice"}


def letters_installed():
    return apps.is_installed("letters")


def issued_letters(request):
    if not letters_installed() or not request.pk:
        return []
    from django.contrib.contenttypes.models import ContentType

    Letter = apps.get_model("letters", "Letter")
    content_type = ContentType.objects.get_for_model(request)
    return list(Letter.objects.filter(content_type=content_type, object_id=request.pk).order_by("issued_at"))


def letters_for_applicant(request):
    """What the applicant may download: not the letters to a third party (its name, its secrets)."""
    return [letter for letter in issued_letters(request) if letter.kind not in THIRD_PARTY_KINDS]


def letter_context(request, kind, **extra):
    """The variables of letter `kind` about `request`; `extra` adds the step's own (reason, deadline …)."""
    if kind in THIRD_PARTY_KINDS:
        context = {"tracking_number": request.tracking_number, "description": request.description}
    else:
        context = {
            "applicant_name": request.name,
            "tracking_number": request.tracking_number,
            "received_date": request.received_date,
            "description": request.description,
            "channel": request.get_channel_display(),
            "due_date": request.marked_due_date,
        }
    if kind in ANSWER_LETTER.values():
        access_method = f"{request.get_carrier_display()}，{request.get_delivery_display()}"
        if request.answer_kind == "already_public" and request.reason:
            access_method = f"{request.reason}；{access_method}"
        context.update(
            reason=request.reason,
            legal_ground=request.legal_ground,
            other_agency_name=request.other_agency,
            other_agency_contact=request.other_agency_contact,
            access_method=access_method,
            transferred_to=request.other_agency,
            correction_result=request.reason,
        )
    context.update(extra)
    return context


def issue(request, kind, user, *, recipient=None, **extra):
    """Issue letter `kind` about `request`; None while the letters app is not installed."""
    if not letters_installed():
        return None
    from letters.issuing import issue_letter

    return issue_letter(
        kind,
        letter_context(request, kind, **extra),
        subject=request,
        recipient=recipient or request.name,
        user=user,
    )


def issue_to_third_party(process, kind, user, **extra):
    """A letter to the consulted third party: its name, never the applicant's (letter_context)."""
    return issue(
        process.request,
        kind,
        user,
        recipient=process.third_party,
        third_party_name=process.third_party,
        **extra,
    )


def issue_answer(request, user):
    """The 答复书 of the request's answer kind."""
    return issue(request, ANSWER_LETTER[request.answer_kind], user)
