from django.urls import path

from . import package_views, signature_views, views

app_name = "documents"

urlpatterns = [
    path("decisions/<id:pk>/quyet-dinh.docx", views.decision_docx, name="decision_docx"),
    path("decisions/<id:pk>/quyet-dinh.pdf", views.decision_pdf, name="decision_pdf"),
    path("decisions/<id:pk>/de-ky.pdf", signature_views.decision_for_signing, name="decision_for_signing"),
    path("decisions/<id:pk>/da-ky/", signature_views.decision_upload_signed, name="decision_upload_signed"),
    path("decisions/<id:pk>/giay-khen.pdf", views.decision_certificates, name="decision_certificates"),
    path("decisions/<id:pk>/trich-ngang.xlsx", views.decision_summary, name="decision_summary"),
    path("rounds/<id:pk>/trich-ngang.xlsx", views.round_summary, name="round_summary"),
    path("rounds/<id:pk>/to-trinh.docx", views.round_submission, name="round_submission"),
    path("council/<id:pk>/<slug:kind>.docx", views.council_minutes, name="council_minutes"),
    path("higher-package.zip", package_views.higher_package, name="higher_package"),
    path("import/", views.import_nominees, name="import"),
    path("import/template.xlsx", views.import_template, name="import_template"),
]
