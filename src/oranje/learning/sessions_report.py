"""The impression report of a work session as an A4 PDF (fpdf2): a title page with the
session's title, date, place, host and the regions taking part; then per theme the good
questions, good practices and good proposals, each with its status and region (and, for an
entry refined at the session, its versions made there and what changed). The built-in
fonts speak Windows-1252 (`core.pdf`)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from oranje.core.pdf import Document, safe
from oranje.learning.models import EntryVersion, WorkSession
from oranje.learning.selectors_sessions import grouped, session_entries


def revision_line(version: EntryVersion) -> str:
    """The line under an entry refined at the session: which version, which region, what
    changed."""
    return _("Revised in this work session: version %(n)s, %(region)s - %(note)s") % {
        "n": version.number,
        "region": version.region.name if version.region else _("national"),
        "note": version.note or _("no note on what changed"),
    }


def impression_report(session: WorkSession) -> bytes:
    doc = Document(_("Impression report - %(title)s") % {"title": session.title})
    doc.alias_nb_pages()
    doc.add_page()
    doc.set_font("helvetica", "", 11)
    doc.set_text_color(90, 90, 90)
    doc.cell(0, 8, safe(_("Impression report of a work session")), new_x="LMARGIN", new_y="NEXT")
    doc.set_text_color(0, 0, 0)
    doc.ln(4)
    doc.set_font("helvetica", "B", 22)
    doc.multi_cell(0, 10, safe(session.title), new_x="LMARGIN", new_y="NEXT", align="L")
    doc.ln(4)
    regions = sorted(session.regions.all(), key=lambda r: r.code)
    facts = [
        (_("Date"), date_format(session.held_on, "j F Y")),
        (_("Place"), session.place or "—"),
        (_("Host region"), session.host_region.name if session.host_region else _("national")),
        (_("Regions taking part"), ", ".join(r.name for r in regions) or "—"),
    ]
    for label, value in facts:
        doc.set_font("helvetica", "B", 10)
        doc.cell(45, 6, safe(label))
        doc.set_font("helvetica", "", 10)
        doc.multi_cell(0, 6, safe(value), new_x="LMARGIN", new_y="NEXT", align="L")
    if session.description:
        doc.ln(3)
        doc.para(session.description)
    entries = session_entries(session)
    doc.ln(3)
    doc.para(
        _("Made by Oranje on %(day)s from the %(n)s dossier entries of this work session.")
        % {"day": date_format(timezone.localdate(), "j F Y"), "n": len(entries)},
        9,
        "I",
    )
    groups = grouped(entries)
    if not groups:
        doc.heading(_("No entries yet"))
        doc.para(_("This work session has no good questions, practices or proposals yet."))
    for theme in groups:
        doc.heading(theme.label.capitalize(), 15)
        for kind in theme.kinds:
            doc.heading(kind.label.capitalize() + f" ({len(kind.entries)})", 12, keep=20)
            for entry in kind.entries:
                doc.para(entry.title, 10.5, "B")
                status = entry.get_status_display()
                region = entry.region.name if entry.region else _("national")
                doc.set_text_color(90, 90, 90)
                doc.para(
                    _("Status: %(status)s - region: %(region)s")
                    % {"status": status, "region": region},
                    8.5,
                )
                for version in getattr(entry, "revisions", []):
                    doc.para(revision_line(version), 8.5, "I")
                doc.set_text_color(0, 0, 0)
                doc.para(entry.text, 9.5)
                doc.ln(2)
    return bytes(doc.output())
