"""A run's final values: unpickled when first read, and their bytes then dropped (7.5's namespace is
3.8 MiB pickled), the mapping unchanged to its readers. Values its process kept (None here, see
tests/test_mem_kept_values.py) are read from that process, and cannot be once it has ended."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

from grok_tui.engine.namespace import Namespace


def test_a_value_read_once_keeps_its_object_not_its_bytes():
    images = np.arange(12.0).reshape(3, 4)
    ns = Namespace({"images": pickle.dumps(images), "alpha": pickle.dumps(0.1)})
    first = ns["images"]
    assert np.array_equal(first, images) and ns["images"] is first  # the same object, read again
    assert "images" not in ns._pickled and "alpha" in ns._pickled  # only the read value's bytes go
    assert "images" in ns and list(ns) == ["images", "alpha"] and len(ns) == 2
    assert dict(ns) == {"images": first, "alpha": 0.1}


def test_an_unknown_or_unreadable_name_is_a_key_error_and_stays_listed():
    ns = Namespace({"broken": b"not a pickle"})
    with pytest.raises(KeyError, match="broken cannot be read here"):
        ns["broken"]
    assert "broken" in ns and list(ns) == ["broken"]
    with pytest.raises(KeyError):
        ns["nothing"]


def test_a_value_kept_by_a_process_that_is_gone_is_a_key_error_and_stays_listed():
    ns = Namespace({"images": None, "alpha": pickle.dumps(0.1)})
    with pytest.raises(KeyError, match="images cannot be read here: the lesson's process has ended"):
        ns["images"]
    assert ns.get("images") is None and "images" in ns and list(ns) == ["images", "alpha"]
    assert ns["alpha"] == 0.1
    ns.take_kept()  # nothing to take from: no process
    assert ns.get("images") is None
