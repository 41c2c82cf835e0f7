"""Where the learner was reading: kept in reading.json, never a reason to fail (it is not their work)."""

from __future__ import annotations

import json

from grok_tui.reading_places import PLACES_FILE, ReadingPlaces


def test_places_are_saved_and_read_back(tmp_path):
    places = ReadingPlaces(tmp_path)
    assert places.get("4.5") is None
    places.set("4.5", (3, 2))
    places.set("3.1", (0, 0))  # the text's top: nothing to keep
    places.save()
    assert json.loads((tmp_path / PLACES_FILE).read_text()) == {"4.5": [3, 2]}
    assert ReadingPlaces(tmp_path).get("4.5") == (3, 2)


def test_a_damaged_or_unwritable_file_is_ignored(tmp_path):
    (tmp_path / PLACES_FILE).write_text('{"4.5": [1, -2], "5.1": "x", "6.2": [4, 0]')  # cut short
    assert ReadingPlaces(tmp_path).get("6.2") is None
    (tmp_path / PLACES_FILE).write_text('{"4.5": [1, -2], "5.1": "x", "6.2": [4, 0]}')
    places = ReadingPlaces(tmp_path)
    assert (places.get("4.5"), places.get("5.1"), places.get("6.2")) == (None, None, (4, 0))
    places.path = tmp_path / "no-such-folder" / "file-in-place-of-a-folder" / PLACES_FILE
    (tmp_path / "no-such-folder").write_text("a file where the folder should be")
    places.set("7.5", (1, 1))
    places.save()  # cannot be written: no error, the tutor goes on
    assert ReadingPlaces(None).get("4.5") is None  # no data folder (a test app)
