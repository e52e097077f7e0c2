"""People with reduced self-reliance: suppliers, their deliveries, and the incident's worklist.

- A supplier's delivery **replaces** its list: a row whose supplier's id (or, without one,
  whose name and address) is on the list already updates that resident, the others are new,
  and residents the delivery no longer holds are removed. Worklist cases keep the copy they
  were made from (their resident link becomes empty). Every bad row is reported by row and
  column, and then nothing is written.
- The worklist of an incident holds the residents of the region's lists who live in the
  incident's affected area (a bounding box in SQL, then the polygon in Python: `care.geo`).
  Making it again adds who is new in the area and keeps every case as it is.
- Every read of names (a list, the worklist, an export, the API) writes a VULNERABLE_READ
  audit entry: who read which supplier's or incident's list and how many rows, never names.
"""

from __future__ import annotations

import datetime as dt
import io
import secrets
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from oranje.care import geo, vulnerable_rows
from oranje.care.access import can_see_vulnerable
from oranje.care.constants import CARE_NEEDS, NAME_MAX, TEXT_MAX, CaseState, SupplierKind
from oranje.care.models import Case, CaseEntry, ListUpload, Resident, Shelter, Supplier
from oranje.core import tabular
from oranje.core.access import AnyUser
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import Region, User
from oranje.incidents.models import Incident
from oranje.registry import validation
from oranje.registry.listrows import RowProblem

#: The largest list accepted (50,000 residents as CSV is about 6 MB).
UPLOAD_MAX = 10 * 1024 * 1024
#: A delivery not mapped and imported within this time is dropped.
UPLOAD_TTL = dt.timedelta(hours=12)
#: Rows written per statement.
CHUNK = 1000

NO_AREA = gettext_lazy(
    "The incident has no affected area yet: draw it on the incident (a polygon) before the "
    "worklist can be made."
)
INCIDENT_CLOSED = gettext_lazy("The incident is closed: its worklist can no longer change.")


def _require(actor: AnyUser, region_id: int) -> User:
    if not isinstance(actor, User) or not can_see_vulnerable(actor, region_id):
        raise Http404
    return actor


def audit_read(
    *,
    actor: User,
    region: Region,
    rows: int,
    what: str,
    supplier: Supplier | None = None,
    incident: Incident | None = None,
) -> None:
    """Log a read of names: who, which supplier's list or incident's worklist, how many rows
    (`what` says which page, export or API call)."""
    audit_record(
        actor=actor,
        action=AuditAction.VULNERABLE_READ,
        obj=supplier or incident,
        region=region,
        changes={"read": what, "rows": rows},
    )


# ------------------------------------------------------------------ suppliers


@dataclass(frozen=True)
class SupplierData:
    name: str
    kind: str = SupplierKind.OTHER
    contact: str = ""
    phone: str = ""


def supplier_save(
    *, actor: AnyUser, region: Region, data: SupplierData, supplier: Supplier | None = None
) -> Supplier:
    """Create or change a supplier of the region; every problem in one ValidationError keyed
    by field."""
    user = _require(actor, region.pk)
    problems: dict[str, list[str]] = {}
    name = " ".join((data.name or "").split())
    if not name:
        problems["name"] = [_("name: give the name of the care organisation or municipality.")]
    elif len(name) > NAME_MAX:
        problems["name"] = [_("name: at most %(max)s characters.") % {"max": NAME_MAX}]
    if data.kind not in SupplierKind.values:
        problems["kind"] = [_("kind: unknown value.")]
    contact = " ".join((data.contact or "").split())
    if len(contact) > NAME_MAX:
        problems["contact"] = [_("contact: at most %(max)s characters.") % {"max": NAME_MAX}]
    phone = ""
    try:
        phone = validation.parse_phone(data.phone, field=_("phone"))
    except ValidationError as exc:
        problems["phone"] = exc.messages
    clash = Supplier.objects.filter(region=region, name__iexact=name)
    if supplier is not None:
        clash = clash.exclude(pk=supplier.pk)
    if name and clash.exists():
        problems["name"] = [_("name: the region already has a supplier of that name.")]
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        created = supplier is None
        if supplier is None:
            supplier = Supplier(region=region)
        supplier.name, supplier.kind, supplier.contact, supplier.phone = (
            name,
            data.kind,
            contact,
            phone,
        )
        try:
            with transaction.atomic():
                supplier.save()
        except IntegrityError:
            raise ValidationError(
                {"name": [_("name: the region already has a supplier of that name.")]}
            ) from None
        audit_record(
            actor=user,
            action=AuditAction.SUPPLIER_SAVE,
            obj=supplier,
            region=region,
            changes={"created": created, "kind": supplier.kind},
        )
    return supplier


