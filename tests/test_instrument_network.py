"""The network instrument without Textual: its model stage by stage and its text drawing."""

from __future__ import annotations

import numpy as np
import pytest

from grok_tui.engine.runner import LessonRun, RunState
from grok_tui.instruments.network import edge_mark, picture, strength
from grok_tui.instruments.network_text import draw, short
from grok_tui.instruments.refs import resolve
from grok_tui.lesson.catalog import load_catalog
from grok_tui.lesson.model import Network
from tests.conftest import LESSONS
from tests.instruments_util import plain


# -- network ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def run_64(catalog):
    run = LessonRun(catalog.get("6.4"), {})
    run.run_sync()
    return catalog.get("6.4"), run


def test_network_of_64_stage_by_stage(run_64):
    lesson, run = run_64
    values: dict = {}
    for step in run.steps[:4]:
        values.update(step.values)
    pic = picture(lesson.network, values, run.steps[3].values)
    sizes = [layer.size for layer in pic.layers]
    assert sizes == [3, 3, 1]
    hidden = pic.layers[1]
    # The book's numbers: only the middle hidden node is on; relu switched the others off.
    assert hidden.off.tolist() == [True, False, True]
    assert np.allclose(hidden.deltas, [0, 0.16505256553967024, 0])
    assert hidden.delta_lit and not hidden.lit
    assert pic.stage == "4 backprop: layer_1_delta"
    assert pic.links[0].weights.shape == (3, 3) and pic.links[1].weights.shape == (3, 1)
    assert pic.links[0].deltas is None  # weight deltas come at stage 5


def test_network_text_shows_values_marks_and_legend(run_64):
    lesson, run = run_64
    values: dict = {}
    for step in run.steps[:5]:
        values.update(step.values)
    text = plain(draw(picture(lesson.network, values, run.steps[4].values), 78))
    lines = text.splitlines()
    assert lines[0] == "computing: 5 weight deltas"
    assert "weights_0_1" in lines[1] and "→2" in lines[2]
    assert "1 ● +.132" in text and "✕ 0" in text and "δ +.165" in text and "Δ -.135" in text
    # The unlit lamp is hollow, so it does not read as lit in a terminal without colour.
    assert lines[5].startswith("1 ○ 0 ") and lines[3].startswith("0 ● +1.00")
    assert "━ +  ╍ −" in text
    assert max(len(line) for line in lines) <= 78


def test_a_lab_view_at_80_or_120_columns_shows_the_weights_of_65(catalog):
    # 6.5's 3-4-1 network: the full form needs 84 columns; the lab view's panel has 76 (80x24) or
    # 72 (120x40): the weights' numbers still show, without the nodes' numbers.
    lesson = catalog.get("6.5")
    run = LessonRun(lesson, {})
    run.run_sync()
    pic = picture(lesson.network, run.namespace)
    weights = np.asarray(run.namespace["weights_1_2"], dtype=float)
    for width in (76, 72):
        lines = plain(draw(pic, width)).splitlines()
        text = "\n".join(lines)
        assert all(short(w) in text for w in weights.reshape(-1)), text
        assert "0 ●" not in text and "lamps" in lines[0] and "walk?" in lines[0]
        assert "weights_1_2 " in lines[0]  # its one column is narrower: it takes spare room after it
        assert max(len(line) for line in lines) <= width
    assert "━" in plain(draw(pic, 50)) and short(weights[1, 0]) not in plain(draw(pic, 50))  # marks only


