from csp.decorators import csp_update
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView
from rest_framework.authentication import SessionAuthentication

from . import views
from .permissions import ReadsApiDocs

app_name = "api"

# The schema and its pages are for administrators, signed in on the site.
ADMIN_ONLY = {"authentication_classes": [SessionAuthentication], "permission_classes": [ReadsApiDocs]}

# Redoc styles itself with injected <style> elements (styled-components) and searches in a
# blob: worker: the one page that needs more than the site's CSP, and only for administrators.
REDOC_CSP = {"style-src": ["'unsafe-inline'"], "worker-src": ["blob:"]}

urlpatterns = [
    path("dossiers/", views.DossierList.as_view(), name="dossiers"),
    path("dossiers/<dossier:code>/", views.DossierDetail.as_view(), name="dossier"),
    path("dossiers/<dossier:code>/evidence/", views.DossierEvidence.as_view(), name="evidence"),
    path("decisions/", views.DecisionList.as_view(), name="decisions"),
    path("decisions/<id:pk>/", views.DecisionDetail.as_view(), name="decision"),
    path("decisions/<id:pk>/pdf/", views.DecisionPdf.as_view(), name="decision_pdf"),
    path("verify/<slug:token>/", views.Verification.as_view(), name="verify"),
    path("schema/", SpectacularAPIView.as_view(**ADMIN_ONLY), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema", **ADMIN_ONLY), name="swagger"),
    path(
        "redoc/",
        csp_update(REDOC_CSP)(SpectacularRedocView.as_view(url_name="api:schema", **ADMIN_ONLY)),
        name="redoc",
    ),
]
