"""Every write of the registry. Import from here: `from oranje.registry import services`."""

from oranje.registry.services.exchange import pfif_export
from oranje.registry.services.exchange_import import pfif_import
from oranje.registry.services.imports import list_import, sender_create, upload_store
from oranje.registry.services.informing import (
    consent_record,
    inquiry_call,
    inquiry_close,
    police_asked,
    police_confirmed,
)
from oranje.registry.services.inquiries import (
    candidate_confirm,
    candidate_reject,
    inquiry_create,
    inquiry_take,
    rematch_for_person,
    rematch_inquiry,
)
from oranje.registry.services.merges import duplicate_dismiss, merge_undo, person_merge
from oranje.registry.services.persons import (
    PersonData,
    StatusData,
    person_change,
    person_register,
    person_status_change,
)
from oranje.registry.services.readlog import read_logged

#: The persons part's name for recording consent (one service: informing.consent_record).
person_consent = consent_record

__all__ = [
    "PersonData",
    "StatusData",
    "candidate_confirm",
    "candidate_reject",
    "consent_record",
    "duplicate_dismiss",
    "inquiry_call",
    "inquiry_close",
    "inquiry_create",
    "inquiry_take",
    "list_import",
    "merge_undo",
    "person_change",
    "person_consent",
    "person_merge",
    "person_register",
    "person_status_change",
    "pfif_export",
    "pfif_import",
    "police_asked",
    "police_confirmed",
    "read_logged",
    "rematch_for_person",
    "rematch_inquiry",
    "sender_create",
    "upload_store",
]
