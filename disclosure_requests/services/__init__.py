"""What each step of a request means, in one place: forms validate and call these, as do the flow, the
public pages, the commands and the tests.

`applicant`: taking a request in and what the applicant sees and does; `registration`: registering,
the completeness review and 补正; `answer`: from the section's draft to the archive; `record`: the
handling record (entries of the one audit trail).
"""

from .applicant import (
    NOT_FOUND,
    PUBLIC_STATUS,
    find_for_applicant,
    notify_applicant,
    overdue_requests,
    public_status,
    submit,
    supplement_online,
    unregistered_requests,
    waiting_supplement_task,
)

__all__ = [
    "NOT_FOUND",
    "PUBLIC_STATUS",
    "find_for_applicant",
    "notify_applicant",
    "overdue_requests",
    "public_status",
    "submit",
    "supplement_online",
    "unregistered_requests",
    "waiting_supplement_task",
]
