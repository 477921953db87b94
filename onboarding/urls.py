from django.urls import path

from . import account_views, organisation_views, views

app_name = "onboarding"

urlpatterns = [
    path("import/", views.import_page, name="import"),
    path("import/templates/<slug:kind>.<str:ext>", views.template_download, name="template"),
    path("import/runs/<int:pk>/", views.run_page, name="run"),
    path("import/runs/<int:pk>/progress/", views.run_progress, name="run_progress"),
    path("import/runs/<int:pk>/apply/", views.apply_run, name="apply"),
    path("organisation/", organisation_views.organisation_page, name="organisation"),
    path("accounts/", account_views.accounts_page, name="accounts"),
    path("accounts/template.<str:ext>", account_views.accounts_template, name="accounts_template"),
    path("accounts/<int:pk>/resend/", account_views.resend_invitation, name="resend_invitation"),
    path("accounts/deactivate/", account_views.deactivate_account, name="deactivate"),
]
