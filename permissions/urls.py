from django.urls import path

from . import views

app_name = "permissions"

urlpatterns = [
    path("lockouts/", views.lockout_list, name="lockouts"),
    path("lockouts/<id:pk>/unlock/", views.unlock, name="unlock"),
]
