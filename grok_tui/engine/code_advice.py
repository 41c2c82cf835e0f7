"""What the shape of the learner's code says, read without running it: a function that returns
nothing, an argument never used, a value computed and dropped, lines after a `return`, a `return`
or a reset inside a loop. Each gives sentences for the verdict (engine/exercises.describe); a name
nothing defined is engine/name_advice's."""

from __future__ import annotations

import ast
import itertools
from collections.abc import Iterator

from grok_tui.engine.spelling import misspelt_keyword
from grok_tui.lesson import ast_parse


def defined_functions(source: str) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    """The top-level functions of `source` ([] if it does not parse)."""
    try:
        tree = ast_parse.parse(source)
    except SyntaxError:
        return []
    return [node for node in tree.body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))]


def returning(source: str) -> dict[str, bool]:
    """Each top-level function of `source`: whether it has a `return` with a value ({} if it does not parse)."""
    return {
        node.name: any(isinstance(sub, ast.Return) and sub.value is not None for sub in ast.walk(node))
        for node in defined_functions(source)
    }


def missing_returns(code: str, solution: str) -> list[str]:
    """A line for each function the learner wrote without returning a value, where the reference
    returns one: a test then sees None, and says something about None (a shape of (), a nan)."""
    theirs, reference = returning(code), returning(solution)
    return [
        f"Your {name} never returns a value, so calling it gives None: end it with `return` and the answer."
        for name, returns in theirs.items()
        if not returns and reference.get(name)
    ]


def _used_arguments(source: str) -> dict[str, tuple[list[str], set[str]]]:
    """Each top-level function of `source`: its arguments, and the names its body reads."""
    out = {}
    for node in defined_functions(source):
        args = [a.arg for a in (*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs)]
        read = {n.id for body in node.body for n in _walk_past_asserts(body) if isinstance(n, ast.Name)}
        out[node.name] = (args, read)
    return out


def _walk_past_asserts(node: ast.AST) -> Iterator[ast.AST]:
    """ast.walk, but not into an assert: the given `assert len(a) == len(b)` read both arguments, so
    a w_sum that summed the global `weights` instead of `b` was never told it left `b` unused."""
    if isinstance(node, ast.Assert):
        return
    yield node
    for child in ast.iter_child_nodes(node):
        yield from _walk_past_asserts(child)


def unused_arguments(code: str, solution: str) -> list[str]:
    """A line for each argument the learner's function never reads where the reference's does: 4.3's
    gd_step without alpha got only "should return 0.11275, got 1.375"."""
    if "TODO" in code:  # the stub, not yet written: its arguments are unused, and that is no slip
        return []
    theirs, reference = _used_arguments(code), _used_arguments(solution)
    lines = []
    for name, (args, read) in theirs.items():
        ref_args, ref_read = reference.get(name, ([], set()))
        unused = [a for a in args if a not in read and a in ref_args and a in ref_read]
        if unused:
            said = ", ".join(f"`{a}`" for a in unused)
            lines.append(f"Your {name} never uses its argument{'s' if len(unused) > 1 else ''} {said}.")
    return lines


def unreachable(code: str) -> list[str]:
    """A line for each `return` with lines under it in the same block: a stub's `return 0` left in
    place, with the learner's loop written below it, returned 0 and the test said only "got 0"."""
    lines = code.splitlines()
    found = []
    for function in defined_functions(code):
        returns = [node for node in ast.walk(function) if isinstance(node, ast.Return)]
        for node in ast.walk(function):
            for name in ("body", "orelse", "finalbody"):
                block = getattr(node, name, None)
                if not isinstance(block, list):
                    continue
                for stmt, after in itertools.pairwise(block):
                    if isinstance(stmt, ast.Return):
                        text = lines[stmt.lineno - 1].strip()
                        found.append(
                            f"Line {stmt.lineno}, `{text}`, ends {function.name} there: the lines under it, "
                            f"from line {after.lineno}, never run." + (KEEP_ONE if len(returns) > 1 else "")
                        )
    return found


