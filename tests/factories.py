"""factory-boy factories shared by every test module."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from nominations.models import AwardType, Campaign, Staff, Unit
from workflows import drafting as services

DEFAULT_PASSWORD = "Mật-khẩu-thử-2024"


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"dv{n}")
    name = factory.Sequence(lambda n: f"Bệnh viện Đa khoa số {n}")
    short_name = factory.Sequence(lambda n: f"BVĐK {n}")
    kind = "attached"


class StaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Staff

    staff_code = factory.Sequence(lambda n: f"NV-{n:05d}")
    full_name = factory.Iterator(["Nguyễn Văn An", "Trần Thị Bích Ngọc", "Lê Hoàng Đạt", "Phạm Thị Hương"])
    gender = "male"
    date_of_birth = datetime.date(1985, 5, 17)
    position = "Bác sĩ điều trị"
    professional_title = "Bác sĩ chuyên khoa I"
    unit = factory.SubFactory(UnitFactory)


class AwardTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AwardType
        django_get_or_create = ("code",)

    code = "giay-khen-ca-nhan"
    name = "Giấy khen của Giám đốc Sở Y tế (cá nhân)"
    applies_to = "individual"
    authority = "director"


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    name = "Đổi mới, sáng tạo, tận tâm, trách nhiệm thực hiện nhiệm vụ"
    start_date = datetime.date(2024, 6, 10)
    end_date = datetime.date(2024, 12, 25)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = "Người dùng thử"
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*Group.objects.filter(name__in=extracted))
        self.save()


def make_nomination(*, unit, author=None, staff=None, award_type=None, **fields):
    """A draft dossier made through the real service, with its permissions granted."""
    author = author or UserFactory(unit=unit, roles=["unit_officer"])
    staff = staff or StaffFactory(unit=unit)
    award_type = award_type or AwardTypeFactory()
    values = {
        "year": 2024,
        "basis": "annual",
        "nominee_kind": "individual",
        "staff": staff,
        "award_type": award_type,
        "achievement_summary": "Hoàn thành xuất sắc nhiệm vụ năm 2024.",
    }
    values.update(fields)
    return services.create_nomination(author=author, unit=unit, **values)
