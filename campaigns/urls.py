from django.urls import path

from . import views

app_name = "campaigns"

urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("new/", views.campaign_edit, name="create"),
    path("rounds/", views.round_list, name="rounds"),
    path("rounds/<id:pk>/toggle/", views.round_toggle, name="round_toggle"),
    path("<id:pk>/", views.campaign_detail, name="detail"),
    path("<id:pk>/edit/", views.campaign_edit, name="edit"),
    path("<id:pk>/register/", views.register, name="register"),
    path("<id:pk>/report/", views.upload_report, name="report"),
    path("<id:pk>/reports/<id:report_pk>/", views.report_download, name="report_download"),
]
