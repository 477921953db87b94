from .catalogue import AwardAuthority, AwardType, Campaign, NomineeKind
from .dossier import Attachment, Nomination, NominationBasis, NominationSequence, NominationStatus
from .organisation import Collective, Gender, Staff, Unit, UnitChange, UnitChangeKind, UnitKind
from .records import DISCIPLINE_RANK, AwardRecord, DisciplineLevel, DisciplineRecord

__all__ = [
    "DISCIPLINE_RANK",
    "Attachment",
    "AwardAuthority",
    "AwardRecord",
    "AwardType",
    "Campaign",
    "Collective",
    "DisciplineLevel",
    "DisciplineRecord",
    "Gender",
    "Nomination",
    "NominationBasis",
    "NominationSequence",
    "NominationStatus",
    "NomineeKind",
    "Staff",
    "Unit",
    "UnitChange",
    "UnitChangeKind",
    "UnitKind",
]
