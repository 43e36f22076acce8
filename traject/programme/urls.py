from django.urls import path

from . import views

app_name = "programme"

urlpatterns = [
    path("", views.home, name="home"),
    path("sessions/new/", views.session_create, name="session_create"),
    path("sessions/<int:pk>/", views.session_detail, name="session_detail"),
    path("sessions/<int:pk>/edit/", views.session_edit, name="session_edit"),
    path("sessions/<int:pk>/cancel/", views.session_cancel, name="session_cancel"),
    path("sessions/<int:pk>/register/", views.session_register, name="session_register"),
    path("sessions/<int:pk>/unregister/", views.session_unregister, name="session_unregister"),
    path(
        "sessions/<int:pk>/attendance/<int:registration_pk>/",
        views.attendance_record,
        name="attendance_record",
    ),
    path("certificates/<int:registration_pk>/", views.certificate, name="certificate"),
    path("calendar.ics", views.my_calendar, name="calendar"),
    path("hospital/", views.hospital_overview, name="hospital_overview"),
    path("evaluations/", views.evaluation_list, name="evaluation_list"),
    path("evaluations/new/<int:course_pk>/", views.evaluation_create, name="evaluation_create"),
    path("evaluations/<int:pk>/", views.evaluation_detail, name="evaluation_detail"),
    path("evaluations/<int:pk>/close/", views.evaluation_close, name="evaluation_close"),
    path("evaluations/<int:pk>/publish/", views.evaluation_publish, name="evaluation_publish"),
    path("news/", views.news_list, name="news_list"),
    path("news/new/", views.news_create, name="news_create"),
    path("news/<int:pk>/read/", views.news_read, name="news_read"),
]
