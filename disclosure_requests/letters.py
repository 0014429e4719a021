"""The seam to the letters app (登记回执, 补正告知书, 答复书 …).

`letter_context(request, kind)` gathers what each letter needs from a request; `issued_letters`
lists the letters issued about it. While the letters app is not installed both work and the list is
empty, so the request pages do not depend on it.
"""

from django.apps import apps

from workdays.calendar import add_working_days


def letters_installed():
    return apps.is_installed("letters")


def issued_letters(request):
    if not letters_installed() or not request.pk:
        return []
    from django.contrib.contenttypes.models import ContentType

    Letter = apps.get_model("letters", "Letter")
    content_type = ContentType.objects.get_for_model(request)
    return list(Letter.objects.filter(content_type=content_type, object_id=request.pk).order_by("issued_at"))


def letter_context(request, kind, **extra):
    """The context of letter `kind` about `request`. Letters to third parties never carry the applicant's ID."""
    context = {
        "tracking_number": request.tracking_number,
        "applicant_name": request.name,
        "received_date": request.received_date,
        "due_date": request.due_date,
        "description": request.description,
        "document_reference": request.document_reference,
        "carrier": request.get_carrier_display(),
        "delivery": request.get_delivery_display(),
    }
    if kind.startswith("answer_"):
        context.update(
            answer_kind=request.get_answer_kind_display(),
            legal_ground=request.legal_ground,
            reason=request.reason,
            other_agency=request.other_agency,
            other_agency_contact=request.other_agency_contact,
        )
    if kind in ("third_party_consultation", "public_interest_notice"):
        context.pop("applicant_name")  # the third party learns what is asked, not who asks
    if kind == "supplement_notice" and {"sent_on", "period_days"} <= extra.keys():
        extra["supplement_due"] = add_working_days(extra["sent_on"], extra["period_days"])
    context.update(extra)
    return context
