"""What the shape of the learner's code says, read without running it: a function that returns
nothing, an argument never used, lines after a `return`, a `return` inside a loop, and what to do
about a name nothing defined. Each gives sentences for the verdict (engine/exercises.describe)."""

from __future__ import annotations

import ast
import builtins
import itertools
import re
from difflib import get_close_matches

from grok_tui.engine.sandbox import SandboxResult
from grok_tui.engine.sandbox_child import CODE_FILE
from grok_tui.engine.spelling import misspelt_keyword, typo
from grok_tui.engine.statements import source_line
from grok_tui.lesson import ast_parse


def _functions(source: str) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
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
        for node in _functions(source)
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
    for node in _functions(source):
        args = [a.arg for a in (*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs)]
        read = {n.id for body in node.body for n in ast.walk(body) if isinstance(n, ast.Name)}
        out[node.name] = (args, read)
    return out


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
    for function in _functions(code):
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
        for function in _functions(code)
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
            for function in _functions(source)
        }

    theirs, reference = in_loops(code), in_loops(solution)
    lines = code.splitlines()
    functions = {function.name: function for function in _functions(code)}
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
        for function in _functions(source):
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


SUGGESTED = re.compile(r"\. Did you mean: '(\w+)'\?$")
"""The close name the sandbox's child adds to a NameError's message, as Python's traceback does."""


def undefined(result: SandboxResult) -> str | None:
    """The name a NameError says is not defined (None for another result)."""
    match = re.search(r"name '(\w+)' is not defined", result.message or "") if result.kind == "NameError" else None
    return match.group(1) if match else None


def undefined_name(result: SandboxResult, code: str, test: str, stub: str = "", solution: str = "") -> list[str]:
    """What to do about a NameError: the check runs the cell alone, so a function written in another
    exercise (4.1's squared_error, called in 4.2) does not exist there, nor does an import the cell
    did not make. A close name the code could see comes first (`layer2_delta`: `layer_2_delta`); a
    function the test calls that the code does not define (renamed `dott`) is said as such."""
    name = undefined(result)
    if name is None:
        return []
    if name in ("np", "numpy"):
        return ["Each exercise is checked on its own: start your cell with `import numpy as np`."]
    line = result.line_in(CODE_FILE)
    here = source_line(code, line)
    if here.startswith(name) and (misspelt := misspelt_keyword(here, code)):  # `rreturn (x - y) ** 2`
        return [misspelt]
    functions = list(returning(code))
    if not line and re.search(rf"(?<![\w.]){name}\s*\(", test) and name not in functions:
        near = get_close_matches(name, functions, n=1)
        also = f": it defines `{near[0]}`, so rename that one `{name}`." if near else f": name yours `{name}`."
        return [f"The test calls `{name}(...)`, and your code defines no function of that name{also}"]
    assigned = rf"(?<![\w.]){name}\s*=[^=]|\bfor\b[^:]*(?<![\w.]){name}\b[^:]*\bin\b"
    if re.search(rf"\[[^\]]*(?<![\w.]){name}(?!\w)", code) and not re.search(assigned, code):
        # 7.3's out[i, labels[i]] = 1 with no loop: Python offered `id`, and "define it here" pointed
        # away from the loop that was missing
        return [
            f"`{name}` is used as an index, and nothing gives it a value: is a loop missing around that "
            f"line (`for {name} in range(...)`)?"
        ]
    given = next((line.strip() for line in stub.splitlines() if re.search(assigned, line)), None)
    if given is not None and not re.search(assigned, code):
        # 7.4 with its starting line `layer_1, layer_2 = forward(layer_0, net)` typed over: Python
        # offered `layer_0`, and "define it here" did not say it had been given
        return [f"Nothing in your code gives `{name}` a value: the starting code did, with `{given}`. Put it back."]
    lessons_own = _given_functions(test, solution)
    if lessons_own and re.search(rf"(?<![\w.]){name}\s*\(", code) and name not in lessons_own:
        # 7.4's relu2deriv (lesson 6.4's name): "define it here" was wrong, the lesson gives this cell
        # its own activate2deriv, and a relu2deriv written in then failed the gradient check unexplained
        near = get_close_matches(name, lessons_own, n=1, cutoff=0.5)
        listed = " and ".join(", ".join(f"`{g}`" for g in lessons_own).rsplit(", ", 1))
        use = f" Did you mean `{near[0]}`?" if near else ""
        return [
            f"This exercise is checked with the lesson's own {listed}, which your code may call; `{name}` "
            f"is not one of them.{use}"
        ]
    match = SUGGESTED.search(result.message or "")
    suggested = match.group(1) if match else None
    if suggested and suggested in dir(builtins) and suggested in name:
        suggested = None  # 5.1's w_sum (lesson 3.2's): "Did you mean `sum`?" led to sum(list, list)
    if suggested and typo(name, suggested):
        return [_meant(suggested, name)]
    called = re.search(rf"(?<![\w.]){name}\s*\(", code)
    if not called and (stump := _set_nearby(code, name, line)):
        # 3.3's dot ending `return to` for its `total`: Python offered nothing, and the verdict sent
        # the learner to the arguments. Said as 3.2's `ouput`/`output` slip is (unbound_local).
        return [f"`{name}` is not defined: line {stump[1]} sets `{stump[0]}`. A typo?"]
    if not re.search(assigned, code) and (re.search(assigned, solution) or (suggested in functions and not called)):
        # 4.3's `weight - alpha * weight_delta` with no weight_delta computed: Python offered `weight`;
        # 5.1's `return weight_deltas` (the book's own missing line): `compute_weight_deltas`, the
        # function being written. The reference computes it: so must the learner.
        return [
            f"`{name}` is never given a value in your code: compute it before it is used "
            f"(`{name} = ...`), or return what you computed under another name."
        ]
    arguments = _arguments_around(code, line)
    if arguments and not called and not re.search(assigned, code):
        # 6.6b's forward with `streetlights.dot(W0)`, the lesson's table: "define `streetlights` here"
        # led to a right-shaped wrong answer; the data comes in through the function's arguments. 4.1's
        # `goal` for `goal_pred`: Python offered `globals`.
        listed = ", ".join(f"`{a}`" for a in arguments)
        near = get_close_matches(name, arguments, n=1, cutoff=0.5)
        meant = f" (`{near[0]}`?)" if near else ""
        return [
            f"`{name}` is not defined in this cell: each exercise is checked on its own, without the "
            f"lesson's variables. What the function works on comes in through its arguments, {listed}: "
            f"use those{meant}."
        ]
    if suggested and suggested not in dir(builtins):
        return [_meant(suggested, name)]
    return [
        f"Each exercise is checked on its own, with only what this cell defines and imports: define "
        f"`{name}` here (or do its work inline), or check its spelling."
    ]


