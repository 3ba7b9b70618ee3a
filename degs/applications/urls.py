from django.urls import path

from degs.applications import views

app_name = "applications"

urlpatterns = [
    path("", views.application_list, name="application_list"),
    path(
        "new/<int:centre_pk>/<int:service_pk>/", views.application_create, name="application_create"
    ),
    path("inbox/", views.inbox, name="inbox"),
    path("<int:pk>/", views.application_detail, name="application_detail"),
    path("<int:pk>/edit/", views.application_edit, name="application_edit"),
    path("<int:pk>/act/", views.application_act, name="application_act"),
    path("<int:pk>/documents/", views.application_documents, name="application_documents"),
    path("<int:pk>/documents/<int:document_pk>/", views.document_file, name="document_file"),
    path("<int:pk>/receipt.pdf", views.receipt, name="receipt"),
    path("<int:pk>/certificate.pdf", views.certificate_pdf, name="certificate_pdf"),
    path("<int:pk>/certificate/revoke/", views.certificate_revoke, name="certificate_revoke"),
    path("reports/pending/", views.report_pending, name="report_pending"),
    path("reports/disposal/", views.report_disposal, name="report_disposal"),
    path("ledger/", views.ledger, name="ledger"),
    path("ledger/centres/<int:pk>/", views.centre_statement, name="centre_statement"),
]
