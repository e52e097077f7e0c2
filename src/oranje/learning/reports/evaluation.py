"""The evaluation report: what the print page and the PDF show, in the same order — a title
page (the region, the evaluation, what it evaluated, OEFENING for an exercise), how it was
evaluated and with whom, the findings per process with the evidence each rests on and the
pattern it belongs to ("seen in 4 incidents in 3 regions" / "seen once"), and the
improvement actions with owner, deadline and status.

The PDF is A4 with fpdf2's built-in fonts, like the quality room's board report (whose
`safe` keeps every Dutch letter in Windows-1252)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from fpdf.fonts import FontFace

from oranje.core.pdf import LEFT, ORANGE, RIGHT, Document, day_text, safe
from oranje.learning import selectors_evaluations, selectors_patterns
from oranje.learning.constants import EvaluationMethod, Process
from oranje.learning.models import Evaluation, Finding, Participant
from oranje.quality.models import ImprovementAction
from oranje.quality.selectors_actions import is_overdue


@dataclass
class EvidenceLine:
    kind: str
    summary: str
    note: str


@dataclass
class FindingBlock:
    finding: Finding
    kind: str
    norm: str
    evidence: list[EvidenceLine]
    pattern: str
    pattern_id: int | None
    seen_once: bool


@dataclass
class ActionLine:
    action: ImprovementAction
    process: str
    status: str
    overdue: bool


@dataclass
class ReportContent:
    evaluation: Evaluation
    occasion: str
    occasion_day: dt.date | None
    is_exercise: bool
    methods: list[str]
    participants: list[Participant]
    chapters: list[tuple[str, list[FindingBlock]]]
    actions: list[ActionLine]
    made_at: dt.datetime = field(default_factory=timezone.now)

    @property
    def marking(self) -> str:
        return "OEFENING" if self.is_exercise else ""


def _pattern_text(finding: Finding) -> tuple[str, bool]:
    pattern = finding.pattern
    if pattern is None:
        return _("Not grouped yet (the patterns are grouped every hour)"), False
    return selectors_patterns.reach_text(pattern), selectors_patterns.seen_once(pattern)


def report_content(evaluation: Evaluation) -> ReportContent:
    """Everything the report shows, read once."""
    full = selectors_evaluations.evaluation_detail(evaluation)
    incident, exercise = full.incident, full.exercise
    if incident is not None:
        occasion, when, is_exercise = incident.title, incident.started_at, incident.is_exercise
    else:
        assert exercise is not None
        occasion, when, is_exercise = exercise.title, exercise.starts_at, True
    findings = list(full.findings.all())
    chapters: list[tuple[str, list[FindingBlock]]] = []
    for value, label in Process.choices:
        blocks = []
        for f in (f for f in findings if f.process == value):
            text, once = _pattern_text(f)
            blocks.append(
                FindingBlock(
                    finding=f,
                    kind=str(f.get_kind_display()),
                    norm=f"{f.norm.code} {f.norm.title}" if f.norm else "",
                    evidence=[
                        EvidenceLine(str(e.get_kind_display()), e.summary, e.note)
                        for e in f.evidence.all()
                    ],
                    pattern=text,
                    pattern_id=f.pattern_id,
                    seen_once=once,
                )
            )
        if blocks:
            chapters.append((str(label), blocks))
    actions: dict[int, ActionLine] = {}
    today = timezone.localdate()
    for f in findings:
        for action in f.actions.all():
            actions.setdefault(
                action.pk,
                ActionLine(
                    action=action,
                    process=str(f.get_process_display()),
                    status=str(action.get_status_display()),
                    overdue=is_overdue(action, today),
                ),
            )
    return ReportContent(
        evaluation=full,
        occasion=occasion,
        occasion_day=timezone.localtime(when).date() if when else None,
        is_exercise=is_exercise,
        methods=[
            str(EvaluationMethod(m).label) for m in full.methods if m in EvaluationMethod.values
        ],
        participants=list(full.participants.all()),
        chapters=chapters,
        actions=sorted(actions.values(), key=lambda a: (a.action.deadline, a.action.pk)),
    )


class _Doc(Document):
    def grid(self, headings: list[str], rows: list[list[str]], widths: tuple[float, ...]) -> None:
        self.set_font("helvetica", "", 8.5)
        with self.table(
            col_widths=widths,
            line_height=4.5,
            repeat_headings=1,
            borders_layout="HORIZONTAL_LINES",
            headings_style=FontFace(emphasis="BOLD", fill_color=(238, 238, 238)),
            padding=1,
            text_align="LEFT",  # justified text leaves wide gaps in narrow cells
        ) as table:
            head = table.row()
            for text in headings:
                head.cell(safe(text))
            for values in rows:
                row = table.row()
                for value in values:
                    row.cell(safe(value))
        self.ln(2)


def _title_page(doc: _Doc, content: ReportContent) -> None:
    evaluation = content.evaluation
    doc.add_page()
    doc.set_y(60)
    doc.set_font("helvetica", "B", 11)
    doc.set_text_color(*ORANGE)
    doc.multi_cell(
        0,
        6,
        safe(_("Safety region %(name)s - evaluation report") % {"name": evaluation.region.name}),
        new_x="LMARGIN",
        new_y="NEXT",
        align="L",
    )
    doc.set_text_color(0, 0, 0)
    doc.ln(4)
    doc.set_font("helvetica", "B", 24)
    doc.multi_cell(0, 11, safe(evaluation.title), new_x="LMARGIN", new_y="NEXT", align="L")
    doc.set_draw_color(*ORANGE)
    doc.set_line_width(0.8)
    doc.line(LEFT, doc.get_y() + 3, doc.w - RIGHT, doc.get_y() + 3)
    doc.set_line_width(0.2)
    doc.set_draw_color(0, 0, 0)
    doc.ln(8)
    doc.set_font("helvetica", "", 14)
    occasion = f"{content.marking} {content.occasion}".strip()
    doc.multi_cell(
        0,
        7,
        safe(
            _("Of: %(occasion)s, %(day)s")
            % {"occasion": occasion, "day": day_text(content.occasion_day)}
        ),
        new_x="LMARGIN",
        new_y="NEXT",
        align="L",
    )
    doc.ln(4)
    doc.set_font("helvetica", "", 10)
    lines = [
        _("Held on: %(day)s") % {"day": day_text(evaluation.held_on)},
        _("Status: %(status)s") % {"status": evaluation.get_status_display()},
        _("Drawn up on %(day)s from the records in Oranje.")
        % {"day": day_text(timezone.localtime(content.made_at).date())},
    ]
    for line in lines:
        doc.multi_cell(0, 5, safe(line), new_x="LMARGIN", new_y="NEXT", align="L")


def evaluation_pdf(content: ReportContent) -> bytes:
    evaluation = content.evaluation
    doc = _Doc(f"{evaluation.region.name} - {evaluation.title}")
    doc.alias_nb_pages()
    _title_page(doc, content)
    doc.add_page()
    doc.heading(_("1. Method and participants"))
    doc.para(_("Methods: %(methods)s") % {"methods": ", ".join(content.methods) or "—"})
    if evaluation.summary:
        doc.heading(_("Summary"), 12)
        doc.para(evaluation.summary)
    doc.heading(_("Participants"), 12)
    if content.participants:
        doc.grid(
            [_("Name"), _("Role or function"), _("Organisation")],
            [[p.name, p.role or "—", p.organisation or "—"] for p in content.participants],
            (60, 55, 59),
        )
    else:
        doc.para(_("No participants recorded."), 9, "I")
    doc.heading(_("2. Findings per process"))
    if not content.chapters:
        doc.para(_("No findings recorded."), 9, "I")
    for label, blocks in content.chapters:
        doc.heading(label[:1].upper() + label[1:], 12, keep=40)
        for block in blocks:
            doc.para(f"{block.kind[:1].upper()}{block.kind[1:]}: {block.finding.text}", 10, "B")
            if block.norm:
                doc.para(_("Norm: %(norm)s") % {"norm": block.norm}, 9, indent=4)
            for e in block.evidence:
                note = f" ({e.note})" if e.note else ""
                doc.para(f"- {e.kind}: {e.summary}{note}", 9, indent=4)
            if not block.evidence:
                doc.para(_("No evidence linked."), 9, "I", indent=4)
            doc.para(_("Pattern: %(pattern)s") % {"pattern": block.pattern}, 9, "I", indent=4)
            doc.ln(2)
    doc.heading(_("3. Improvement actions"))
    if content.actions:
        doc.grid(
            [_("Action"), _("Process"), _("Owner"), _("Deadline"), _("Status")],
            [
                [
                    a.action.title,
                    a.process,
                    a.action.owner_name,
                    date_format(a.action.deadline, "j-n-Y"),
                    a.status + (f" ({_('past the deadline')})" if a.overdue else ""),
                ]
                for a in content.actions
            ],
            (58, 30, 36, 20, 30),
        )
    else:
        doc.para(_("No improvement actions linked to the findings."), 9, "I")
    return bytes(doc.output())
