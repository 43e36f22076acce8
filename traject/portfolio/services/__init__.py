"""Writes for the portfolio. Views, the API, commands and tasks all call these.

One module per sub-area; every public service is importable from here.
"""

from .courses import (
    course_item_save,
    course_save,
    todo_lists_on_trainee_change,
    todo_lists_sync,
)
from .epas import (
    entrustment_decide,
    epa_save,
)
from .feedback import (
    check_epa,
    feedback_give,
    feedback_record,
    feedback_request_complete,
    feedback_request_create,
    feedback_request_withdraw,
    feedback_share,
    feedback_unshare,
)
from .iop import (
    goal_agree,
    goal_comment,
    goal_save,
    learning_goal_revise,
)
from .reminders import (
    reminders_send,
)
from .todos import _snapshot as _snapshot  # the demo builds past submissions with it
from .todos import (
    item_file_delete,
    submission_decide,
    todo_item_attach_file,
    todo_item_update,
    todo_list_submit,
)

__all__ = [
    "check_epa",
    "course_item_save",
    "course_save",
    "entrustment_decide",
    "epa_save",
    "feedback_give",
    "feedback_record",
    "feedback_request_complete",
    "feedback_request_create",
    "feedback_request_withdraw",
    "feedback_share",
    "feedback_unshare",
    "goal_agree",
    "goal_comment",
    "goal_save",
    "learning_goal_revise",
    "item_file_delete",
    "reminders_send",
    "submission_decide",
    "todo_item_attach_file",
    "todo_item_update",
    "todo_list_submit",
    "todo_lists_on_trainee_change",
    "todo_lists_sync",
]
