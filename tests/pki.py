"""A test CA, its certificates and keys (as PKCS#12 files and in a SoftHSM2 token), the
images of a signature and a seal, and a timestamp server on 127.0.0.1: everything the
signing tests need, made by the tests, never fetched."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from PIL import Image, ImageDraw

NOW = dt.datetime.now(dt.UTC)
PIN = "123456"
SO_PIN = "12345678"
SOFTHSM_LIBRARIES = (
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
)


def softhsm_library() -> str | None:
    return next((p for p in SOFTHSM_LIBRARIES if Path(p).is_file()), None)


def _name(common: str, organization: str = "Tỉnh ủy Đồng Tháp") -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization),
            x509.NameAttribute(NameOID.COMMON_NAME, common),
        ]
    )


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@dataclass(frozen=True)
class Issued:
    key: rsa.RSAPrivateKey
    cert: x509.Certificate

    def pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)


@dataclass(frozen=True)
class CA:
    root: Issued

    @classmethod
    def make(cls, name: str = "Test Root CA giaoban") -> CA:
        key = _key()
        subject = _name(name, "giaoban tests")
        cert = (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(NOW - dt.timedelta(days=30))
            .not_valid_after(NOW + dt.timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=False,
                    content_commitment=False,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=True,
                    crl_sign=True,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(
                x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False
            )
            .sign(key, hashes.SHA256())
        )
        return cls(Issued(key, cert))

    def issue(
        self,
        common: str,
        *,
        non_repudiation: bool = True,
        days: int = 365,
        expired: bool = False,
        tsa: bool = False,
        crl_url: str | None = None,
    ) -> Issued:
        key = _key()
        start = NOW - dt.timedelta(days=400 if expired else 1)
        end = NOW - dt.timedelta(days=2) if expired else NOW + dt.timedelta(days=days)
        builder = (
            x509.CertificateBuilder()
            .subject_name(_name(common))
            .issuer_name(self.root.cert.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(start)
            .not_valid_after(end)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    content_commitment=non_repudiation and not tsa,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=False,
                    crl_sign=False,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(self.root.key.public_key()),
                critical=False,
            )
        )
        if crl_url is not None:
            point = x509.DistributionPoint(
                full_name=[x509.UniformResourceIdentifier(crl_url)],
                relative_name=None,
                reasons=None,
                crl_issuer=None,
            )
            builder = builder.add_extension(x509.CRLDistributionPoints([point]), critical=False)
        if tsa:
            builder = builder.add_extension(
                x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True
            )
        return Issued(key, builder.sign(self.root.key, hashes.SHA256()))

    def crl(self) -> bytes:
        """The root's CRL (DER), revoking nothing, valid for a week."""
        crl = (
            x509.CertificateRevocationListBuilder()
            .issuer_name(self.root.cert.subject)
            .last_update(NOW - dt.timedelta(hours=1))
            .next_update(NOW + dt.timedelta(days=7))
            .add_extension(x509.CRLNumber(1), critical=False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(self.root.key.public_key()),
                critical=False,
            )
            .sign(self.root.key, hashes.SHA256())
        )
        return crl.public_bytes(serialization.Encoding.DER)

    def pkcs12(self, issued: Issued, path: Path, password: str = PIN) -> Path:
        data = pkcs12.serialize_key_and_certificates(
            b"test",
            issued.key,
            issued.cert,
            [self.root.cert],
            serialization.BestAvailableEncryption(password.encode()),
        )
        path.write_bytes(data)
        return path


