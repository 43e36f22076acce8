from django.urls import path

from . import views

app_name = "quality"

urlpatterns = [
    path("", views.home, name="home"),
    path("applications/", views.application_list, name="application_list"),
    path("applications/new/", views.application_create, name="application_create"),
    path("applications/<int:pk>/", views.application_detail, name="application_detail"),
    path("applications/<int:pk>/edit/", views.application_edit, name="application_edit"),
    path("applications/<int:pk>/staff/", views.application_staff_add, name="application_staff_add"),
    path(
        "applications/<int:pk>/staff/<int:member_pk>/delete/",
        views.application_staff_delete,
        name="application_staff_delete",
    ),
    path("applications/<int:pk>/figures/", views.application_figures, name="application_figures"),
    path(
        "applications/<int:pk>/documents/",
        views.application_document_add,
        name="application_document_add",
    ),
    path(
        "applications/<int:pk>/documents/<int:document_pk>/",
        views.application_document_download,
        name="application_document_download",
    ),
    path(
        "applications/<int:pk>/documents/<int:document_pk>/delete/",
        views.application_document_delete,
        name="application_document_delete",
    ),
    path("applications/<int:pk>/submit/", views.application_submit, name="application_submit"),
    path("applications/<int:pk>/review/", views.application_review, name="application_review"),
    path("applications/<int:pk>/decide/", views.application_decide, name="application_decide"),
    path("register/", views.register, name="register"),
    path("register.csv", views.register_csv, name="register_csv"),
    path("campaigns/", views.campaign_list, name="campaign_list"),
    path("campaigns/new/", views.campaign_create, name="campaign_create"),
    path("campaigns/<int:pk>/", views.campaign_detail, name="campaign_detail"),
    path("campaigns/<int:pk>/remind/", views.campaign_remind, name="campaign_remind"),
    path("campaigns/<int:pk>/close/", views.campaign_close, name="campaign_close"),
    path("surveys/", views.survey_list, name="survey_list"),
    path("surveys/<int:campaign_pk>/", views.survey_respond, name="survey_respond"),
    path("reports/", views.report_index, name="report_index"),
    path("reports/<str:kind>/<int:key>/", views.report_detail, name="report_detail"),
    path("reports/<str:kind>/<int:key>/report.csv", views.report_csv, name="report_csv"),
    path("reports/<str:kind>/<int:key>/report.pdf", views.report_pdf, name="report_pdf"),
    path(
        "reports/service/<int:service_pk>/campaigns/<int:campaign_pk>/actions/new/",
        views.action_create,
        name="action_create",
    ),
    path("actions/<int:pk>/", views.action_update, name="action_update"),
    path("self-evaluation/", views.selfeval_list, name="selfeval_list"),
    path("self-evaluation/new/", views.selfeval_create, name="selfeval_create"),
    path("self-evaluation/<int:pk>/", views.selfeval_detail, name="selfeval_detail"),
    path("activities/", views.activity_list, name="activity_list"),
    path("activities/new/", views.activity_create, name="activity_create"),
    path("activities/<int:pk>/proof/", views.activity_proof, name="activity_proof"),
    path("activities/<int:pk>/delete/", views.activity_delete, name="activity_delete"),
]
