"""Free text as users type it: how long it may be, and which characters are taken out.

Bidirectional embedding, override and isolate characters (U+202A–U+202E, U+2066–U+2069)
make text display in another order than it was typed — "exe.txt" can read as "txt.exe" in
a logbook. They have no use in Oranje's texts and are removed on the way in.

The C0 control characters other than tab, newline and carriage return (U+0000–U+001F) have
no use either, and XML 1.0 does not allow them: one of them in a stored text breaks every
XML export (EDXL-SitRep) of it. The vertical tab and form feed — Word's manual line and page
break, pasted along with the text — become a newline; the others are removed.
"""

from __future__ import annotations

import re

#: A name, title, team or who decided: one line.
SHORT_TEXT = 200
#: A log line, a decision, an action, a reason, a note.
TEXT = 4000
#: A description, a situation-report section, a scenario.
LONG_TEXT = 20000

_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_LINE_BREAKS = re.compile("[\x0b\x0c]")
#: NUL is left in on purpose: every room refuses it with its own message (the field names it).
_C0_CONTROLS = re.compile("[\x01-\x08\x0e-\x1f]")
#: Everything XML 1.0 does not allow (its Char production), after the line breaks above.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def neutralise_controls(text: str) -> str:
    """The text without bidirectional embedding, override and isolate characters and without
    C0 control characters other than tab, newline, carriage return and NUL (a vertical tab or
    form feed becomes a newline; NUL stays, so that the field refuses it and says so)."""
    return _C0_CONTROLS.sub("", _LINE_BREAKS.sub("\n", _BIDI_CONTROLS.sub("", text)))


#: The older name, kept for the rooms that call it: it now takes out the C0 controls too.
neutralise_bidi = neutralise_controls


def xml_text(text: str) -> str:
    """The text with only characters XML 1.0 allows (for a text stored before the C0 controls
    were taken out on the way in): a vertical tab or form feed becomes a newline, any other
    character XML does not allow is removed."""
    return _NOT_XML.sub("", _LINE_BREAKS.sub("\n", text))
