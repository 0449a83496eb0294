"""Checks that catch inconsistent papers before they are published.

Each check comes from a mistake seen in real published papers (shared/domain.md,
"What the papers get wrong"). A check never refuses anything: it returns
``Problem`` rows for the clerk to act on. The per-decision part
(:func:`check_decision`) is what the window shows beside a field; the whole
register (:func:`check_register`) adds committee membership and today's date.

Pure Python: no Qt, no SQL.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from governance.calendar import (
    DEFAULT_CONFIG,
    CalendarConfig,
    agenda_publication_deadline,
    clear_days_between,
    earliest_decision_after_notice,
    general_exception_earliest_decision,
)
from governance.model import AgendaItem, Committee, Decision, Meeting, RegisterDocument
from governance.notice import CLEAR_DAYS, NoticePublication
from governance.plan import ExpectedDateError, expected_period, expected_words
from governance.vocab import ASSESSMENT_DONE, TAKEN_STATUSES
from governance.wording import consultation_as_printed

ERROR = "error"
WARNING = "warning"
INFO = "info"
SEVERITIES = (ERROR, WARNING, INFO)

#: Every code a check can return, with its severity (``key_decision_no_notice`` is an
#: error once the decision is taken and a warning before).
CODES: dict[str, tuple[str, ...]] = {
    "consultation_date_mismatch": (ERROR,),
    "membership_mismatch": (ERROR,),
    "vacancy": (INFO,),
    "key_decision_no_notice": (ERROR, WARNING),
    "urgency_not_recorded": (ERROR,),
    "urgency_agreement_not_named": (WARNING,),
    "key_decision_notice_late": (ERROR,),
    "eqia_text_mismatch": (WARNING,),
    "taken_without_assessment": (WARNING,),
    "taken_text_says_propose": (ERROR,),
    "unknown_delegation_post": (WARNING,),
    "delegate_without_delegation": (WARNING,),
    "alternatives_blank": (INFO,),
    "part_placeholder": (ERROR,),
    "exempt_decision_open_item": (WARNING,),
    "agenda_late_without_reason": (WARNING,),
    "exempt_item_before_open_items": (WARNING,),
    "private_notice_missing": (ERROR, WARNING),
    "private_notice_late": (WARNING,),
    "private_confirmation_missing": (WARNING,),
    "private_confirmation_late": (WARNING,),
}

#: Roles that fill a seat; substitutes do not.
SEAT_ROLES = ("chairman", "vice_chairman", "member")

#: Equalities text saying the EqIA has NOT been done (case-insensitive, whole words).
EQIA_NOT_DONE_PHRASES = (
    "has not been completed",
    "not been undertaken",
    "no eqia",
    "will be completed",
    "is being developed",
    "is in development",
    "screening will be",
)
#: Equalities text saying the EqIA HAS been done.
EQIA_DONE_PHRASES = (
    "has been undertaken",
    "has been completed",
    "is attached",
    "was completed",
    "full equality impact assessment has been",
)
#: Equalities text saying a full assessment was undertaken (contradicts "not required").
EQIA_FULL_DONE_PHRASES = (
    "full equality impact assessment has been",
    "full equalities impact assessment has been",
    "full equality impact assessment was",
    "full eqia has been",
    "full eqia was",
)
#: EqIA statuses in which the assessment has not been done.
EQIA_NOT_DONE_STATUSES = (None, "not_started", "screening", "in_progress")
EQIA_DONE_STATUSES = ("completed", "signed_off")

#: Wording of a proposed record that a taken record must not keep.
PROPOSE_PATTERNS = (
    re.compile(r"\bI propose\b", re.IGNORECASE),
    re.compile(r"\bpropose to\b", re.IGNORECASE),
    re.compile(r"\bproposed decision will\b", re.IGNORECASE),
    re.compile(r"\bwill be (?:discussed|considered)\b", re.IGNORECASE),
)

#: Words by which an urgency reason says who agreed the decision could not be deferred
#: (reg 11: the scrutiny chairman, or the council's chairman or vice-chairman).
URGENCY_AGREED_RE = re.compile(r"\b(?:agreed|agreement|consented|chair(?:man)?)\b",
                               re.IGNORECASE)

#: Words that make a date in the consultation text the date of a meeting.
MEETING_WORDS_RE = re.compile(
    r"\b(?:committees?|meetings?|board|panel|scrutiny|cabinet|full council|"
    r"discussed|considered|endorsed)\b",
    re.IGNORECASE,
)

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = "(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_ORD = r"(?:st|nd|rd|th)?"
_DATE_RE = re.compile(
    rf"\b(?P<d1>[0-3]?\d){_ORD}\s+(?:of\s+)?(?P<m1>{_MONTH})(?:,?\s+(?P<y1>\d{{4}}))?\b"
    rf"|\b(?P<m2>{_MONTH})\s+(?P<d2>[0-3]?\d){_ORD}(?:,?\s+(?P<y2>\d{{4}}))?\b"
    r"|\b(?P<d3>[0-3]?\d)/(?P<m3>[01]?\d)/(?P<y3>\d{4}|\d{2})\b",
    re.IGNORECASE,
)
_SENTENCE_SPLIT_RE = re.compile(r"(?<=[.!?;])\s+(?=[A-Z(])")
_WEEKDAY_END_RE = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?$", re.IGNORECASE
)
_SMALL_WORDS = frozenset({"of", "the", "and"})


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the register, for a clerk to fix."""

    severity: str
    code: str
    subject: str
    message: str

    def to_json(self) -> dict[str, str]:
        return {
            "severity": self.severity,
            "code": self.code,
            "subject": self.subject,
            "message": self.message,
        }


