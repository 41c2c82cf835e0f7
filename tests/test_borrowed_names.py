"""A learner's function that reads the test's variables instead of its own arguments: it passed the
check (code and test share one namespace) and the lesson then stopped at a NameError."""

from __future__ import annotations

from grok_tui.engine.borrowed_names import borrowed_from_test
from grok_tui.engine.exercises import check_code

# 3.2's text calls the two lists a and b; the learner named the arguments otherwise.
W_SUM_ON_THE_TESTS_LISTS = """\
def w_sum(inputs, weights):
    assert len(inputs) == len(weights)
    output = 0
    for i in range(len(a)):
        output += a[i] * b[i]
    return output
"""


def test_a_function_that_passes_on_the_tests_variables_does_not_pass(catalog):
    exercise = catalog.get("3.2").exercise("w_sum")
    verdict = check_code(exercise, W_SUM_ON_THE_TESTS_LISTS)
    assert not verdict.passed
    assert verdict.headline == (
        "Not yet: your code reads `a` and `b`, which it neither takes as an argument nor sets: the check "
        "lent it the test's own, which the lesson does not have. Use what your function is given (`w_sum` "
        "takes `inputs, weights`)."
    ), verdict.text
    # with its own arguments it passes
    fixed = W_SUM_ON_THE_TESTS_LISTS.replace("len(a)", "len(inputs)").replace("a[i] * b[i]", "inputs[i] * weights[i]")
    assert check_code(exercise, fixed).passed


def test_a_failure_caused_by_a_tests_variable_says_so_first(catalog):
    """4.1: `squared_error(pred, goal)` computing with goal_pred failed on "low and high should cost
    the same": the maths was right, the name was the test's."""
    exercise = catalog.get("4.1").exercise("squared_error")
    verdict = check_code(exercise, "def squared_error(pred, goal):\n    return (pred - goal_pred) ** 2\n")
    assert not verdict.passed
    assert verdict.details[0].startswith("Your code reads `goal_pred`, which it neither takes"), verdict.text
    # and alone: the test's own words are about its variables ("should cost the same")
    assert len(verdict.details) == 1, verdict.text
    assert "(`squared_error` takes `pred, goal`)" in verdict.details[0]


def test_the_lessons_own_names_and_the_references_are_not_borrowed(catalog):
    """7.4's test sets `activation` for the functions it stands in for (the lesson's param): a learner
    reading it is not reading test data. No reference solution borrows anything."""
    backprop = catalog.get("7.4").exercise("backprop")
    reads_activation = "def backprop(layer_0, target, net):\n    return activation, x\n"
    assert borrowed_from_test(reads_activation, backprop.test.source, backprop.solution.source) == ["x"]
    for lesson in catalog.lessons:
        for e in lesson.exercises:
            assert borrowed_from_test(e.solution.source, e.test.source, e.solution.source, e.stub.source) == [], e.name
