"""Alerting: who is alerted for what, the escalation ladder, answers and arrivals.

The ladder for one function call: (0) whoever is on hard on-call in a pool that serves the
incident's municipality, (1) the soft-piket pool: soft on-call shifts and every member of a
pool for the function that serves the municipality, (2) those pools' coordinators, (3)
nobody left — shown in red on the alert board. A call moves up when, after its escalation
delay, fewer people accepted than it needs; it moves up *at once* when the people still
reachable on the current step cannot fill it (nobody on call, everyone declined, every
channel failed). A call never waits silently on a step that cannot succeed.
"""

from __future__ import annotations

from oranje.alerting.access import ARRIVAL_SALT, LINK_SALT, alert_from_token
from oranje.alerting.selectors import candidates, figures, my_open_alerts, required_functions
from oranje.alerting.services.answers import (
    alert_answer,
    alert_arrive,
    alert_record,
    answer_token,
    arrival_token,
)
from oranje.alerting.services.calls import (
    alert_manual,
    call_escalate,
    call_open,
    on_closed,
    on_scaled,
)
from oranje.alerting.services.rules import rule_delete, rule_save, teams_per_level

__all__ = [
    "ARRIVAL_SALT",
    "LINK_SALT",
    "alert_answer",
    "alert_arrive",
    "alert_from_token",
    "alert_manual",
    "alert_record",
    "answer_token",
    "arrival_token",
    "call_escalate",
    "call_open",
    "candidates",
    "figures",
    "my_open_alerts",
    "on_closed",
    "on_scaled",
    "required_functions",
    "rule_delete",
    "rule_save",
    "teams_per_level",
]
