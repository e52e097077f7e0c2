"""Free text as users type it: how long it may be, and which characters are taken out.

Bidirectional embedding, override and isolate characters (U+202A–U+202E, U+2066–U+2069)
make text display in another order than it was typed — "exe.txt" can read as "txt.exe" in
a logbook. They have no use in Oranje's texts and are removed on the way in.
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


def neutralise_bidi(text: str) -> str:
    """The text without bidirectional embedding, override and isolate characters."""
    return _BIDI_CONTROLS.sub("", text)
