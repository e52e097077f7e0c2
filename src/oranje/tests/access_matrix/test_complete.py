"""The tables are complete: every page and API operation has a line in one of them."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve

from oranje.tests.access_matrix import (
    test_aftercare,
    test_api_incidents,
    test_api_organisation,
    test_care,
    test_care_api,
    test_care_desk,
    test_care_locations,
    test_care_surroundings,
    test_care_vulnerable,
    test_communication,
    test_communication_agreements,
    test_communication_environment,
    test_communication_messages,
    test_communication_public,
    test_damage,
    test_incidents,
    test_learning_dossier,
    test_learning_evaluations,
    test_learning_home,
    test_learning_network,
    test_learning_patterns,
    test_learning_public,
    test_learning_sessions,
    test_learning_surveys,
    test_n17_cert,
    test_n17_checklists,
    test_n17_description,
    test_n17_drills,
    test_n17_feedback,
    test_n17_loans,
    test_n17_partners,
    test_n17_people,
    test_operations,
    test_organisation,
    test_quality_actions,
    test_quality_agreements,
    test_quality_assessment,
    test_quality_costs,
    test_quality_indicators,
    test_quality_monitoring,
    test_quality_norms,
    test_quality_reports,
    test_readiness,
    test_registry_exchange,
    test_registry_imports,
    test_registry_inquiries,
    test_registry_persons,
    test_registry_privacy,
)
from oranje.tests.access_matrix.world import Matrix, fill

pytestmark = pytest.mark.django_db

TABLES = [
    test_operations.MATRIX,
    test_organisation.MATRIX,
    test_readiness.MATRIX,
    test_incidents.MATRIX,
    test_api_organisation.MATRIX,
    test_api_incidents.MATRIX,
    test_registry_persons.MATRIX,
    test_registry_imports.MATRIX,
    test_registry_inquiries.MATRIX,
    test_registry_privacy.MATRIX,
    test_registry_exchange.MATRIX,
    test_care.MATRIX,
    test_care_locations.MATRIX,
    test_care_desk.MATRIX,
    test_care_vulnerable.MATRIX,
    test_care_surroundings.MATRIX,
    test_care_api.MATRIX,
    test_communication.MATRIX,
    test_communication_messages.MATRIX,
    test_communication_public.MATRIX,
    test_communication_environment.MATRIX,
    test_communication_agreements.MATRIX,
    test_damage.MATRIX,
    test_aftercare.MATRIX,
    test_quality_norms.MATRIX,
    test_quality_monitoring.MATRIX,
    test_quality_indicators.MATRIX,
    test_quality_actions.MATRIX,
    test_quality_assessment.MATRIX,
    test_quality_agreements.MATRIX,
    test_quality_costs.MATRIX,
    test_quality_reports.MATRIX,
    test_learning_home.MATRIX,
    test_learning_evaluations.MATRIX,
    test_learning_patterns.MATRIX,
    test_learning_surveys.MATRIX,
    test_learning_public.MATRIX,
    test_learning_dossier.MATRIX,
    test_learning_sessions.MATRIX,
    test_learning_network.MATRIX,
    test_n17_cert.MATRIX,
    test_n17_drills.MATRIX,
    test_n17_feedback.MATRIX,
    test_n17_people.MATRIX,
    test_n17_loans.MATRIX,
    test_n17_checklists.MATRIX,
    test_n17_partners.MATRIX,
    test_n17_description.MATRIX,
]


def _routes() -> set[tuple[str, str]]:
    """(route, method) of every page and API operation; the admin, the language switch and
    the router's format-suffix twins aside."""
    found: set[tuple[str, str]] = set()

    def join(prefix: str, pattern: str) -> str:
        # as Django joins the routes of a ResolverMatch: without the inner pattern's "^"
        return prefix + (pattern.removeprefix("^") if prefix else pattern)

    def walk(patterns: list[Any], prefix: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, join(prefix, str(p.pattern)))
                continue
            assert isinstance(p, URLPattern)
            route = join(prefix, str(p.pattern))
            if route.startswith(("beheer/", "i18n/")) or "format" in route:
                continue
            actions = getattr(p.callback, "actions", None) or {}
            methods = [m.upper() for m in actions if m not in ("head", "options")]
            found.update((route, m) for m in (methods or ["*"]))

    walk(get_resolver().url_patterns, "")
    return found


def test_the_matrix_lists_every_page_and_api_operation(matrix: Matrix) -> None:
    world, _clients = matrix
    listed: set[tuple[str, str]] = set()
    for line in (line for table in TABLES for line in table):
        match = resolve(fill(line.path, world, line.scope).split("?")[0])
        listed.add((match.route, line.method))
        listed.add((match.route, "*"))
    missing = sorted(f"{m} /{r}" for r, m in _routes() - listed)
    assert not missing, "pages or API operations without a line in a table:\n" + "\n".join(missing)
