from django.urls import path

from . import lookup_views

app_name = "lookup"

urlpatterns = [
    path("", lookup_views.public_lookup, name="public"),
]
