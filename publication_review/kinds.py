"""What the workflow engine shows of a publication review and of its consultations (workflow/registry.py)."""

from django.urls import reverse

from audit.trail import history
from workflow.deadlines import due_status
from workflow.registry import ProcessKind

from .deadlines import review_deadline
from .submitted import submitted_title


def review_context(review):
    """The review's summary, opinions, consultations and clock: the history page and task pages show them."""
    consultations = list(review.consultations.select_related("letter", "reply_document"))
    for consultation in consultations:
        consultation.trail = history(consultation)
    return {
        "review": review,
        "consultations": consultations,
        "deadline": review_deadline(review),
        "preview_url": reverse(
            "wagtailadmin_pages:revisions_view", args=[review.page_id, review.revision_id]
        ),
    }


class ReviewKind(ProcessKind):
    """信息发布保密审查 and 工作动态: rows show the submitted title and the 20-working-day clock."""

    def __init__(self, related=("page", "revision")):
        super().__init__(related)

    def review(self, process):
        return process

    def row(self, task, process):
        review = self.review(process)
        deadline = review_deadline(review)
        state, text = due_status(deadline.due)
        return {
            "process": review,
            "url": self.url(process),
            "subject": submitted_title(review),
            "due": deadline.due,
            "due_state": state,
            "due_text": text,
            "provisional": deadline.warning,
        }

    def url(self, process):
        return reverse("flows:review", args=[self.review(process).pk])

    def subtitle(self, process):
        return submitted_title(self.review(process))

    def task_context(self, process):
        return {
            **review_context(self.review(process)),
            "process": process,
            "summary_template": "publication_review/includes/task_summary.html",
        }

    def authors(self, process):
        return {self.review(process).submitted_by_id}


class ConsultationKind(ReviewKind):
    """征求意见、会签: shown as its review, the step named with the agency consulted."""

    def __init__(self):
        super().__init__(related=("review__page", "review__revision"))

    def review(self, process):
        return process.review

    def row(self, task, process):
        return {**super().row(task, process), "title": f"{task.flow_task.task_title}（{process.agency}）"}

    def task_context(self, process):
        return {**super().task_context(process), "consultation": process}