def supplier_delete(*, actor: AnyUser, supplier: Supplier, with_supplier: bool) -> int:
    """Delete the supplier's list (and the supplier itself `with_supplier`). Worklist cases
    keep their copy. Returns how many residents went."""
    user = _require(actor, supplier.region_id)
    with transaction.atomic():
        Supplier.objects.select_for_update().filter(pk=supplier.pk).first()
        removed, _by_model = Resident.objects.filter(supplier=supplier).delete()
        audit_record(
            actor=user,
            action=AuditAction.SUPPLIER_DELETE,
            obj=supplier,
            region=supplier.region,
            changes={"rows": removed, "supplier_removed": with_supplier},
        )
        if with_supplier:
            supplier.delete()
        else:
            Supplier.objects.filter(pk=supplier.pk).update(delivered_at=None)
            supplier.delivered_at = None
    return removed


def suppliers_with_counts(region: Region) -> list[Supplier]:
    """The region's suppliers with `residents_count` and `placed_count` (with coordinates)."""
    return list(
        Supplier.objects.filter(region=region).annotate(
            residents_count=Count("residents"),
            placed_count=Count("residents", filter=Q(residents__latitude__isnull=False)),
        )
    )


# ------------------------------------------------------------------ deliveries


def stale_uploads_upkeep() -> int:
    """Drop the deliveries nobody mapped within UPLOAD_TTL (they hold the names and addresses
    of people with reduced self-reliance); the worker runs it hourly, every upload too."""
    deleted, _by_model = ListUpload.objects.filter(
        created_at__lt=timezone.now() - UPLOAD_TTL
    ).delete()
    return deleted


def upload_store(*, actor: AnyUser, supplier: Supplier, file_name: str, data: bytes) -> ListUpload:
    """Keep a delivered file for its mapping step. Raises ValidationError (Dutch) for a file
    that is too large, empty or no table."""
    user = _require(actor, supplier.region_id)
    if len(data) > UPLOAD_MAX:
        raise ValidationError(_("file: larger than 10 MB."))
    stale_uploads_upkeep()
    headers = tabular.read_header(data, file_name)
    return ListUpload.objects.create(
        token=secrets.token_urlsafe(32),
        supplier=supplier,
        user=user,
        file_name=(file_name or "lijst")[-255:],
        data=data,
        headers=[h[: vulnerable_rows.HEADER_MAX] for h in headers],
    )


def upload_for_user(user: AnyUser, supplier: Supplier, token: str) -> ListUpload:
    """The user's own upload for this supplier (404 for any other token)."""
    if not isinstance(user, User) or not token or len(token) > 64:
        raise Http404
    upload = ListUpload.objects.filter(
        token=token,
        supplier=supplier,
        user=user,
        created_at__gte=timezone.now() - UPLOAD_TTL,
    ).first()
    if upload is None:
        raise Http404
    return upload


@dataclass
class DeliveryResult:
    problems: list[RowProblem] = field(default_factory=list)
    rows: int = 0
    created: int = 0
    updated: int = 0
    removed: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


_RESIDENT_FIELDS = [
    "ref",
    "name",
    "street",
    "house_number",
    "house_addition",
    "postcode",
    "city",
    "latitude",
    "longitude",
    *CARE_NEEDS,
    "need_note",
    "organisation",
    "contact",
    "phone",
]


