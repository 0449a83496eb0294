"""What a resolution typed on a decision's agenda item says the committee's outcome was
(issue 15): the minutes and the decision keep that one fact once."""

from __future__ import annotations

import re

from governance.vocab import OUTCOMES

#: A committee outcome as a clerk may type it ("endorsed", "not endorsed", "not_endorsed").
OUTCOME_WORDS = {o.replace("_", " "): o for o in OUTCOMES} | {o: o for o in OUTCOMES}


def typed_outcome(resolved: str) -> tuple[str, str | None] | None:
    """The committee outcome a typed resolution states: an outcome word ("endorsed",
    "recommendations made: TEXT"), or a resolution whose ending says it ("... be
    endorsed."); None when it states none."""
    said = " ".join(resolved.split())
    word, _, rest = said.partition(":")
    key = word.strip().lower()
    if key in OUTCOME_WORDS:
        outcome = OUTCOME_WORDS[key]
        return outcome, (rest.strip() or None) if outcome == "recommendations_made" else None
    low = said.lower().rstrip(". ")
    if re.search(r"\bnot be endorsed$", low):
        return "not_endorsed", None
    if re.search(r"\bbe endorsed$", low):
        return "endorsed", None
    if re.search(r"\bbe deferred(?: to [a-z ]+)?$", low):
        return "deferred", None
    if re.search(r"\bbe noted$", low):
        return "noted", None
    if re.search(r"\brecommendations?\b.*\bbe made\b|\bbe recommended\b", low):
        return "recommendations_made", said
    return None


__all__ = ["OUTCOME_WORDS", "typed_outcome"]
