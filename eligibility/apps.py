from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EligibilityConfig(AppConfig):
    name = "eligibility"
    verbose_name = _("Eligibility and council")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .calendar import kept_exceptions
        from .engine import published_rule_sets
        from .models import CalendarDay, LegalText, RegulationProfile, RuleSet
        from .profile import step_limits

        # Reference data kept in each process (common.reference_cache): dropped as it changes.
        for model, cached in (
            (RegulationProfile, step_limits),
            (CalendarDay, kept_exceptions),
            (RuleSet, published_rule_sets),
            (LegalText, published_rule_sets),
        ):
            for signal in (post_save, post_delete):
                signal.connect(
                    cached.changed, sender=model, weak=False, dispatch_uid=f"{model.__name__}_cache"
                )
