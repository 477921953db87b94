"""The scales rules compare: levels that recognise an initiative, and annual ratings."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InitiativeLevel(models.TextChoices):
    """Who recognised the initiative (phạm vi ảnh hưởng), lowest first."""

    CO_SO = "co_so", _("Unit level (cơ sở)")
    BO_TINH = "bo_tinh", _("Ministry or provincial level")
    TOAN_QUOC = "toan_quoc", _("National level")


LEVEL_RANK = {InitiativeLevel.CO_SO: 1, InitiativeLevel.BO_TINH: 2, InitiativeLevel.TOAN_QUOC: 3}


class Rating(models.TextChoices):
    """Annual assessment (đánh giá, xếp loại chất lượng), best first."""

    EXCELLENT = "htxs", _("Completed duties excellently")
    GOOD = "htt", _("Completed duties well")
    COMPLETED = "ht", _("Completed duties")
    NOT_COMPLETED = "kht", _("Did not complete duties")


RATING_RANK = {Rating.EXCELLENT: 4, Rating.GOOD: 3, Rating.COMPLETED: 2, Rating.NOT_COMPLETED: 1}
