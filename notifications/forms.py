from django import forms
from django.utils.translation import gettext_lazy as _

from .kinds import OPTIONAL


class NotificationSettingsForm(forms.Form):
    email_kinds = forms.MultipleChoiceField(
        label=_("Send me an email for"),
        choices=[(kind.value, kind.label) for kind in OPTIONAL],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Returns, rejections and award decisions are always sent."),
    )
    daily_digest = forms.BooleanField(
        label=_("One daily digest instead of a mail per notification"), required=False
    )