def _sorted(problems: Iterable[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.subject, p.code, p.message))


def _fmt(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _blank(text: str | None) -> bool:
    return text is None or not text.strip()


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


# --------------------------------------------------------------------------- dates


@dataclass(frozen=True)
class _NamedDate:
    """A date written in free text; ``year`` is None when the text gave none."""

    text: str
    day: int
    month: int
    year: int | None

    def matches(self, day: dt.date) -> bool:
        return (self.day, self.month) == (day.day, day.month) and self.year in (None, day.year)


def _named_date(m: re.Match[str]) -> _NamedDate | None:
    if m["d3"]:
        day, month, year = int(m["d3"]), int(m["m3"]), int(m["y3"])
        if year < 100:
            year += 2000
    else:
        day = int(m["d1"] or m["d2"])
        month = _MONTHS[(m["m1"] or m["m2"]).rstrip(".").lower()]
        y = m["y1"] or m["y2"]
        year = int(y) if y else None
        if year is None and not (m["m1"] or m["m2"])[0].isupper():
            return None  # "the 5 may be" is not a date; "on 5 May" is
    try:
        dt.date(year or 2000, month, day)  # 2000 is a leap year: 29 February is allowed
    except ValueError:
        return None
    return _NamedDate(_squash(m.group(0)), day, month, year)


def _meeting_dates_in_text(text: str) -> list[_NamedDate]:
    """Dates in ``text`` that are said to be the date of a meeting.

    A date counts when a meeting word ("Committee", "meeting", "discussed" ...) comes
    before it in its sentence (so a list "by the X Committee on 7 November, by Y on
    9 November" counts every date), or when the sentence opens with "On <date>" and a
    meeting word follows. Other dates ("Following the announcement on 8 September 2023,
    ...") are not meeting dates.
    """
    found: list[_NamedDate] = []
    for sentence in _SENTENCE_SPLIT_RE.split(text):
        matches = list(_DATE_RE.finditer(sentence))
        for i, m in enumerate(matches):
            named = _named_date(m)
            before = sentence[:m.start()]
            after_end = matches[i + 1].start() if i + 1 < len(matches) else len(sentence)
            after = sentence[m.end():after_end]
            if named is None:
                continue
            opener = _WEEKDAY_END_RE.sub("", before.strip(" ,(")).strip().lower()
            if MEETING_WORDS_RE.search(before) or (
                i == 0 and opener in ("", "on", "on the")
                and MEETING_WORDS_RE.search(after)
            ):
                found.append(named)
    return found


# ----------------------------------------------------------------------- decisions


def _check_consultation_dates(decision: Decision) -> list[Problem]:
    if _blank(decision.consultation) or not decision.committee_considerations:
        return []
    recorded = sorted(decision.committee_considerations, key=lambda c: (c.date, c.committee))
    listing = "; ".join(f"{c.committee} on {_fmt(c.date)}" for c in recorded)
    problems = []
    seen: set[str] = set()
    for named in _meeting_dates_in_text(decision.consultation or ""):
        if any(named.matches(c.date) for c in recorded) or named.text in seen:
            continue
        seen.add(named.text)
        problems.append(Problem(
            ERROR, "consultation_date_mismatch", decision.number,
            f"The consultation text says the decision went to committee on '{named.text}', "
            f"but no committee consideration is on that date (recorded: {listing}); "
            "correct the date in the text or the committee consideration.",
        ))
    return problems


def _check_outcomes_to_come(decision: Decision, today: dt.date | None) -> list[Problem]:
    """An outcome recorded for a committee meeting that has not happened yet (the window
    and the lifecycle refuse it; an imported register may still carry one)."""
    if today is None:
        return []
    return [Problem(
        ERROR, "outcome_before_meeting", decision.number,
        f"An outcome ({c.outcome.replace('_', ' ')}) is recorded for the {c.committee} on"
        f" {_fmt(c.date)}, which has not met yet; record the outcome once it has met.")
        for c in decision.committee_considerations if c.outcome and c.date > today]


def _check_key_decision_notice(
    decision: Decision, config: CalendarConfig, today: dt.date | None
) -> list[Problem]:
    problems: list[Problem] = []
    number = decision.number
    if decision.status == "withdrawn":
        return problems
    urgent = decision.route == "special_urgency"
    if urgent and _blank(decision.urgency_reason):
        problems.append(Problem(
            ERROR, "urgency_not_recorded", number,
            "The route is special urgency but no urgency reason is recorded; record why the "
            "decision could not be deferred and who agreed it was urgent (reg 11).",
        ))
    elif urgent and not URGENCY_AGREED_RE.search(decision.urgency_reason or ""):
        problems.append(Problem(
            WARNING, "urgency_agreement_not_named", number,
            "The urgency reason does not say who agreed the decision was urgent and could "
            "not be deferred; the record prints it as the reason for urgency, so name "
            "who agreed (e.g. 'the Chairman of the Scrutiny Committee agreed on ...').",
        ))
    if not decision.key_decision:
        return problems
    needed = config.key_decision_notice_clear_days

    if decision.notice_published_on is None:
        if urgent:
            return problems
        if decision.is_taken:
            taken = f" (taken on {_fmt(decision.taken_on)})" if decision.taken_on else ""
            problems.append(Problem(
                ERROR, "key_decision_no_notice", number,
                f"Key decision taken{taken} with no Forward Plan notice recorded; record the "
                "notice date, or the general exception or special urgency route it was taken "
                "under.",
            ))
            return problems
        message = (
            f"Key decision with no Forward Plan notice recorded; it needs {needed} clear days' "
            "notice before it is taken: publish the notice or record the date it was published."
        )
        if today is not None and decision.committee_considerations:
            first = min(c.date for c in decision.committee_considerations)
            days = (first - today).days
            if 0 <= days <= needed:
                message += (
                    f" The first committee consideration is on {_fmt(first)}, "
                    f"{_plural(days, 'day')} from today, so notice published today gives only "
                    f"{_plural(clear_days_between(today, first), 'clear day')} before it."
                )
            elif -needed <= days < 0:
                message += (
                    f" It already went to committee on {_fmt(first)} "
                    f"({_plural(-days, 'day')} ago) without notice."
                )
        problems.append(Problem(WARNING, "key_decision_no_notice", number, message))
        return problems

    notice, taken_on = decision.notice_published_on, decision.taken_on
    if taken_on is None:
        return problems + _check_expected_after_notice(decision, notice, config)
    clear = clear_days_between(notice, taken_on)
    if clear >= needed or (urgent and not _blank(decision.urgency_reason)):
        return problems
    dates = (
        f"notice published {_fmt(notice)}, decision taken {_fmt(taken_on)}: "
        f"{_plural(clear, 'clear day')}"
    )
    if decision.route == "general_exception":
        earliest = general_exception_earliest_decision(notice, config)
        if taken_on >= earliest:
            return problems
        problems.append(Problem(
            ERROR, "key_decision_notice_late", number,
            f"General exception needs {config.general_exception_clear_days} clear days after "
            f"the notice ({dates}; earliest {_fmt(earliest)}); correct the dates or record "
            "the special urgency route with its reason.",
        ))
        return problems
    earliest = earliest_decision_after_notice(notice, config)
    problems.append(Problem(
        ERROR, "key_decision_notice_late", number,
        f"Key decision notice too late ({dates}, {needed} needed; earliest "
        f"{_fmt(earliest)}); correct the dates or record the general exception or special "
        "urgency route with its reason.",
    ))
    return problems


def _check_expected_after_notice(decision: Decision, notice: dt.date,
                                 config: CalendarConfig) -> list[Problem]:
    """A key decision on the committee route expected before its Forward Plan notice has
    run its clear days (the first day of an expected month counts)."""
    if not decision.expected_on or decision.route in ("special_urgency", "general_exception"):
        return []
    try:
        first, _last = expected_period(decision.expected_on)
    except ExpectedDateError:
        return []
    needed = config.key_decision_notice_clear_days
    clear = clear_days_between(notice, first)
    if clear >= needed:
        return []
    earliest = earliest_decision_after_notice(notice, config)
    return [Problem(
        WARNING, "key_decision_expected_too_soon", decision.number,
        f"Key decision expected {expected_words(decision.expected_on)}, but its Forward Plan"
        f" notice ({_fmt(notice)}) gives {_plural(max(clear, 0), 'clear day')} before it,"
        f" {needed} needed (earliest {_fmt(earliest)}); move the expected date or use the"
        " general exception or special urgency route.")]


def _find_phrase(text: str, phrases: Iterable[str]) -> str | None:
    for phrase in phrases:
        m = re.search(rf"\b{re.escape(phrase)}\b", text, re.IGNORECASE)
        if m:
            return m.group(0)
    return None


def _check_eqia_text(decision: Decision) -> list[Problem]:
    if _blank(decision.equalities_implications):
        return []
    text = _squash(decision.equalities_implications or "")
    status = decision.eqia.status if decision.eqia else None
    shown = f"the EqIA status is {status}" if status else "no EqIA status is recorded"
    not_done = _find_phrase(text, EQIA_NOT_DONE_PHRASES)
    done = _find_phrase(text, EQIA_DONE_PHRASES)
    full_done = _find_phrase(text, EQIA_FULL_DONE_PHRASES)
    message = None
    # Text that says both (e.g. "screening has been completed; a full EqIA will be
    # completed") is not contradicted by either status, so only one-sided text counts.
    if status in EQIA_DONE_STATUSES and not_done and not done:
        message = (
            f"The equalities implications say '{not_done}' but the EqIA status is {status}; "
            "correct the text or the EqIA status."
        )
    elif status in EQIA_NOT_DONE_STATUSES and done and not not_done:
        message = (
            f"The equalities implications say '{done}' but {shown}; "
            "record the completed EqIA or correct the text."
        )
    elif status == "not_required" and full_done:
        message = (
            f"The equalities implications say '{full_done}' but the EqIA status is "
            "not_required; record the full EqIA or correct the text."
        )
    if message is None:
        return []
    return [Problem(WARNING, "eqia_text_mismatch", decision.number, message)]


def _check_taken_assessments(decision: Decision) -> list[Problem]:
    if not decision.is_taken:
        return []
    problems = []
    for name, assessment in (("EqIA", decision.eqia), ("DPIA", decision.dpia)):
        if assessment is not None and assessment.status in ASSESSMENT_DONE:
            continue
        state = f"is {assessment.status}" if assessment else "is not recorded"
        problems.append(Problem(
            WARNING, "taken_without_assessment", decision.number,
            f"The decision is {decision.status} but its {name} {state}; record the "
            f"{name} as completed, signed off or not required, or note who accepted the risk.",
        ))
    return problems


def _check_taken_text(decision: Decision) -> list[Problem]:
    if not decision.is_taken:
        return []
    fields: list[tuple[str, str | None]] = [
        (f"part {Decision.part_letter(i)})", part.text) for i, part in enumerate(decision.parts)
    ]
    # What the record prints: the outcome stands in place of what was to happen.
    fields += [("the consultation text", consultation_as_printed(decision)),
               ("the reasons", decision.reasons)]
    problems = []
    for where, text in fields:
        if _blank(text):
            continue
        hits = [m for p in PROPOSE_PATTERNS if (m := p.search(text or ""))]
        if not hits:
            continue
        first = min(hits, key=lambda m: m.start()).group(0)
        problems.append(Problem(
            ERROR, "taken_text_says_propose", decision.number,
            f"The decision is {decision.status} but {where} still says '{first}'; reword it "
            "as the decision taken (e.g. 'I agree to', 'was discussed at ... on ...').",
        ))
    return problems


def _post_key(title: str) -> str:
    words = re.sub(r"[^\w\s]", " ", title.lower()).split()
    return " ".join(w for w in words if w not in _SMALL_WORDS)


def same_post(title: str) -> str:
    """What makes two titles one post: they differ only in case, punctuation or the words
    "of", "the", "and" ("Corporate Director, Adult Social Care and Health" is "Corporate
    Director of Adult Social Care and Health")."""
    return _post_key(title)


def suggest_post(title: str, doc: RegisterDocument) -> str | None:
    """The post in ``doc`` that ``title`` most likely means, or None.

    Titles that differ only in case, punctuation or the words "of", "the", "and" are
    the same post; otherwise a close spelling (an officer's title spelt two ways).
    """
    titles = [p.title for p in doc.posts]
    key = _post_key(title)
    for candidate in titles:
        if _post_key(candidate) == key:
            return candidate
    keys = {_post_key(t): t for t in titles}
    close = difflib.get_close_matches(key, list(keys), n=1, cutoff=0.9)
    return keys[close[0]] if close else None


def _check_delegations(decision: Decision, doc: RegisterDocument) -> list[Problem]:
    titles = {p.title for p in doc.posts}
    problems = []
    for i, part in enumerate(decision.parts):
        where = f"part {Decision.part_letter(i)})"
        delegation = part.delegation
        if delegation is None:
            if part.verb.strip().upper() == "DELEGATE":
                problems.append(Problem(
                    WARNING, "delegate_without_delegation", decision.number,
                    f"{where.capitalize()} says DELEGATE but records no delegation; record "
                    "the post it delegates to, its scope and any conditions.",
                ))
            continue
        if delegation.post in titles:
            continue
        if _blank(delegation.post):
            message = f"{where.capitalize()} delegates to no post; choose the post from the list."
        else:
            message = (
                f"{where.capitalize()} delegates to '{delegation.post}', which is not a post "
                "in the register"
            )
            suggestion = suggest_post(delegation.post, doc)
            if suggestion:
                message += f"; did you mean '{suggestion}'?"
            else:
                message += "; add the post or choose one from the list."
        problems.append(Problem(WARNING, "unknown_delegation_post", decision.number, message))
    return problems


def _check_alternatives(decision: Decision) -> list[Problem]:
    if decision.status != "proposed" and decision.status not in TAKEN_STATUSES:
        return []
    if not _blank(decision.alternatives):
        return []
    return [Problem(
        INFO, "alternatives_blank", decision.number,
        "No alternatives considered and rejected are recorded; if the report compares "
        "options, say which were rejected and why, otherwise write 'None'.",
    )]


def _check_placeholders(decision: Decision) -> list[Problem]:
    """A stock text's gap ("authority to the … to take relevant actions") left unfilled."""
    if decision.is_taken:
        return []  # the record as signed; a correction is a new decision
    return [Problem(ERROR, "part_placeholder", decision.number,
                    f"Part {Decision.part_letter(i)}) still has the gap '…' of the stock"
                    " text: write in what it stands for before the record is signed.")
            for i, part in enumerate(decision.parts)
            if any(mark in part.text for mark in ("…", "..."))]


def check_decision(
    decision: Decision,
    doc: RegisterDocument,
    config: CalendarConfig = DEFAULT_CONFIG,
    *,
    today: dt.date | None = None,
) -> list[Problem]:
    """Problems with one decision, sorted. ``today`` adds how close the first
    committee meeting is to a missing key decision notice."""
    problems = [
        *_check_consultation_dates(decision),
        *_check_key_decision_notice(decision, config, today),
        *_check_outcomes_to_come(decision, today),
        *_check_eqia_text(decision),
        *_check_taken_assessments(decision),
        *_check_taken_text(decision),
        *_check_delegations(decision, doc),
        *_check_placeholders(decision),
        *_check_alternatives(decision),
    ]
    return _sorted(problems)


# ---------------------------------------------------------------------- committees


def check_membership(committee: Committee, doc: RegisterDocument) -> list[Problem]:
    """Does the stated membership add up to the members listed plus vacancies?"""
    if committee.seats is None:
        return []
    name, seats = committee.name, committee.seats
    seated = [m.member for m in committee.membership if m.role in SEAT_ROLES]
    listed = len(seated)
    errors: list[str] = []
    for member, times in sorted(Counter(seated).items()):
        if times > 1:
            errors.append(
                f"{member} is listed {times} times; list each member once."
            )
    if listed > seats:
        errors.append(
            f"{listed} members are listed but the committee has {seats} seats; remove the "
            "extra members or correct the number of seats."
        )
    party_seats = committee.party_seats
    vacancies: dict[str | None, int] = {}
    if party_seats is None:
        if seats > listed:
            vacancies[None] = seats - listed
    else:
        total = sum(party_seats.values())
        if total != seats:
            shares = ", ".join(f"{p} {n}" for p, n in party_seats.items())
            errors.append(
                f"The party seats add up to {total} ({shares}) but the committee has "
                f"{seats} seats; correct the party seats or the number of seats."
            )
        parties = {m.name: m.party for m in doc.members}
        by_party: Counter[str] = Counter()
        for member in seated:
            party = parties.get(member)
            if party is None:
                errors.append(
                    f"{member} has no party recorded, so cannot be counted against the party "
                    "seats; record the member's party."
                )
            elif party not in party_seats:
                errors.append(
                    f"{member} ({party}) is listed but {party} has no seats on the committee; "
                    f"add {party} to the party seats or correct the member's party."
                )
            else:
                by_party[party] += 1
        for party, party_total in party_seats.items():
            count = by_party[party]
            if count > party_total:
                errors.append(
                    f"{_plural(count, party + ' member')} listed but {party} has "
                    f"{_plural(party_total, 'seat')}; remove a member or correct the party seats."
                )
            elif count < party_total:
                vacancies[party] = party_total - count
    if errors:
        return [Problem(ERROR, "membership_mismatch", name, e) for e in errors]
    total_vacant = sum(vacancies.values())
    if not total_vacant:
        return []
    which = ", ".join(
        f"{n} {party} {'vacancy' if n == 1 else 'vacancies'}" if party
        else _plural(n, "vacancy", "vacancies")
        for party, n in vacancies.items()
    )
    def shown(n: int) -> str:
        return "1 Vacancy" if n == 1 else f"{n} Vacancies"

    where = ", ".join(f"'and {shown(n)}' in the {party} group" if party
                      else f"'{shown(n)}' as seats not allocated to a group"
                      for party, n in vacancies.items())
    return [Problem(
        INFO, "vacancy", name,
        f"{seats} seats, {_plural(listed, 'member')} listed: {which}; the front sheet says "
        f"{where}.",
    )]


# ------------------------------------------------------------------------ meetings


def _numbered(items: list[AgendaItem], prefix: str = "") -> Iterable[tuple[str, AgendaItem]]:
    for i, item in enumerate(items):
        label = f"{prefix} {Decision.part_letter(i)})" if prefix else str(i + 1)
        yield label, item
        yield from _numbered(item.items, label)


def _numbers(numbers: list[int]) -> str:
    return ", ".join(str(n) for n in numbers[:-1]) + (" and " if len(numbers) > 1 else "") \
        + str(numbers[-1])


def check_meeting(meeting: Meeting, exempt_decisions: dict[str, int],
                  config: CalendarConfig = DEFAULT_CONFIG,
                  today: dt.date | None = None) -> list[Problem]:
    """An item on an exempt decision that is not itself exempt (its papers are held back
    from public documents all the same), an agenda published after the statutory
    deadline with no reason recorded, and (``today`` given) a meeting held whose agenda
    the register never records as published."""
    subject = f"{meeting.committee}, {_fmt(meeting.date)}"
    problems: list[Problem] = []
    if today is not None and meeting.date < today and meeting.published_on is None:
        problems.append(Problem(
            WARNING, "agenda_never_published", subject,
            f"The meeting was on {_fmt(meeting.date)} but its agenda is not recorded as"
            f" published (it was due by {_fmt(agenda_publication_deadline(meeting.date, config))});"
            " record the day it was published (meeting publish --on DATE, with the reason if"
            " late)."))
    for label, item in _numbered(meeting.items):
        paragraph = exempt_decisions.get(item.decision or "")
        if paragraph and not item.exempt_paragraph:
            problems.append(Problem(
                WARNING, "exempt_decision_open_item", subject,
                f"Item {label} considers {item.decision}, whose record is exempt (paragraph"
                f" {paragraph} of Part 1 of Schedule 12A), but the item is not marked exempt;"
                " its papers are kept out of the public pack and export until you mark the"
                " item exempt, or the decision not exempt."))
    exempt_at = [i for i, item in enumerate(meeting.items, 1) if item.exempt_paragraph]
    open_after = [i for i, item in enumerate(meeting.items, 1)
                  if not item.exempt_paragraph and exempt_at and i > exempt_at[0]]
    if open_after:
        problems.append(Problem(
            WARNING, "exempt_item_before_open_items", subject,
            f"Item {exempt_at[0]} is exempt but items {_numbers(open_after)} come after it"
            " in public: the front sheet numbers the exempt item among them and lists it"
            " last; move exempt business to the end of the agenda."))
    deadline = agenda_publication_deadline(meeting.date, config)
    if (meeting.published_on and meeting.published_on > deadline
            and not (meeting.late_reason or "").strip()):
        problems.append(Problem(
            WARNING, "agenda_late_without_reason", subject,
            f"The agenda was published on {_fmt(meeting.published_on)}, after the statutory"
            f" deadline of {_fmt(deadline)}, and no reason is recorded; record the urgent"
            " business that made it late (meeting publish --late-reason)."))
    return problems


def check_agenda_decisions(meeting: Meeting, decisions: dict[str, Decision]
                           ) -> list[Problem]:
    """An item about a decision still to be taken whose decision does not record that it
    goes to that committee on that day (the agenda and the decision are one fact; a
    register imported from elsewhere may disagree)."""
    subject = f"{meeting.committee}, {_fmt(meeting.date)}"
    problems = []
    for label, item in _numbered(meeting.items):
        d = decisions.get(item.decision or "")
        if d is None or d.is_taken or d.status == "withdrawn":
            continue
        if not any(c.committee == meeting.committee and c.date == meeting.date
                   for c in d.committee_considerations):
            problems.append(Problem(
                WARNING, "agenda_item_not_on_decision", subject,
                f"Item {label} is about {d.number}, but {d.number} does not record that it"
                f" goes to the {meeting.committee} on {_fmt(meeting.date)}; send it there on"
                " its Committee tab (or take the item off the agenda)."))
    return problems


# ------------------------------------------------------------------------ register


def check_register(
    doc: RegisterDocument,
    today: dt.date | None = None,
    config: CalendarConfig = DEFAULT_CONFIG,
) -> list[Problem]:
    """Every problem in the register, sorted by subject, code and message."""
    problems: list[Problem] = []
    for committee in doc.committees:
        problems += check_membership(committee, doc)
    for decision in doc.decisions:
        problems += check_decision(decision, doc, config, today=today)
    exempt = {d.number: d.exempt_paragraph for d in doc.decisions if d.exempt_paragraph}
    by_number = {d.number: d for d in doc.decisions}
    for meeting in doc.meetings:
        problems += check_meeting(meeting, exempt, config, today)
        problems += check_agenda_decisions(meeting, by_number)
        problems += check_private_notices(meeting, exempt, by_number, doc.notices, today)
    return _sorted(problems)


# ------------------------------------------------------- meetings held in private


#: The routes on which a decision's urgency is recorded: with its reason (who agreed the
#: meeting was urgent and could not reasonably be deferred), regulation 5(6) of SI
#: 2012/2089 lets the meeting be held in private without the 28 days' notice.
URGENT_ROUTES = ("general_exception", "special_urgency")


@dataclass(frozen=True)
class PrivateItem:
    """An agenda item to be taken in private: its number as the agenda prints it, the
    decision it considers and the Schedule 12A paragraph."""

    label: str
    number: str
    paragraph: int


def private_items(meeting: Meeting, exempt_decisions: dict[str, int]) -> list[PrivateItem]:
    """The items of ``meeting`` about a decision that are exempt (marked so, under an
    exempt item, or about a decision whose record is exempt): the part of the meeting held
    in private that a notice of regulation 5 must announce. An exempt appendix alone does
    not take the meeting into private."""
    found: list[PrivateItem] = []

    def walk(items: list[AgendaItem], prefix: str, inherited: int | None) -> None:
        for i, item in enumerate(items):
            label = f"{prefix} {Decision.part_letter(i)})" if prefix else str(i + 1)
            paragraph = item.exempt_paragraph or inherited
            if item.decision:
                paragraph = paragraph or exempt_decisions.get(item.decision)
                if paragraph:
                    found.append(PrivateItem(label, item.decision, paragraph))
            walk(item.items, label, item.exempt_paragraph or inherited)

    walk(meeting.items, "", None)
    return found


def private_notices_of(published: Iterable[NoticePublication], number: str,
                       meeting: Meeting) -> tuple[NoticePublication | None,
                                                  NoticePublication | None]:
    """The earliest 28-day notice and confirmation recorded for decision ``number`` at
    ``meeting``."""
    mine = sorted((p for p in published if p.number == number
                   and (p.committee, p.date) == (meeting.committee, meeting.date)),
                  key=lambda p: p.on)
    return (next((p for p in mine if p.kind == "private"), None),
            next((p for p in mine if p.kind == "private-confirmation"), None))


def urgency_excuses(decision: Decision | None) -> bool:
    """Whether the decision records the urgency that lets its meeting go into private
    without the notices (regulation 5(6))."""
    return decision is not None and decision.route in URGENT_ROUTES \
        and not _blank(decision.urgency_reason)


def notice_deadlines(day: dt.date) -> tuple[dt.date, dt.date]:
    """The last days the 28 clear days' notice and the 5 clear days' confirmation of a
    private meeting on ``day`` can be published."""
    return (day - dt.timedelta(days=CLEAR_DAYS["private"] + 1),
            day - dt.timedelta(days=CLEAR_DAYS["private-confirmation"] + 1))


def _commands(kind: str, number: str, meeting: Meeting) -> str:
    where = f'--decision {number} --committee "{meeting.committee}" --date {meeting.date}'
    return (f"render notice --kind {kind} {where} --format pdf -o FILE, then notice publish"
            f" --kind {kind} {where} --on DATE")


def check_private_notices(meeting: Meeting, exempt_decisions: dict[str, int],
                          decisions: dict[str, Decision],
                          published: Iterable[NoticePublication],
                          today: dt.date | None = None) -> list[Problem]:
    """Each exempt item of ``meeting`` (:func:`private_items`) without the notices of
    regulation 5 of SI 2012/2089 recorded: the 28 clear days' notice of the intention to
    hold that part in private (none: a warning, an error once the meeting is too near
    for it; late: a warning) and the confirmation 5 clear days before (missing once due,
    or late: a warning). A decision whose urgency is recorded (general exception or
    special urgency, with its reason) needs neither. Subject: the decision."""
    published = list(published)
    problems: list[Problem] = []
    held = today is not None and meeting.date < today
    when = _fmt(meeting.date)
    for item in private_items(meeting, exempt_decisions):
        d = decisions.get(item.number)
        if (d is not None and d.status == "withdrawn") or urgency_excuses(d):
            continue
        notice, confirmation = private_notices_of(published, item.number, meeting)
        what = (f"Item {item.label} of the {meeting.committee} on {when} ({item.number}) is"
                f" exempt under paragraph {item.paragraph} of Part 1 of Schedule 12A, so that"
                f" part of the meeting {'was' if held else 'is to be'} held in private")
        private_by, confirm_by = notice_deadlines(meeting.date)
        if notice is None:
            near = today is not None and not held and today > private_by
            if held:
                message = (f"{what}, but no notice of the intention to hold it in private is"
                           " recorded (28 clear days before, regulation 5(2) of SI"
                           " 2012/2089); if one was published, record it:"
                           f" {_commands('private', item.number, meeting)}.")
            elif near:
                days = (meeting.date - (today or meeting.date)).days
                message = (f"{what}, but no notice of the intention to hold it in private"
                           f" has been published and the meeting is {_plural(days, 'day')}"
                           " away: 28 clear days' notice (regulation 5(2) of SI 2012/2089)"
                           f" could be given until {_fmt(private_by)}. Take the item in"
                           " public or at a later meeting, or get the chairman of the"
                           " overview and scrutiny committee to agree that it is urgent and"
                           " cannot reasonably be deferred (regulation 5(6)), record that as"
                           " the decision's urgency reason, and publish the notice at once:"
                           f" {_commands('private', item.number, meeting)}.")
            else:
                message = (f"{what}; publish the notice of the intention to hold it in"
                           f" private by {_fmt(private_by)} (28 clear days before,"
                           " regulation 5(2) of SI 2012/2089):"
                           f" {_commands('private', item.number, meeting)}.")
            problems.append(Problem(ERROR if near else WARNING, "private_notice_missing",
                                    item.number, message))
            continue
        clear = clear_days_between(notice.on, meeting.date)
        if clear < CLEAR_DAYS["private"]:
            problems.append(Problem(
                WARNING, "private_notice_late", item.number,
                f"{what}, but its notice was published on {_fmt(notice.on)}, giving"
                f" {_plural(clear, 'clear day')} where 28 are needed (regulation 5(2) of SI"
                " 2012/2089); unless the chairman of the overview and scrutiny committee"
                " agreed that the meeting is urgent and cannot reasonably be deferred"
                " (regulation 5(6): record that as the decision's urgency reason), take the"
                " item in public or at a later meeting."))
        if confirmation is None:
            if today is None or today > confirm_by:
                problems.append(Problem(
                    WARNING, "private_confirmation_missing", item.number,
                    f"{what}; the 28-day notice was published on {_fmt(notice.on)}, but the"
                    " further notice 5 clear days before the meeting, with any"
                    " representations received and the response (regulation 5(4)-(5) of"
                    f" SI 2012/2089), is not recorded (it was due by {_fmt(confirm_by)}):"
                    f" {_commands('private-confirmation', item.number, meeting)}."))
        elif clear_days_between(confirmation.on, meeting.date) \
                < CLEAR_DAYS["private-confirmation"]:
            given = clear_days_between(confirmation.on, meeting.date)
            problems.append(Problem(
                WARNING, "private_confirmation_late", item.number,
                f"{what}, but its confirmation was published on {_fmt(confirmation.on)},"
                f" giving {_plural(given, 'clear day')} where 5 are needed (regulation 5(4)"
                " of SI 2012/2089); it was due by"
                f" {_fmt(confirm_by)}."))
    return problems