KEEP_ONE = " Keep one `return`: the one that ends your own code (the starting code's may be above or below yours)."
"""Said after `unreachable`'s line where the function has another `return`: a stub's left in place.
(3.3's dot with its loop's `i += 1` typed under its only `return` ran forever, and was told of none.)"""


def unused_values(code: str) -> list[str]:
    """A line for arithmetic on a line of its own in a function: it computes a value and drops it.
    4.2's `weight + step_amount`, meant as `weight = weight + step_amount` (or a return), got only
    "should return 0.501, got 0.5"."""
    dropped = [
        node
        for function in defined_functions(code)
        for node in ast.walk(function)
        if isinstance(node, ast.Expr)
        and isinstance(node.value, (ast.BinOp, ast.UnaryOp))
        # `rreturn (pred - goal_pred) ** 2` keeps nothing, but its slip is the keyword's spelling
        and not misspelt_keyword(ast.get_source_segment(code, node) or "", code)
    ]
    if not dropped:
        return []
    first = min(dropped, key=lambda node: node.lineno)
    value = first.value
    text = ast.get_source_segment(code, value) or ast.unparse(value)
    others = sorted({node.lineno for node in dropped} - {first.lineno})
    more = f" (line {', '.join(map(str, others))} too)" if others else ""
    if isinstance(value, ast.BinOp) and isinstance(value.left, ast.Name):
        keep = f"store it (`{value.left.id} = {text}`) or return it"
    else:
        keep = f"return it (`return {text}`) or store it in a name"
    return [f"Line {first.lineno}, `{text}`, computes a value but does not keep it{more}: {keep}."]


def _floor_divisions(source: str) -> list[int]:
    """The lines of `source`'s functions that divide with `//`."""
    return sorted(
        {
            node.lineno
            for function in defined_functions(source)
            for node in ast.walk(function)
            if isinstance(node, (ast.BinOp, ast.AugAssign)) and isinstance(node.op, ast.FloorDiv)
        }
    )


def floor_divisions(code: str, solution: str) -> list[str]:
    """A line for `//` where the reference divides with `/` only: 7.3's softmax with `e // e.sum(...)`
    gave probabilities of 0, and the verdict said only that they added up to 0."""
    lines = _floor_divisions(code)
    if not lines or _floor_divisions(solution):
        return []
    where = f"Line {lines[0]}" + (f" (and {', '.join(map(str, lines[1:]))})" if lines[1:] else "")
    return [
        f"{where} divides with `//`, floor division: it rounds each result down to a whole number "
        "(0.75 // 1 is 0.0, 7 // 2 is 3). Plain division is `/`."
    ]


def returns_in_loops(code: str, solution: str) -> list[str]:
    """A line for a `return` inside a loop, where the reference's function has none there: 3.3's dot
    with `return total` indented into its `for` returned the first product, and the verdict said
    only "should be 3, got 4" (the hints were about the products)."""

    def in_loops(source: str) -> dict[str, list[ast.Return]]:
        return {
            function.name: [
                node
                for loop in ast.walk(function)
                if isinstance(loop, (ast.For, ast.While))
                for node in ast.walk(loop)
                if isinstance(node, ast.Return)
            ]
            for function in defined_functions(source)
        }

    theirs, reference = in_loops(code), in_loops(solution)
    lines = code.splitlines()
    functions = {function.name: function for function in defined_functions(code)}
    return [
        f"Line {first.lineno}, `{lines[first.lineno - 1].strip()}`, is inside a loop: {name} returns in the "
        f"loop's first pass. To return once the loop is done, indent it back to {_outer_loop(functions[name], first)}."
        for name, returns in theirs.items()
        if returns and name in reference and not reference[name]
        for first in returns[:1]
    ]


