from django.urls import path

from . import views

app_name = "eligibility"

urlpatterns = [
    path("conflicts/", views.conflict_list, name="conflicts"),
    path("dossiers/<dossier:code>/initiatives/", views.initiatives, name="initiatives"),
    path("dossiers/<dossier:code>/initiatives/<id:pk>/", views.initiative_toggle, name="initiative_toggle"),
]
