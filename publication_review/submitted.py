"""What a review judges is the submitted revision, not the page's live row (issue 13, point 4).

A live item's row keeps its published title and category while a changed draft is in review: the
route (工作动态's short chain or the full review) and what reviewers read come from the revision.
"""


def submitted_version(page):
    """The item as its latest saved revision has it: what a submission sends to review."""
    return page.specific.get_latest_revision_as_object()


def submitted_title(review):
    return review.revision.object_str
