"""A verdict on code indented wrong names the slip, not only the line Python stopped at: a body line
typed at column 0 (Python then complains of the next line), an indent measured against the
statement above, a return outside its function, a block of comments only, a return at the def's
depth, a tab mixed with spaces. (Names misspelt or misused: test_verdict_names.py.)"""

from __future__ import annotations

from grok_tui.engine.exercises import check_code


def test_an_unexpected_indent_after_a_line_that_ended_the_block_names_that_line(catalog):
    """4.1: "unexpected indent. line 4, indented 4 spaces (the line above: 0): return 0.0"; the slip
    was line 3, at column 0 inside the function."""
    exercise = catalog.get("4.1").exercises[0]
    code = "def squared_error(pred, goal_pred):\n    miss = pred - goal_pred\nsquare = miss ** 2\n    return 0.0\n"
    verdict = check_code(exercise, code)
    assert verdict.details == (
        "line 4, indented 4 spaces (the line above: 0 spaces): return 0.0",
        "Line 3 (`square = miss ** 2`) is indented 0 spaces, less than the line before it (4 spaces): it ended "
        "that block early, so line 4's indentation was unexpected. Indent line 3 like the lines around it.",
    )
    # a line simply indented too far: only where it is (its line above is no shorter than the one before)
    code = "def squared_error(pred, goal_pred):\n    miss = pred - goal_pred\n        return 0.0\n"
    assert check_code(exercise, code).details == ("line 3, indented 8 spaces (the line above: 4 spaces): return 0.0",)


def test_an_unexpected_indent_is_measured_against_the_statement_above_not_its_bracketed_line(catalog):
    """7.4: after a `return [...,` on two lines, a new line `        x = 1 +` was told "indented 8
    spaces (the line above: 12)": 12 was the bracket's continuation line, no block's depth (the
    return is at 4), and "(the line above: 12)" read as a line number."""
    backprop = catalog.get("7.4").exercise("backprop")
    code = backprop.solution.source.rstrip() + "\n        x = 1 +\n"
    assert code.splitlines()[16].startswith("            np.dot(layer_1.T")  # the return's second line
    verdict = check_code(backprop, code)
    assert verdict.headline == "Python cannot read your code: unexpected indent."
    assert verdict.details == ("line 18, indented 8 spaces (the statement above, from line 16: 4 spaces): x = 1 +",)
    # a continuation line less indented than its statement ends no block either
    exercise = catalog.get("4.1").exercises[0]
    code = "def squared_error(pred, goal_pred):\n    miss = (pred -\ngoal_pred)\n        return 0.0\n"
    assert check_code(exercise, code).details == (
        "line 4, indented 8 spaces (the statement above, from line 2: 4 spaces): return 0.0",
    )


def test_a_return_outside_the_function_names_the_line_that_ended_it(catalog):
    """5.5: loops typed at column 0 inside outer_prod, then "'return' outside function. line 8:
    return out": the slip was line 5, where the function ended."""
    exercise = catalog.get("5.5").exercise("outer_prod")
    code = (
        "import numpy as np\n\ndef outer_prod(a, b):\n    out = np.zeros((len(a), len(b)))\n"
        "for i in range(len(a)):\n    for j in range(len(b)):\n        out[i][j] = a[i] * b[j]\n    return out\n"
    )
    verdict = check_code(exercise, code)
    assert verdict.headline.startswith("Python cannot read your code: 'return' outside function")
    assert verdict.details[-1] == (
        "Line 5 (`for i in range(len(a)):`) is indented 0 spaces, as much as `def outer_prod`: it ended the "
        "function there, so line 8 is outside it. Indent line 5 and the lines after it into the function."
    )


