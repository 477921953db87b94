"""A throw-away PKI made inside the test run: a root, an intermediate, signers (good, expired,
revoked), the intermediate's CRL and a PKCS#12 of a signer. Nothing here is a real key."""

import datetime
from dataclasses import dataclass, field

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

NOW = datetime.datetime.now(datetime.UTC)
CRL_URL = "http://127.0.0.1:8161/intermediate.crl"


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Thử nghiệm CA"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


@dataclass
class Issued:
    key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey
    cert: x509.Certificate

    @property
    def pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)


def _issue(subject, key, issuer: Issued | None, *, ca: bool, not_before, not_after, tsa=False) -> Issued:
    issuer_name = issuer.cert.subject if issuer else subject
    signing_key = issuer.key if issuer else key
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    if issuer:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()), critical=False
        )
    usage = dict.fromkeys(
        [
            "digital_signature",
            "content_commitment",
            "key_encipherment",
            "data_encipherment",
            "key_agreement",
            "key_cert_sign",
            "crl_sign",
            "encipher_only",
            "decipher_only",
        ],
        False,
    )
    if ca:
        usage.update(key_cert_sign=True, crl_sign=True, digital_signature=True)
    else:
        usage.update(digital_signature=True, content_commitment=True)
    builder = builder.add_extension(x509.KeyUsage(**usage), critical=True)
    if tsa:
        builder = builder.add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True
        )
    elif not ca:
        builder = builder.add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
        )
        # Declared, as real certificates do, so that revocation is checked; the tests hand the
        # CRL to the validator instead of serving it.
        builder = builder.add_extension(
            x509.CRLDistributionPoints(
                [x509.DistributionPoint([x509.UniformResourceIdentifier(CRL_URL)], None, None, None)]
            ),
            critical=False,
        )
    return Issued(key, builder.sign(signing_key, hashes.SHA256()))


def _key():
    return ec.generate_private_key(ec.SECP256R1())


@dataclass
class TestPKI:
    root: Issued
    intermediate: Issued
    signer: Issued
    expired: Issued
    revoked: Issued
    crl: x509.CertificateRevocationList
    tsa: Issued
    extra: dict = field(default_factory=dict)

    def pkcs12(self, who: Issued, password: bytes) -> bytes:
        return pkcs12.serialize_key_and_certificates(
            b"signer",
            who.key,
            who.cert,
            [self.intermediate.cert, self.root.cert],
            serialization.BestAvailableEncryption(password),
        )

    def timestamper(self):
        """pyHanko's test TSA answering with this PKI's timestamping certificate."""
        from asn1crypto import keys
        from asn1crypto import x509 as asn1_x509
        from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

        def der(cert):
            return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))

        key = self.tsa.key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        return DummyTimeStamper(
            der(self.tsa.cert), keys.PrivateKeyInfo.load(key), certs_to_embed=[der(self.intermediate.cert)]
        )

    @property
    def crl_der(self) -> bytes:
        return self.crl.public_bytes(serialization.Encoding.DER)


def make_pki(prefix: str = "Sở Y tế") -> TestPKI:
    day = datetime.timedelta(days=1)
    root = _issue(
        _name("Root CA thử nghiệm"),
        _key(),
        None,
        ca=True,
        not_before=NOW - 30 * day,
        not_after=NOW + 3650 * day,
    )
    inter = _issue(
        _name("Intermediate CA thử nghiệm"),
        _key(),
        root,
        ca=True,
        not_before=NOW - 30 * day,
        not_after=NOW + 1825 * day,
    )
    signer = _issue(
        _name(f"{prefix} tỉnh Đồng Nai"),
        _key(),
        inter,
        ca=False,
        not_before=NOW - day,
        not_after=NOW + 365 * day,
    )
    expired = _issue(
        _name(f"{prefix} (hết hạn)"),
        _key(),
        inter,
        ca=False,
        not_before=NOW - 20 * day,
        not_after=NOW - 2 * day,
    )
    revoked = _issue(
        _name(f"{prefix} (bị thu hồi)"),
        _key(),
        inter,
        ca=False,
        not_before=NOW - 20 * day,
        not_after=NOW + 365 * day,
    )
    crl = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(inter.cert.subject)
        .last_update(NOW - day)
        .next_update(NOW + 7 * day)
        .add_revoked_certificate(
            x509.RevokedCertificateBuilder()
            .serial_number(revoked.cert.serial_number)
            .revocation_date(NOW - 10 * day)
            .build()
        )
        .add_extension(x509.CRLNumber(1), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(inter.key.public_key()), critical=False
        )
        .sign(inter.key, hashes.SHA256())
    )
    # pyHanko's test TSA signs with RSA only.
    tsa = _issue(
        _name("TSA thử nghiệm"),
        rsa.generate_private_key(65537, 2048),
        inter,
        ca=False,
        not_before=NOW - day,
        not_after=NOW + 365 * day,
        tsa=True,
    )
    return TestPKI(root, inter, signer, expired, revoked, crl, tsa)
