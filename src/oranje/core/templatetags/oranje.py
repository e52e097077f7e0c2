from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from oranje.core.validation import format_phone, format_postcode

register = template.Library()


@register.filter(name="phone")
def phone(value: str) -> str:
    """A stored E.164 number as a Dutch reader expects it: 06 12345678."""
    return format_phone(value) if value else ""


@register.filter(name="postcode")
def postcode(value: str) -> str:
    """A stored postcode as written in the Netherlands: 2011 AB."""
    return format_postcode(value)


@register.filter(name="paragraphs")
def paragraphs(value: str) -> SafeString:
    """Typed text as HTML: blank-line separated paragraphs, line breaks inside them, and a run
    of lines starting with "- " (or "* ") as a bulleted list. Everything is escaped first;
    only the tags made here are markup."""
    blocks: list[str] = []
    for block in str(value or "").replace("\r\n", "\n").split("\n\n"):
        # Runs of (is a bullet, lines): consecutive lines of the same sort belong together.
        runs: list[tuple[bool, list[str]]] = []
        for line in block.split("\n"):
            stripped = line.strip()
            if not stripped:
                continue
            bullet = stripped[:2] in ("- ", "* ")
            piece = escape(stripped[2:].strip() if bullet else line)
            if runs and runs[-1][0] == bullet:
                runs[-1][1].append(piece)
            else:
                runs.append((bullet, [piece]))
        for bullet, pieces in runs:
            if bullet:
                blocks.append("<ul>" + "".join(f"<li>{p}</li>" for p in pieces) + "</ul>")
            else:
                blocks.append("<p>" + "<br>".join(pieces) + "</p>")
    return mark_safe("\n".join(blocks))  # noqa: S308 - every piece of text is escaped above
