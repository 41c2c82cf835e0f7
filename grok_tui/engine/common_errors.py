"""Python's and numpy's words for a beginner's usual slips, and what to do about each: advice added
to an exercise verdict whose error says what broke but not why."""

from __future__ import annotations

import ast
import re

from grok_tui.engine.attribute_advice import attribute_advice
from grok_tui.engine.call_advice import call_advice
from grok_tui.engine.code_advice import looped_item
from grok_tui.engine.index_advice import crossed_index
from grok_tui.engine.statements import source_line
from grok_tui.lesson import ast_parse

LIST_TIMES_NUMBER = r"can't multiply sequence by non-int"
NOT_ALIGNED = r"shapes \([\d, ]*\) and \([\d, ]*\) not aligned"
BROADCAST = r"operands could not be broadcast together with shapes"
AXIS_GONE = (
    "If one is a sum or max over an axis, that axis is gone, so a row's total no longer sits beside its "
    "row; `keepdims=True` keeps it (`e.sum(axis=-1, keepdims=True)`)."
)
"""Said after BROADCAST's advice only when the shapes differ in their number of axes, (7,10) and
(7,): 7.4's (7,5) against (7,64), a slope of the wrong layer, and 5.5's (3,) against (2,) were told
of keepdims, 7.3's softmax advice."""
VECTORS_NOT_ALIGNED = (
    "`np.dot` of two vectors is their dot product, one number, and needs them equally long (`.T` changes "
    "nothing on a vector). For a product of every a[i] with every b[j], loop over both."
)
"""5.5's outer_prod as np.dot(a, b), told to try `.T` on vectors."""
NOT_CALLED = (
    r"(?:bad operand type for unary .:|unsupported operand type\(s\) for .*|argument must be .*|must be real "
    r"number, not) '?(?:builtin_function_or_method|method)'?"
)
"""A method used without its brackets (7.3's `-x.mean`, `float(x.mean)`): Python names its type only."""
METHODS = (
    "mean|sum|max|min|std|var|round|copy|argmax|argmin|flatten|ravel|item|tolist|cumsum|prod|any|all|"
    "transpose|reshape|dot"
)
UNCALLED = re.compile(rf"\.({METHODS})\b(?!\s*\()")
"""`.mean`, `.round` without their brackets, in a line of code."""
ONE_NUMBER = r"only (?:0-dimensional|length-1|size-1) arrays can be converted to Python scalars"
"""numpy's words for an array given to `math.log` or `float()` (7.3's cross_entropy with math.log)."""
BY_MATH = re.compile(r"\bmath\.(\w+)\(")
BY_CAST = re.compile(r"(?<![\w.])(int)\(")
"""int() of an array (6.4's relu2deriv); float() keeps the general advice: 7.3's float(loss) of an
array wants the loss reduced to one number, not each entry converted."""
ONE_ARGUMENT_MAX = re.compile(r"(?<![\w.])(max|min)\(\s*([^,()]+?)\s*\)")
"""Python's `max(x)` of one argument: over a batch it compares whole rows (7.3's softmax)."""
SHAPE = re.compile(r"\(([\d,]*)\)")
TIMES_FOR_DOT = (
    "`{product}` multiplies element by element, each entry by the one in the same place; a layer is a "
    "dot product (`.dot`), which adds up each input times its weight: these shapes, {left} then "
    "{right}, line up for one."
)
"""Said after BROADCAST's advice when the failing expression is a `*` of two arrays that `.dot` would
take (the first's last size is the second's first): 6.6b's forward as `relu(l0 * W0) * W1` was told
only to print the shapes, (1,3) and (3,4)."""
TIMES_FOR_GRADIENT = (
    "`{product}` multiplies element by element, each entry by the one in the same place; a weight "
    "gradient is a dot product, which adds up over the batch: `{a}.dot({b})` (these shapes, {left} "
    "then {right}, line up for one)."
)
"""TIMES_FOR_DOT's words for a `*` whose left side is transposed (7.4's `layer_0.T * layer_1_delta`,
told "a layer is a dot product ... each input times its weight" of a gradient)."""
TIMES_FOR_DELTA = (
    "`{product}` multiplies element by element, each entry by the one in the same place; a delta sent "
    "back through weights is a dot product: `{a}.dot({b})` (these shapes, {left} then {right}, line up "
    "for one)."
)
"""TIMES_FOR_DOT's words for a delta times transposed weights (7.4's `layer_2_delta * weights_1_2.T`)."""
BACKPROP_SHAPES = (
    "A delta sent back through weights is `delta.dot(weights.T)`; a weight's update is "
    "`layer.T.dot(delta)`: the layer the weights start from, transposed (`.T`), dot the delta."
)
"""Said after NOT_ALIGNED's advice only to code that has deltas (chapters 5 to 7): 3.7's forward
pass got it, in words it meets three chapters later."""