def list_deliver(
    *,
    actor: AnyUser,
    supplier: Supplier,
    file_name: str,
    data: bytes,
    mapping: dict[str, str],
    upload: ListUpload | None = None,
) -> DeliveryResult:
    """Replace the supplier's list with a delivery: every row or none. Returns the counts,
    or every problem with its row and column (and writes nothing then). Raises
    ValidationError for a file that is no table."""
    user = _require(actor, supplier.region_id)
    headers = tabular.read_header(data, file_name)
    columns, problems = vulnerable_rows.check_mapping(headers, mapping)
    if problems:
        return DeliveryResult(problems=problems)
    table = tabular.read_table(
        io.BytesIO(data),
        file_name,
        columns={name: (header.lower(),) for name, header in columns.items()},
        required=(),
    )
    parsed = vulnerable_rows.parse_rows(table, columns)
    if parsed.problems:
        return DeliveryResult(problems=parsed.problems, rows=len(table))
    result = DeliveryResult(rows=len(parsed.rows))
    now = timezone.now()
    with transaction.atomic():
        # One delivery per supplier at a time: two at once must not both add the list.
        Supplier.objects.select_for_update().filter(pk=supplier.pk).first()
        existing: dict[str, Resident] = {}
        every: list[int] = []
        for resident in Resident.objects.filter(supplier=supplier).order_by("pk"):
            key = f"ref:{resident.ref}" if resident.ref else _key_of(resident)
            existing.setdefault(key, resident)
            every.append(resident.pk)
        new: list[Resident] = []
        changed: list[Resident] = []
        kept: set[int] = set()
        for row in parsed.rows:
            found = existing.pop(row.key(), None)
            if found is None:
                new.append(Resident(supplier=supplier, **row.values))
                continue
            kept.add(found.pk)
            if any(getattr(found, name) != row.values[name] for name in _RESIDENT_FIELDS):
                for name in _RESIDENT_FIELDS:
                    setattr(found, name, row.values[name])
                changed.append(found)
        gone = [pk for pk in every if pk not in kept]
        for start in range(0, len(gone), CHUNK):
            Resident.objects.filter(pk__in=gone[start : start + CHUNK]).delete()
        Resident.objects.bulk_update(changed, _RESIDENT_FIELDS, batch_size=CHUNK)
        Resident.objects.bulk_create(new, batch_size=CHUNK)
        result.created, result.updated, result.removed = len(new), len(changed), len(gone)
        Supplier.objects.filter(pk=supplier.pk).update(mapping=columns, delivered_at=now)
        supplier.mapping, supplier.delivered_at = columns, now
        if upload is not None:
            ListUpload.objects.filter(pk=upload.pk).delete()
        audit_record(
            actor=user,
            action=AuditAction.VULNERABLE_IMPORT,
            obj=supplier,
            region=supplier.region,
            changes={
                "rows": result.rows,
                "created": result.created,
                "updated": result.updated,
                "removed": result.removed,
            },
        )
    return result


def _key_of(resident: Resident) -> str:
    return vulnerable_rows.resident_key(
        {
            "name": resident.name,
            "postcode": resident.postcode,
            "house_number": resident.house_number,
            "house_addition": resident.house_addition,
        }
    )


# ------------------------------------------------------------------ the affected area


def incident_polygon(incident: Incident) -> geo.Polygon:
    """The incident's affected area, or ValidationError (NO_AREA) when it has none."""
    points = geo.ring(incident.area)
    if not points:
        raise ValidationError(str(NO_AREA), code="no_area")
    return geo.Polygon(points)


def residents_in_area(region_id: int, polygon: geo.Polygon) -> list[int]:
    """The ids of the region's residents who live inside the polygon: the bounding box in SQL
    (index care_resident_position), the polygon in Python."""
    box = polygon.box
    suppliers = list(Supplier.objects.filter(region_id=region_id).values_list("pk", flat=True))
    candidates = Resident.objects.filter(
        supplier_id__in=suppliers,
        latitude__gte=box.south,
        latitude__lte=box.north,
        longitude__gte=box.west,
        longitude__lte=box.east,
    ).values_list("pk", "latitude", "longitude")
    # The bounding box filter leaves only residents with both coordinates.
    return polygon.select(candidates)  # type: ignore[arg-type]


# ------------------------------------------------------------------ the worklist


def address_of(resident: Resident) -> str:
    number = f"{resident.house_number or ''}{resident.house_addition}".strip()
    street = " ".join(p for p in (resident.street, number) if p)
    place = " ".join(p for p in (resident.postcode, resident.city) if p)
    return ", ".join(p for p in (street, place) if p)


