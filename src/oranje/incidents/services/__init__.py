"""Every write of the incident room. Each runs in one transaction, checks access through the
chokepoints, writes the audit entry, and leaves a line in the incident's logbook so that the
logbook alone tells the whole story."""

from __future__ import annotations

from oranje.incidents.selectors import checklist_items, incident_teams
from oranje.incidents.services.briefing import briefing_lines, incident_set_briefing
from oranje.incidents.services.checklists import checklist_save, checklist_tick, checklist_untick
from oranje.incidents.services.decisions import action_create, action_set_status, decision_record
from oranje.incidents.services.guards import (
    CLOCK_SLACK,
    incident_lock,
    require_acute,
    require_open,
)
from oranje.incidents.services.incidents import (
    incident_close,
    incident_end_acute,
    incident_start,
)
from oranje.incidents.services.logbook import handover_record, log_append, log_entry_add
from oranje.incidents.services.parsing import NL_LATITUDE, NL_LONGITUDE, parse_point, parse_polygon
from oranje.incidents.services.reports import (
    SECTION_FIELDS,
    report_approve,
    report_draft,
    report_prefill,
    report_publish,
    report_update,
)
from oranje.incidents.services.scaling import incident_scale

__all__ = [
    "CLOCK_SLACK",
    "NL_LATITUDE",
    "NL_LONGITUDE",
    "SECTION_FIELDS",
    "action_create",
    "action_set_status",
    "briefing_lines",
    "checklist_items",
    "checklist_save",
    "checklist_tick",
    "checklist_untick",
    "decision_record",
    "handover_record",
    "incident_close",
    "incident_end_acute",
    "incident_lock",
    "incident_scale",
    "incident_set_briefing",
    "incident_start",
    "incident_teams",
    "log_append",
    "log_entry_add",
    "parse_point",
    "parse_polygon",
    "report_approve",
    "report_draft",
    "report_prefill",
    "report_publish",
    "report_update",
    "require_acute",
    "require_open",
]
