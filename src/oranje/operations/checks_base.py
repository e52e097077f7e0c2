"""The shape of Oranje's deployment-check messages: Dutch first, then English, in both the
message and the hint, so the administrator who runs `oranje check --deploy` reads what is
wrong and the exact fix in either language. Management-command output, so not translated
through gettext: both languages are written out."""

from __future__ import annotations

from django.core import checks

# Tags for `oranje check --deploy --tag …`: every check of Oranje's own carries TAG, so
# `--tag oranje` runs only these; the others say what a check looks at.
TAG = "oranje"
TAG_MAIL = "mail"
TAG_SMS = "sms"
TAG_FILES = "files"


def _message(nl: str, en: str) -> str:
    return f"NL: {nl}\n\tEN: {en}"


def _hint(nl: str, en: str) -> str:
    # Django prints the hint after "\tHINT: "; the English line is lined up under the Dutch.
    return f"NL: {nl}\n\t      EN: {en}"


def error(number: str, nl: str, en: str, *, fix_nl: str, fix_en: str) -> checks.Error:
    """An error `oranje.<number>` (e.g. "E001"): the installation must not run like this."""
    return checks.Error(_message(nl, en), hint=_hint(fix_nl, fix_en), id=f"oranje.{number}")


def warning(number: str, nl: str, en: str, *, fix_nl: str, fix_en: str) -> checks.Warning:
    """A warning `oranje.<number>` (e.g. "W001"): it runs, but something will hurt."""
    return checks.Warning(_message(nl, en), hint=_hint(fix_nl, fix_en), id=f"oranje.{number}")
