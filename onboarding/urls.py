from django.urls import path

from . import views

app_name = "onboarding"

urlpatterns = [
    path("import/", views.import_page, name="import"),
    path("import/templates/<slug:kind>.<str:ext>", views.template_download, name="template"),
    path("import/runs/<int:pk>/", views.run_page, name="run"),
    path("import/runs/<int:pk>/progress/", views.run_progress, name="run_progress"),
    path("import/runs/<int:pk>/apply/", views.apply_run, name="apply"),
]
