from django.urls import path

from . import views

app_name = "campaigns"

urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("new/", views.campaign_edit, name="create"),
    path("rounds/", views.round_list, name="rounds"),
    path("rounds/<int:pk>/toggle/", views.round_toggle, name="round_toggle"),
    path("<int:pk>/", views.campaign_detail, name="detail"),
    path("<int:pk>/edit/", views.campaign_edit, name="edit"),
    path("<int:pk>/register/", views.register, name="register"),
    path("<int:pk>/report/", views.upload_report, name="report"),
    path("<int:pk>/reports/<int:report_pk>/", views.report_download, name="report_download"),
]
