"""The REST API. Every read goes through the selectors the pages use, every write through the
services the pages call, every permission through ``permissions.policy``."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from documents import signatures
from documents.verification import public_lookup
from permissions import policy
from permissions.selectors import can_edit_nomination
from workflows import dossier_selectors, drafting
from workflows import selectors as workflow_selectors
from workflows.filters import DossierFilter
from workflows.models import AwardDecision

from . import serializers
from .permissions import IsIntegration, ReadsDecisions
from .services import record_write


class ApiView(APIView):
    """Answers are about people: never kept by a shared cache."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = "private, no-store"
        return response


class Pages(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


def _django_errors(exc: ValidationError) -> ApiValidationError:
    detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
    return ApiValidationError(detail)


DOSSIER_FILTERS = [
    OpenApiParameter("query", str, description="Nominee name or dossier code, accents optional"),
    OpenApiParameter("status", str, description="Dossier status (as on the pages)"),
    OpenApiParameter("campaign", int),
    OpenApiParameter("unit", int, description="Department integrations only"),
    OpenApiParameter("award_type", int),
    OpenApiParameter("page", int),
]


class DossierList(ApiView):
    permission_classes = [IsIntegration]

    @extend_schema(parameters=DOSSIER_FILTERS, responses=serializers.DossierSerializer(many=True))
    def get(self, request):
        """Dossiers the integration may see, with the filters of the dossier list page."""
        filters = DossierFilter(
            request.query_params or None, dossier_selectors.nomination_list(request.user), user=request.user
        )
        if filters.is_bound and not filters.is_valid():
            raise ApiValidationError(filters.errors)
        pages = Pages()
        page = pages.paginate_queryset(filters.qs.order_by("-id"), request, view=self)
        return pages.get_paginated_response(serializers.DossierSerializer(page, many=True).data)

    @extend_schema(request=serializers.DraftSerializer, responses={201: serializers.DossierDetailSerializer})
    def post(self, request):
        """Draft a dossier for the integration's unit (HR or e-office systems)."""
        if not policy.can_draft_nominations(request.user):
            raise PermissionDenied(_("Only a unit's emulation officers draft dossiers."))
        draft = serializers.DraftSerializer(data=request.data, context={"unit": request.user.unit})
        draft.is_valid(raise_exception=True)
        try:
            with transaction.atomic():
                nomination = drafting.create_nomination(
                    author=request.user, unit=request.user.unit, **draft.validated_data
                )
                record_write(request, action="create_draft", nomination=nomination, target=nomination)
        except ValidationError as exc:
            raise _django_errors(exc) from exc
        return Response(_detail(nomination), status=status.HTTP_201_CREATED)


def _detail(nomination) -> dict:
    tracking = workflow_selectors.tracking(nomination)
    current = {
        "step": str(tracking["current_step"].label) if tracking["current_step"] else None,
        "holder": tracking["holder"].get_full_name() if tracking["holder"] else None,
        "since": tracking["since"],
        "due_at": tracking["due_at"],
    }
    return serializers.DossierDetailSerializer(
        nomination, context={"timeline": tracking["timeline"], "current_step": current}
    ).data


class DossierDetail(ApiView):
    permission_classes = [IsIntegration]

    @extend_schema(responses=serializers.DossierDetailSerializer)
    def get(self, request, code):
        """Status, current step and timeline of one dossier (404 if the integration may not see it)."""
        return Response(_detail(dossier_selectors.nomination_detail(request.user, code)))


class DossierEvidence(ApiView):
    permission_classes = [IsIntegration]

    @extend_schema(
        request={"multipart/form-data": serializers.EvidenceSerializer},
        responses={201: OpenApiResponse(description="The evidence file was attached.")},
    )
    def post(self, request, code):
        """Attach an evidence file to a dossier the unit may still edit."""
        nomination = dossier_selectors.nomination_detail(request.user, code)
        if not can_edit_nomination(request.user, nomination):
            raise PermissionDenied(_("This dossier cannot be edited now."))
        upload = serializers.EvidenceSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        try:
            with transaction.atomic():
                attachment = drafting.add_attachment(
                    nomination,
                    uploaded_by=request.user,
                    uploaded_file=upload.validated_data["file"],
                    description=upload.validated_data.get("description", ""),
                )
                record_write(
                    request,
                    action="attach_evidence",
                    nomination=nomination,
                    target=attachment,
                    detail={"file": attachment.original_name},
                )
        except ValidationError as exc:
            raise _django_errors(exc) from exc
        return Response(
            {"id": attachment.pk, "name": attachment.original_name, "size": attachment.size},
            status=status.HTTP_201_CREATED,
        )


class DecisionList(ApiView):
    permission_classes = [IsIntegration, ReadsDecisions]

    @extend_schema(responses=serializers.DecisionSerializer(many=True))
    def get(self, request):
        """Award decisions (Quyết định khen thưởng), newest first."""
        pages = Pages()
        page = pages.paginate_queryset(AwardDecision.objects.select_related("signer"), request, view=self)
        return pages.get_paginated_response(serializers.DecisionSerializer(page, many=True).data)


class DecisionDetail(ApiView):
    permission_classes = [IsIntegration, ReadsDecisions]

    @extend_schema(responses=serializers.DecisionDetailSerializer)
    def get(self, request, pk):
        """One decision, its awardees, and its signature as verified now."""
        decision = get_object_or_404(AwardDecision.objects.select_related("signer"), pk=pk)
        verification = signatures.verify_decision(decision) if decision.status == "issued" else None
        return Response(
            serializers.DecisionDetailSerializer(decision, context={"verification": verification}).data
        )


class DecisionPdf(ApiView):
    permission_classes = [IsIntegration, ReadsDecisions]

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY})
    def get(self, request, pk):
        """The issued decision's PDF (signed when it was signed); ``X-Signature-Status`` says
        whether its signature verifies now."""
        decision = get_object_or_404(AwardDecision, pk=pk)
        if decision.status != "issued":
            raise NotFound(_("The PDF exists once the decision is issued."))
        content, state = signatures.issued_decision_pdf(decision)
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="quyet-dinh-{decision.pk}.pdf"'
        response["X-Signature-Status"] = state
        return response


class Verification(ApiView):
    """The public lookup of a certificate's code (the QR code's target), as JSON."""

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = []  # the lookup has its own per-address bucket, shared with the page

    @extend_schema(responses={200: serializers.VerificationSerializer, 404: None, 429: None})
    def get(self, request, token):
        code, found = public_lookup(request, token)
        if code == 429:
            return Response(
                {"detail": _("Too many lookups from your address. Try again in a minute.")},
                status=429,
                headers={"Retry-After": "60"},
            )
        if found is None:
            raise NotFound(_("No certificate has this code."))
        return Response(serializers.VerificationSerializer(found).data)
