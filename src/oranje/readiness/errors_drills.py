"""Error messages of the one-hour drill, as named constants that tests assert on. Each names
the field it is about, then says what is wrong and what to do."""

from django.utils.translation import gettext_lazy as _

DEADLINE_RANGE = _("Deadline: choose a deadline between 15 minutes and 24 hours.")
ASSIGNMENT_EMPTY = _("Assignment: write what the person has to arrange.")
ASSIGNMENT_TOO_LONG = _("Assignment: at most %(max)s characters; shorten the text.")
PERSON_REQUIRED = _("Who: choose someone on call now, or a key-function holder.")
PERSON_OUTSIDE = _("Who: %(name)s is not an active functionary of %(region)s.")
NOT_KEY_HOLDER = _(
    "Who: %(name)s is not a key-function holder and is not on call now; choose someone on "
    "call now or a key-function holder."
)
FUNCTION_REQUIRED = _("Function: choose the function the assignment is for.")
FUNCTION_NOT_HELD = _(
    "Function: %(name)s does not hold %(function)s; choose one of their functions."
)
SHIFT_NOT_NOW = _("On call now: this shift is not running now; choose again from the list.")
ALREADY_SENT = _("This assignment was already delivered; it is not sent twice.")
LINK_INVALID = _("This link is not valid. Use the link from the message exactly as it is.")
LINK_EXPIRED = _("This link has expired. Ask your coordinator.")
ALREADY_REPORTED = _("You already reported back on this assignment at %(time)s.")
ALREADY_ASSESSED = _("This assignment has been assessed; reporting back is closed.")
REPORT_EMPTY = _("What I arranged: write what you arranged, and with whom.")
REPORT_TOO_LONG = _("What I arranged: at most %(max)s characters; shorten the text.")
ASSESSMENT_REQUIRED = _("Assessment: choose good, sufficient or insufficient.")
NOTE_TOO_LONG = _("Note: at most %(max)s characters; shorten the text.")
NOT_YET_REPORTED = _(
    "Assessment: nothing has been reported back yet; assess after the report or after the deadline."
)
NO_REPORT_INSUFFICIENT = _(
    "Assessment: nothing was reported back before the deadline; such a drill can only be "
    "closed as insufficient."
)
