import datetime
import io

import pytest
from cryptography.hazmat.primitives import serialization
from pyhanko.sign import signers

from signing import pades
from tests.factories import AwardTypeFactory, make_nomination
from tests.signing.ca import make_pki
from tests.workflows.conftest import act, people, to_director  # noqa: F401  (fixture)
from workflows import award_decisions as decisions
from workflows import services
from workflows.steps import Decision

PASSWORD = "mật-khẩu-thử"


@pytest.fixture(autouse=True)
def _english(settings):
    # These tests read the reasons a signature is refused word for word, in English (the
    # Vietnamese catalog has them too; the pages show them in the reader's language).
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture(scope="session")
def pki():
    return make_pki()


@pytest.fixture(scope="session")
def other_pki():
    """A CA nobody configured: its signatures chain to no trust root."""
    return make_pki("Kẻ giả mạo")


@pytest.fixture
def trust(pki, tmp_path, settings):
    """The trust roots and the CRL configured, no organisation certificate yet."""
    root = tmp_path / "root.pem"
    root.write_bytes(pki.root.pem)
    crl = tmp_path / "intermediate.crl"
    crl.write_bytes(pki.crl_der)
    settings.SIGNING_TRUST_ROOTS = [str(root)]
    settings.SIGNING_CRL_FILES = [str(crl)]
    settings.SIGNING_PKCS12_PATH = ""
    settings.SIGNING_TSA_URL = ""
    return settings


@pytest.fixture
def server_certificate(trust, pki, tmp_path):
    """The Department's organisation certificate as the administrator configures it."""
    path = tmp_path / "so-y-te.p12"
    path.write_bytes(pki.pkcs12(pki.signer, PASSWORD.encode()))
    trust.SIGNING_PKCS12_PATH = str(path)
    trust.SIGNING_PKCS12_PASSWORD = PASSWORD
    return path


def token_signer(pki_, who):
    """What the director's USB-token tool holds, as a pyHanko signer."""
    data = pki_.pkcs12(who, b"token")
    return signers.SimpleSigner.load_pkcs12_data(data, other_certs=[], passphrase=b"token")


def sign_like_a_token(pdf: bytes, signer) -> bytes:
    """Sign as the token tool would: an incremental update with a visible field."""
    from documents import fonts

    return pades.sign_pdf(
        pdf,
        where=pades.SignatureBox(0, (350, 80, 550, 140)),
        reason="Ký duyệt",
        location="Đồng Nai",
        stamp_text="%(signer)s",
        font_path=str(fonts.FONT_DIR / "LiberationSerif-Regular.ttf"),
        signer=signer,
        timestamper=False,
    )


@pytest.fixture
def submitted_decision(people, unit_a):  # noqa: F811
    """A decision for two approved dossiers, sent to the director for signature."""
    collective = AwardTypeFactory(
        code="giay-khen-tap-the", name="Giấy khen (tập thể)", applies_to="collective"
    )
    nominations = []
    for index in range(2):
        fields = (
            {"nominee_kind": "collective", "staff": None, "collective_name": "Khoa Dược"} if index else {}
        )
        if index:
            fields["award_type"] = collective
        nomination = make_nomination(unit=unit_a, author=people.officer, **fields)
        services.submit_for_signoff(nomination, people.officer)
        to_director(nomination, people)
        act(nomination, people.director, Decision.APPROVE)
        nominations.append(nomination)
    decision = decisions.prepare_decision(
        by=people.reviewer,
        number="125/QĐ-SYT",
        decision_date=datetime.date(2025, 2, 25),
        title="Về việc tặng Giấy khen",
        nominations=nominations,
    )
    decisions.submit_decision(decision, by=people.office_head)
    return decision


def der(cert) -> bytes:
    return cert.public_bytes(serialization.Encoding.DER)


def reader(pdf: bytes):
    from pyhanko.pdf_utils.reader import PdfFileReader

    return PdfFileReader(io.BytesIO(pdf))
