"""House style shared by every document: the council's words, dates, money, fonts.

The council's name, the labels and the stock phrases are configuration, not code:
``templates/house_style.json`` ships Kent's; a ``house_style.json`` in the user
configuration folder overrides any of its keys.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from governance.errors import UserError
from governance.model import Council

FONT_DIR = Path(__file__).resolve().parent / "fonts"
#: Liberation Sans (SIL OFL): metric-compatible with Arial, which Kent's papers use,
#: and shipped with the app so a PDF looks the same everywhere.
FONT_FILES = {
    "regular": FONT_DIR / "LiberationSans-Regular.ttf",
    "bold": FONT_DIR / "LiberationSans-Bold.ttf",
    "italic": FONT_DIR / "LiberationSans-Italic.ttf",
    "bolditalic": FONT_DIR / "LiberationSans-BoldItalic.ttf",
}


class HouseStyleError(UserError):
    """The house style override cannot be used: says which file and what is wrong."""


def user_config_dir() -> Path:
    import platformdirs

    return platformdirs.user_config_path("DecisionDesk", appauthor=False)


def _merge(base: dict[str, Any], override: dict[str, Any], where: str) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for key, value in override.items():
        if key not in base:
            raise HouseStyleError(f"{where}: unknown key {key!r}")
        if isinstance(base[key], dict):
            if not isinstance(value, dict):
                raise HouseStyleError(f"{where}: {key!r} must be an object")
            out[key] = _merge(base[key], value, f"{where}.{key}")
        else:
            out[key] = value
    return out


@lru_cache(maxsize=8)
def _load(override_path: str | None) -> dict[str, Any]:
    text = resources.files("templates").joinpath("house_style.json").read_text("utf-8")
    style = json.loads(text)
    if override_path and Path(override_path).is_file():
        try:
            override = json.loads(Path(override_path).read_text("utf-8"))
        except (OSError, ValueError) as exc:
            raise HouseStyleError(f"{override_path}: cannot be read ({exc})") from None
        style = _merge(style, override, override_path)
    return style


def house_style(config_dir: Path | None = None) -> dict[str, Any]:
    """Kent's house style, overridden by ``house_style.json`` in the configuration folder."""
    folder = config_dir if config_dir is not None else user_config_dir()
    return copy.deepcopy(_load(str(folder / "house_style.json")))


def house_style_for(council: Council | None, config_dir: Path | None = None
                    ) -> dict[str, Any]:
    """The house style for documents of a register: the council's name is the one the
    register was made for (its interchange ``council``), when it has one."""
    style = house_style(config_dir)
    if council is not None and council.name:
        style["council_name"] = council.name
        style["council_name_upper"] = council.name.upper()
    return style


def ordinal(n: int) -> str:
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def long_date(day: dt.date) -> str:
    """``18 September 2020``."""
    return f"{day.day} {day:%B %Y}"


def day_date(day: dt.date) -> str:
    """``Tuesday, 29 September 2020``."""
    return f"{day:%A}, {day.day} {day:%B %Y}"


def cover_date(day: dt.date) -> str:
    """The front sheet's first style: ``Thursday, 23rd November, 2023``."""
    return f"{day:%A}, {ordinal(day.day)} {day:%B}, {day.year}"


def money(amount: Decimal | int | float | str) -> str:
    """``3087241.01`` -> ``£3,087,241.01``; whole pounds without pence: ``£1,000,000``."""
    value = Decimal(str(amount)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    value = abs(value)
    text = f"{value:,.2f}"
    if text.endswith(".00") and Decimal(str(amount)) == value.to_integral_value():
        text = text[:-3]
    return f"{sign}£{text}"