def _meant(suggested: str, name: str) -> str:
    return (
        f"Did you mean `{suggested}`? If not: each exercise is checked on its own, with only what "
        f"this cell defines and imports, so define `{name}` here (or do its work inline)."
    )


def _set_nearby(code: str, name: str, line: int | None) -> tuple[str, int] | None:
    """A name the function holding `line` sets that `name` is a stump or a misspelling of, and the
    first line that sets it: (`total`, 4) for `to`."""
    function = next((f for f in _functions(code) if line is not None and f.lineno <= line <= (f.end_lineno or 0)), None)
    if function is None:
        return None
    stored: dict[str, int] = {}
    for node in ast.walk(function):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store) and node.id != name:
            stored[node.id] = min(node.lineno, stored.get(node.id, node.lineno))
    stumps = [n for n in stored if len(name) >= 2 and n.startswith(name)]
    near = stumps if len(stumps) == 1 else [n for n in stored if typo(name, n)]
    return (near[0], stored[near[0]]) if near else None


def _arguments_around(code: str, line: int | None) -> list[str]:
    """The argument names of the function of `code` that holds `line` ([] outside any)."""
    around = [f for f in _functions(code) if line is not None and f.lineno <= line <= (f.end_lineno or f.lineno)]
    return [a.arg for a in around[0].args.args] if around else []


UNBOUND = re.compile(r"local variable '(\w+)' (?:where it is not associated with a value|referenced before assignment)")


def unbound_local(result: SandboxResult, code: str) -> list[str]:
    """What to do about an UnboundLocalError: a name the function sets, but only after (or never
    before) the line that reads it. 3.2's w_sum with `ouput = 0` then `output += ...` got Python's
    words alone: "cannot access local variable 'output' where it is not associated with a value"."""
    match = UNBOUND.search(result.message or "") if result.kind == "UnboundLocalError" else None
    line = result.line_in(CODE_FILE)
    if match is None or line is None:
        return []
    name = match.group(1)
    function = next((f for f in _functions(code) if f.lineno <= line <= (f.end_lineno or f.lineno)), None)
    if function is None:
        return []
    stored = {
        node.id: node.lineno
        for node in sorted(ast.walk(function), key=lambda n: getattr(n, "lineno", 0), reverse=True)
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store)
    }
    near = get_close_matches(name, [n for n in stored if n != name], n=1)
    if near:
        return [f"`{name}` has no value yet at line {line}: line {stored[near[0]]} sets `{near[0]}`. A typo?"]
    return [
        f"`{name}` is read at line {line} before anything gives it a value: give it a start value "
        f"above, before any loop (`{name} = 0`, or what it should start from)."
    ]


def _given_functions(test: str, solution: str) -> list[str]:
    """The functions the test defines that the reference calls: the lesson's own, given to the
    exercise (7.4's forward and activate2deriv)."""
    called = {
        node.func.id
        for node in ast.walk(_parsed(solution))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    }
    return [f.name for f in _functions(test) if f.name in called]


def _parsed(source: str) -> ast.Module:
    try:
        return ast_parse.parse(source)
    except SyntaxError:
        return ast.Module(body=[], type_ignores=[])
