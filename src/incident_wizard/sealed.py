"""Encrypted incident files for transport (to a DPO, between pharmacies): a passphrase, scrypt to
derive the key, AES-256-GCM to encrypt and authenticate (the `cryptography` library). A wrong
passphrase and a tampered file are both refused, in French; nothing is imported.

The envelope (format ``incident-wizard/encrypted-incident``, version 1) is JSON:
``{"format", "format_version", "kdf": {"name": "scrypt", "n", "r", "p", "salt"},
"cipher": {"name": "AES-256-GCM", "nonce"}, "ciphertext"}`` (salt, nonce and ciphertext in
base64). The plaintext is a plain incident file (UTF-8 JSON). Everything but the ciphertext is
authenticated too (it is the GCM associated data), so changing a parameter is detected.
"""

from __future__ import annotations

import base64
import json
import os

from .domain.errors import IncidentFileError
from .i18n import _

FORMAT = "incident-wizard/encrypted-incident"
FORMAT_VERSION = 1
#: scrypt's cost for new files (about 32 MiB and a tenth of a second on a pharmacy PC).
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
#: The most a file may ask (a hostile file cannot make the app use gigabytes to derive a key):
#: scrypt needs 128 * r * n bytes, here at most 128 MiB, and n * r * p at most 2**21.
MAX_N, MAX_R, MAX_P = 2**17, 8, 2
MAX_MEMORY = 128 * 1024 * 1024
MAX_WORK = 2**21
MIN_PASSPHRASE = 12


class SealError(IncidentFileError):
    """An encrypted incident file cannot be opened (wrong passphrase, tampered, malformed)."""


def passphrase_problem(passphrase: str) -> str:
    if len(passphrase) < MIN_PASSPHRASE:
        return _("La phrase secrète doit compter au moins {count} caractères (par exemple "
                 "quatre mots sans lien entre eux) ; transmettez-la par un autre moyen que le "
                 "fichier (par téléphone).").format(count=MIN_PASSPHRASE)
    return ""


