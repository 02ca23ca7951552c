"""Where newsdesk keeps its files (platformdirs; overridable)."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import user_config_dir, user_data_dir

APP = "newsdesk"


def data_dir() -> Path:
    """User data dir (XDG_DATA_HOME/newsdesk on Linux); NEWSDESK_DATA overrides."""
    env = os.environ.get("NEWSDESK_DATA")
    return Path(env) if env else Path(user_data_dir(APP, appauthor=False))


def config_dir() -> Path:
    env = os.environ.get("NEWSDESK_CONFIG")
    return Path(env) if env else Path(user_config_dir(APP, appauthor=False))


def default_index_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """`--index DIR` beats NEWSDESK_INDEX beats <data dir>/index."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("NEWSDESK_INDEX")
    return Path(env) if env else data_dir() / "index"


def seeds_dir() -> Path:
    """The shipped seed articles: the checkout's seeds/ folder, else the installed copy."""
    checkout = Path(__file__).resolve().parent.parent / "seeds"
    if checkout.is_dir():
        return checkout
    return Path(sys.prefix) / "share" / "newsdesk" / "seeds"