COMMON_ERRORS: tuple[tuple[str, str], ...] = (
    (
        r"too many values to unpack \(expected (\d+)\)|not enough values to unpack \(expected (\d+)",
        "The test takes {n} values from your function's answer (`a, b = f(...)`): return them all, "
        "separated by commas (`return a, b`).",
    ),
    (
        r"truth value of an array with more than one element is ambiguous",
        "An `if`, `max()` or `and` met a whole array, which holds many truths at once: work element by "
        "element instead. A comparison such as `x > 0` gives one True or False for each element, and "
        "numpy's arithmetic works element by element too (the hints go on from there).",
    ),
    (
        r"non-broadcastable output operand with shape \(([^)]*)\)",
        "An in-place update (`-=`) keeps the array's shape, ({n}), and what you subtracted has another: "
        "a weight update is the layer before, transposed, dot the delta (`layer_1.T.dot(layer_2_delta)` "
        "has the shape of weights_1_2).",
    ),
    (
        NOT_ALIGNED,
        "`a.dot(b)` needs a's last size to equal b's first: one of them likely wants `.T`, or the two are "
        "swapped. Print the `.shape` of each.",
    ),
    (
        BROADCAST,
        "Two arrays whose shapes do not line up: print the `.shape` of each.",
    ),
    (
        r"index (?P<index>-?\d+) is out of bounds for axis (?P<axis>\d+) with size (?P<size>\d+)",
        "Axis {axis} of that array has {entries}, and your code asked for entry {index}. Check how far each "
        "loop runs, and which index picks what: in `m[i]` and `m[i, j]` the first picks the row.",
    ),
    (
        r"list index out of range",
        "A list of n items has the indices 0 to n-1: check how far each loop runs (`range(len(items))` "
        "for the list it indexes) and that each list is as long as you think.",
    ),
    (
        NOT_CALLED,
        "A function or method was used without calling it: `x.mean` is the method itself, `x.mean()` its "
        "result. Add the brackets.",
    ),
    (
        ONE_NUMBER,
        "A whole array was given where Python wanted one number: `math.log`, `math.exp`, `math.sqrt` and "
        "`float()` take one number; numpy's `np.log`, `np.exp`, `np.sqrt` work on a whole array.",
    ),
    (
        r"unsupported operand type\(s\) for \^",
        "In Python `^` is not a power: it is XOR, on the bits of whole numbers (`3 ^ 2` is 1). The power "
        "is `**`: `3 ** 2` is 9.",
    ),
    (
        r"can't multiply sequence by non-int of type '(?:list|tuple)'",
        "`*` between two Python lists is not an elementwise product (Python has none for lists): pair up "
        "their items yourself, position by position.",
    ),
    (
        LIST_TIMES_NUMBER,
        "A Python list times a number does not multiply its items (times 2 it repeats the list): "
        "multiply each item in a loop (or a list comprehension), or make it a numpy array first.",
    ),
    (
        r"Cannot interpret '[^']*' as a data type",
        "`np.zeros`, `np.ones` and `np.empty` take the shape as one tuple, in brackets of its own: "
        "`np.zeros((rows, columns))`. Given two numbers, numpy reads the second as the kind of number.",
    ),
    (
        r"axis (?P<axis>-?\d+) is out of bounds for array of dimension (?P<dims>\d+)",
        "That array has {axes}: `axis={axis}` is not one of them. A single row "
        "has only axis 0; `axis=-1`, the last axis, means the same for one row and for a batch of rows.",
    ),
    (
        r"only integer scalar arrays can be converted to a scalar index",
        "An array was given where numpy wanted one whole number: an index, or an axis.",
    ),
    (
        r"'(?:numpy\.ndarray|list|float|int|numpy\.float64)' object is not callable",
        "Brackets right after a value call it, as if it were a function: `x(y)`. Is a `*` missing "
        "(`x * (y)`), or did you mean to index it (`x[y]`)?",
    ),
    (
        r"arrays used as indices must be of integer \(or boolean\) type",
        "An array used as an index must hold whole numbers (or True/False), and this one holds floats. One "
        "of 0s and 1s (one-hot) is no list of positions: multiply by it instead (`probs * targets`).",
    ),
    (
        r"division by zero",
        "Your code divided by something that is 0 in this case (the test's arguments are listed below): "
        "find the division, and ask whether the method needs it at all.",
    ),
    (
        r"'list' object has no attribute '(?P<attr>add|push|put|insert_last)'",
        "A list has no `.{attr}`: it grows with `.append(x)`, which puts x at its end.",
    ),
    (
        r"'builtin_function_or_method' object is not subscriptable",
        "A name of Python's own (such as `input`, `sum` or `max`) was indexed: each exercise is checked "
        "on its own, where the lesson's variable of that name does not exist. Use your function's "
        "arguments.",
    ),
)
"""Python's words for a beginner's usual slips, and what to do (the message is matched as a regex)."""


