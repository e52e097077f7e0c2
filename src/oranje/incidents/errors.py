"""Error messages of the incident room, as named constants that tests assert on."""

from django.utils.translation import gettext_lazy as _

INCIDENT_CLOSED = _("This incident was closed on %(time)s; nothing can be added any more.")
UNKNOWN_LEVEL = _("'%(value)s' is not a GRIP level (0 to 5).")
UNKNOWN_TEAM = _("'%(value)s' is not a team of this incident (CoPI, ROT, TBZ, GBT, RBT, …).")
LEVEL_REQUIRED = _("Scaling by GRIP needs a level.")
LEVEL_NOT_FLEXIBLE = _("Flexible scaling has no GRIP level; choose the teams instead.")
FLEXIBLE_NEEDS_TEAM = _("Flexible scaling needs at least one team.")
REASON_REQUIRED = _("Say why: the reason is part of the scaling history.")
DECIDED_BY_REQUIRED = _("Say who decided (e.g. the mayor, the CoPI leader).")
DECISION_NEEDS_TEAM = _("A decision is taken in a team; choose the team.")
TEXT_REQUIRED = _("Write what happened.")
START_IN_FUTURE = _("An incident cannot start in the future (%(time)s).")
MUNICIPALITY_OUTSIDE_REGION = _("%(name)s does not belong to this safety region.")
MUNICIPALITY_REQUIRED = _("Choose the municipality where the incident is.")
BAD_POINT = _("'%(value)s' is not a point: write latitude, longitude, e.g. 52.4602, 4.6266.")
BAD_POLYGON = _(
    "The affected area needs at least three points 'latitude, longitude', one per line; "
    "line %(line)s is '%(value)s'."
)
OUTSIDE_NL = _("%(value)s lies outside the Netherlands.")
CORRECTS_OTHER_INCIDENT = _("A correction must point at an entry of the same incident.")
ATTACHMENT_TOO_LARGE = _("An attachment may be at most 10 MB; this one is %(size)s MB.")
DEADLINE_REQUIRED = _("An action needs a deadline.")
OWNER_REQUIRED = _("An action needs an owner function.")
REPORT_NOT_DRAFT = _("Only a draft can be changed; this version is %(status)s.")
REPORT_NOT_APPROVED = _("Only an approved report can be published.")
REPORT_SUMMARY_REQUIRED = _(
    "General picture: fill it in before approving; an empty version cannot be approved."
)
ALREADY_CLOSED = _("This incident is already closed.")
ACUTE_ALREADY_ENDED = _("The acute phase of this incident has already ended; it is in aftercare.")
IN_AFTERCARE = _(
    "This incident is in aftercare (nafase): the acute operation has ended, so it can no "
    "longer be scaled or alerted."
)
ALREADY_TICKED = _("This item was already ticked by %(person)s at %(time)s.")
CHECKLIST_NEEDS_LINE = _("Lines: a checklist needs at least one line; write one task per line.")
CHECKLIST_LINE_TOO_LONG = _(
    "%(field)s: line %(line)s has %(length)s characters, at most %(max)s; make it shorter."
)
CHECKLIST_LINE_TWICE = _("%(field)s: '%(text)s' is in the list twice; keep it once.")
INSTRUCTION_REQUIRED = _(
    "Instruction: write the instruction, or go back to the national text with the other button."
)
INSTRUCTION_TOO_LONG = _("Instruction: at most %(max)s characters (this is %(length)s).")
UNKNOWN_FUNCTION = _("Unknown function code '%(value)s'.")
UNKNOWN_MUNICIPALITY = _("Unknown municipality code '%(value)s'.")
CLIENT_KEY_INVALID = _(
    "The line's key must be 8 to 64 letters, digits, '-' or '_' (a UUID will do)."
)
CLIENT_KEY_USED = _(
    "This key was already used for entry #%(n)s with other text or by someone else; "
    "send a new line with a new key."
)
UNKNOWN_DECISION = _("This incident has no decision %(value)s.")
UNKNOWN_LOG_LINE = _("This logbook has no line #%(value)s.")
AREA_TOO_LARGE = _("An affected area has at most %(limit)s points; draw it with fewer.")
SCALE_DOWN_UNCONFIRMED = _(
    "This scales down, from %(before)s to %(after)s: tick 'Yes, scale down' to confirm."
)
MEETING_POINT_TOO_LONG = _(
    "Meeting point: at most %(max)s characters (this is %(length)s); put details in the logbook."
)
