"""What the API reads and writes: plain representations of dossiers, steps and decisions."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from nominations.models import AwardType, Campaign, Nomination, NominationBasis, NomineeKind, Staff


class DossierSerializer(serializers.ModelSerializer):
    unit = serializers.CharField(source="unit.code")
    unit_name = serializers.CharField(source="unit.name")
    nominee = serializers.CharField(source="nominee_name")
    award = serializers.CharField(source="award_type.code")
    award_name = serializers.CharField(source="award_type.name")
    campaign = serializers.IntegerField(source="campaign_id", allow_null=True)
    status_label = serializers.CharField(source="get_status_display")

    class Meta:
        model = Nomination
        fields = [
            "code",
            "status",
            "status_label",
            "year",
            "basis",
            "nominee_kind",
            "nominee",
            "unit",
            "unit_name",
            "award",
            "award_name",
            "campaign",
        ]
        read_only_fields = fields


class TimelineEntrySerializer(serializers.Serializer):
    step = serializers.CharField(source="step_label")
    actor = serializers.SerializerMethodField()
    started = serializers.DateTimeField()
    finished = serializers.DateTimeField(allow_null=True)
    decision = serializers.CharField()
    comment = serializers.CharField()
    due_at = serializers.DateTimeField(allow_null=True)
    is_open = serializers.BooleanField()

    def get_actor(self, entry) -> str:
        return entry.actor.get_full_name() if entry.actor else ""


class CurrentStepSerializer(serializers.Serializer):
    step = serializers.CharField(allow_null=True)
    holder = serializers.CharField(allow_null=True)
    since = serializers.DateTimeField(allow_null=True)
    due_at = serializers.DateTimeField(allow_null=True)


class DossierDetailSerializer(DossierSerializer):
    achievement_summary = serializers.CharField()
    current_step = serializers.SerializerMethodField()
    timeline = serializers.SerializerMethodField()
    evidence = serializers.SerializerMethodField()

    class Meta(DossierSerializer.Meta):
        fields = [
            *DossierSerializer.Meta.fields,
            "achievement_summary",
            "current_step",
            "timeline",
            "evidence",
        ]
        read_only_fields = fields

    def get_current_step(self, nomination) -> CurrentStepSerializer:
        return CurrentStepSerializer(self.context["current_step"]).data

    def get_timeline(self, nomination) -> TimelineEntrySerializer(many=True):
        return TimelineEntrySerializer(self.context["timeline"], many=True).data

    def get_evidence(self, nomination) -> list[dict]:
        return [
            {"id": a.pk, "name": a.original_name, "description": a.description, "size": a.size}
            for a in nomination.attachments.all()
        ]


class DraftSerializer(serializers.Serializer):
    """A new draft from another system: the fields the unit's form asks for."""

    year = serializers.IntegerField(min_value=2000, max_value=2100)
    basis = serializers.ChoiceField(choices=NominationBasis.choices)
    campaign = serializers.PrimaryKeyRelatedField(
        queryset=Campaign.objects.all(), allow_null=True, required=False
    )
    nominee_kind = serializers.ChoiceField(choices=NomineeKind.choices)
    staff_code = serializers.CharField(required=False, allow_blank=True, max_length=50)
    collective_name = serializers.CharField(required=False, allow_blank=True, max_length=255)
    award = serializers.SlugRelatedField(slug_field="code", queryset=AwardType.objects.all())
    achievement_summary = serializers.CharField(max_length=10000)

    def validate(self, attrs):
        unit = self.context["unit"]
        code = attrs.pop("staff_code", "")
        attrs["staff"] = None
        if code:
            staff = Staff.objects.filter(unit=unit, staff_code=code).first()
            if staff is None:
                raise serializers.ValidationError(
                    {"staff_code": _("No staff member of your unit has this code.")}
                )
            attrs["staff"] = staff
        attrs["award_type"] = attrs.pop("award")
        attrs.setdefault("campaign", None)
        attrs.setdefault("collective_name", "")
        return attrs


class EvidenceSerializer(serializers.Serializer):
    file = serializers.FileField()
    description = serializers.CharField(required=False, allow_blank=True, max_length=255)


class DecisionSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    number = serializers.CharField()
    date = serializers.DateField(source="decision_date")
    title = serializers.CharField()
    status = serializers.CharField()
    signer = serializers.SerializerMethodField()
    issued_at = serializers.DateTimeField(allow_null=True)

    def get_signer(self, decision) -> str:
        return decision.signer.get_full_name() if decision.signer else ""


class AwardeeSerializer(serializers.Serializer):
    code = serializers.CharField()
    nominee = serializers.CharField(source="nominee_name")
    nominee_kind = serializers.CharField()
    unit = serializers.CharField(source="unit.name")
    award = serializers.CharField(source="award_type.name")


class DecisionDetailSerializer(DecisionSerializer):
    signature = serializers.SerializerMethodField()
    awardees = serializers.SerializerMethodField()

    def get_signature(self, decision) -> dict:
        verification = self.context.get("verification")
        if verification is None:
            return {"signed": False, "valid": False, "signer": "", "signed_at": None, "problems": []}
        return {
            "signed": True,
            "valid": verification.valid,
            "signer": verification.signer,
            "signed_at": verification.signed_at.isoformat() if verification.signed_at else None,
            "problems": [str(p) for p in verification.problems],
        }

    def get_awardees(self, decision) -> AwardeeSerializer(many=True):
        nominations = decision.nominations.select_related("unit", "award_type").order_by("unit__name", "id")
        return AwardeeSerializer(nominations, many=True).data


class VerificationSerializer(serializers.Serializer):
    number = serializers.CharField()
    date = serializers.DateField()
    awardee = serializers.CharField()
    unit = serializers.CharField()
    award = serializers.CharField()
    signature = serializers.ChoiceField(choices=["valid", "invalid", "unsigned"])