def test_labels_wider_than_their_columns_take_spare_room_and_are_cut_only_without_it():
    # 6.2's first layer is "lamps (last light)" over nodes 10 columns wide: the wire after it grows,
    # the weights and their numbers move right with their arrows. Without the room, the label is cut.
    net = Network(layers=("lamps", "walk"), weights=("weights",), labels=("lamps (last light)", "walk?"))
    values = {"lamps": np.array([1.0, 0.0, 1.0]), "weights": np.array([[0.014], [1.014], [-0.016]]), "walk": 0.0}
    lines = plain(draw(picture(net, values), 60, legend=False)).splitlines()
    assert lines[0].startswith("lamps (last light) weights")
    arrow = lines[1].index("→walk?")  # the column named by the node it feeds
    assert lines[2].startswith("0 ● +1.00 ─") and lines[2].index("━") == arrow == lines[0].index("weights")
    assert lines[3].startswith("1 ○ 0     ─") and "+1.01" in lines[3]
    assert set(lines[2][10:arrow].strip()) == {"─"}  # one wire, no gap between node and weight
    narrow = plain(draw(picture(net, values), 34, legend=False)).splitlines()
    assert narrow[0].startswith("lamps (last … weights") and max(map(len, narrow)) <= 34
    # Three outputs named in their label: each column says which it feeds (3.6, 5.5: `→0 →1 →2`
    # read as nothing beside a lesson about rows and columns); names too long for a column: numbers.
    named = Network(layers=("x", "y"), weights=("w",), labels=("toes, wlrec, nfans", "hurt, win, sad"))
    grid = {"x": np.ones(3), "w": np.ones((3, 3)), "y": np.ones(3)}
    assert plain(draw(picture(named, grid), 60)).splitlines()[1].split() == ["→hurt", "→win", "→sad"]
    long = Network(layers=("x", "y"), weights=("w",), labels=("x", "first output, second output, third"))
    assert plain(draw(picture(long, grid), 60)).splitlines()[1].split() == ["→0", "→1", "→2"]
    # A number too small for its 5 columns shows as a bare power of ten, and the key says so
    # (5.4 at alpha 3.2: `δ -e-10`, unexplained)
    tiny = Network(layers=("x", "y"), weights=("w",), deltas=("", "d"))
    small = {
        "x": np.array([0.65]),
        "w": np.array([[0.3, 0.9]]),
        "y": np.array([0.1, 1.0]),
        "d": np.array([-1.5e-10, 0.5]),
    }
    drawn = plain(draw(picture(tiny, small), 60))
    assert "δ -e-10" in drawn and drawn.rstrip().endswith("-e-10: -10⁻¹⁰ or so")
    # too narrow for the weights' numbers, the nodes still show theirs, and the key says it of them
    # (6.5 in the lab at 120x40: `●-e-13` over a key without its meaning)
    deep = Network(layers=("x", "h", "y"), weights=("a", "b"))
    tiny_output = {
        "x": np.ones(3),
        "a": np.full((3, 4), 0.5),
        "h": np.ones(4),
        "b": np.ones((4, 1)),
        "y": np.array([-1.5e-13]),
    }
    compact = plain(draw(picture(deep, tiny_output), 56))
    assert "+.500" not in compact and "●-e-13" in compact, compact
    assert compact.rstrip().endswith("-e-13: -10⁻¹³ or so"), compact
    # ✕ only where relu switched a hidden node off: 3.7's hidden layer (no relu, hid -0.22) and 6.3
    # with activation = linear showed "✕ off" in the key to a learner who had not met relu
    linear = Network(layers=("x", "h", "y"), weights=("a", "b"))
    hidden = {"x": np.ones(2), "a": np.ones((2, 2)), "h": np.array([-0.22, 0.5]), "b": np.ones((2, 1)), "y": 0.28}
    assert "✕" not in plain(draw(picture(linear, hidden), 70))
    hidden["h"] = np.array([0.0, 0.5])
    assert "✕ off" in plain(draw(picture(linear, hidden), 70))
    # The key names only the marks this diagram can show: no hidden layer, no deltas here.
    assert plain(draw(picture(net, values), 60)).splitlines()[-1] == "━ +  ╍ −  longer: bigger  lit: computed now"
    assert plain(draw(picture(net, values), 36)).splitlines()[-2:] == ["━ +  ╍ −  longer: bigger", "lit: computed now"]


def test_network_too_narrow_says_the_gist(run_64):
    lesson, run = run_64
    pic = picture(lesson.network, run.namespace)
    text = plain(draw(pic, 20))
    # After the repeats the book's seed has killed the only live node: every hidden node is off.
    assert "hidden: 0 0 0" in text and "z: zoom" in text
    assert pic.layers[1].off.all()


def test_ch3_matrices_stored_as_rows_of_outputs_are_turned(catalog):
    lesson = catalog.get("3.6")
    run = LessonRun(lesson, {})
    run.run_sync()
    pic = picture(lesson.network, run.namespace)
    weights = np.asarray(run.namespace["weights"], dtype=float)
    # weights[output][input] in the book; the diagram's matrix is [input][output].
    assert np.array_equal(pic.links[0].weights, weights.T)


def test_edge_marks_differ_by_glyph_and_length():
    assert edge_mark(0.9, 1.0) == "━━━" and edge_mark(-0.9, 1.0) == "╍╍╍"
    assert edge_mark(0.3, 1.0) == "━━ " and edge_mark(-0.1, 1.0) == "╍  "
    assert edge_mark(0.0, 1.0) == " · "
    assert [strength(w, 1.0) for w in (0, 0.1, 0.3, 0.7)] == [0, 1, 2, 3]


