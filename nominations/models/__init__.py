from .catalogue import AwardAuthority, AwardType, Campaign, NomineeKind
from .dossier import Attachment, Nomination, NominationBasis, NominationSequence, NominationStatus
from .organisation import Gender, Staff, Unit, UnitKind
from .records import AwardRecord

__all__ = [
    "Attachment",
    "AwardAuthority",
    "AwardRecord",
    "AwardType",
    "Campaign",
    "Gender",
    "Nomination",
    "NominationBasis",
    "NominationSequence",
    "NominationStatus",
    "NomineeKind",
    "Staff",
    "Unit",
    "UnitKind",
]
