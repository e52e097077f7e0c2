"""Personal survey codes: made, shown, read back and kept only as a hash.

A code is `CODE_LENGTH` characters from `CODE_ALPHABET` (no 0/O or 1/I/L to misread), shown
as two groups of four ("KX7P-M3QD"). What a resident types is read back leniently: case,
spaces, dashes and the letters O, I and L for 0, 1 and 1 do not matter. The database keeps the
HMAC-SHA256 of the code with the site's secret key (`code_hash`), so a copy of the database
does not hold codes that can be used; the code itself exists only on the printed letter."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings

from oranje.learning.constants import CODE_ALPHABET, CODE_LENGTH

_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_code() -> str:
    """A fresh random code (40 bits: 31^8), without the dash."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def show(code: str) -> str:
    """ "KX7PM3QD" → "KX7P-M3QD"."""
    half = CODE_LENGTH // 2
    return f"{code[:half]}-{code[half:]}"


def normalise(typed: str) -> str | None:
    """The code a resident typed, as made by `new_code`; None when it cannot be one (wrong
    length or a character that is not in the alphabet)."""
    if not isinstance(typed, str) or len(typed) > 4 * CODE_LENGTH:
        return None
    cleaned = "".join(ch for ch in typed.upper() if ch not in " -\t.")
    cleaned = cleaned.translate(_LOOKALIKES)
    # The alphabet has no 0 or 1: a typed O/I/L (now 0/1) cannot be right either.
    if len(cleaned) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in cleaned):
        return None
    return cleaned


def code_hash(code: str) -> str:
    """What the database keeps of a (normalised) code."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"survey-code:{code}".encode(), hashlib.sha256).hexdigest()
