"""Error messages of the organisation room, as named constants that tests assert on."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

END_BEFORE_START = _("The end must be after the start.")
SHIFT_TOO_LONG = _("A shift can last at most %(days)s days.")
FUNCTION_NOT_IN_POOL = _("Function %(function)s is not on this pool's rota.")
NOT_POOL_MEMBER = _("%(person)s is not a member of pool %(pool)s.")
PERSON_LACKS_FUNCTION = _("%(person)s does not hold function %(function)s.")
PERSON_INACTIVE = _("%(person)s is no longer active.")
OVERLAPPING_SHIFT = _("%(person)s is already on call from %(start)s to %(end)s (%(function)s).")
UNAVAILABLE = _("%(person)s is unavailable from %(start)s to %(end)s (%(reason)s).")
NOT_QUALIFIED = _(
    "%(person)s is not qualified for %(function)s on %(date)s. A coordinator can override "
    "this with a reason."
)
SHIFT_ENDED = _("This shift has already ended.")
HANDOVER_MOMENT_OUTSIDE_SHIFT = _("The handover moment must lie within the shift.")
HANDOVER_TO_SELF = _("A shift cannot be handed over to the person who holds it.")
MUNICIPAL_POOL_NEEDS_ONE = _("A municipal pool serves exactly one municipality.")
INTERMUNICIPAL_POOL_NEEDS_TWO = _("An intermunicipal pool serves at least two municipalities.")
REGIONAL_POOL_NO_MUNICIPALITIES = _("A regional pool serves the whole region; choose none.")
OUTSIDE_REGION = _("%(name)s does not belong to region %(region)s.")
MUNICIPALITY_IN_OTHER_DISTRICT = _("%(municipality)s is already in district %(district)s.")
EMAIL_TAKEN = _("Another functionary already has e-mail address %(email)s.")
FUNCTIONS_REQUIRED = _("Choose at least one function.")
PATTERN_NEEDS_PEOPLE = _("Choose at least one person for the rotation.")
PATTERN_PERIOD = _("The last day must be on or after the first day, at most two years later.")

IMPORT_UNKNOWN_PERSON = _("No functionary with e-mail address '%(value)s' in this region.")
IMPORT_UNKNOWN_FUNCTION = _("Unknown function code '%(value)s'.")
UNKNOWN_FUNCTION = IMPORT_UNKNOWN_FUNCTION
IMPORT_UNKNOWN_POOL = _("No pool named '%(value)s' in this region.")
IMPORT_BAD_KIND = _("'%(value)s' is not an on-call kind (use hard or soft / hard or zacht).")
IMPORT_OVERLAP_IN_FILE = _("Overlaps with row %(line)s of this file for the same person.")
UNKNOWN_MUNICIPALITY = _("Unknown municipality code '%(value)s'.")
REGION_REQUIRED = _("Give the region code, for example VR12.")
FILE_REQUIRED = _("Choose a file.")

CIVIL_NOT_HARD = _(
    "On-call kind: %(person)s is a civil servant without a path and cannot be put on hard "
    "on-call; choose soft on-call, or first make them a key-function holder."
)
KIND_REASON_REQUIRED = _("Reason: say why the person moves (at most 255 characters).")
KIND_UNCHANGED = _("Kind: %(person)s already is a %(kind)s.")
KIND_HARD_SHIFTS_AHEAD = ngettext_lazy(
    "Kind: %(person)s is still on hard on-call from %(start)s (%(count)s shift); hand "
    "that shift over or remove it first.",
    "Kind: %(person)s is still on hard on-call from %(start)s (%(count)s shifts); hand "
    "those shifts over or remove them first.",
    "count",
)
KIND_CHANGE_ELSEWHERE = _(
    'Kind: change the kind with the action "Move" on the person\'s page, with a reason.'
)
KIND_UNKNOWN = _("Kind: '%(value)s' is not a kind of person (use key or civil).")
IMPORT_BAD_PERSON_KIND = _(
    "'%(value)s' is not a kind of person (use sleutelfunctionaris or ambtenaar, or leave it empty)."
)
IMPORT_NOT_YOURS = _(
    "You may not add people here: a municipal coordinator adds people of their own "
    "municipality only."
)