def needs_text(resident: Resident) -> str:
    labels = [str(label) for name, label in CARE_NEEDS.items() if getattr(resident, name)]
    note = resident.need_note.strip()
    if note and note.lower() not in {label.lower() for label in labels}:
        labels.append(note)
    return "; ".join(labels)[:TEXT_MAX]


@dataclass(frozen=True)
class RefreshResult:
    added: int
    total: int


def worklist_refresh(*, incident: Incident, actor: AnyUser) -> RefreshResult:
    """Put every resident of the area who has no case yet on the incident's worklist; cases
    already there stay as they are. Raises ValidationError without an affected area."""
    user = _require(actor, incident.region_id)
    if not incident.is_open:
        raise ValidationError(str(INCIDENT_CLOSED), code="closed")
    polygon = incident_polygon(incident)
    with transaction.atomic():
        # Two coordinators pressing the button at once add each resident once.
        Incident.objects.select_for_update().filter(pk=incident.pk).first()
        inside = residents_in_area(incident.region_id, polygon)
        known = set(
            Case.objects.filter(incident=incident, resident__isnull=False).values_list(
                "resident_id", flat=True
            )
        )
        wanted = [pk for pk in inside if pk not in known]
        now = timezone.now()
        cases = []
        for start in range(0, len(wanted), CHUNK):
            for resident in Resident.objects.filter(pk__in=wanted[start : start + CHUNK]):
                cases.append(
                    Case(
                        incident=incident,
                        resident=resident,
                        name=resident.name,
                        address=address_of(resident)[:NAME_MAX],
                        needs=needs_text(resident),
                        phone=resident.phone,
                        updated_at=now,
                    )
                )
        Case.objects.bulk_create(cases, batch_size=CHUNK)
        total = Case.objects.filter(incident=incident).count()
        audit_record(
            actor=user,
            action=AuditAction.CASE_UPDATE,
            obj=incident,
            region=incident.region,
            changes={"worklist_added": len(cases), "worklist_total": total},
        )
    return RefreshResult(added=len(cases), total=total)


def case_update(
    *,
    case: Case,
    actor: AnyUser,
    state: str,
    shelter: Shelter | None = None,
    note: str = "",
) -> CaseEntry:
    """A new step on a worklist case: its state (with the shelter for "evacuated"), who and
    when, and what was found. Every problem in one ValidationError keyed by field."""
    user = _require(actor, case.incident.region_id)
    problems: dict[str, list[str]] = {}
    if not case.incident.is_open:
        problems["state"] = [str(INCIDENT_CLOSED)]
    if state not in CaseState.values:
        problems["state"] = [_("state: unknown value.")]
    if state == CaseState.EVACUATED:
        if shelter is None:
            problems["shelter"] = [_("shelter: say to which shelter the resident went.")]
        elif shelter.incident_id != case.incident_id:
            problems["shelter"] = [_("shelter: not a shelter of this incident.")]
    elif shelter is not None:
        problems["shelter"] = [_("shelter: only for a resident evacuated to a shelter.")]
    note = (note or "").strip()
    if len(note) > TEXT_MAX:
        problems["note"] = [_("note: at most %(max)s characters.") % {"max": TEXT_MAX}]
    if problems:
        raise ValidationError(problems)
    now = timezone.now()
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        before = locked.state
        locked.state, locked.shelter = state, shelter
        locked.updated_at, locked.updated_by = now, user
        locked.save(update_fields=["state", "shelter", "updated_at", "updated_by"])
        entry = CaseEntry.objects.create(
            case=locked,
            state=state,
            shelter=shelter,
            note=note,
            at=now,
            by=user,
            by_name=user.get_full_name() or user.get_username(),
        )
        audit_record(
            actor=user,
            action=AuditAction.CASE_UPDATE,
            obj=locked,
            region=case.incident.region,
            changes={"state": [before, state], "shelter": shelter.pk if shelter else None},
        )
    case.state, case.shelter, case.updated_at, case.updated_by = state, shelter, now, user
    return entry


def case_counts(incident: Incident) -> dict[str, int]:
    """How many of the incident's cases are in each state (every state present)."""
    counts = dict.fromkeys(CaseState.values, 0)
    for state, n in (
        Case.objects.filter(incident=incident)
        .values_list("state")
        .annotate(n=Count("pk"))
        .values_list("state", "n")
    ):
        counts[state] = n
    return counts
