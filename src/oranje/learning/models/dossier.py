"""The living dossier: good questions, good practices and good proposals per theme, each with
its context (a region, an incident or a work session), its status (proposal → tried →
practice), its versions as regions refine it, comments from other regions, and the evaluations
and findings it came from. Shared nationally: every member of every region reads every entry.
`search_text` is what full-text search indexes (title, text and comments); on PostgreSQL with
the Dutch configuration, on SQLite through an FTS5 table (the dossier's migrations)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oranje.core.models import Region
from oranje.incidents.models import Incident
from oranje.learning.constants import (
    ADDRESS_MAX,
    NAME_MAX,
    NOTE_MAX,
    TEXT_MAX,
    TITLE_MAX,
    EntryKind,
    EntryStatus,
    Theme,
)
from oranje.learning.models.evaluations import Evaluation, Finding

_USER = settings.AUTH_USER_MODEL


class WorkSession(models.Model):
    """A (inter)regional work session whose entries make its impression report."""

    title = models.CharField(_("title"), max_length=TITLE_MAX)
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=ADDRESS_MAX, blank=True)
    host_region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("host region"),
    )
    regions = models.ManyToManyField(
        Region, blank=True, related_name="+", verbose_name=_("regions taking part")
    )
    description = models.TextField(_("description"), max_length=TEXT_MAX, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["-held_on", "pk"]
        verbose_name = _("work session")
        verbose_name_plural = _("work sessions")

    def __str__(self) -> str:
        return self.title


class Entry(models.Model):
    """One dossier entry as it stands now; `version` counts its versions (`EntryVersion`)."""

    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices)
    kind = models.CharField(_("kind"), max_length=10, choices=EntryKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=EntryStatus.choices, default=EntryStatus.PROPOSAL
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    text = models.TextField(_("text"), max_length=TEXT_MAX)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
    )
    incident = models.ForeignKey(
        Incident,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("incident"),
    )
    work_session = models.ForeignKey(
        WorkSession,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="entries",
        verbose_name=_("work session"),
    )
    evaluations = models.ManyToManyField(
        Evaluation, blank=True, related_name="dossier_entries", verbose_name=_("evaluations")
    )
    findings = models.ManyToManyField(
        Finding, blank=True, related_name="dossier_entries", verbose_name=_("findings")
    )
    version = models.PositiveIntegerField(default=1)
    search_text = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(_("changed"), default=timezone.now)

    class Meta:
        ordering = ["-updated_at", "pk"]
        verbose_name = _("dossier entry")
        verbose_name_plural = _("dossier entries")
        indexes = [
            models.Index(fields=["theme", "kind"], name="entry_theme_kind"),
            models.Index(fields=["region"], name="entry_region"),
        ]

    def __str__(self) -> str:
        return self.title


class EntryVersion(models.Model):
    """An entry as it was at one version, with who refined it from which region and, where
    it was refined at one, the work session (whose page and report then show the entry)."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=TITLE_MAX)
    text = models.TextField(max_length=TEXT_MAX)
    status = models.CharField(max_length=10, choices=EntryStatus.choices)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.CharField(_("what changed"), max_length=NOTE_MAX, blank=True)
    work_session = models.ForeignKey(
        WorkSession,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="entry_versions",
        verbose_name=_("work session"),
    )
    changed_at = models.DateTimeField(default=timezone.now)
    changed_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")
    changed_by_name = models.CharField(max_length=NAME_MAX, blank=True)

    class Meta:
        ordering = ["entry", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "number"], name="entry_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.entry_id} v{self.number}"


class EntryComment(models.Model):
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="comments")
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    text = models.TextField(_("comment"), max_length=NOTE_MAX)
    author = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")
    author_name = models.CharField(max_length=NAME_MAX)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["entry", "created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return self.text[:60]