def _key(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def _header_bytes(header: dict) -> bytes:
    return json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8")


def seal(plaintext: bytes, passphrase: str) -> bytes:
    """The encrypted envelope of ``plaintext``."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    problem = passphrase_problem(passphrase)
    if problem:
        raise SealError(problem)
    salt, nonce = os.urandom(16), os.urandom(12)
    header = {"format": FORMAT, "format_version": FORMAT_VERSION,
              "kdf": {"name": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P,
                      "salt": base64.b64encode(salt).decode("ascii")},
              "cipher": {"name": "AES-256-GCM", "nonce": base64.b64encode(nonce).decode("ascii")}}
    key = _key(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    ciphertext = AESGCM(key).encrypt(nonce, plaintext, _header_bytes(header))
    envelope = dict(header, ciphertext=base64.b64encode(ciphertext).decode("ascii"))
    return json.dumps(envelope, indent=2).encode("utf-8")


def _whole(value: object) -> int:
    """A scrypt parameter: a JSON integer (not a float, a boolean or a text)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("integer expected")
    return value


def is_sealed(data: bytes) -> bool:
    """Whether ``data`` is an encrypted incident file: its top-level ``format`` says so, wherever
    the key stands (a file whose keys were reordered by a tool is still one). The whole file is
    parsed only when the format's name is in it."""
    head = data[:200].decode("utf-8", "replace")
    if f'"format": "{FORMAT}"' in head or f'"format":"{FORMAT}"' in head:
        return True
    if FORMAT.encode("ascii") not in data:
        return False
    try:
        envelope = json.loads(data.decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError):
        return False
    return isinstance(envelope, dict) and envelope.get("format") == FORMAT


def unseal(data: bytes, passphrase: str) -> bytes:
    """The plain incident file inside an envelope; SealError (French) otherwise."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        envelope = json.loads(data.decode("utf-8"))
        version = envelope["format_version"]
        kdf, cipher = envelope["kdf"], envelope["cipher"]
        n, r, p = (_whole(kdf[name]) for name in ("n", "r", "p"))
        salt = base64.b64decode(kdf["salt"], validate=True)
        nonce = base64.b64decode(cipher["nonce"], validate=True)
        ciphertext = base64.b64decode(envelope["ciphertext"], validate=True)
        names = (kdf["name"], cipher["name"])
    except (ValueError, KeyError, TypeError, UnicodeDecodeError, RecursionError, OverflowError):
        raise SealError(_("Ce fichier chiffré est incomplet ou abîmé : il ne peut pas être ouvert. "
                          "Demandez à l'expéditeur de l'exporter à nouveau.")) from None
    if envelope.get("format") != FORMAT:
        raise SealError(_("Ce fichier n'est pas un fichier d'incident chiffré."))
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise SealError(_("Ce fichier chiffré a été écrit par une version plus récente d'Incident "
                          "Wizard : mettez l'application à jour pour l'ouvrir."))
    if names != ("scrypt", "AES-256-GCM") or not (
            2 <= n <= MAX_N and n & (n - 1) == 0 and 1 <= r <= MAX_R and 1 <= p <= MAX_P
            and 128 * r * n <= MAX_MEMORY and n * r * p <= MAX_WORK
            and len(salt) >= 16 and len(nonce) == 12):
        raise SealError(_("Ce fichier chiffré demande des paramètres que l'application refuse "
                          "(méthode ou coût inconnus) : il n'a pas été ouvert."))
    header = {key: value for key, value in envelope.items() if key != "ciphertext"}
    try:
        return AESGCM(_key(passphrase, salt, n, r, p)).decrypt(nonce, ciphertext, _header_bytes(header))
    except MemoryError:
        raise SealError(_("La mémoire manque pour ouvrir ce fichier chiffré : fermez d'autres "
                          "programmes et recommencez.")) from None
    except InvalidTag:
        raise SealError(_("Le fichier ne s'ouvre pas avec cette phrase secrète : elle est fausse, ou "
                          "le fichier a été modifié depuis son envoi. Rien n'a été importé.")) from None


def read_incident_file(path, procedure, ask_passphrase):  # noqa: ANN001, ANN201
    """Read a plain or encrypted incident file (domain.incident_file.IncidentFile);
    ``ask_passphrase()`` is called only for an encrypted one. The one reading path of the CLI
    and the GUI."""
    from pathlib import Path

    from .domain import incident_file

    path = Path(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(256)
            # An envelope whose keys a tool reordered names its format further on: the whole
            # (bounded) file is looked at when its head does not say.
            if not is_sealed(head) and path.stat().st_size <= incident_file.MAX_FILE_BYTES * 2:
                head += handle.read()
    except OSError:
        head = b""
    if not is_sealed(head):
        return incident_file.read(path, procedure)
    if path.stat().st_size > incident_file.MAX_FILE_BYTES * 2:
        raise SealError(_("Le fichier {name} est trop volumineux.").format(name=path.name))
    plain = unseal(path.read_bytes(), ask_passphrase())
    try:
        text = plain.decode("utf-8")
    except UnicodeDecodeError:
        raise SealError(_("Le fichier {name}, une fois déchiffré, n'est pas un texte UTF-8.").format(
            name=path.name)) from None
    return incident_file.parse(text, path.name, procedure)


def write_incident_file(path, incident, entries, exported_at, app_version, contents=None,  # noqa: ANN001
                        passphrase: str | None = None) -> None:
    """Write an incident file, encrypted when a passphrase is given (private from creation,
    renamed when complete)."""
    from . import files
    from .domain import incident_file

    text = incident_file.dumps(incident, entries, exported_at, app_version, contents)
    if passphrase is None:
        files.write_text(path, text)
        return
    files.write_bytes(path, seal(text.encode("utf-8"), passphrase))
