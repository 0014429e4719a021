"""综合科's one view over the sections and county offices (S3.1): what is near or past due, what is open."""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.utils import timezone

from annual_report.services import upcoming_deadlines
from clarifications.models import Clarification
from disclosure_requests import services as request_services
from organisation.models import CountyOffice, Department
from publication_review.deadlines import reviews_near_or_past_due
from workdays.calendar import add_working_days
from workflow.deadlines import NEAR_DUE_WORKING_DAYS

from .models import AccountabilityCase, AssessmentScheme, Complaint


def open_cases():
    return AccountabilityCase.objects.exclude(status=AccountabilityCase.Status.CLOSED)


@dataclass
class Row:
    name: str
    counts: Counter = field(default_factory=Counter)


def requests_near_due(today):
    """Unanswered requests due within the next few working days (not yet overdue)."""
    horizon = add_working_days(today, NEAR_DUE_WORKING_DAYS) + datetime.timedelta(days=1)
    overdue = request_services.overdue_requests(today).values("pk")
    return request_services.overdue_requests(horizon).exclude(pk__in=overdue)


def deadlines(today):
    """The annual report's and the assessment's next deadlines, soonest first."""
    upcoming = list(upcoming_deadlines(today))
    for scheme in AssessmentScheme.objects.filter(finalised_on__isnull=True):
        upcoming.append((f"{scheme.year}年度政务公开考核完成期限", scheme.deadline))
    return sorted(upcoming, key=lambda pair: pair[1])


def overview(today=None):
    today = today or timezone.localdate()
    general_office = Department.objects.filter(is_general_office=True).order_by("pk").first()
    sections = {department.pk: Row(department.name) for department in Department.objects.all()}
    counties = {office.pk: Row(office.name) for office in CountyOffice.objects.all()}

    def section_row(department_id):
        return sections.get(department_id or (general_office.pk if general_office else None))

    items = reviews_near_or_past_due(today)
    for row in items:
        sections[row["review"].department_id].counts[f"items_{row['state']}"] += 1
    overdue_requests = list(request_services.overdue_requests(today).select_related("department"))
    near_requests = list(requests_near_due(today).select_related("department"))
    for key, requests in (("requests_overdue", overdue_requests), ("requests_near", near_requests)):
        for request in requests:
            if target := section_row(request.department_id):
                target.counts[key] += 1
    for complaint in Complaint.objects.filter(handled_on__isnull=True):
        target = counties.get(complaint.county_office_id) or sections.get(complaint.department_id)
        if target:
            target.counts["complaints_open"] += 1
    cases = open_cases()
    for case in cases:
        target = counties.get(case.county_office_id) or sections.get(case.department_id)
        if target:
            target.counts["cases_open"] += 1
    open_clarifications = Clarification.objects.open()
    return {
        "today": today,
        "sections": list(sections.values()),
        "counties": list(counties.values()),
        "items": items,
        "requests_overdue": overdue_requests,
        "requests_near": near_requests,
        "unregistered": list(request_services.unregistered_requests(today)),
        "clarifications": list(open_clarifications[:10]),
        "clarifications_count": open_clarifications.count(),
        "cases": list(
            cases.select_related("department", "county_office").order_by("rectification_deadline")[:10]
        ),
        "cases_count": cases.count(),
        "deadlines": deadlines(today),
    }
