"""Error messages of the readiness room, as named constants that tests assert on."""

from django.utils.translation import gettext_lazy as _

DATE_IN_FUTURE = _("A completed activity cannot be dated in the future (%(date)s).")
SCORE_OUT_OF_SCALE = _("A score lies between 1 and 10; %(value)s does not.")
HOURS_NEGATIVE = _("Hours cannot be negative.")
CODE_REQUIRED = _("A course or exam needs its code, e.g. BZ-OVD-BASIS.")
RESULT_REQUIRED = _("An exam or practical test needs a result: passed or not.")
UNKNOWN_PERSON = _("No functionary with e-mail address '%(value)s' in this region.")
UNKNOWN_FUNCTION = _("Unknown function code '%(value)s'.")
UNKNOWN_KIND = _(
    "'%(value)s' is not a kind of activity (course, exercise, exam, practical_test, deployment)."
)
BAD_DATE = _("'%(value)s' is not a date (use 2026-03-01 or 1-3-2026).")
BAD_NUMBER = _("'%(value)s' is not a number.")
BAD_RESULT = _(
    "'%(value)s' is not a result (use passed / failed, voldaan / niet voldaan, or a score 1–10)."
)
DUPLICATE_EXTERNAL_ID = _(
    "External id '%(value)s' appears twice in this file (also on row %(line)s)."
)
WEAKER_THAN_NATIONAL = _(
    "A regional requirement may not be weaker than the national one: %(label)s."
)
NEEDS_A_MINIMUM = _("Upkeep needs a minimum number of exercises or hours.")
NO_ONE_ON_CALL = _("Nobody is on hard on-call for the chosen functions right now.")
LINK_INVALID = _("This link is not valid. Use the link from the message exactly as it is.")
LINK_EXPIRED = _("This link has expired.")
LINK_USED = _("You already answered this alarm at %(time)s.")
ETA_REQUIRED = _("Say in how many minutes you can be there (0–1440).")
EXERCISE_COMPLETED = _(
    "This exercise was already completed; its attendance and observations stay as recorded."
)
