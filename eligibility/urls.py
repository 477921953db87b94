from django.urls import path

from . import views

app_name = "eligibility"

urlpatterns = [
    path("dossiers/<str:code>/initiatives/", views.initiatives, name="initiatives"),
    path("dossiers/<str:code>/initiatives/<int:pk>/", views.initiative_toggle, name="initiative_toggle"),
    path("council/", views.sessions, name="sessions"),
    path("council/<int:pk>/", views.session_detail, name="session"),
    path("council/<int:pk>/<slug:kind>.docx", views.session_minutes, name="minutes"),
]
