"""The lab instruments without Textual: the experiments table and the playground."""

from __future__ import annotations

import numpy as np
import pytest


def test_experiments_table_outcomes_and_sorting():
    from grok_tui.instruments.experiments import Table

    table = Table("error")
    a = table.start({"alpha": 1.0, "iterations": 20}, {"alpha": 1.0, "iterations": 20})
    for step, error in enumerate([0.04, 0.36, 3.24], start=1):
        a.see(step, error)
    a.state = "finished"
    b = table.start({"alpha": 0.1, "iterations": 20}, {"alpha": 1.0, "iterations": 20})
    for step, error in enumerate([0.04, 0.01, 1e-9], start=1):
        b.see(step, error)
    b.state = "finished"
    c = table.start({"alpha": 10.0, "iterations": 20}, {"alpha": 1.0, "iterations": 20})
    c.see(1, 0.04)
    c.see(2, float("inf"))
    c.state = "diverged"
    assert [r.outcome() for r in table.rows] == ["growing (3 steps)", "converged by step 3", "diverged at step 2"]
    assert [r.label() for r in table.rows] == ["defaults", "alpha=0.1", "alpha=10"]
    table.sort = "final"
    assert [r.number for r in table.ordered()] == [2, 1, 3]
    # up, not ten times: 6.2 at alpha 1 cycles for ever, and the row said only "40 steps"
    cycling = table.start({"alpha": 1.0}, {"alpha": 0.1})
    for step, error in enumerate([6.441, 8.2, 9.46], start=1):
        cycling.see(step, error)
    cycling.state = "finished"
    assert cycling.outcome() == "ended higher (3 steps)"
    table.rows.remove(cycling)
    # the same error every step, as the status line says: 4.5 at alpha 0.5 bounces for ever
    bouncing = table.start({"alpha": 0.5}, {"alpha": 1.0})
    for step in range(1, 21):
        bouncing.see(step, 0.04)
    bouncing.state = "finished"
    assert bouncing.outcome() == "stuck at 0.04"
    table.rows.remove(bouncing)
    # A run replaced before its first step (the next - came first) leaves no row; one that failed does.
    d = table.start({"alpha": 3.0, "iterations": 20}, {"alpha": 1.0, "iterations": 20})
    d.state = "cancelled"
    e = table.start({"alpha": 0.3, "iterations": 20}, {"alpha": 1.0, "iterations": 20})
    assert table.rows[-1] is e and d not in table.rows and e.number == 4
    e.state = "failed"
    table.start({"alpha": 0.5, "iterations": 20}, {"alpha": 1.0, "iterations": 20})
    assert [r.number for r in table.rows] == [1, 2, 3, 4, 5]


def test_playground_xor_needs_the_hidden_layer():
    from grok_tui.instruments.playground import Dataset, learned, train

    xor = Dataset.preset("XOR-like")
    result = train(xor)
    goals = [row[3] for row in xor.rows]
    assert all(learned(p, g) for p, g in zip(result.hidden, goals, strict=False))
    assert not all(learned(p, g) for p, g in zip(result.one_layer, goals, strict=False))
    # Each WALK row has a hidden node of its own that is on only for it.
    walk_rows = [i for i, g in enumerate(goals) if g]
    on = [set(np.nonzero(result.activations[i] > 0.1)[0]) for i in walk_rows]
    assert on[0] and on[1] and not on[0] & on[1]
    assert Dataset().rows == xor.rows  # the playground opens on lesson 6.3's lights
    book = Dataset.preset("the book's")
    assert book.correlation()[1] == pytest.approx(1.0) and book.correlation()[2] is None
    both = train(book)
    assert all(learned(p, r[3]) for p, r in zip(both.one_layer, book.rows, strict=False))


def test_playground_with_a_linear_hidden_layer_learns_no_more_than_one_layer():
    """6.3 with activation = linear: the lesson's hidden layer stalls, and the playground beside it
    kept training relu and marked every row learnt."""
    from grok_tui.instruments.playground import Dataset, learned, train

    xor = Dataset.preset("XOR-like")
    goals = [row[3] for row in xor.rows]
    linear = train(xor, activation="linear")
    assert not all(learned(p, g) for p, g in zip(linear.hidden, goals, strict=True))
    assert linear.error_hidden > 1 and train(xor).error_hidden < 0.01
    assert (linear.activations < 0).any()  # no relu: negative values pass through


def test_playground_editing():
    from grok_tui.instruments.playground import MAX_ROWS, Dataset

    data = Dataset.preset("AND")
    data.toggle(0, 3)
    assert data.rows[0] == [0, 0, 1, 1]
    assert data.add(0) == 1 and data.rows[1] == [0, 0, 1, 1] and len(data.rows) == 5
    data.remove(1)
    assert len(data.rows) == 4
    for _ in range(10):
        data.add(0)
    assert len(data.rows) == MAX_ROWS


def test_a_run_stopped_before_its_end_shows_no_final_value_and_sorts_last():
    """4.5: `-` pressed three times; alpha=0.1, replaced at its first step, showed final 0.04 beside
    "stopped at step 1", as if alpha 0.1 ended there (its run converges)."""
    from grok_tui.instruments.experiments import Table
    from grok_tui.ui.panels.experiments import table_text

    table = Table("error")
    defaults = {"alpha": 1.0}
    stopped = table.start({"alpha": 0.1}, defaults)
    stopped.see(1, 0.04)
    stopped.state = "cancelled"
    done = table.start({"alpha": 0.01}, defaults)
    for step, error in enumerate([0.04, 0.03, 0.02], start=1):
        done.see(step, error)
    done.state = "finished"
    rows = table_text(table, None, 60).plain.splitlines()
    line = next(row for row in rows if "alpha=0.1 " in row)
    assert "stopped at step 1" in line and "0.04" not in line, rows
    table.sort = "final"
    assert [r.number for r in table.ordered()] == [2, 1]


def test_a_run_of_one_step_is_said_in_the_singular():
    """7.4 at epochs 1: its row said "1 steps", and `run --json` its detail too."""
    from grok_tui.instruments.experiments import Table

    row = Table("loss").start({"epochs": 1}, {"epochs": 10})
    row.see(1, 0.5)
    row.state = "finished"
    assert row.outcome() == "1 step"
