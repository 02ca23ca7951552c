"""Matrix products for the spaCy models through numpy's OpenBLAS, one thread.

thinc multiplies matrices with its bundled BLIS by default. BLIS picks its kernels from the
CPU's vendor and model, and on CPUs it does not know (recent AMD EPYC, for one) it falls
back to its portable C kernels: three times slower than the AVX2 kernels numpy's OpenBLAS
selects on the same machine. `use_numpy_blas(nlp)` makes every model layer of the pipeline
multiply through numpy (`NumpyOps(use_blis=False)`, a thinc option) with OpenBLAS held to one
thread, so that two extraction processes on two cores do not also fight over BLAS threads;
the results are the same float32 products, so the tags, sentences and entities are unchanged
(checked by tests/extract/test_pipeline_speedpaths.py and benchmarks/extract_speed.py).

If numpy's OpenBLAS cannot be found or told to use one thread, the pipeline keeps BLIS.
The NER's per-step output-layer products stay on BLIS: spaCy's compiled loop always used
it, and fastner.py, which steps that loop from Python, puts that one layer back on BLIS.
"""
from __future__ import annotations

import ctypes
import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

# numpy >= 2 wheels bundle scipy-openblas (64-bit ints, prefixed symbols); older ones plain OpenBLAS
_SET_THREADS = ("scipy_openblas_set_num_threads64_", "scipy_openblas_set_num_threads",
                "openblas_set_num_threads64_", "openblas_set_num_threads")
_GET_THREADS = tuple(name.replace("set_", "get_") for name in _SET_THREADS)


def _openblas_libraries() -> list[Path]:
    """numpy's OpenBLAS as loaded in this process (read from /proc/self/maps on Linux)."""
    maps = Path("/proc/self/maps")
    try:
        lines = maps.read_text().splitlines()
    except OSError:
        return []
    found: dict[str, None] = {}
    for line in lines:
        parts = line.split(maxsplit=5)
        name = os.path.basename(parts[5]) if len(parts) == 6 else ""
        if "openblas" in name.lower() and ".so" in name:
            found[parts[5]] = None
    return [Path(p) for p in found]


def single_thread_openblas() -> bool:
    """Hold numpy's OpenBLAS to one thread; True if it now runs on one."""
    import numpy  # noqa: F401  (loads OpenBLAS)

    for path in _openblas_libraries():
        try:
            lib = ctypes.CDLL(str(path))
        except OSError:
            continue
        for setter, getter in zip(_SET_THREADS, _GET_THREADS):
            set_fn, get_fn = getattr(lib, setter, None), getattr(lib, getter, None)
            if set_fn is None or get_fn is None:
                continue
            set_fn.argtypes, set_fn.restype = [ctypes.c_int], None
            get_fn.argtypes, get_fn.restype = [], ctypes.c_int
            set_fn(1)
            if get_fn() == 1:
                return True
    return False


def use_numpy_blas(nlp: "Language") -> bool:
    """Route every model layer's matrix products through numpy; False if BLIS stays."""
    if not single_thread_openblas():
        return False
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        if type(model.ops).__name__ != "NumpyOps":
            continue  # a GPU or other backend: leave it alone
        for layer in model.walk():
            layer.ops = ops
    return True
