from wagtail import hooks
from wagtail.log_actions import LogFormatter

from .trail import ACTION


@hooks.register("register_log_actions")
def register_step_action(actions):
    @actions.register_action(ACTION)
    class StepDone(LogFormatter):
        label = "办理记录"

        def format_message(self, log_entry):
            """Step and decision, and what changed: the site history shows no comment."""
            data = log_entry.data
            heading = "：".join(part for part in (data.get("step_label"), data.get("decision_label")) if part)
            changes = "；".join(f"{label}：{old} → {new}" for label, old, new in data.get("changes", []))
            return f"{heading}（{changes}）" if changes else heading

        def format_comment(self, log_entry):
            data = log_entry.data
            lines = [data.get("text", "")] + [
                f"{label}：{old} → {new}" for label, old, new in data.get("changes", [])
            ]
            return "\n".join(line for line in lines if line)
