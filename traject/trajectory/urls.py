from django.urls import path

from . import views

app_name = "trajectory"

urlpatterns = [
    path("", views.home, name="home"),
    path("open/", views.open_path, name="open"),
    path("overview/", views.overview, name="overview"),
    path("help/", views.help_page, name="help"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/change/", views.change_start, name="change_start"),
    path("<int:pk>/evidence/", views.evidence_upload, name="evidence_upload"),
    path("<int:pk>/interruptions/new/", views.interruption_create, name="interruption_create"),
    path("<int:pk>/stageboekjes/", views.stageboekje_generate, name="stageboekje_generate"),
    path("<int:pk>/dossier/", views.final_dossier, name="final_dossier"),
    path("stageboekjes/<int:pk>/", views.stageboekje_detail, name="stageboekje"),
    path(
        "stageboekjes/<int:pk>/evaluate/", views.stageboekje_evaluate, name="stageboekje_evaluate"
    ),
    path("stageboekjes/<int:pk>/submit/", views.stageboekje_submit, name="stageboekje_submit"),
    path("stageboekjes/<int:pk>/decide/", views.stageboekje_decide, name="stageboekje_decide"),
    path("stageboekjes/<int:pk>/pdf/", views.stageboekje_pdf, name="stageboekje_pdf"),
    path("stageboekjes/<int:pk>/json/", views.stageboekje_json, name="stageboekje_json"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/pdf/", views.plan_pdf, name="plan_pdf"),
    path("plans/<int:pk>/items/new/", views.item_create, name="item_create"),
    path("plans/<int:pk>/sign/", views.plan_sign, name="plan_sign"),
    path("plans/<int:pk>/submit/", views.plan_submit, name="plan_submit"),
    path("plans/<int:pk>/supplement/", views.plan_supplement, name="plan_supplement"),
    path("plans/<int:pk>/candidate-number/", views.plan_candidate, name="plan_candidate"),
    path("plans/<int:pk>/advice/", views.plan_advice, name="plan_advice"),
    path("plans/<int:pk>/decision/", views.plan_decision, name="plan_decision"),
    path("plans/<int:pk>/appeal/", views.plan_appeal, name="plan_appeal"),
    path("items/<int:pk>/edit/", views.item_edit, name="item_edit"),
    path("items/<int:pk>/delete/", views.item_delete, name="item_delete"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence_download"),
    path("evidence/<int:pk>/delete/", views.evidence_delete, name="evidence_delete"),
    path("interruptions/<int:pk>/edit/", views.interruption_edit, name="interruption_edit"),
    path("interruptions/<int:pk>/delete/", views.interruption_delete, name="interruption_delete"),
]

urlpatterns += views.CONTACTS.urls()
