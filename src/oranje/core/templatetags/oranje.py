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
        lines = [line for line in block.split("\n") if line.strip()]
        text: list[str] = []
        items: list[str] = []

        def flush_text() -> None:
            if text:
                blocks.append("<p>" + "<br>".join(escape(t) for t in text) + "</p>")
                text.clear()

        def flush_items() -> None:
            if items:
                blocks.append("<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>")
                items.clear()

        for line in lines:
            stripped = line.strip()
            if stripped[:2] in ("- ", "* "):
                flush_text()
                items.append(stripped[2:].strip())
            else:
                flush_items()
                text.append(line)
        flush_text()
        flush_items()
    return mark_safe("\n".join(blocks))  # noqa: S308 - every piece of text is escaped above
