"""Portfolio pages: the ASO's own portfolio, supervisors, the titularis and administrators."""

from .catalogue import (
    course_create,
    course_edit,
    course_item_create,
    course_item_edit,
    course_list,
    epa_create,
    epa_edit,
    epa_list,
)
from .downloads import export_json, export_pdf
from .epas import entrustment_create, epa_history
from .feedback import (
    feedback_detail,
    feedback_give,
    feedback_request_complete,
    feedback_request_create,
    feedback_request_withdraw,
    feedback_requests,
    feedback_share,
    feedback_timeline,
    feedback_unshare,
)
from .iop import (
    goal_agree,
    goal_comment,
    goal_create,
    goal_detail,
    goal_edit,
    goal_list,
    iop,
)
from .overview import (
    overview,
    stagemeester_table,
    trainee_overview,
    trainee_status,
)
from .submissions import submission_detail, submissions
from .todos import item_file, item_file_delete, todo_item, todo_list, todo_list_submit

__all__ = [
    "overview",
    "stagemeester_table",
    "trainee_overview",
    "trainee_status",
    "item_file",
    "item_file_delete",
    "todo_item",
    "todo_list",
    "todo_list_submit",
    "submission_detail",
    "submissions",
    "feedback_detail",
    "feedback_give",
    "feedback_request_complete",
    "feedback_request_create",
    "feedback_request_withdraw",
    "feedback_requests",
    "feedback_share",
    "feedback_timeline",
    "feedback_unshare",
    "entrustment_create",
    "epa_history",
    "goal_agree",
    "goal_comment",
    "goal_create",
    "goal_detail",
    "goal_edit",
    "goal_list",
    "iop",
    "export_json",
    "export_pdf",
    "course_create",
    "course_edit",
    "course_item_create",
    "course_item_edit",
    "course_list",
    "epa_create",
    "epa_edit",
    "epa_list",
]
