"""Photos of a damage report: checked by their content, re-encoded without metadata.

An upload counts as a photo only when Pillow reads it as JPEG, PNG or WebP — the name and the
browser's content type are ignored. It is decoded (refusing decompression bombs: a small file
that unpacks to an enormous image), turned upright by its EXIF orientation, scaled down to
`PHOTO_MAX_SIDE` and encoded anew. Nothing of the original's metadata survives: no GPS
position, no camera, no time, no embedded thumbnail.

A request does only the cheap part (`photo_prepare`: size, and Pillow's read of the header
for the format and the number of pixels) and stores the upload as sent under
`damage/incoming/` with the photo `pending`; the worker decodes and re-encodes it
(`photo_clean`, run by `damage.photo_worker`), after which the original is removed. Until
then the photo is not shown to anyone; the original is never served.
"""

from __future__ import annotations

import io
import uuid
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, ImageOps

from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import User
from oranje.damage import photo_tasks
from oranje.damage.access import can_handle
from oranje.damage.constants import PHOTO_MAX_BYTES, PHOTO_MAX_SIDE, PHOTOS_MAX, PhotoStatus
from oranje.damage.models import DamagePhoto, DamageReport
from oranje.incidents.services.guards import require_open

#: An image of more pixels than this is refused before it is decoded: Pillow's own limit for
#: a decompression bomb (about 89 megapixels, more than a phone's camera takes by default; a
#: crafted 1 kB PNG of 50,000 × 50,000 pixels is far above it).
#: Where uploads wait, as sent, for the worker (never served).
INCOMING = "damage/incoming/"
PIXELS_MAX = int(Image.MAX_IMAGE_PIXELS or 89_478_485)
#: Pillow's format name → (content type, extension, how it is encoded again).
FORMATS: dict[str, tuple[str, str]] = {
    "JPEG": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
    "WEBP": ("image/webp", "webp"),
}

TOO_LARGE = gettext_lazy("photo: at most %(max)s MB per photo (this one is %(size)s MB).")
NOT_AN_IMAGE = gettext_lazy(
    "photo: '%(name)s' is not a photo that can be read (send a JPEG, PNG or WebP image)."
)
WRONG_TYPE = gettext_lazy(
    "photo: '%(name)s' is a %(format)s image; send a JPEG, PNG or WebP photo."
)
TOO_MANY_PIXELS = gettext_lazy("photo: '%(name)s' has too many pixels; send a smaller photo.")
TOO_MANY = gettext_lazy("photo: at most %(max)s photos per report.")
EMPTY = gettext_lazy("photo: '%(name)s' is empty.")


class Upload(Protocol):
    """What an uploaded file offers (Django's UploadedFile, or a File in tests)."""

    name: str | None
    size: int | None

    def seek(self, offset: int, whence: int = 0) -> int: ...
    def read(self, size: int = -1) -> bytes: ...


@dataclass(frozen=True)
class PreparedPhoto:
    """A photo decoded and encoded anew, ready to be stored."""

    data: bytes
    content_type: str
    extension: str
    width: int
    height: int


def _name(upload: Upload) -> str:
    return (upload.name or "foto").rsplit("/", 1)[-1][:60]


def _size_mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",")


def _open(upload: Upload, data: bytes | None = None) -> Image.Image:
    """The upload (or its bytes, `data`) opened lazily (header only), or ValidationError."""
    name = _name(upload)
    upload.seek(0)
    source = io.BytesIO(data) if data is not None else upload
    try:
        with warnings.catch_warnings():
            # Pillow warns between its limit and twice it (and refuses above): both are
            # refused here, by the check on the size below.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(source)  # type: ignore[arg-type]
    except Image.DecompressionBombError:
        raise ValidationError(str(TOO_MANY_PIXELS % {"name": name}), code="photo_bomb") from None
    except (OSError, SyntaxError, ValueError):
        raise ValidationError(str(NOT_AN_IMAGE % {"name": name}), code="photo_type") from None
    if image.format not in FORMATS:
        kind = image.format or "?"
        image.close()
        raise ValidationError(str(WRONG_TYPE % {"name": name, "format": kind}), code="photo_type")
    width, height = image.size
    if width * height > PIXELS_MAX or width <= 0 or height <= 0:
        image.close()
        raise ValidationError(str(TOO_MANY_PIXELS % {"name": name}), code="photo_bomb")
    return image


