"""Initiatives, performance ratings, the eligibility rules of each award type and the
emulation council (Hội đồng Thi đua - Khen thưởng): its policy per award, sessions, ballots."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from nominations.models import AwardType, Nomination, Staff


class InitiativeLevel(models.TextChoices):
    """Who recognised the initiative (phạm vi ảnh hưởng), lowest first."""

    CO_SO = "co_so", _("Unit level (cơ sở)")
    BO_TINH = "bo_tinh", _("Ministry or provincial level")
    TOAN_QUOC = "toan_quoc", _("National level")


LEVEL_RANK = {InitiativeLevel.CO_SO: 1, InitiativeLevel.BO_TINH: 2, InitiativeLevel.TOAN_QUOC: 3}


class Initiative(models.Model):
    """Sáng kiến: recognised by a decision of some level; used for one award only."""

    staff = models.ForeignKey(
        Staff, verbose_name=_("author"), on_delete=models.PROTECT, related_name="initiatives"
    )
    title = models.CharField(_("title"), max_length=500)
    level = models.CharField(_("recognised at"), max_length=20, choices=InitiativeLevel.choices)
    year = models.PositiveIntegerField(_("year recognised"))
    decision_number = models.CharField(_("recognising decision number"), max_length=50, blank=True)
    decision_date = models.DateField(_("recognising decision date"), null=True, blank=True)
    nominations = models.ManyToManyField(
        Nomination, verbose_name=_("used in nominations"), related_name="initiatives", blank=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[nominations])

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["-year", "title"]

    def __str__(self):
        return f"{self.title} ({self.year})"


class Rating(models.TextChoices):
    """Annual assessment (đánh giá, xếp loại chất lượng), best first."""

    EXCELLENT = "htxs", _("Completed duties excellently")
    GOOD = "htt", _("Completed duties well")
    COMPLETED = "ht", _("Completed duties")
    NOT_COMPLETED = "kht", _("Did not complete duties")


RATING_RANK = {Rating.EXCELLENT: 4, Rating.GOOD: 3, Rating.COMPLETED: 2, Rating.NOT_COMPLETED: 1}


class PerformanceRating(models.Model):
    staff = models.ForeignKey(
        Staff, verbose_name=_("staff member"), on_delete=models.CASCADE, related_name="ratings"
    )
    year = models.PositiveIntegerField(_("year"))
    rating = models.CharField(_("rating"), max_length=10, choices=Rating.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("annual rating")
        verbose_name_plural = _("annual ratings")
        ordering = ["staff", "-year"]
        constraints = [models.UniqueConstraint(fields=["staff", "year"], name="one_rating_per_staff_year")]

    def __str__(self):
        return f"{self.staff.full_name} {self.year}: {self.get_rating_display()}"


class AwardRule(models.Model):
    """One eligibility criterion of an award type: a rule of ``eligibility.rules.RULES`` with
    its figures, and the article it comes from. Edited in the admin."""

    award_type = models.ForeignKey(
        AwardType, verbose_name=_("award type"), on_delete=models.CASCADE, related_name="rules"
    )
    rule = models.CharField(_("rule"), max_length=60)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    source = models.CharField(_("source"), max_length=500, help_text=_("The article the rule comes from."))
    note = models.TextField(_("note"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("eligibility rule")
        verbose_name_plural = _("eligibility rules")
        ordering = ["award_type", "sort_order", "id"]

    def __str__(self):
        return f"{self.award_type.code}: {self.rule}"

    def clean(self):
        from .rules import RULES, validate_params

        if self.rule not in RULES:
            raise ValidationError({"rule": _("Unknown rule.")})
        try:
            self.params = validate_params(self.rule, self.params or {})
        except ValueError as exc:
            raise ValidationError({"params": str(exc)}) from exc


class VoteBase(models.TextChoices):
    ALL_MEMBERS = "all", _("All council members")
    PRESENT = "present", _("Members present")


class CouncilPolicy(models.Model):
    """How the council's vote is counted for one award type. Figures are data: the 90 % of all
    members long used came from NĐ 91/2017 Điều 45 khoản 8, repealed on 01/01/2024; set them
    from the council's current operating regulation (quy chế hoạt động)."""

    award_type = models.OneToOneField(
        AwardType, verbose_name=_("award type"), on_delete=models.CASCADE, related_name="council_policy"
    )
    threshold_numerator = models.PositiveSmallIntegerField(_("votes needed (numerator)"), default=9)
    threshold_denominator = models.PositiveSmallIntegerField(_("votes needed (denominator)"), default=10)
    base = models.CharField(
        _("share of"), max_length=10, choices=VoteBase.choices, default=VoteBase.ALL_MEMBERS
    )
    quorum_numerator = models.PositiveSmallIntegerField(_("quorum (numerator)"), default=2)
    quorum_denominator = models.PositiveSmallIntegerField(_("quorum (denominator)"), default=3)
    source = models.CharField(_("source"), max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("council voting policy")
        verbose_name_plural = _("council voting policies")
        constraints = [
            models.CheckConstraint(
                name="council_policy_fractions",
                condition=models.Q(threshold_denominator__gt=0)
                & models.Q(quorum_denominator__gt=0)
                & models.Q(threshold_numerator__lte=models.F("threshold_denominator"))
                & models.Q(quorum_numerator__lte=models.F("quorum_denominator")),
            )
        ]

    def __str__(self):
        return f"{self.award_type}: {self.threshold_numerator}/{self.threshold_denominator}"


class SessionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class CouncilSession(models.Model):
    """One meeting of the Department's council that votes by secret ballot."""

    title = models.CharField(_("title"), max_length=255)
    meeting_date = models.DateField(_("meeting date"))
    place = models.CharField(_("place"), max_length=255)
    locality = models.CharField(_("locality (in the date line)"), max_length=100, default="Đồng Nai")
    total_members = models.PositiveSmallIntegerField(_("council members"))
    members_present = models.PositiveSmallIntegerField(_("members present"))
    chair = models.CharField(_("chair"), max_length=150)
    secretary = models.CharField(_("secretary"), max_length=150)
    status = models.CharField(
        _("status"), max_length=10, choices=SessionStatus.choices, default=SessionStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("council session")
        verbose_name_plural = _("council sessions")
        ordering = ["-meeting_date", "-id"]
        constraints = [
            models.CheckConstraint(
                name="council_present_within_members",
                condition=models.Q(members_present__lte=models.F("total_members")),
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.meeting_date:%d/%m/%Y})"


class CouncilBallot(models.Model):
    """The secret-ballot tally for one nominee, entered by the council's secretary."""

    session = models.ForeignKey(
        CouncilSession, verbose_name=_("session"), on_delete=models.CASCADE, related_name="ballots"
    )
    nomination = models.ForeignKey(
        Nomination, verbose_name=_("nomination"), on_delete=models.PROTECT, related_name="council_ballots"
    )
    votes_for = models.PositiveSmallIntegerField(_("votes for"), default=0)
    votes_against = models.PositiveSmallIntegerField(_("votes against"), default=0)
    invalid = models.PositiveSmallIntegerField(_("invalid ballots"), default=0)
    passed = models.BooleanField(_("passed"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ballot tally")
        verbose_name_plural = _("ballot tallies")
        ordering = ["session", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "nomination"], name="one_ballot_per_session_nomination"
            )
        ]

    def __str__(self):
        return f"{self.nomination.code}: {self.votes_for}/{self.votes_against}/{self.invalid}"
