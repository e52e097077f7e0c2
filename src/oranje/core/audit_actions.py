"""Every kind of event the audit trail records, each with a sentence a coordinator can read.

`audit_record` accepts only members of `AuditAction` (mypy checks it; a plain string is
refused at run time too). Adding an event is one line in the class below:

    USER_LOCKED_OUT = "user.locked_out", _("Account locked after failed logins")

plus its Dutch sentence at the end of `locale/nl/LC_MESSAGES/django.po` (a test fails while it
is missing). The value, `<thing>.<event>`, is what the database stores: never change the value
of a member once it has been used (old rows keep it); change only the sentence. The audit page
filters on the start of the value ("shift." finds every shift event).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    # organisation
    PERSON_CREATE = "person.create", _("Functionary added")
    PERSON_UPDATE = "person.update", _("Functionary changed")
    PERSON_CALENDAR_RENEW = "person.calendar_renew", _("Calendar link of a functionary renewed")
    DISTRICT_CREATE = "district.create", _("District created")
    DISTRICT_UPDATE = "district.update", _("District changed")
    POOL_CREATE = "pool.create", _("Pool created")
    POOL_UPDATE = "pool.update", _("Pool changed")
    REGION_FUNCTION_UPDATE = "region_function.update", _("Region's settings for a function changed")
    SHIFT_CREATE = "shift.create", _("On-call shift scheduled")
    SHIFT_DELETE = "shift.delete", _("On-call shift removed")
    SHIFT_HANDOVER = "shift.handover", _("On-call shift handed over")
    SHIFT_IMPORT = "shift.import", _("Roster imported from a file")
    UNAVAILABILITY_CREATE = "unavailability.create", _("Unavailability recorded")
    UNAVAILABILITY_DELETE = "unavailability.delete", _("Unavailability removed")
    # readiness
    PROFILE_PUBLISH = "profile.publish", _("Qualification profile published")
    ACTIVITY_CREATE = "activity.create", _("Training, exercise or exam recorded")
    ACTIVITY_DELETE = "activity.delete", _("Training, exercise or exam record removed")
    ACTIVITY_IMPORT = "activity.import", _("Training records imported from a file")
    EXERCISE_PLAN = "exercise.plan", _("Exercise planned")
    EXERCISE_COMPLETE = "exercise.complete", _("Exercise completed and attendance recorded")
    ALARM_TEST_START = "alarm_test.start", _("Unannounced alarm test started")
    ALARM_TEST_RESPONSE = "alarm_test.response", _("Answer to an unannounced alarm test received")
    # incidents
    INCIDENT_START = "incident.start", _("Incident started")
    INCIDENT_SCALE = "incident.scale", _("Incident scaled up or down")
    INCIDENT_CLOSE = "incident.close", _("Incident closed")
    INCIDENT_BRIEFING = (
        "incident.briefing",
        _("Meeting point or call-back number of an incident set"),
    )
    INCIDENT_HANDOVER = "incident.handover", _("Function in an incident handed over")
    LOG_ADD = "log.add", _("Logbook entry added")
    DECISION_RECORD = "decision.record", _("Decision recorded")
    ACTION_CREATE = "action.create", _("Action created")
    ACTION_STATUS = "action.status", _("Status of an action changed")
    CHECKLIST_SAVE = "checklist.save", _("Checklist of a function changed")
    CHECKLIST_TICK = "checklist.tick", _("Checklist item ticked")
    CHECKLIST_UNTICK = "checklist.untick", _("Checklist item unticked")
    REPORT_DRAFT = "report.draft", _("Situation report draft started")
    REPORT_UPDATE = "report.update", _("Situation report draft edited")
    REPORT_APPROVE = "report.approve", _("Situation report approved")
    REPORT_PUBLISH = "report.publish", _("Situation report published")
    # alerting
    ALERT_RULE_SAVE = "alert_rule.save", _("Alert rule saved")
    ALERT_RULE_DELETE = "alert_rule.delete", _("Alert rule removed")
    ALERT_MANUAL = "alert.manual", _("Person alerted by hand")
    ALERT_ANSWER = "alert.answer", _("Alert answered")
    ALERT_ARRIVE = "alert.arrive", _("Arrival reported")
    # logins
    USER_LOCKED_OUT = "user.locked_out", _("Logging in blocked after too many failed attempts")
    PERSON_REGISTER = "registry.person_register", _("Affected person registered")
    PERSON_CHANGE = "registry.person_change", _("Affected person's details changed")
    PERSON_STATUS = "registry.person_status", _("Affected person's status recorded")
    PERSON_CONSENT = "registry.person_consent", _("Consent to share whereabouts recorded")
    PERSON_MERGE = "registry.person_merge", _("Affected persons merged")
    PERSON_MERGE_UNDO = "registry.person_merge_undo", _("Merge of affected persons undone")
    DUPLICATE_DISMISS = "registry.duplicate_dismiss", _("Possible duplicate dismissed")
    INQUIRY_CREATE = "registry.inquiry_create", _("Relative's inquiry taken")
    INQUIRY_TAKE = "registry.inquiry_take", _("Inquiry taken on by an operator")
    CANDIDATE_CONFIRM = "registry.candidate_confirm", _("Candidate for an inquiry confirmed")
    CANDIDATE_REJECT = "registry.candidate_reject", _("Candidate for an inquiry rejected")
    POLICE_ASKED = "registry.police_asked", _("Police asked to inform the next of kin")
    POLICE_CONFIRMED = "registry.police_confirmed", _("Police confirmed next of kin informed")
    INQUIRY_CALL = "registry.inquiry_call", _("Call back to a relative recorded")
    INQUIRY_CLOSE = "registry.inquiry_close", _("Inquiry closed")
    REGISTRY_IMPORT = "registry.import", _("List imported into the registry")
    REGISTRY_EXPORT = "registry.export", _("Registry data exported")
    REGISTRY_ANONYMISE = "registry.anonymise", _("Registry of an incident anonymised")
    REGISTRY_DELETE = "registry.delete", _("Registry of an exercise deleted")
    REGISTRY_SETTINGS = "registry.settings", _("Registry settings of the region changed")
    # care (issue 12)
    CARE_NORMS = "care.norms", _("Shelter norms of the region changed")
    LOCATION_SAVE = "care.location_save", _("Shelter location saved")
    LOCATION_DELETE = "care.location_delete", _("Shelter location removed")
    LOCATION_IMPORT = "care.location_import", _("Shelter locations imported")
    INVOLVED_SET = "care.involved", _("Number of people involved recorded")
    SHELTER_OPEN = "care.shelter_open", _("Shelter opened")
    SHELTER_READY = "care.shelter_ready", _("Shelter ready to receive people")
    SHELTER_CHANGE = "care.shelter_change", _("Shelter changed")
    SHELTER_CLOSE = "care.shelter_close", _("Shelter closed")
    HOUSEHOLD_CHECK_IN = "care.check_in", _("Household checked in")
    HOUSEHOLD_CHECK_OUT = "care.check_out", _("Household or guest checked out")
    HOUSEHOLD_TRANSFER = "care.transfer", _("Household transferred to another shelter")
    HOUSEHOLD_CHANGE = "care.household_change", _("Household's details changed")
    GUESTS_READ = "care.guests_read", _("Shelter guests looked up")
    NEED_SAVE = "care.need", _("Need or supply request recorded")
    MEALS_SAVE = "care.meals", _("Meal count recorded")
    HOUSING_SAVE = "care.housing", _("Temporary housing recorded")
    SUPPLIER_SAVE = "care.supplier_save", _("Supplier of a vulnerable-residents list saved")
    SUPPLIER_DELETE = "care.supplier_delete", _("Vulnerable-residents list deleted")
    VULNERABLE_IMPORT = "care.vulnerable_import", _("Vulnerable-residents list delivered")
    VULNERABLE_READ = "care.vulnerable_read", _("Vulnerable residents looked up")
    CASE_UPDATE = "care.case", _("Worklist of vulnerable residents updated")
    OUTAGE_SAVE = "care.outage", _("Utility outage recorded")
    ROAD_CLOSURE_SAVE = "care.road_closure", _("Road closure recorded")
    CLEANUP_SAVE = "care.cleanup", _("Clean-up task recorded")
    CARE_ANONYMISE = "care.anonymise", _("Care records of an incident anonymised")
    CARE_DELETE = "care.delete", _("Care records of an exercise deleted")
    # communication
    MESSAGE_CREATE = "message.create", _("Message drafted")
    MESSAGE_UPDATE = "message.update", _("Message draft changed")
    MESSAGE_APPROVE = "message.approve", _("Message approved")
    MESSAGE_REJECT = "message.reject", _("Message sent back to draft")
    MESSAGE_PUBLISH = "message.publish", _("Message published")
    MESSAGE_EXPORT = "message.export", _("Message exported (CAP, press release)")
    MAILING_CREATE = "mailing.create", _("Message sent to affected people who consented")
    AGREEMENT_UPDATE = "agreement.update", _("Communication agreements of the region changed")
    SIGNAL_CREATE = "signal.create", _("Signal from the public recorded")
    SIGNAL_UPDATE = "signal.update", _("Signal from the public changed")
    SIGNAL_DELETE = "signal.delete", _("Signal from the public removed")
    SIGNAL_IMPORT = "signal.import", _("Signals imported from a file")
    ANALYSIS_SAVE = "analysis.save", _("Environment analysis saved")
    ANALYSIS_APPROVE = "analysis.approve", _("Environment analysis approved")
    QA_SAVE = "qa.save", _("Question and answer saved")
    QA_APPROVE = "qa.approve", _("Question and answer approved")
    # damage
    DAMAGE_FORM_UPDATE = "damage.form", _("Public damage form switched on or off")
    DAMAGE_REPORT_CREATE = "damage.create", _("Damage report recorded")
    DAMAGE_REPORT_UPDATE = "damage.update", _("Damage report triaged or changed")
    DAMAGE_REPORT_READ = "damage.read", _("Damage reports with reporters' details read")
    DAMAGE_EXPORT = "damage.export", _("Damage reports exported for insurers or the scheme")
    DAMAGE_PHOTO_READ = "damage.photo", _("Photo of a damage report viewed")
    DAMAGE_ANONYMISE = "damage.anonymise", _("Damage reports of an incident anonymised")
    DAMAGE_DELETE = "damage.delete", _("Damage reports of an exercise deleted")
    # aftercare
    INCIDENT_ACUTE_END = "incident.acute_end", _("Acute phase ended: the incident is in aftercare")
    AFTERCARE_START = "aftercare.start", _("Aftercare (nafase) started")
    AFTERCARE_HEAD = "aftercare.head", _("Head of the aftercare changed")
    TRANSITION_SAVE = "transition.save", _("Transition document saved")
    TRANSITION_APPROVE = "transition.approve", _("Transition document approved")
    AFTERCARE_TASK_SAVE = "aftercare_task.save", _("Aftercare task saved")
    IAC_CASE_SAVE = "iac.case", _("IAC case opened or changed")
    IAC_CASE_CLOSE = "iac.close", _("IAC case closed")
    IAC_ANONYMISE = "iac.anonymise", _("IAC cases of an incident anonymised")
    IAC_DELETE = "iac.delete", _("IAC cases of an exercise deleted")
    IAC_CASE_READ = "iac.read", _("IAC case with household details read")
    IAC_CONTACT = "iac.contact", _("Contact moment recorded in an IAC case")
    IAC_FOLLOW_UP = "iac.follow_up", _("Follow-up in an IAC case saved")
    IAC_REFERRAL = "iac.referral", _("Referral recorded in an IAC case")
    NEWSLETTER_SAVE = "newsletter.save", _("Newsletter to affected households saved")
    NEWSLETTER_SEND = "newsletter.send", _("Newsletter sent to affected households")
    NEWSLETTER_LETTERS = "newsletter.letters", _("Printed letters of a newsletter made")
    DEPLOYMENT_RECORD = "deployment.record", _("Deployments recorded for the people who came")
    THANKS_SEND = "thanks.send", _("Thank-you message sent to the people who came")
    # quality
    NORM_SET_SAVE = "norm_set.save", _("Norm set saved")
    NORM_SET_ADOPT = "norm_set.adopt", _("Norm set adopted")
    NORM_SAVE = "norm.save", _("Norm saved")
    NORM_DELETE = "norm.delete", _("Norm removed from a draft set")
    INDICATORS_COMPUTE = "indicators.compute", _("Quality indicators computed")
    QUALITY_DRILLDOWN_READ = "quality.drilldown", _("Records behind a quality figure read")
    IMPROVEMENT_ACTION_SAVE = "improvement.save", _("Improvement action saved")
    SCALING_REVIEW_SAVE = "scaling_review.save", _("Review of a flexible scaling saved")
    ASSESSMENT_ROUND_OPEN = "assessment.round", _("Self-assessment round opened")
    ASSESSMENT_SAVE = "assessment.save", _("Self-assessment answered")
    ASSESSMENT_REVIEW = "assessment.review", _("Self-assessment reviewed by the region")
    EVIDENCE_ADD = "evidence.add", _("Evidence added to a self-assessment")
    EVIDENCE_READ = "evidence.read", _("Evidence of a self-assessment opened")
    EVIDENCE_REMOVE = "evidence.remove", _("Evidence removed from a self-assessment")
    AGREEMENT_SAVE = "municipal_agreement.save", _("Agreement with a municipality saved")
    INHABITANTS_IMPORT = "inhabitants.import", _("Inhabitants per municipality imported")
    COST_MODEL_SAVE = "cost_model.save", _("Cost model of the region changed")
    COST_SCENARIO_SAVE = "cost_scenario.save", _("Cost scenario saved")
    BOARD_REPORT_SAVE = "board_report.save", _("Board report saved")
    BOARD_REPORT_DOWNLOAD = "board_report.download", _("Board report downloaded")
    # learning
    EVALUATION_SAVE = "evaluation.save", _("Evaluation saved")
    EVALUATION_FINAL = "evaluation.final", _("Evaluation made final")
    EVALUATION_READ = "evaluation.read", _("Evaluation with its participants read")
    EVALUATION_REPORT = "evaluation.report", _("Evaluation report downloaded")
    PARTICIPANT_SAVE = "participant.save", _("Participant of an evaluation saved")
    PARTICIPANT_REMOVE = "participant.remove", _("Participant removed from an evaluation")
    FINDING_SAVE = "finding.save", _("Finding saved")
    FINDING_REMOVE = "finding.remove", _("Finding removed")
    FINDING_EVIDENCE = "finding.evidence", _("Evidence linked to a finding")
    FINDING_EVIDENCE_REMOVE = "finding.evidence_remove", _("Evidence removed from a finding")
    FINDING_ACTION = "finding.action", _("Improvement action linked to a finding")
    PATTERNS_COMPUTE = "patterns.compute", _("Recurring findings grouped")
    SURVEY_SAVE = "survey.save", _("Public survey saved")
    SURVEY_STATUS = "survey.status", _("Public survey opened or closed")
    SURVEY_QUESTION_SAVE = "survey.question", _("Survey question saved")
    SURVEY_ADDRESSES_IMPORT = "survey.addresses", _("Addresses for survey letters imported")
    SURVEY_LETTERS = "survey.letters", _("Survey letters with personal codes made")
    SURVEY_ADDRESSES_DELETE = "survey.addresses_delete", _("Survey addresses deleted")
    SURVEY_RESULTS_EXPORT = "survey.export", _("Survey results exported")
    SURVEY_ADDRESSES_READ = "survey.addresses_read", _("Addresses of a survey's letters read")
    ENTRY_SAVE = "entry.save", _("Dossier entry saved")
    ENTRY_COMMENT = "entry.comment", _("Comment on a dossier entry")
    ENTRY_LINK = "entry.link", _("Dossier entry linked to an evaluation or finding")
    WORK_SESSION_SAVE = "work_session.save", _("Work session saved")
    WORK_SESSION_REPORT = "work_session.report", _("Impression report of a work session made")
    NETWORK_MEMBER_SAVE = "network_member.save", _("Network directory line saved")
    MEETING_SAVE = "meeting.save", _("Network meeting saved")
    MEETING_DOCUMENT_ADD = "meeting.document", _("Document added to a network meeting")
    MEETING_DOCUMENT_READ = "meeting.document_read", _("Document of a network meeting opened")
    MEETING_DECISION_SAVE = "meeting.decision", _("Decision of a network meeting saved")
    ADVICE_SAVE = "advice.save", _("Advisory question saved")
    USER_2FA_ENABLED = "user.two_factor_enabled", _("Two-factor authentication turned on")
    USER_2FA_DISABLED = "user.two_factor_disabled", _("Two-factor authentication turned off")
    USER_2FA_VERIFIED = "user.two_factor_verified", _("Logged in with the second step")
    USER_2FA_FAILED = "user.two_factor_failed", _("Wrong code at the second step")
    USER_2FA_RECOVERY_CODE_USED = (
        "user.recovery_code_used",
        _("Logged in with a recovery code"),
    )
    USER_2FA_RECOVERY_CODES_RENEWED = (
        "user.recovery_codes_renewed",
        _("New recovery codes made"),
    )
    USER_ADMINISTRATOR_CREATE = (
        "user.administrator_create",
        _("National administrator created with 'oranje createadmin'"),
    )

    # readiness: certification (issue 17)
    PROVIDER_CREATE = "provider.create", _("Training provider added to the national list")
    PROVIDER_UPDATE = "provider.update", _("Training provider changed")
    PROVIDER_DEACTIVATE = "provider.deactivate", _("Training provider deactivated")
    PROVIDER_ACTIVATE = "provider.activate", _("Training provider made active again")
    ACCREDITATION_CREATE = "accreditation.create", _("Accreditation of a training provider added")
    ACCREDITATION_UPDATE = "accreditation.update", _("Accreditation of a training provider changed")
    ACCREDITATION_DELETE = "accreditation.delete", _("Accreditation of a training provider removed")

    # readiness: the one-hour drill
    DRILL_START = "drill.start", _("One-hour drill sent")
    DRILL_RESEND = "drill.resend", _("One-hour drill sent again after a failed delivery")
    DRILL_REPORT = "drill.report", _("Report on a one-hour drill received")
    DRILL_ASSESS = "drill.assess", _("One-hour drill assessed")
    DRILL_READ = "drill.read", _("One-hour drill with its report read")

    # readiness: feedback moments in exercises
    FEEDBACK_MOMENT_CREATE = "feedback_moment.create", _("Feedback moment planned in an exercise")
    FEEDBACK_MOMENT_DELETE = "feedback_moment.delete", _("Feedback moment removed from an exercise")
    FEEDBACK_RECORD = "feedback.record", _("Feedback recorded for an exercise participant")
    FEEDBACK_READ = "feedback.read", _("Feedback of exercise participants read")

    # organisation: key-function holders and civil servants
    PERSON_KIND_CHANGE = "person.kind_change", _("Functionary moved to the other kind")
    PERSON_IMPORT = "person.import", _("Functionaries imported")

    # organisation: loans across regions
    LOAN_CREATE = "loan.create", _("Functionary lent to another region")
    LOAN_END = "loan.end", _("Loan of a functionary ended early")
    LOAN_SHIFTS_ENDED = "loan.shifts_ended", _("Shifts in the borrowing region ended with a loan")
    LOAN_READ = "loan.read", _("Lent functionaries' names and phone numbers read")

    # incidents: checklists and instructions
    CHECKLIST_INSTRUCTION_SAVE = (
        "checklist.instruction_save",
        _("Instruction for a function's role written for the region"),
    )
    CHECKLIST_INSTRUCTION_RESET = (
        "checklist.instruction_reset",
        _("Instruction for a function's role back to the national text"),
    )

    # partners: logins and the partner view
    PARTNER_ACCESS_CREATE = "partner.create", _("Partner login added")
    PARTNER_ACCESS_REVOKE = "partner.revoke", _("Partner login revoked")
    PARTNER_INVITE_REQUEST = "partner.invite", _("Set-password mail to a partner requested")
    PARTNER_INVITE_SENT = "partner.invite_sent", _("Set-password mail to a partner sent")
    PARTNER_INVITE_FAILED = "partner.invite_failed", _("Set-password mail to a partner failed")
    PARTNER_PASSWORD_SET = "partner.password_set", _("Partner set the password of their login")
    PARTNER_VIEW_READ = "partner.read", _("Partner view read by a partner")
    PARTNER_REPORT_READ = "partner.report_read", _("Situation report read by a partner")

    # partners: the description of population care, the point of contact, EDXL-SitRep
    DESCRIPTION_NATIONAL_PUBLISH = (
        "description.national_publish",
        _("New version of the national description of population care"),
    )
    DESCRIPTION_REGIONAL_PUBLISH = (
        "description.regional_publish",
        _("New version of the region's additions to the description of population care"),
    )
    DESCRIPTION_PARTNER_READ = (
        "description.partner_read",
        _("Description of population care and point of contact read by a partner"),
    )
    CONTACT_POINT_SAVE = (
        "contact_point.save",
        _("Regional point of contact for population care set"),
    )
    REPORT_EDXL_EXPORT = "report.edxl_export", _("Situation report exported as EDXL-SitRep")


def action_label(value: str) -> str:
    """The sentence for a stored value; the value itself for one no longer in the list."""
    try:
        return str(AuditAction(value).label)
    except ValueError:
        return value
