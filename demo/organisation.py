"""Build the Đồng Nai demo organisation. Idempotent: a second run writes nothing."""

import datetime
import random

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from nominations.models import AwardType, Campaign, Nomination, NominationBasis, Staff, Unit
from permissions.roles import Role, sync_role_groups
from workflows import drafting

from . import data


def upsert(model, lookup: dict, values: dict):
    """get_or_create that saves an existing row only when a value really differs,
    so re-running the seed adds no history rows."""
    obj, created = model.objects.get_or_create(**lookup, defaults=values)
    if created:
        return obj
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save()
    return obj


def seed_award_types() -> None:
    for order, (code, name, applies_to, authority, vote) in enumerate(data.AWARD_TYPES, start=1):
        upsert(
            AwardType,
            {"code": code},
            {
                "name": name,
                "applies_to": applies_to,
                "authority": authority,
                "needs_council_vote": vote,
                "legal_basis": data.LAW,
                "sort_order": order,
            },
        )


def seed_units() -> dict[str, Unit]:
    units = {}
    code, name, short, kind = data.DEPARTMENT
    department = upsert(Unit, {"code": code}, {"name": name, "short_name": short, "kind": kind})
    units[code] = department
    for code, name, short, kind in [data.UNION, *data.UNITS]:
        units[code] = upsert(
            Unit,
            {"code": code},
            {"name": name, "short_name": short, "kind": kind, "parent": department},
        )
    return units


def _person(rng: random.Random) -> tuple[str, str]:
    gender = rng.choice(["male", "female"])
    if gender == "male":
        name = f"{rng.choice(data.SURNAMES)} {rng.choice(data.MIDDLE_MALE)} {rng.choice(data.GIVEN_MALE)}"
    else:
        name = f"{rng.choice(data.SURNAMES)} {rng.choice(data.MIDDLE_FEMALE)} {rng.choice(data.GIVEN_FEMALE)}"
    return name, gender


def seed_staff(units: dict[str, Unit]) -> None:
    rng = random.Random(2024)  # fixed seed: the same people on every machine
    for code, *_rest in data.UNITS:
        unit = units[code]
        for number in range(1, data.STAFF_PER_UNIT + 1):
            name, gender = _person(rng)
            if code == "bvtn" and number == 1:
                name, gender = "Nguyễn Văn An", "male"  # the name the search examples use
            birth = datetime.date(rng.randint(1965, 1998), rng.randint(1, 12), rng.randint(1, 28))
            upsert(
                Staff,
                {"staff_code": f"{code.upper()}-{number:04d}"},
                {
                    "full_name": name,
                    "gender": gender,
                    "date_of_birth": birth,
                    "position": rng.choice(data.POSITIONS),
                    "professional_title": rng.choice(data.TITLES),
                    "unit": unit,
                },
            )


def seed_campaign() -> Campaign:
    return upsert(
        Campaign, {"name": data.CAMPAIGN["name"]}, {k: v for k, v in data.CAMPAIGN.items() if k != "name"}
    )


def _user(username: str, full_name: str, unit: Unit | None, roles: list[str], position: str = "", **flags):
    User = get_user_model()
    user = upsert(
        User,
        {"username": username},
        {
            "full_name": full_name,
            "unit": unit,
            "position": position,
            "email": f"{username}@khenthuong.local",
            **flags,
        },
    )
    if not user.password:  # created just now: give it the documented demo password
        user.set_password(settings.DEMO_PASSWORD)
        user.save(update_fields=["password"])
    wanted = set(Group.objects.filter(name__in=roles))
    current = set(user.groups.exclude(name__startswith="unit:"))
    if wanted != current:
        user.groups.remove(*(current - wanted))
        user.groups.add(*(wanted - current))
    return user


def seed_users(units: dict[str, Unit]) -> None:
    _user("admin", "Quản trị hệ thống", None, [Role.ADMINISTRATOR], is_staff=True, is_superuser=True)
    for username, full_name, unit_code, roles, position in data.DEPARTMENT_USERS:
        _user(username, full_name, units[unit_code], roles, position)
    for code, *_rest in data.UNITS:
        unit = units[code]
        _user(f"{code}.truong", f"Thủ trưởng {unit.short_name}", unit, [Role.UNIT_HEAD], "Thủ trưởng đơn vị")
        _user(
            f"{code}.canbo",
            f"Cán bộ TĐKT {unit.short_name}",
            unit,
            [Role.UNIT_OFFICER],
            "Cán bộ thi đua - khen thưởng",
        )


def seed_draft_nominations(units: dict[str, Unit], campaign: Campaign) -> None:
    """Two drafts per attached unit, through the same service the form uses."""
    User = get_user_model()
    award_individual = AwardType.objects.get(code="giay-khen-ca-nhan")
    award_collective = AwardType.objects.get(code="giay-khen-tap-the")
    for index, (code, *_rest) in enumerate(data.UNITS):
        unit = units[code]
        officer = User.objects.get(username=f"{code}.canbo")
        staff = Staff.objects.filter(unit=unit).order_by("staff_code").first()
        common = {"year": 2024, "basis": NominationBasis.CAMPAIGN, "campaign": campaign}
        if not Nomination.objects.filter(
            unit=unit, staff=staff, award_type=award_individual, year=2024
        ).exists():
            drafting.create_nomination(
                author=officer,
                unit=unit,
                nominee_kind="individual",
                staff=staff,
                award_type=award_individual,
                achievement_summary=data.ACHIEVEMENTS[index % len(data.ACHIEVEMENTS)],
                **common,
            )
        collective = data.COLLECTIVES[index % len(data.COLLECTIVES)]
        if not Nomination.objects.filter(unit=unit, collective_name=collective, year=2024).exists():
            drafting.create_nomination(
                author=officer,
                unit=unit,
                nominee_kind="collective",
                collective_name=collective,
                award_type=award_collective,
                achievement_summary=data.ACHIEVEMENTS[(index + 1) % len(data.ACHIEVEMENTS)],
                **common,
            )


@transaction.atomic
def seed_demo() -> None:
    sync_role_groups()
    seed_award_types()
    units = seed_units()
    seed_staff(units)
    campaign = seed_campaign()
    seed_users(units)
    seed_draft_nominations(units, campaign)
