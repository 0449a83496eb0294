"""The Register screen's filter as SQL conditions, the same on both stores but for the
placeholder (``?`` or ``%s``) and how a boolean is kept (0/1 or true/false); the search
itself differs (FTS5 or tsvector) and stays with each store."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from governance.ports import DecisionFilter


def filter_conditions(f: DecisionFilter, mark: str,
                      boolean: Callable[[bool], Any]) -> tuple[list[str], list[Any]]:
    """Every condition of ``f`` except its search, with its parameters."""
    clauses: list[str] = []
    params: list[Any] = []
    if f.status:
        clauses.append(f"d.status = {mark}")
        params.append(f.status)
    if f.committee:
        clauses.append("d.number IN (SELECT cc.decision_number FROM"
                       " committee_considerations cc JOIN committees c"
                       f" ON c.id = cc.committee_id WHERE c.name = {mark})")
        params.append(f.committee)
    if f.decision_maker:
        clauses.append(f"d.decision_maker = {mark}")
        params.append(f.decision_maker)
    if f.key_decision == "unrecorded":
        clauses.append("d.key_decision IS NULL")
    elif f.key_decision is not None:
        clauses.append(f"d.key_decision = {mark}")
        params.append(boolean(bool(f.key_decision)))
    if f.year:
        clauses.append(f"substr(d.number, 1, 2) = {mark}")
        params.append(f"{f.year % 100:02d}")
    return clauses, params
