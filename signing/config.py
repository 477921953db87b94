"""What the administrator configured: the organisation's PKCS#12, the TSA, the trust roots and
the revocation sources. Read from settings (which read the environment) on every use, so tests
and a restarted process see the same thing."""

from dataclasses import dataclass
from pathlib import Path

from asn1crypto import crl as asn1_crl
from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from django.conf import settings


class SigningConfigurationError(Exception):
    """The organisation certificate or the trust store cannot be used as configured."""


@dataclass(frozen=True)
class TrustStore:
    roots: list
    crls: list
    fetch_revocation: bool


def _blocks(data: bytes) -> list[bytes]:
    if pem.detect(data):
        return [der for _type, _headers, der in pem.unarmor(data, multiple=True)]
    return [data]


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise SigningConfigurationError(f"{path}: {exc.strerror}") from exc


def trust_store() -> TrustStore:
    """The certificates a signature must chain to, and the CRLs known offline."""
    roots, crls = [], []
    for path in settings.SIGNING_TRUST_ROOTS:
        for der in _blocks(_read(path)):
            try:
                roots.append(asn1_x509.Certificate.load(der))
            except ValueError as exc:
                raise SigningConfigurationError(f"{path}: not a certificate") from exc
    for path in settings.SIGNING_CRL_FILES:
        for der in _blocks(_read(path)):
            crls.append(asn1_crl.CertificateList.load(der))
    return TrustStore(roots=roots, crls=crls, fetch_revocation=settings.SIGNING_FETCH_REVOCATION)


def server_signing_enabled() -> bool:
    return bool(settings.SIGNING_PKCS12_PATH)


def load_server_signer():
    """The Department's organisation certificate and key (pyHanko ``SimpleSigner``)."""
    from pyhanko.sign import signers

    path = settings.SIGNING_PKCS12_PATH
    data = _read(path)
    password = settings.SIGNING_PKCS12_PASSWORD.encode() or None
    try:
        from cryptography.hazmat.primitives.serialization import pkcs12

        pkcs12.load_key_and_certificates(data, password)
    except ValueError as exc:
        raise SigningConfigurationError(f"{path}: cannot open the PKCS#12 ({exc})") from exc
    signer = signers.SimpleSigner.load_pkcs12_data(data, other_certs=[], passphrase=password)
    if signer is None:
        raise SigningConfigurationError(f"{path}: cannot open the PKCS#12")
    return signer


def timestamper():
    """An RFC 3161 client when a TSA is configured, else ``None`` (the signer's clock is used)."""
    if not settings.SIGNING_TSA_URL:
        return None
    from pyhanko.sign.timestamps import HTTPTimeStamper

    return HTTPTimeStamper(settings.SIGNING_TSA_URL, timeout=settings.SIGNING_TSA_TIMEOUT)
