from django.urls import path

from . import document_views, lookup_views, views

app_name = "reports"

urlpatterns = [
    path("", views.statistics_page, name="statistics"),
    path("statistics/<slug:table>.xlsx", views.statistics_xlsx, name="statistics_xlsx"),
    path("steps/", views.steps_page, name="steps"),
    path("steps/heatmap.svg", views.steps_heatmap, name="steps_heatmap"),
    path("steps/steps.xlsx", views.steps_xlsx, name="steps_xlsx"),
    path("receipts/<dossier:code>/", lookup_views.receipt, name="receipt"),
    path("documents/", document_views.report_documents, name="documents"),
]
