"""The reader's TOML config: `index.paths.config_dir()/config.toml`.

    theme = "nord"                 # any Textual theme name
    clipboard = "both"             # osc52 | pyperclip | both
    [keys]                         # binding id = "key[,key...]"
    "article.copy_quote" = "y"
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from index.errors import NewsdeskError
from index.paths import config_dir

CLIPBOARD_MODES = ("osc52", "pyperclip", "both")


class ConfigError(NewsdeskError):
    """The config file cannot be used; the message names the file and the reason."""


@dataclass
class ReaderConfig:
    theme: str | None = None
    clipboard: str = "both"
    keys: dict[str, str] = field(default_factory=dict)
    path: Path | None = None


def config_path() -> Path:
    return config_dir() / "config.toml"


def load_config(path: Path | None = None) -> ReaderConfig:
    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ReaderConfig()
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror or exc})") from None
    import tomllib  # only with a config file to read: the reader's start does not wait for it

    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML ({exc})") from None
    config = ReaderConfig(path=path)
    unknown = sorted(set(raw) - {"theme", "clipboard", "keys"})
    if unknown:
        raise ConfigError(f"{path}: unknown setting {unknown[0]!r} (known: theme, clipboard, keys)")
    theme = raw.get("theme")
    if theme is not None and not isinstance(theme, str):
        raise ConfigError(f"{path}: 'theme' must be a string")
    config.theme = theme
    clipboard = raw.get("clipboard", "both")
    if clipboard not in CLIPBOARD_MODES:
        raise ConfigError(f"{path}: 'clipboard' must be one of {', '.join(CLIPBOARD_MODES)}")
    config.clipboard = clipboard
    keys = raw.get("keys", {})
    if not isinstance(keys, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in keys.items()
    ):
        raise ConfigError(f"{path}: [keys] must map binding ids to key names, e.g. \"app.quit\" = \"q\"")
    config.keys = dict(keys)
    return config