def _entries(size: int) -> str:
    """`3 entries, numbered 0 to 2`, in good English for 0 and 1."""
    if size == 0:
        return "no entries (it is empty)"
    return "1 entry, numbered 0" if size == 1 else f"{size} entries, numbered 0 to {size - 1}"


def _sequence_advice(sequence: dict) -> str:
    """A list times a number, said of the learner's own list (what the sandbox read of the failing
    product): an item of a list of lists is a row, where a number was meant (3.6's w_sum(vect,
    matrix)); else the list by its name. "" when the sandbox could not read it."""
    text, value = sequence.get("text"), sequence.get("value", "")
    if not isinstance(text, str) or not text:
        return ""
    if within := sequence.get("within"):
        return (
            f"`{text}` is itself a list, {value}, where `*` needs a number: `{within}` is a list of lists, "
            "like the rows of a matrix, not a list of numbers. Was a whole matrix passed where one row "
            "was expected?"
        )
    if sequence.get("looped"):
        return (
            f"`{text}` is itself a list, {value}, where `*` needs a number: the loop takes it from a list of "
            "lists, like the rows of a matrix, not from a list of numbers. Was a whole matrix passed where "
            "one row was expected?"
        )
    if sequence.get("rows"):
        return (
            f"`{text}` is a list of lists, like the rows of a matrix: `*` does not multiply the numbers in "
            "it (times 2 it repeats the list). Work row by row, or make it a numpy array first."
        )
    return (
        f"`{text}` is a Python list: times a number it does not multiply its items (times 2 it repeats "
        f"the list). Multiply each of its items in a loop (or a list comprehension), or make it a numpy "
        f"array first."
    )


ONE_PER_ROW = "To set one entry in each row, give both indices at once: `m[rows, columns] = 1`."
"""For an array indexed with many indices in one place (7.3's one_hot as `out[labels] = 1`): each
picked a whole row. Not for a loop's single index (5.5's swapped `out[j][i]`)."""