def photo_prepare(upload: Upload) -> PreparedPhoto:
    """Check one upload cheaply — its size, and by Pillow's read of its header that it is a
    JPEG/PNG/WebP image of a sane number of pixels — and keep its bytes as sent; the worker
    re-encodes it (`damage.photo_worker`). ValidationError (naming the photo) when it is too
    large, empty, not such an image, or a decompression bomb. Touches no database."""
    name = _name(upload)
    size = upload.size or 0
    if size > PHOTO_MAX_BYTES:
        raise ValidationError(
            str(TOO_LARGE % {"max": PHOTO_MAX_BYTES // 1024 // 1024, "size": _size_mb(size)}),
            code="photo_size",
        )
    if size == 0:
        raise ValidationError(str(EMPTY % {"name": name}), code="photo_empty")
    upload.seek(0)
    data = upload.read(PHOTO_MAX_BYTES + 1)
    if len(data) > PHOTO_MAX_BYTES or not data:
        raise ValidationError(str(NOT_AN_IMAGE % {"name": name}), code="photo_type")
    image = _open(upload, data)
    format_name = image.format or ""
    width, height = image.size
    image.close()
    content_type, extension = FORMATS[format_name]
    return PreparedPhoto(
        data=data, content_type=content_type, extension=extension, width=width, height=height
    )


def photo_clean(data: bytes, format_name: str) -> PreparedPhoto:
    """Decode a photo, turn it upright by its EXIF orientation, scale it down to
    `PHOTO_MAX_SIDE` and encode it anew with nothing of the original's metadata (no GPS, no
    camera, no time, no thumbnail). ValueError with the reason when it cannot be decoded.
    CPU work for the worker, never for a request."""
    try:
        image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError:
        raise ValueError("te veel pixels") from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise ValueError(f"niet te lezen: {exc}"[:200]) from None
    format_name = image.format or format_name
    if format_name not in FORMATS:
        image.close()
        raise ValueError(f"geen JPEG, PNG of WebP maar {format_name or '?'}")
    content_type, extension = FORMATS[format_name]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            if format_name == "JPEG":
                # A camera's photo is decoded at a half, quarter or eighth of its size where
                # that still leaves at least half of PHOTO_MAX_SIDE: a 12-megapixel photo is
                # read as 2000 × 1500 at a quarter of the work.
                image.draft("RGB", (PHOTO_MAX_SIDE // 2, PHOTO_MAX_SIDE // 2))
            image.load()
            upright = ImageOps.exif_transpose(image)
            if format_name == "JPEG" and upright.mode not in ("RGB", "L"):
                upright = upright.convert("RGB")
            elif format_name != "JPEG" and upright.mode not in ("RGB", "RGBA", "L", "LA"):
                upright = upright.convert("RGBA")
            upright.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE), Image.Resampling.LANCZOS)
            # A fresh image: only pixels are carried over — no EXIF, XMP, ICC or comments.
            clean = Image.new(upright.mode, upright.size)
            clean.paste(upright)
            buffer = io.BytesIO()
            if format_name == "JPEG":
                clean.save(buffer, "JPEG", quality=85)
            elif format_name == "PNG":
                clean.save(buffer, "PNG")
            else:
                clean.save(buffer, "WEBP", quality=85)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValueError("te veel pixels") from None
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ValueError(f"niet te lezen: {exc}"[:200]) from None
    finally:
        image.close()
    return PreparedPhoto(
        data=buffer.getvalue(),
        content_type=content_type,
        extension=extension,
        width=clean.width,
        height=clean.height,
    )


def photos_prepare(uploads: Iterable[Upload], *, already: int = 0) -> list[PreparedPhoto]:
    """Several uploads at once; one ValidationError holding every photo's problem."""
    uploads = list(uploads)
    if already + len(uploads) > PHOTOS_MAX:
        raise ValidationError(str(TOO_MANY % {"max": PHOTOS_MAX}), code="photo_count")
    prepared: list[PreparedPhoto] = []
    problems: list[ValidationError] = []
    for upload in uploads:
        try:
            prepared.append(photo_prepare(upload))
        except ValidationError as exc:
            problems.append(exc)
    if problems:
        raise ValidationError(problems)
    return prepared


def photo_store(*, report: DamageReport, prepared: PreparedPhoto) -> DamagePhoto:
    """Write an upload as sent under `damage/incoming/` and its row `pending`, inside the
    caller's transaction; the worker is asked for it when that commits. The caller removes
    the file again (`files_delete`) when the transaction fails."""
    storage = DamagePhoto._meta.get_field("file").storage
    name = storage.save(f"{INCOMING}{uuid.uuid4().hex}", ContentFile(prepared.data))
    photo = DamagePhoto(
        report=report,
        original=name,
        status=PhotoStatus.PENDING,
        content_type=prepared.content_type,
        size=len(prepared.data),
        width=prepared.width,
        height=prepared.height,
    )
    photo.save()
    transaction.on_commit(lambda: photo_tasks.enqueue_photos([photo.pk]))
    return photo


def files_delete(photos: Iterable[DamagePhoto]) -> None:
    """Remove the stored files (original and clean) of photos whose transaction rolled back."""
    for photo in photos:
        if photo.original:
            photo.file.storage.delete(photo.original)
        if photo.file.name:
            photo.file.storage.delete(photo.file.name)


def photo_add(
    *, report: DamageReport, uploaded_file: Upload, actor: User | None = None
) -> DamagePhoto:
    """Add one photo to an existing report (staff: those who handle the incident's reports).
    ValidationError naming the photo; the report's incident must be open."""
    if actor is not None and not can_handle(actor, report.incident):
        raise PermissionDenied
    require_open(report.incident)
    prepared = photo_prepare(uploaded_file)
    written: list[DamagePhoto] = []
    try:
        with transaction.atomic():
            locked = DamageReport.objects.select_for_update().get(pk=report.pk)
            if DamagePhoto.objects.filter(report=locked).count() >= PHOTOS_MAX:
                raise ValidationError(str(TOO_MANY % {"max": PHOTOS_MAX}), code="photo_count")
            written.append(photo_store(report=locked, prepared=prepared))
            audit_record(
                actor=actor,
                action=AuditAction.DAMAGE_REPORT_UPDATE,
                obj=locked,
                region=report.incident.region,
                changes={"photo": [None, written[0].pk]},
                note=_("photo added"),
            )
    except BaseException:
        files_delete(written)
        raise
    return written[0]