def resets_in_loops(code: str, solution: str) -> list[str]:
    """A line for a running total set back to its start inside the loop that adds to it: 3.2's w_sum
    with `total = 0` indented into its `for` returned the last product, and the verdict said only
    "got 0.0" (its hint names the slip). A reset in an outer loop, for a total the inner loop adds
    to (a sum per row), is no slip; nor is anything the reference does too."""

    def resets(source: str) -> dict[str, list[tuple[ast.stmt, str]]]:
        found: dict[str, list[tuple[ast.stmt, str]]] = {}
        for function in defined_functions(source):
            for loop in ast.walk(function):
                if not isinstance(loop, (ast.For, ast.While)):
                    continue
                own = [(n, _one_name(n)) for n in _own_statements(loop.body)]
                added = {n.target.id for n, _ in own if isinstance(n, ast.AugAssign) and isinstance(n.target, ast.Name)}
                added |= {  # `total = total + ...`, as `+=`
                    name
                    for n, name in own
                    if isinstance(n, ast.Assign)
                    and isinstance(n.value, ast.BinOp)
                    and any(isinstance(v, ast.Name) and v.id == name for v in ast.walk(n.value))
                }
                found.setdefault(function.name, []).extend(
                    (n, name)
                    for n, name in own
                    if name in added
                    and isinstance(n, ast.Assign)
                    and isinstance(n.value, ast.Constant)
                    and isinstance(n.value.value, (int, float))
                )
        return found

    theirs, reference = resets(code), resets(solution)
    lines = code.splitlines()
    return [
        f"Line {first.lineno}, `{lines[first.lineno - 1].strip()}`, is inside the loop that adds to "
        f"`{total}`: it starts over at every pass, so only the last pass counts. Set it once, above the loop."
        for name, found in theirs.items()
        if found and not reference.get(name)
        for first, total in found[:1]
    ]


def _one_name(node: ast.stmt) -> str:
    """The one name an assignment `name = ...` sets ("" for any other statement)."""
    if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
        return node.targets[0].id
    return ""


def _own_statements(body: list[ast.stmt]):
    """The statements of a loop's body and of the `if`s and `with`s in it, but not of a loop inside it."""
    for stmt in body:
        yield stmt
        if isinstance(stmt, (ast.For, ast.While, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        for name in ("body", "orelse", "finalbody", "handlers"):
            inner = getattr(stmt, name, None)
            if isinstance(inner, list):
                yield from _own_statements([s for s in inner if isinstance(s, ast.stmt)])


def _outer_loop(function: ast.FunctionDef | ast.AsyncFunctionDef, node: ast.Return) -> str:
    """Where a return inside loops goes back to: the outermost loop around it (5.5's outer_prod
    returned in its inner loop, already at the inner `for`'s level, and was told "the `for`")."""
    around = [
        loop
        for loop in ast.walk(function)
        if isinstance(loop, (ast.For, ast.While))
        and any(
            isinstance(n, ast.Return) and (n.lineno, n.col_offset) == (node.lineno, node.col_offset)
            for n in ast.walk(loop)
        )
    ]
    outer = min(around, key=lambda loop: loop.lineno)
    word = "for" if isinstance(outer, ast.For) else "while"
    if len(around) == 1:
        return f"the level of the `{word}`"
    loops = "both loops" if len(around) == 2 else f"all {len(around)} loops"
    return f"the level of the first `{word}` (line {outer.lineno}), outside {loops}"


def looped_item(sequence: str, code: str, line: int | None) -> tuple[int, str] | None:
    """(line, name) of the `for NAME in SEQUENCE:` loop the failing line is in: 5.1's
    `out.append(delta * input)` inside `for x in input:` was told to multiply each item in a loop,
    in the loop that gives them (a trial)."""
    if not line or not sequence.isidentifier():
        return None
    try:
        tree = ast_parse.parse(code)
    except SyntaxError:
        return None
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.For)
            and isinstance(node.iter, ast.Name)
            and node.iter.id == sequence
            and isinstance(node.target, ast.Name)
            and node.lineno < line <= (node.end_lineno or node.lineno)
        ):
            return node.lineno, node.target.id
    return None