def common_error(message: str, part: dict | None = None, code: str = "", line: int | None = None) -> list[str]:
    """Plain advice for an error whose message says what broke but not why (3.7 returning one value,
    6.3's max(0, x) on an array, 5.1's list * delta, 4.1's `^ 2` for a square, 6.4's dot without .T,
    7.3's sum without keepdims and one_hot's out[labels], 5.5's swapped indices). `part`: what the
    sandbox read of the failing expression (sandbox_child._failing_part), to say it of the learner's
    own names; `code`, the learner's, for advice that fits only some lessons, and `line`, where in it
    the error was raised (an index from the loop over another list: engine/index_advice.py)."""
    part = part or {}
    if line and re.search(r"index out of range|is out of bounds", message) and (crossed := crossed_index(code, line)):
        return [crossed]
    if "maximum recursion depth exceeded" in message:
        return [_calls_itself(code)]
    if line and (called := call_advice(message, code, line)):
        return [called]
    for pattern, advice in COMMON_ERRORS:
        match = re.search(pattern, message)
        if not match:
            continue
        if pattern == LIST_TIMES_NUMBER:
            said = _sequence_advice(part.get("sequence") or {})
            if said and (item := looped_item(str((part.get("sequence") or {}).get("text", "")), code, line)):
                said += f" Here the loop at line {item[0]} gives its items one at a time, as `{item[1]}`."
            if said:
                return [said]
        numbers = [g for g in match.groups() if g]
        fields = {"n": numbers[0] if numbers else "", **match.groupdict()}
        if fields.get("size"):
            fields["entries"] = _entries(int(fields["size"]))
        if fields.get("dims"):
            dims = int(fields["dims"])
            fields["axes"] = "1 axis, numbered 0" if dims == 1 else f"{dims} axes, numbered 0 to {dims - 1}"
        if "scalar index" in pattern and re.search(r"np\.a?max\(", code):
            # 6.3's relu as np.max(0, x): numpy's max of one array, whose second argument is an axis
            return [
                "`np.max(a, b)` is not the larger of two things: it is the largest entry of `a`, and its "
                "second argument is an axis. Element by element, the larger of two is `np.maximum(0, x)`."
            ]
        said = source_line(code, line)
        if pattern == NOT_CALLED and (uncalled := UNCALLED.search(said)):
            name = _owner(said, uncalled.start()) + uncalled[0]
            return [f"`{name}` is the method itself, not its result: call it, `{name}()`."]
        if pattern == ONE_NUMBER and (by_math := BY_MATH.search(said)):
            function = by_math[1]
            others = ", ".join(f"np.{f}" for f in ("log", "exp", "sqrt") if f != function)
            return [
                f"`math.{function}` takes one number, and this is an array: numpy's `np.{function}` works on a "
                f"whole array, element by element (so do {others}...)."
            ]
        if pattern == ONE_NUMBER and (cast := BY_CAST.search(said)):
            # 6.4's relu2deriv as `int(output > 0)`: the advice listed math's functions, not int()
            kind = cast[1]
            return [
                f"`{kind}()` takes one number, and this is an array: an array's `.astype({kind})` converts every entry."
            ]
        if "truth value" in pattern and (one := ONE_ARGUMENT_MAX.search(said)):
            function, arg = one[1], one[2]
            return [
                f"`{function}({arg})` goes through a batch row by row and compares whole rows, which numpy "
                f"cannot do. Each row's {'largest' if function == 'max' else 'smallest'} is numpy's "
                f"`{arg}.{function}(axis=-1, keepdims=True)`."
            ]
        text = advice.format(**fields)
        if fields.get("size") and (part.get("index") or {}).get("many"):
            text += " " + ONE_PER_ROW
        shapes = [[n for n in shape.split(",") if n] for shape in SHAPE.findall(message)]
        if pattern == NOT_ALIGNED and shapes and all(len(shape) == 1 for shape in shapes):
            text = VECTORS_NOT_ALIGNED
        elif pattern == NOT_ALIGNED and "delta" in code:
            text += " " + BACKPROP_SHAPES
        if pattern == BROADCAST and len({len(shape) for shape in shapes}) > 1:
            text += " " + AXIS_GONE
        if pattern == BROADCAST and part.get("product") and len(shapes) == 2 and shapes[0][-1:] == shapes[1][:1]:
            left, right = (tuple(int(n) for n in shape) for shape in shapes)
            text += " " + _times_for_dot(part["product"], left, right)
        return [text]
    said = attribute_advice(message, source_line(code, line))
    return [said] if said else []


def _owner(line: str, end: int) -> str:
    """The expression that ends at `end` in `line`: `x`, `np.sum(a, axis=-1)`, `rows[0]` (its names,
    dots and bracketed groups, read backwards)."""
    start, depth = end, 0
    while start > 0:
        c = line[start - 1]
        if c in ")]":
            depth += 1
        elif c in "([":
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and not (c.isalnum() or c in "_."):
            break
        start -= 1
    return line[start:end]


def _times_for_dot(product: str, left: tuple, right: tuple) -> str:
    """TIMES_FOR_DOT in the words of what the `*` was meant to be: a weight gradient (a transposed
    layer on the left), a delta sent back (transposed weights on the right), else a layer."""
    try:
        node = ast_parse.parse(product.strip(), mode="eval").body
    except SyntaxError:
        node = None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult):
        a, b = ast.unparse(node.left), ast.unparse(node.right)
        transposed = [isinstance(side, ast.Attribute) and side.attr == "T" for side in (node.left, node.right)]
        if transposed[0]:
            return TIMES_FOR_GRADIENT.format(product=product, a=a, b=b, left=left, right=right)
        if transposed[1] and "delta" in a:
            return TIMES_FOR_DELTA.format(product=product, a=a, b=b, left=left, right=right)
    return TIMES_FOR_DOT.format(product=product, left=left, right=right)


def _calls_itself(code: str) -> str:
    """Advice for a RecursionError: which function of the learner's calls itself (6.5's learn ended
    with `learn(...)`, and Python's words were only "maximum recursion depth exceeded")."""
    try:
        tree = ast_parse.parse(code)
    except SyntaxError:
        tree = None
    for node in ast.walk(tree) if tree is not None else ():
        if isinstance(node, ast.FunctionDef):
            calls = [
                c
                for c in ast.walk(node)
                if isinstance(c, ast.Call) and isinstance(c.func, ast.Name) and c.func.id == node.name
            ]
            if calls:
                return (
                    f"`{node.name}` calls itself (line {calls[0].lineno}: `{ast.unparse(calls[0])}`), and that call "
                    "calls it again, until Python stops at about 1000 deep. Work the answer out from the "
                    f"arguments instead, without calling `{node.name}` inside it."
                )
    return (
        "A function kept calling itself (or two kept calling each other) until Python stopped at about "
        "1000 deep: work the answer out from the arguments instead."
    )
