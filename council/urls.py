from django.urls import path

from . import views

app_name = "council"

urlpatterns = [
    path("", views.sessions, name="sessions"),
    path("<id:pk>/", views.session_detail, name="session"),
]
