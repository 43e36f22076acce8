from django.urls import path

from . import views

app_name = "portfolio"

urlpatterns = [
    # The ASO's own portfolio
    path("", views.overview, name="overview"),
    path("todo/<int:pk>/", views.todo_list, name="todo_list"),
    path("todo/<int:pk>/submit/", views.todo_list_submit, name="todo_list_submit"),
    path("todo/items/<int:pk>/", views.todo_item, name="todo_item"),
    path("files/<int:pk>/", views.item_file, name="item_file"),
    path("files/<int:pk>/delete/", views.item_file_delete, name="item_file_delete"),
    path("feedback/", views.feedback_timeline, name="feedback_timeline"),
    path("feedback/ask/", views.feedback_request_create, name="feedback_request_create"),
    path("feedback/requests/", views.feedback_requests, name="feedback_requests"),
    path(
        "feedback/requests/<int:pk>/",
        views.feedback_request_complete,
        name="feedback_request_complete",
    ),
    path(
        "feedback/requests/<int:pk>/withdraw/",
        views.feedback_request_withdraw,
        name="feedback_request_withdraw",
    ),
    path("feedback/<int:pk>/", views.feedback_detail, name="feedback_detail"),
    path("feedback/<int:pk>/share/", views.feedback_share, name="feedback_share"),
    path("feedback/<int:pk>/unshare/", views.feedback_unshare, name="feedback_unshare"),
    path("iop/", views.goal_list, name="goal_list"),
    path("iop/new/", views.goal_create, name="goal_create"),
    path("iop/<int:pk>/", views.goal_detail, name="goal_detail"),
    path("iop/<int:pk>/edit/", views.goal_edit, name="goal_edit"),
    path("iop/<int:pk>/comment/", views.goal_comment, name="goal_comment"),
    path("iop/<int:pk>/agree/", views.goal_agree, name="goal_agree"),
    path("export/portfolio.json", views.export_json, name="export_json"),
    path("export/portfolio.pdf", views.export_pdf, name="export_pdf"),
    # Supervisors and the mentor
    path("my-aso/", views.stagemeester_table, name="stagemeester_table"),
    path("aso/<int:trainee_pk>/", views.trainee_overview, name="trainee_overview"),
    path("aso/<int:trainee_pk>/status/", views.trainee_status, name="trainee_status"),
    path("aso/<int:trainee_pk>/iop/", views.iop, name="iop"),
    path("aso/<int:trainee_pk>/feedback/new/", views.feedback_give, name="feedback_give"),
    path(
        "aso/<int:trainee_pk>/entrustment/new/",
        views.entrustment_create,
        name="entrustment_create",
    ),
    path("aso/<int:trainee_pk>/epa/<int:epa_pk>/", views.epa_history, name="epa_history"),
    # Titularis
    path("submissions/", views.submissions, name="submissions"),
    path("submissions/<int:pk>/", views.submission_detail, name="submission_detail"),
    # Programme administrators
    path("courses/", views.course_list, name="course_list"),
    path("courses/new/", views.course_create, name="course_create"),
    path("courses/<int:pk>/", views.course_edit, name="course_edit"),
    path("courses/<int:pk>/items/new/", views.course_item_create, name="course_item_create"),
    path("courses/items/<int:pk>/", views.course_item_edit, name="course_item_edit"),
    path("epas/", views.epa_list, name="epa_list"),
    path("epas/new/", views.epa_create, name="epa_create"),
    path("epas/<int:pk>/", views.epa_edit, name="epa_edit"),
]