def test_short_numbers_fit_five_columns():
    cases = {0: "0", 1: "+1.00", -0.1317: "-.132", 12.34: "-12.3"[0:0] + "+12.3", 4e-5: "+4e-5", 1e9: "+1e9"}
    # where the digit does not fit, the power of ten alone: a cell cut "+2e-12" to "+2e-1" (0.1),
    # and 5.5's diverged weights, "-3e153", to "-3e15"
    cases |= {1.5e-12: "+e-12", -2.68e153: "-e153", 3e15: "+3e15", 1e-120: "+0"}
    # thousands: 5.4 at alpha 1 drew 33460 as "+3e4" (30000)
    cases |= {33460: "+33k", -9999.4: "-9999", 10000: "+10k", 999_400: "+999k", 999_600: "+1e6"}
    for value, want in cases.items():
        assert short(value) == want
        assert len(short(value)) <= 5


def test_resolve_indexes():
    values = {"weights": [[1, 2], [3, 4]], "x": 5}
    assert resolve("weights[1][0]", values) == 3 and resolve("x", values) == 5
    assert resolve("weights[5]", values) is None and resolve("nope", values) is None


def test_one_node_feeding_several_draws_a_weight_beside_each_node_it_feeds(catalog):
    """5.4's one input and three outputs drew their three weights in one row, which read as a chain
    through them; now each weight is on the row of the output it feeds."""
    lesson = catalog.get("5.4")
    run = LessonRun(lesson, {})
    assert run.run_sync().state is RunState.FINISHED
    try:
        pic = picture(lesson.network, run.namespace)
        lines = plain(draw(pic, 76)).splitlines()
        weights = np.asarray(run.namespace["weights"], dtype=float).reshape(-1)
        preds = np.asarray(run.namespace["pred"], dtype=float).reshape(-1)
        rows = [line for line in lines if "●" in line]
        assert len(rows) == 3 and "→" not in "".join(lines)  # no crossbar headers
        for j, line in enumerate(rows):  # the weight to output j, then output j, on one line
            assert line.index(short(float(weights[j]))) < line.index(f"{j} ● {short(float(preds[j]))}"), line
        assert rows[1].lstrip().startswith("├") and rows[2].lstrip().startswith("╰")
    finally:
        run.close()


COURSE_NETWORKS = [
    (lesson, params)
    for lesson in load_catalog(LESSONS).lessons
    if lesson.network
    for params in ({}, *lesson.check_with)
]


@pytest.mark.parametrize(
    ("lesson", "params"),
    COURSE_NETWORKS,
    ids=[" ".join([lesson.id, *(f"{k}={v}" for k, v in params.items())]) for lesson, params in COURSE_NETWORKS],
)
def test_a_diagram_is_drawn_from_one_moment_of_the_run(lesson, params):
    """Every value a diagram draws is one a step records, and each layer is what the layer before
    it and the weights between them make (a weighted sum, or its relu), at every step. A name no step
    records showed the last run's value during a run (5.4's input: no nodes at all in a first run),
    and weights recorded after their update sat beside the prediction they had not made (6.2); with
    `convention = columns`, 3.7 drew its matrices read as rows. Only
    weights updated at a later step than the layer may differ from the ones that made it."""
    net = lesson.network
    names = {ref.partition("[")[0] for ref in (*net.layers, *net.weights, *net.deltas, *net.weight_deltas) if ref}
    run = LessonRun(lesson, dict(params))
    assert run.run_sync().state in (RunState.FINISHED, RunState.DIVERGED)
    recorded = set().union(*(step.values for step in run.steps))
    assert names <= recorded, f"{lesson.path}: the diagram draws {sorted(names - recorded)}, which no step records"
    values: dict = {}
    when: dict[str, int] = {}
    for number, step in enumerate(run.steps, 1):
        values.update(step.values)
        when.update(dict.fromkeys(step.values, number))
        pic = picture(net, values)
        for before, link, after in zip(pic.layers, pic.links, pic.layers[1:], strict=False):
            if before.values is None or after.values is None or link.weights is None:
                continue
            if when[after.name.partition("[")[0]] < when[link.name.partition("[")[0]]:
                continue  # weights updated since the pass (6.4's stage 6, lit as new): not its maker
            sums = np.asarray(before.values, dtype=float) @ np.asarray(link.weights, dtype=float)
            made = np.allclose(after.values, sums) or np.allclose(after.values, np.maximum(sums, 0))
            assert made, (
                f"{lesson.id} step {number}: {after.name} {after.values} is not made by {link.name} from {before.name}"
            )


def test_a_matrix_name_cut_short_keeps_the_end_that_tells_it_apart():
    """6.5 at 120x40: `weights_1_2` over its one-column crossbar read `we…`, as `weights_0_1` would."""
    from grok_tui.instruments.network_text import _Header

    header = _Header()
    header.put(0, "hidden", "bold")
    header.put(8, "weights_1_2", "dim", keep_end=True)
    header.put(14, "walk? now", "bold")
    assert header.text(20).plain == "hidden  …_1_2 walk?…"  # the layer names keep their start
