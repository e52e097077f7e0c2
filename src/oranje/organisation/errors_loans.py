"""Error messages about loans of people across regions: field label, colon, what is wrong
and what to do (tests assert on these constants)."""

from django.utils.translation import gettext_lazy as _

LOAN_ENDS_BEFORE_START = _("Until: the loan ends before it starts.")
LOAN_TOO_LONG = _("Until: a loan lasts at most %(days)s days; lend again when it runs out.")
LOAN_OWN_REGION = _("Borrowing region: a region cannot lend to itself; choose another region.")
LOAN_NOT_OUR_PERSON = _(
    "Person: %(person)s does not belong to region %(region)s; only their own region can lend them."
)
LOAN_PERSON_INACTIVE = _("Person: %(person)s is no longer active.")
LOAN_OVERLAP = _(
    "From: %(person)s is already lent to %(region)s from %(start)s to %(end)s; end that loan "
    "first or choose another period."
)
LOAN_FUNCTIONS_REQUIRED = _("Functions: choose at least one function the person holds.")
LOAN_FUNCTION_NOT_HELD = _("Functions: %(person)s does not hold %(function)s.")
LOAN_REASON_REQUIRED = _("Reason: say why the person is lent (e.g. the incident).")
LOAN_ALREADY_OVER = _("This loan has already ended.")
LOAN_UNKNOWN_REGION = _("Borrowing region: unknown region code '%(value)s'.")
LOAN_SHIFT_NOT_COVERED = _(
    "Person: %(person)s belongs to another region and is not lent to %(region)s for "
    "%(function)s for the whole shift."
)
LOAN_UNKNOWN_PERSON = _("Person: no functionary with this id that you may see.")
