"""API key format and hashing (pure functions, no database).

A key looks like ``amm_<prefix>_<secret>``: the prefix (10 characters) is
stored in clear and identifies the key; the secret carries 256 bits of
entropy. Only the SHA-256 of the whole key is stored. A salted slow hash is
unnecessary for a random 256-bit secret and would cost every request.
"""

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

KEY_PATTERN = re.compile(r"^amm_(?P<prefix>[a-z0-9]{10})_(?P<secret>[A-Za-z0-9_-]{43})$")


@dataclass(frozen=True)
class GeneratedKey:
    raw: str
    prefix: str
    secret_hash: str


def hash_key(raw_key: str) -> str:
    return hashlib.sha256(raw_key.encode("utf-8")).hexdigest()


def generate_key() -> GeneratedKey:
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
    prefix = "".join(secrets.choice(alphabet) for _ in range(10))
    raw = f"amm_{prefix}_{secrets.token_urlsafe(32)}"
    return GeneratedKey(raw=raw, prefix=prefix, secret_hash=hash_key(raw))


def parse_prefix(raw_key: str) -> str | None:
    """The prefix of a well-formed key, or None for anything malformed."""
    match = KEY_PATTERN.match(raw_key)
    return match.group("prefix") if match else None


def key_matches(raw_key: str, stored_hash: str) -> bool:
    return hmac.compare_digest(hash_key(raw_key), stored_hash)
