"""What the workflow engine knows of each process: every app registers its flows in AppConfig.ready().

The engine (inbox, task page, claiming) imports no process model. It asks the process's `ProcessKind`
for what it shows and checks: the rows of the inbox, the page a task links to, the summary above a
task's form, and who submitted or registered the item (who may not approve it). The default kind
reads the process model's own `inbox_row()`, `get_admin_url()` and `task_summary_template` when it
has them; an app with more to say registers a subclass.
"""

from django.urls import reverse

_kinds = {}


class ProcessKind:
    """How the engine shows and checks the processes of one flow; override what differs.

    `related`: the relations an inbox row reads (`select_related`), so a page of rows costs one query.
    `authors`: process -> ids of who submitted or registered the item (drafting steps add their doers).
    """

    def __init__(self, related=(), authors=None):
        self.related = related
        self.author_ids = authors

    def load(self, process_class, ids):
        """The processes with these ids, with what their inbox rows read loaded in the same query."""
        return process_class.objects.filter(pk__in=ids).select_related(*self.related)

    def row(self, task, process):
        """Inbox fields beyond the task's: subject, url, due, due_state, due_text, flag…"""
        row = {"url": self.url(process)}
        if hasattr(process, "inbox_row"):
            row.update(process.inbox_row())
        return row

    def url(self, process):
        if hasattr(process, "get_admin_url"):
            return process.get_admin_url()
        return reverse("flows:inbox")

    def subtitle(self, process):
        return str(process)

    def task_context(self, process):
        """What the task page shows above the form (`summary_template` is included with this context)."""
        return {"process": process, "summary_template": getattr(process, "task_summary_template", "")}

    def authors(self, process):
        """Ids of the people who submitted or registered the item: none of them may approve it."""
        return set(self.author_ids(process)) if self.author_ids else set()


def register(flow_class, kind=None):
    _kinds[flow_class] = kind or ProcessKind()
    return flow_class


def inbox_flows():
    return list(_kinds)


def kind_of(flow_class):
    return _kinds.get(flow_class) or ProcessKind()
