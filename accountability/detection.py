"""The breaches the system sees by itself (S10.3): it opens their cases and closes them when remedied.

Each detector names the objects in breach today, each under a key; a key opens exactly one case,
ever (a unique column), so running the check again opens nothing new. When an object is no longer in
breach, its open case is closed with the date and the way it was remedied.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from audit.trail import record
from cms_pages.models import DisclosureItemPage
from disclosure_requests import services as request_services
from disclosure_requests.models import DisclosureRequest
from organisation.models import Department
from publication_review.deadlines import review_deadline
from publication_review.models import PublicationReview
from workdays.calendar import add_working_days, working_days_between
from workdays.limits import time_limits

from .history import record_changes, snapshot
from .models import AccountabilityCase, AccountabilitySettings, Breach, Complaint


@dataclass(frozen=True)
class Finding:
    key: str
    facts: str
    department: Department | None
    county_office: object = None


def chinese(day):
    return f"{day:%Y年%m月%d日}"


def general_office():
    return Department.objects.filter(is_general_office=True).order_by("pk").first()


def late_by(due, today):
    return f"已超期 {working_days_between(due, today)} 个工作日"


class Detector:
    breach: Breach
    prefix: str
    label: str

    def findings(self, today):
        raise NotImplementedError

    def remedy(self, object_id):
        """(date, what was done) once the object is out of breach; None while it is not."""
        raise NotImplementedError

    def key(self, *parts):
        return ":".join([self.prefix, *(str(part) for part in parts)])


class LateItems(Detector):
    """(六) a new item still in review past its 20-working-day limit (S1.4, S6.1)."""

    breach = Breach.LATE_DISCLOSURE
    prefix = "review-overdue"
    label = "应当公开的事项超期未公开"

    def findings(self, today):
        reviews = PublicationReview.objects.filter(
            outcome=PublicationReview.Outcome.IN_REVIEW, page__first_published_at__isnull=True
        ).select_related("page", "department")
        for review in reviews:
            due = review_deadline(review).due
            if due < today:
                facts = (
                    f"《{review.page.title}》{chinese(review.formed)}形成，应于{chinese(due)}前公开，"
                    f"至{chinese(today)}仍在审核中，{late_by(due, today)}。"
                )
                yield Finding(self.key(review.pk), facts, review.department)

    def remedy(self, object_id):
        review = PublicationReview.objects.filter(pk=object_id).first()
        if review is None or review.outcome == PublicationReview.Outcome.IN_REVIEW:
            return None
        day = timezone.localdate(review.finished) if review.finished else timezone.localdate()
        return day, f"审核已结束：{review.get_outcome_display()}（{chinese(day)}）。"


class UnpublishedChanges(Detector):
    """(四) a published item changed, the change not published within the limit."""

    breach = Breach.CHANGE_NOT_SUPPLIED
    prefix = "item-changed"
    label = "公开事项变更后未及时公开"

    def findings(self, today):
        items = DisclosureItemPage.objects.filter(live=True, has_unpublished_changes=True)
        for item in items:
            change = first_unpublished_revision(item)
            if change is None:
                continue
            changed_on, due = change_deadline(item, change)
            if due < today:
                facts = (
                    f"《{item.title}》已公开，{chinese(changed_on)}变更后应于{chinese(due)}前公开变更内容，"
                    f"至{chinese(today)}未公开，{late_by(due, today)}。"
                )
                yield Finding(self.key(item.pk, change.pk), facts, responsible_section(item))

    def remedy(self, object_id):
        item_id, revision_id = object_id.split(":")
        item = DisclosureItemPage.objects.filter(pk=item_id).first()
        if item is None or not item.live:
            return timezone.localdate(), "该公开事项已撤下。"
        change = item.revisions.filter(pk=revision_id).first()
        if item.last_published_at and change and item.last_published_at >= change.created_at:
            day = timezone.localdate(item.last_published_at)
            return day, f"变更内容已于{chinese(day)}发布。"
        return None


def first_unpublished_revision(item):
    revisions = item.revisions.order_by("created_at", "pk")
    if item.last_published_at:
        revisions = revisions.filter(created_at__gt=item.last_published_at)
    return revisions.first()


def change_deadline(item, change):
    """The change's date and due date: the review's own, once the change is submitted for review."""
    review = (
        PublicationReview.objects.filter(page=item, outcome=PublicationReview.Outcome.IN_REVIEW)
        .order_by("-pk")
        .first()
    )
    if review is not None:
        return review.formed, review_deadline(review).due
    changed_on = timezone.localdate(change.created_at)
    return changed_on, add_working_days(changed_on, time_limits().proactive)


def responsible_section(item):
    review = PublicationReview.objects.filter(page=item).select_related("department").order_by("-pk").first()
    return review.department if review else general_office()


class OverdueRequests(Detector):
    """(七) a request not answered within its limit (S6.2)."""

    breach = Breach.REQUEST_MISHANDLED
    prefix = "request-overdue"
    label = "依申请公开超期未答复"

    def findings(self, today):
        for request in request_services.overdue_requests(today).select_related("department"):
            facts = (
                f"申请 {request.tracking_number}（{request.description[:40]}）应于{chinese(request.due_date)}前答复，"
                f"至{chinese(today)}未答复，{late_by(request.due_date, today)}。"
            )
            yield Finding(self.key(request.pk), facts, request.department or general_office())

    def remedy(self, object_id):
        request = DisclosureRequest.objects.filter(pk=object_id).first()
        if request is None:
            return None
        if request.answered_on:
            return request.answered_on, f"已于{chinese(request.answered_on)}答复。"
        day = timezone.localdate(request.updated_at)
        return day, f"申请已{request.get_status_display()}（{chinese(day)}）。"


class UnregisteredRequests(Detector):
    """(十一) a request left unregistered (not accepted) past the registration limit (S2.4)."""

    breach = Breach.REQUEST_NOT_ACCEPTED
    prefix = "request-unregistered"
    label = "申请逾期未登记受理"

    def findings(self, today):
        for request in request_services.unregistered_requests(today):
            facts = (
                f"申请 {request.tracking_number}（{request.description[:40]}）"
                f"于{chinese(timezone.localdate(request.submitted_at))}提交，至{chinese(today)}未登记受理。"
            )
            yield Finding(self.key(request.pk), facts, general_office())

    def remedy(self, object_id):
        request = DisclosureRequest.objects.filter(pk=object_id).first()
        if request is None:
            return None
        day = timezone.localdate(request.updated_at)
        return day, f"申请已登记（{request.get_status_display()}，{chinese(day)}）。"


class UnhandledComplaints(Detector):
    """(九) a complaint not handled within the complaint limit."""

    breach = Breach.COMPLAINT_UNHANDLED
    prefix = "complaint"
    label = "举报投诉逾期未办结"

    def findings(self, today):
        complaints = Complaint.objects.filter(handled_on__isnull=True, received_on__lt=today)
        for complaint in complaints.select_related("department", "county_office"):
            due = complaint.due
            if due < today:
                facts = (
                    f"{chinese(complaint.received_on)}收到的举报投诉（{complaint.subject[:40]}）应于{chinese(due)}"
                    f"前办结，至{chinese(today)}未办结，{late_by(due, today)}。"
                )
                yield Finding(self.key(complaint.pk), facts, complaint.department, complaint.county_office)

    def remedy(self, object_id):
        complaint = Complaint.objects.filter(pk=object_id).first()
        if complaint is None or not complaint.handled_on:
            return None
        return complaint.handled_on, f"已于{chinese(complaint.handled_on)}办结：{complaint.result}"


DETECTORS = (
    LateItems(),
    UnpublishedChanges(),
    OverdueRequests(),
    UnregisteredRequests(),
    UnhandledComplaints(),
)


def check_breaches(today=None, report=print):
    """Open a case for each new breach, close remedied ones, mark overdue rectification. Returns counts."""
    today = today or timezone.localdate()
    counts = {"opened": 0, "closed": 0, "award_lost": 0}
    for detector in DETECTORS:
        found = list(detector.findings(today))
        opened = sum(open_case(detector, finding, today) for finding in found)
        closed = close_remedied(detector, {finding.key for finding in found})
        number = detector.breach.label.split("）")[0] + "）"
        report(f"{number}{detector.label}：现有 {len(found)} 件，新立案 {opened} 件，已整改办结 {closed} 件")
        counts["opened"] += opened
        counts["closed"] += closed
    counts["award_lost"] = mark_overdue_rectification(today)
    report(f"逾期未整改、取消年度评先评优资格：{counts['award_lost']} 件")
    return counts


@transaction.atomic
def open_case(detector, finding, today):
    deadline = add_working_days(today, AccountabilitySettings.current().rectification_days)
    case, created = AccountabilityCase.objects.get_or_create(
        detection_key=finding.key,
        defaults={
            "breach": detector.breach,
            "facts": finding.facts,
            "found_on": today,
            "department": finding.department,
            "county_office": finding.county_office,
            "order_to_correct": True,
            "rectification_deadline": deadline,
        },
    )
    if created:
        head = finding.department.head if finding.department else None
        if head:
            case.responsible_people.add(head)
        record(case, "系统自动立案")
    return created


def close_remedied(detector, keys_in_breach):
    closed = 0
    still_open = AccountabilityCase.objects.filter(
        detection_key__startswith=f"{detector.prefix}:", rectified_on__isnull=True
    ).exclude(detection_key__in=keys_in_breach)
    for case in still_open:
        remedy = detector.remedy(case.detection_key.removeprefix(f"{detector.prefix}:"))
        if remedy is None:
            continue
        with transaction.atomic():
            case = AccountabilityCase.objects.select_for_update().get(pk=case.pk)
            before = snapshot(case)
            case.rectified_on, case.rectification = remedy
            case.save()
            record_changes(case, "系统确认已整改，办结", before)
        closed += 1
    return closed


def mark_overdue_rectification(today):
    marked = 0
    overdue = AccountabilityCase.objects.filter(
        rectified_on__isnull=True, rectification_deadline__lt=today, award_eligibility_lost=False
    )
    for case in overdue:
        with transaction.atomic():
            before = snapshot(case)
            case.award_eligibility_lost = True
            case.save(update_fields=["award_eligibility_lost"])
            record_changes(case, "逾期未整改，取消年度评先评优资格", before)
        marked += 1
    return marked
