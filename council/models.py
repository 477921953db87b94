"""The emulation council (Hội đồng Thi đua - Khen thưởng Sở): how its vote is counted for
each award type, its sessions and the secret-ballot tally of each dossier.

The tables were created by the eligibility app and keep their names."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from nominations.models import AwardType, Nomination


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

    history = HistoricalRecords(table_name="eligibility_historicalcouncilpolicy")

    class Meta:
        db_table = "eligibility_councilpolicy"
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

    history = HistoricalRecords(table_name="eligibility_historicalcouncilsession")

    class Meta:
        db_table = "eligibility_councilsession"
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

    history = HistoricalRecords(table_name="eligibility_historicalcouncilballot")

    class Meta:
        db_table = "eligibility_councilballot"
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
