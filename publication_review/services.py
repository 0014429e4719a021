"""What each step of the publication review means, done in one place.

Task forms validate and call these; the flows call them for their automatic steps; tests and commands
may call them too. Every step is written to the one audit trail (audit/trail.py): the opinions on a
review (谁审查、谁负责) on the review, each step of a consultation on the consultation.
"""

from django.db import transaction
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.models import Page

from audit.trail import entries, record
from cms_pages.publication import authorised_publication

from .documents import issue_consultation_letter
from .models import Consultation, PublicationReview

Decision = PublicationReview.Decision
STAMP = "（已加盖综合科印章）"


# -- the review's opinions ---------------------------------------------------------------------------


def record_opinion(review, step, user, decision, opinion=""):
    """One reviewer's decision at one step (a flow node), on the revision under review."""
    return record(
        review,
        str(step.task_title),
        user=user,
        step=step.name,
        decision=decision,
        decision_label=Decision(decision).label,
        text=opinion,
        revision=review.revision,
    )


def opinions(review):
    """The review's opinions as log entries, oldest first (filter on `data__decision`, `user`…)."""
    return entries(review)


def final_approver(review):
    """Whoever approved last: the revision is published in their name."""
    return opinions(review).filter(data__decision=Decision.APPROVE).select_related("user").last().user


def has_reviewed(review, user):
    return opinions(review).filter(user=user).exists()


def give_opinion(review, step, user, decision, opinion="", stamped=False):
    """Approve, return or refer at a review step; the decision routes the flow."""
    text = f"{opinion}{STAMP}".lstrip() if stamped else opinion
    record_opinion(review, step, user, decision, text)
    review.last_decision = decision
    if decision == Decision.REFER:
        review.referred_from = step.name
    review.save(update_fields=["last_decision", "referred_from"])


def record_secrecy_answer(review, step, user, department, may_publish, answer):
    """综合科 records the competent secrecy department's answer (S1.4, S3.3)."""
    verdict = "可以公开" if may_publish else "不得公开"
    record_opinion(review, step, user, Decision.ANSWER, f"{department}：{verdict}。{answer}")
    review.last_decision = Decision.APPROVE if may_publish else Decision.RETURN
    review.save(update_fields=["last_decision"])


# -- the item under review -----------------------------------------------------------------------------


def lock_page(page):
    """Locked for everyone (locked_by=None) while the review runs: what is reviewed cannot change."""
    page.locked, page.locked_at, page.locked_by = True, timezone.now(), None
    page.save(update_fields=["locked", "locked_at", "locked_by"])


def unlock_page(page):
    page.locked, page.locked_at, page.locked_by = False, None, None
    page.save(update_fields=["locked", "locked_at", "locked_by"])


def latest_revision_id(page_pk):
    return Page.objects.values_list("latest_revision_id", flat=True).get(pk=page_pk)


def has_new_revision(review):
    return latest_revision_id(review.page_id) != review.revision_id


def start_review(review, step, page, user, channels):
    """信息员报送: the review of the page's latest revision begins and the page is locked."""
    review.page = page
    review.revision = page.get_latest_revision()
    review.submitted_by = user
    review.save()
    review.channels.set(channels)
    lock_page(page)
    record_opinion(review, step, user, Decision.SUBMIT, "填写审核及保密审查表，报送审查")
    return review


@transaction.atomic
def resubmit(review, step, user, resubmitting, note=""):
    """The officer resubmits the newest revision after a return (the page locks again), or withdraws."""
    if resubmitting:
        review.revision_id = latest_revision_id(review.page_id)
        review.last_decision = Decision.SUBMIT
        lock_page(review.page)
    else:
        review.last_decision = Decision.RETURN
    review.save(update_fields=["revision", "last_decision"])
    record_opinion(review, step, user, Decision.SUBMIT, note or "修改后重新报审")


def publish(review):
    """The approved revision goes live in the last approver's name, with the channels declared."""
    with authorised_publication(f"发布审核 #{review.pk}"):
        review.revision.publish(user=final_approver(review), skip_permission_checks=True)
    unlock_page(review.page)
    item = review.page.specific
    item.channels.set(review.channels.all())
    item.channels.commit()  # a parental relation: without commit the channels stay in memory only
    review.outcome = PublicationReview.Outcome.PUBLISHED
    review.save(update_fields=["outcome"])


def close(review, outcome):
    """The review ends without publishing (withheld or withdrawn); the page unlocks."""
    unlock_page(review.page)
    review.outcome = outcome
    review.save(update_fields=["outcome"])


# -- consultations (rule 8) ---------------------------------------------------------------------------


def note(consultation, step, user, text):
    """One step of a consultation on its trail: letter sent, reply, reminder, negotiation, referral."""
    return record(consultation, str(step.task_title), user=user, step=step.name, text=text)


def open_consultation(consultation, review, agency, kind):
    consultation.review, consultation.agency, consultation.kind = review, agency, kind
    consultation.save()
    return consultation


LETTER_FIELDS = ("basic_facts", "office_opinion", "opinion_basis", "matters", "delivery", "sent_on")


def send_letter(consultation, step, user, **letter):
    """征求意见函 (S8.6): the three things it states, numbered and archived, and how it was sent."""
    for name in LETTER_FIELDS:
        setattr(consultation, name, letter[name])
    consultation.letter = issue_consultation_letter(consultation, user)
    consultation.save()
    sent = f"{consultation.get_delivery_display()}发送征求意见函（{consultation.letter.letter_number}）"
    note(consultation, step, user, f"{sent}至{consultation.agency}")


def record_reply(consultation, step, user, agrees, reply_file, summary):
    """The agency's written reply (S8.7), its scan kept as a document."""
    consultation.reply_agrees = agrees
    consultation.reply_document = Document.objects.create(
        title=f"{consultation.agency}复函", file=reply_file, uploaded_by_user=user
    )
    consultation.save(update_fields=["reply_agrees", "reply_document"])
    verdict = "同意" if agrees else "不同意"
    note(consultation, step, user, f"{consultation.agency}书面函复{verdict}：{summary}")


def chase_reply(consultation, step, user, how):
    note(consultation, step, user, how)


def settle(consultation, step, user, agrees, text):
    """A negotiation or the prefecture authority's coordination decides whether the item may be published."""
    consultation.reply_agrees = agrees
    consultation.save(update_fields=["reply_agrees"])
    note(consultation, step, user, text)


def refer_to_authority(consultation, step, user, report):
    note(consultation, step, user, report)


def close_consultation(consultation, outcome):
    """Record the outcome; True when this was the review's last open consultation."""
    consultation.outcome = outcome
    consultation.save(update_fields=["outcome"])
    return not consultation.review.consultations.filter(outcome=Consultation.Outcome.OPEN).exists()
