from django.urls import path

from . import dossier_views as views

app_name = "dossiers"

urlpatterns = [
    path("", views.nomination_list, name="list"),
    path("new/", views.nomination_create, name="create"),
    path("<str:code>/", views.nomination_detail, name="detail"),
    path("<str:code>/edit/", views.nomination_update, name="update"),
    path("<str:code>/files/", views.attachment_upload, name="attachment_upload"),
    path("<str:code>/files/<int:pk>/", views.attachment_download, name="attachment_download"),
]
