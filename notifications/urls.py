from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<id:pk>/", views.notification_detail, name="detail"),
    path("read-all/", views.mark_all_read, name="read_all"),
    path("settings/", views.notification_settings, name="settings"),
    path("outbox/", views.outbox, name="outbox"),
    path("outbox/<id:pk>/resend/", views.resend, name="resend"),
    path("campaigns/<id:pk>/remind/", views.campaign_remind, name="campaign_remind"),
]