def test_a_block_that_holds_only_comments_is_said_to_have_no_code_yet(catalog):
    """3.6's stub with its `return` deleted, only the `# TODO` left: "expected an indented block after
    function definition on line 5. line 6, indented 4 spaces (the line above: 0 spaces): # TODO: ...",
    the comment's indentation, where the cause is that a comment is no body."""
    exercise = catalog.get("3.6").exercise("vect_mat_mul")
    stub = exercise.stub.source
    only_todo = stub.replace("    return [0] * len(matrix)", "")
    assert only_todo.rstrip().endswith("# TODO: one w_sum of vect with each row of the matrix")
    verdict = check_code(exercise, only_todo)
    assert verdict.headline.startswith("Python cannot read your code: expected an indented block")
    assert verdict.details == (
        "The function `vect_mat_mul` has no code yet: a comment is not a body, and a function needs at "
        "least one statement. Write its lines under line 5, indented (or `pass` for now).",
    )
    nothing = check_code(exercise, stub.split("    # TODO")[0])  # the whole body deleted
    assert "`vect_mat_mul` has no code yet: a function needs" in nothing.details[0], nothing.details
    # a loop's body left as a comment, the code after it at the loop's depth
    loop = stub.replace("    return [0] * len(matrix)", "    for row in matrix:\n        # add w_sum\n    return []")
    assert check_code(exercise, loop).details[0].startswith("The `for` on line 7 has no code yet: a comment")
    # a body typed at column 0: the indentation is the point, and is still measured
    flat = check_code(exercise, stub.replace("    # TODO: one w_sum of vect with each row of the matrix\n    ", ""))
    assert flat.details == ("line 6, indented 0 spaces (the line above: 0 spaces): return [0] * len(matrix)",)


def test_a_return_typed_at_the_defs_own_depth_is_told_to_indent(catalog):
    """6.4's relu2deriv: ctrl+u took the `return` line's indentation with it, and the verdict gave only
    Python's "'return' outside function"."""
    exercise = catalog.get("6.4").exercise("relu2deriv")
    code = exercise.stub.source.replace("    return np.ones_like(output)", "return (output > 0).astype(int)")
    assert code.splitlines()[5] == "return (output > 0).astype(int)"
    verdict = check_code(exercise, code)
    assert verdict.headline.startswith("Python cannot read your code"), verdict.headline
    assert (
        "Line 6 (`return (output > 0).astype(int)`) is indented 0 spaces, as much as `def relu2deriv`" in verdict.text
    )
    assert "Indent it into the function, 4 spaces." in verdict.text, verdict.text


def test_a_tab_is_said_to_be_a_tab_and_mixing_it_with_spaces_is_explained(catalog):
    """6.3's relu with a tab before `return y`, under a 4-space line: "line 6, indented 1 spaces (the
    line above: 4 spaces)", while the editor drew the tab 4 columns wide, like the line above."""
    relu = catalog.get("6.3").exercise("relu")
    code = "def relu(x):\n    y = x.copy()\n    y[y < 0] = 0\n\treturn y\n"
    verdict = check_code(relu, code)
    assert verdict.headline.startswith("Python cannot read your code: inconsistent use of tabs"), verdict
    assert verdict.details[0] == "line 4, indented a tab (the line above: 4 spaces): return y", verdict.details
    assert verdict.details[1] == (
        "Line 4 is indented with a tab, a line above it with spaces: Python will not guess how many "
        "spaces a tab is worth. Indent with spaces only (the tutor's editor turns Tab into 4)."
    )


def test_said_names_spaces_and_tabs():
    from grok_tui.engine.indent_hints import said

    assert [said(x) for x in ("x", " x", "    x", "\tx", "\t\tx", "\t  x")] == [
        "0 spaces",
        "1 space",
        "4 spaces",
        "a tab",
        "2 tabs",
        "a tab and 2 spaces",
    ]


def test_a_body_typed_at_column_0_under_an_indented_comment_is_said_to_be_unindented(catalog):
    """4.3b's body typed at column 0 under the stub's indented TODO: "The function `slope` has no
    code yet: a comment is not a body" was said of a function whose code was there."""
    slope = catalog.get("4.3b").exercises[0]
    lines = slope.stub.source.splitlines()
    code = "\n".join(
        "return 2 * (input * weight - goal_pred) * input" if x.strip().startswith("return") else x for x in lines
    )
    verdict = check_code(slope, code + "\n")
    assert "has no code yet" not in verdict.text, verdict.text
    assert (
        "Line 4 (`return 2 * (input * weight - goal_pred) * input`) is indented 0 spaces, as much as line 1 "
        "(`def slope(weight, input, goal_pred):`), so it is not in its block, which holds only comments. "
        "Indent it 4 spaces (and each line after it that belongs in the block)."
    ) in verdict.text, verdict.text
