from django.urls import path

from . import offline_views, views

app_name = "worktime"

urlpatterns = [
    path("", views.week, name="week"),
    path("week/<str:day>/", views.week, name="week_of"),
    path("week/<str:day>/copy/", views.week_copy, name="week_copy"),
    path("week/<str:day>/repeat/", views.week_repeat, name="week_repeat"),
    path("entries/new/", views.entry_add, name="entry_add"),
    path("entries/<int:pk>/", views.entry_edit, name="entry_edit"),
    path("entries/<int:pk>/delete/", views.entry_delete, name="entry_delete"),
    path("leave/", views.leave, name="leave"),
    path("leave/<int:pk>/delete/", views.leave_delete, name="leave_delete"),
    path("settings/", views.settings_view, name="settings"),
    path("import/", views.import_view, name="import"),
    path("report/", views.report, name="report"),
    path("export/<str:fmt>/", views.export, name="export"),
    path("opt-out/", views.opt_out, name="opt_out"),
    path("opt-out/<int:pk>/", views.opt_out_edit, name="opt_out_edit"),
    path("opt-out/<int:pk>/delete/", views.opt_out_delete, name="opt_out_delete"),
    path("pay/", views.pay, name="pay"),
    path("shares/", views.shares, name="shares"),
    path("shares/<int:pk>/revoke/", views.share_revoke, name="share_revoke"),
    path("shared/", views.shared_received, name="shared_received"),
    path("shared/<int:pk>/", views.shared_report, name="shared_report"),
    path("statistics/", views.statistics, name="statistics"),
    # The installable week that works without a network.
    path("app/", offline_views.app, name="app"),
    path("sw.js", offline_views.service_worker, name="service_worker"),
    path("manifest.webmanifest", offline_views.manifest, name="manifest"),
]
