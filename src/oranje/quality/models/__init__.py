"""The quality room's data (issue 15): norm sets with their waterlijn, bandbreedte and
in-growth path; the indicators Oranje computed per municipality and quarter; self-assessments
with evidence; agreements between region and municipality; improvement actions; reviews of
flexible scalings; the cost model with its scenarios; and the board reports."""

from oranje.quality.models.agreements import AgreementLine, Inhabitants, MunicipalAgreement
from oranje.quality.models.assessment import AssessmentRound, Evidence, SelfAssessment
from oranje.quality.models.costs import CostModel, CostScenario, CoursePrice, ScenarioChange
from oranje.quality.models.monitoring import (
    ActionUpdate,
    BoardReport,
    ImprovementAction,
    IndicatorValue,
    ScalingReview,
)
from oranje.quality.models.norms import GrowthStep, Norm, NormSet

__all__ = [
    "ActionUpdate",
    "AgreementLine",
    "AssessmentRound",
    "BoardReport",
    "CostModel",
    "CostScenario",
    "CoursePrice",
    "Evidence",
    "GrowthStep",
    "ImprovementAction",
    "IndicatorValue",
    "Inhabitants",
    "MunicipalAgreement",
    "Norm",
    "NormSet",
    "ScalingReview",
    "ScenarioChange",
    "SelfAssessment",
]
