"""Closed vocabularies of the interchange format (shared/interchange.md), in one place."""

from __future__ import annotations

import re

FORMAT = "decision-register/1"

COMMITTEE_KINDS = ("cabinet_committee", "cabinet", "scrutiny", "council", "other")
ROLES = ("chairman", "vice_chairman", "member", "substitute")
NOTICES = ("webcasting", "remote_attendance", "non_member_questions", "refreshments")
KEY_DECISION_CRITERIA = ("expenditure", "divisions")
ASSESSMENT_STATUSES = (
    "not_started", "screening", "not_required", "in_progress", "completed", "signed_off",
)
#: EqIA/DPIA states in which a decision may be signed.
ASSESSMENT_DONE = ("not_required", "completed", "signed_off")
ROUTES = ("committee", "outside_cycle", "general_exception", "special_urgency")
OUTCOMES = ("endorsed", "recommendations_made", "noted", "not_endorsed", "deferred")
STATUSES = (
    "draft", "notice_published", "for_committee", "considered", "proposed", "taken",
    "published", "called_in", "effective", "implemented", "withdrawn",
)
#: Once a decision reaches one of these, its record is the legal record and is frozen.
TAKEN_STATUSES = ("taken", "published", "called_in", "effective", "implemented")
EXEMPT_PARAGRAPHS = tuple(range(1, 8))

#: Verbs seen in the papers' lettered parts; any upper-case word is accepted on import.
COMMON_VERBS = (
    "APPROVE", "AGREE", "ACCEPT", "EXTEND", "DELEGATE", "NOTE", "IMPLEMENT", "ENDORSE",
    "AUTHORISE", "AWARD", "COMMISSION", "ADOPT", "VARY",
)

NUMBER_RE = re.compile(r"^(?P<year>[0-9]{2})/(?P<seq>[0-9]{5})(?P<suffix>[a-z]?)$")
VERB_RE = re.compile(r"^[A-Z]+$")
TIME_RE = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")

def key_decision_words(value: bool | None) -> str:
    """"Yes", "No", or "Not recorded": never "No" for a flag nobody has set."""
    return "Not recorded" if value is None else ("Yes" if value else "No")


#: Human words for statuses, as a clerk would say them.
STATUS_LABELS = {
    "draft": "Draft",
    "notice_published": "Notice published",
    "for_committee": "For committee",
    "considered": "Considered by committee",
    "proposed": "Proposed",
    "taken": "Taken",
    "published": "Published",
    "called_in": "Called in",
    "effective": "Effective",
    "implemented": "Implemented",
    "withdrawn": "Withdrawn",
}

#: Free-text fields of a decision, in the order of the Record of Decision.
#: The record's text fields as the Record of Decision labels them.
TEXT_FIELD_LABELS = {
    "reasons": "Reason(s) for decision",
    "financial_implications": "Financial Implications",
    "legal_implications": "Legal Implications",
    "equalities_implications": "Equalities implications",
    "data_protection_implications": "Data Protection implications",
    "consultation": "Cabinet Committee recommendations and other consultation",
    "alternatives": "Any alternatives considered and rejected",
    "interests_declared": "Any interest declared when the decision was taken and any"
                          " dispensation granted by the Proper Officer",
}

DECISION_TEXT_FIELDS = (
    "reasons",
    "financial_implications",
    "legal_implications",
    "equalities_implications",
    "data_protection_implications",
    "consultation",
    "alternatives",
    "interests_declared",
)
