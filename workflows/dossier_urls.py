from django.urls import path

from . import dossier_views as views

app_name = "dossiers"

urlpatterns = [
    path("", views.nomination_list, name="list"),
    path("new/", views.nomination_create, name="create"),
    path("send/", views.submit_batch, name="submit_batch"),
    path("<dossier:code>/", views.nomination_detail, name="detail"),
    path("<dossier:code>/edit/", views.nomination_update, name="update"),
    path("<dossier:code>/files/", views.attachment_upload, name="attachment_upload"),
    path("<dossier:code>/files/<id:pk>/", views.attachment_download, name="attachment_download"),
]