@contextmanager
def softhsm_token(
    folder: Path, label: str, issued: Issued, ca: CA, key_id: str = "a1b2"
) -> Iterator[tuple[str, dict[str, str]]]:
    """A SoftHSM2 token holding ``issued``'s key (labelled otherwise than the certificate,
    as real tokens often do: the id is what they share) and certificate, and the CA's.
    Yields the PKCS#11 library and the environment that points SoftHSM2 at the token."""
    library = softhsm_library()
    assert library is not None and shutil.which("softhsm2-util")
    tokens = folder / "tokens"
    tokens.mkdir()
    config = folder / "softhsm2.conf"
    config.write_text(
        f"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\n"
    )
    env = {**os.environ, "SOFTHSM2_CONF": str(config)}
    subprocess.run(
        [
            "softhsm2-util",
            "--init-token",
            "--free",
            "--label",
            label,
            "--pin",
            PIN,
            "--so-pin",
            SO_PIN,
        ],
        env=env,
        check=True,
        capture_output=True,
    )
    key_file = folder / "key.pem"
    key_file.write_bytes(
        issued.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    subprocess.run(
        [
            "softhsm2-util",
            "--import",
            str(key_file),
            "--token",
            label,
            "--label",
            "Private Key",
            "--id",
            key_id,
            "--pin",
            PIN,
        ],
        env=env,
        check=True,
        capture_output=True,
    )
    key_file.unlink()
    previous = os.environ.get("SOFTHSM2_CONF")
    os.environ["SOFTHSM2_CONF"] = str(config)
    try:
        _store_certificates(library, label, issued, ca, bytes.fromhex(key_id))
        yield library, env
    finally:
        if previous is None:
            os.environ.pop("SOFTHSM2_CONF", None)
        else:
            os.environ["SOFTHSM2_CONF"] = previous


def _store_certificates(library: str, label: str, issued: Issued, ca: CA, key_id: bytes) -> None:
    import pkcs11
    from pkcs11 import Attribute, CertificateType, ObjectClass

    token = pkcs11.lib(library).get_token(token_label=label)
    with token.open(user_pin=PIN, rw=True) as session:
        for cert, cid, name in (
            (issued.cert, key_id, "Chứng thư số người ký"),
            (ca.root.cert, b"\xca", "Root CA"),
        ):
            session.create_object(
                {
                    Attribute.CLASS: ObjectClass.CERTIFICATE,
                    Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                    Attribute.TOKEN: True,
                    Attribute.ID: cid,
                    Attribute.LABEL: name,
                    Attribute.SUBJECT: cert.subject.public_bytes(),
                    Attribute.VALUE: cert.public_bytes(serialization.Encoding.DER),
                }
            )


def signature_png(
    path: Path,
    colour: tuple[int, int, int] = (20, 40, 200),
    size: tuple[int, int] = (600, 240),
    transparent: bool = True,
    framed: bool = False,
) -> Path:
    """A handwritten-looking stroke in ``colour`` on a transparent background; ``framed``
    draws a thin line along its edges, so the ink's extent on the page is the image's."""
    image = Image.new(
        "RGBA" if transparent else "RGB", size, (0, 0, 0, 0) if transparent else (255, 255, 255)
    )
    draw = ImageDraw.Draw(image)
    w, h = size
    draw.line(
        [(w * 0.05, h * 0.7), (w * 0.3, h * 0.2), (w * 0.5, h * 0.8), (w * 0.95, h * 0.3)],
        fill=(*colour, 255),
        width=max(4, h // 20),
    )
    if framed:
        draw.rectangle([0, 0, w - 1, h - 1], outline=(*colour, 255), width=3)
    image.save(path, format="PNG")
    return path


def seal_png(path: Path, colour: tuple[int, int, int] = (220, 20, 30), px: int = 400) -> Path:
    """A round seal in ``colour`` filling its square, transparent outside."""
    image = Image.new("RGBA", (px, px), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse([0, 0, px - 1, px - 1], outline=(*colour, 255), width=px // 25)
    draw.ellipse([px * 0.3, px * 0.3, px * 0.7, px * 0.7], fill=(*colour, 255))
    image.save(path, format="PNG")
    return path


@contextmanager
def timestamp_server(ca: CA) -> Iterator[str]:
    """An RFC 3161 timestamp server on 127.0.0.1 (pyHanko's test stamper behind HTTP) that
    also serves the CA's CRL on GET (``<url>root.crl``)."""
    from asn1crypto import keys, tsp
    from asn1crypto import x509 as asn1_x509
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

    tsa = ca.issue("Test TSA giaoban", tsa=True)
    der_key = tsa.key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    stamper = DummyTimeStamper(
        tsa_cert=asn1_x509.Certificate.load(tsa.cert.public_bytes(serialization.Encoding.DER)),
        tsa_key=keys.PrivateKeyInfo.load(der_key),
        certs_to_embed=[
            asn1_x509.Certificate.load(ca.root.cert.public_bytes(serialization.Encoding.DER))
        ],
    )

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            request = tsp.TimeStampReq.load(body)
            answer = stamper.request_tsa_response(request).dump()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def do_GET(self) -> None:
            answer = ca.crl()
            self.send_response(200)
            self.send_header("Content-Type", "application/pkix-crl")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *_args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
