from django.urls import path

from degs.reviews import views

app_name = "reviews"

urlpatterns = [
    path("", views.register, name="register"),
    path("mine/", views.mine, name="mine"),
    path("committees/", views.committee_list, name="committee_list"),
    path("committees/new/", views.committee_create, name="committee_create"),
    path("committees/<int:pk>/", views.committee_detail, name="committee_detail"),
    path("meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/import/", views.meeting_import, name="meeting_import"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/status/", views.meeting_transition, name="meeting_transition"),
    path("meetings/<int:pk>/agenda/", views.agenda_add, name="agenda_add"),
    path("meetings/<int:pk>/attendance/", views.attendance, name="attendance"),
    path("meetings/<int:pk>/directives/new/", views.directive_create, name="directive_create"),
    path("meetings/<int:pk>/deadline/", views.deadline_preview, name="deadline_preview"),
    path("meetings/<int:pk>/minutes.pdf", views.minutes_pdf, name="minutes_pdf"),
    path("meetings/<int:pk>/atr.pdf", views.atr_pdf, name="atr_pdf"),
    path("directives/<int:pk>/", views.directive_detail, name="directive_detail"),
    path("directives/<int:pk>/report/", views.directive_report, name="directive_report"),
    path("directives/<int:pk>/status/", views.directive_transition, name="directive_transition"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment_download"),
]
