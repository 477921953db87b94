"""The organisation: units (đơn vị) of the provincial health sector and their staff."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from common.text import fold


class UnitKind(models.TextChoices):
    DEPARTMENT = "department", _("Department of Health")
    OFFICE = "office", _("Office of the Department")
    ATTACHED = "attached", _("Attached unit")
    PRIVATE = "private", _("Private health facility")
    UNION = "union", _("Sector trade union")


class Unit(models.Model):
    code = models.SlugField(
        _("code"),
        max_length=30,
        unique=True,
        help_text=_("Short lowercase code, used in user names such as bvtn.truong."),
    )
    name = models.CharField(_("name"), max_length=255, unique=True)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    email = models.EmailField(_("email"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    dissolved_on = models.DateField(
        _("dissolved or merged on"),
        null=True,
        blank=True,
        help_text=_("From this date the unit no longer exists and cannot be nominated (NĐ 152/2025)."),
    )
    successor = models.ForeignKey(
        "self",
        verbose_name=_("successor unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="predecessors",
        help_text=_("The unit that took over its staff and open dossiers."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name

    def dissolved_by(self, day) -> bool:
        """True when the unit no longer exists on ``day`` (dissolved or merged before or on it)."""
        return self.dissolved_on is not None and day >= self.dissolved_on

    def name_on(self, day) -> str:
        """The name in force on ``day``: a document keeps the name of its date. Reads the
        unit's renames (``changes``; prefetch them when listing many units)."""
        if day is None:
            return self.name
        later = [c for c in self.changes.all() if c.kind == UnitChangeKind.RENAME and c.effective_date > day]
        if not later:
            return self.name
        return min(later, key=lambda c: (c.effective_date, c.pk)).old_name


class UnitChangeKind(models.TextChoices):
    RENAME = "rename", _("Renamed")
    MERGE = "merge", _("Merged into another unit")
    DISSOLVE = "dissolve", _("Dissolved")


class UnitChange(models.Model):
    """A change of the organisation taking effect on a date (đổi tên, sáp nhập, giải thể),
    decided by a decision. The unit's record shows the present; these rows keep the past, so
    that a document shows the name in force on its own date (``Unit.name_on``)."""

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="changes")
    kind = models.CharField(_("change"), max_length=20, choices=UnitChangeKind.choices)
    effective_date = models.DateField(_("effective date"))
    decision_number = models.CharField(_("decision number"), max_length=50, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    old_name = models.CharField(_("name before"), max_length=255)
    old_short_name = models.CharField(_("short name before"), max_length=100, blank=True)
    new_name = models.CharField(_("name after"), max_length=255, blank=True)
    new_short_name = models.CharField(_("short name after"), max_length=100, blank=True)
    successor = models.ForeignKey(
        Unit,
        verbose_name=_("successor unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    staff_moved = models.PositiveIntegerField(_("staff moved"), default=0)
    dossiers_moved = models.PositiveIntegerField(_("open dossiers moved"), default=0)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisation change")
        verbose_name_plural = _("organisation changes")
        ordering = ["-effective_date", "-id"]

    def __str__(self):
        return f"{self.old_name}: {self.get_kind_display()} ({self.effective_date:%d/%m/%Y})"


class Collective(models.Model):
    """A collective inside a unit (tập thể: khoa, phòng, tổ): a department of a hospital, an
    office of a health centre. Keyed by ``code`` within its unit; its members are the staff
    whose ``collective`` it is. A whole unit nominated as a collective is the unit itself,
    not a ``Collective``."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="collectives"
    )
    code = models.SlugField(_("code"), max_length=30, help_text=_("Unique within the unit."))
    name = models.CharField(_("name"), max_length=255)
    is_active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("collective")
        verbose_name_plural = _("collectives")
        ordering = ["unit", "name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "code"], name="collective_code_unique_in_unit"),
        ]

    def __str__(self):
        return f"{self.name} – {self.unit.short_name or self.unit.name}"


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class Staff(models.Model):
    """A person working in a unit (cán bộ, công chức, viên chức, người lao động)."""

    staff_code = models.CharField(_("staff code"), max_length=30, unique=True)
    full_name = models.CharField(_("full name"), max_length=150)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    position = models.CharField(_("position"), max_length=150, blank=True)
    professional_title = models.CharField(_("professional title"), max_length=150, blank=True)
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="staff")
    collective = models.ForeignKey(
        Collective,
        verbose_name=_("collective"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        help_text=_("The department (khoa, phòng) of the unit the person works in."),
    )
    email = models.EmailField(_("email"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    search_key = models.CharField(max_length=200, editable=False, db_index=True, default="")

    history = HistoricalRecords(excluded_fields=["search_key"])

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")
        ordering = ["unit", "full_name"]

    def __str__(self):
        return f"{self.full_name} ({self.staff_code})"

    def save(self, *args, **kwargs):
        self.search_key = fold(f"{self.full_name} {self.staff_code}")[
            : self._meta.get_field("search_key").max_length
        ]
        super().save(*args, **kwargs)

    def clean(self):
        if self.collective_id and self.unit_id and self.collective.unit_id != self.unit_id:
            raise ValidationError({"collective": _("This collective belongs to another unit.")})
