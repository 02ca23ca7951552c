"""numpy, imported on first use.

The bulk scorer (topn.py), the raw posting decoder and the sidecars need it, but importing it
costs ~60 ms that a CLI search over small posting lists, or the reader's first frame, should
not pay. `index.search` never imports numpy at module level."""
from __future__ import annotations

_np = None


def numpy():
    """The numpy module (imported once, on the first call)."""
    global _np
    if _np is None:
        import numpy as np

        _np = np
    return _np


def loaded() -> bool:
    """Whether numpy has been imported through `numpy()` yet."""
    return _np is not None
