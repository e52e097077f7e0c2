"""Error messages of the alerting room, as named constants that tests assert on."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

LINK_INVALID = _("This link is not valid. Use the link from the message exactly as it is.")
LINK_EXPIRED = _("This link has expired. Answer in Oranje under 'My alerts', or call in.")
LINK_USED = _("This link was already used at %(time)s.")
ETA_REQUIRED = _("Say in how many minutes you can be there (0 to 600).")
NOT_ACCEPTED = _("Only someone who accepted can report arrival.")
NOBODY_HOLDS = _("Nobody in this region holds the function %(function)s; no one can be alerted.")
NOBODY_ON_CALL = _(
    "Nobody is on hard on-call for %(function)s in %(place)s: escalated at once to %(step)s."
)
NOBODY_AT_ALL = _(
    "Nobody can be alerted for %(function)s in %(place)s: no hard or soft on-call and no pool "
    "coordinator. Arrange this by phone."
)
RULE_NEEDS_TRIGGER = _("A rule is for a GRIP level or for a team, not both and not neither.")
PEOPLE_NEEDED_RANGE = _("Between 1 and 1,000 people.")
ESCALATION_RANGE = _("The escalation delay lies between 1 and 120 minutes.")
#: Singular or plural by "count" (ngettext): "1 van de gealarmeerden heeft", "2 ... hebben".
COMMITTED_ELSEWHERE = ngettext_lazy(
    "%(function)s: %(count)s person alerted already said they are coming to another "
    "open incident; see the alert board.",
    "%(function)s: %(count)s people alerted already said they are coming to another "
    "open incident; see the alert board.",
    "count",
)
UNKNOWN_FUNCTION = _("Unknown function code '%(value)s'.")
