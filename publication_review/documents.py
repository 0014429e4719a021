"""The written documents of the review: the review form (S4.4) and the consultation letter (S8.6)."""

import datetime

from django.utils import timezone

from audit.trail import actor_name, history
from letters.issuing import issue_letter
from letters.pdf import render_letter
from workdays.calendar import add_working_days
from workdays.limits import time_limits

from .submitted import submitted_title


def review_form_pdf(review):
    """审核及保密审查表 with every opinion given so far, as PDF bytes."""
    item = review.revision.as_object()
    secrecy = review.get_secrecy_handling_display()
    return render_letter(
        "review_form",
        {
            "item_title": item.title,
            "department_name": review.department.name,
            "information_officer": actor_name(review.submitted_by),
            "category": item.category.name,
            "formed_date": review.formed,
            "involves_state_secrets": review.touches_state_secrets,
            "involves_commercial_secrets": review.touches_commercial_secrets,
            "involves_privacy": review.touches_privacy,
            "major_or_difficult": review.is_major,
            "channels": [channel.name for channel in review.channels.all()],
            "secrecy_handling": f"{secrecy}：{review.secrecy_note}" if review.secrecy_note else secrecy,
            "other_agencies": "、".join(name for name, _ in review.agencies_to_consult()),
            "legal_approval": review.legal_approval.title if review.legal_approval else "",
            "opinions": [
                {
                    "step": entry.step_label,
                    "reviewer": entry.actor,
                    "opinion": f"{entry.decision_label}。{entry.text}",
                    "date": entry.at.date(),
                }
                for entry in history(review)
            ],
        },
    )


def reply_deadline(sent_on):
    return add_working_days(sent_on, time_limits().consultation_reply)


def reply_due_at(sent_on):
    return timezone.make_aware(datetime.datetime.combine(reply_deadline(sent_on), datetime.time(17, 30)))


def issue_consultation_letter(consultation, user):
    """征求意见函 stating the three things of S8.6, numbered and archived."""
    return issue_letter(
        "consultation_letter",
        {
            "consulted_agency_name": consultation.agency,
            "item_title": submitted_title(consultation.review),
            "basic_facts": consultation.basic_facts,
            "office_opinion": consultation.office_opinion,
            "opinion_basis": consultation.opinion_basis,
            "matters_to_coordinate": consultation.matters,
            "reply_deadline": reply_deadline(consultation.sent_on),
            "contact_name": actor_name(user),
        },
        subject=consultation,
        recipient=consultation.agency,
        user=user,
    )
