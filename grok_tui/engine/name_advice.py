"""What to say of a name the learner's code uses and nothing defined (a NameError), or reads
before it is set (an UnboundLocalError): the close name meant, the argument it should come in by,
the value never computed. Each gives sentences for the verdict (engine/exercises.describe); the
shape of the code is engine/code_advice's."""

from __future__ import annotations

import ast
import builtins
import re
import sys
from difflib import get_close_matches

from grok_tui.engine.code_advice import defined_functions, looped_item, returning
from grok_tui.engine.sandbox import SandboxResult
from grok_tui.engine.sandbox_child import CODE_FILE
from grok_tui.engine.spelling import misspelt_keyword, typo
from grok_tui.engine.statements import source_line
from grok_tui.lesson import ast_parse

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
    if name in sys.stdlib_module_names:  # 4.1's math.pow: the test cell's own import had made it pass
        return [
            f"`{name}` is a module, and your cell uses it without importing it. Each exercise is checked "
            f"on its own, and the lesson runs your code as it is: start your cell with `import {name}`."
        ]
    line = result.line_in(CODE_FILE)
    here = source_line(code, line)
    if here.startswith(name) and (misspelt := misspelt_keyword(here, code)):  # `rreturn (x - y) ** 2`
        return [misspelt]
    functions = list(returning(code))
    if not line and re.search(rf"(?<![\w.]){name}\s*\(", test) and name not in functions:
        near = closest(name, functions)
        also = f": it defines `{near[0]}`, so rename that one `{name}`." if near else f": name yours `{name}`."
        return [f"The test calls `{name}(...)`, and your code defines no function of that name{also}"]
    assigned = rf"(?<![\w.]){name}\s*=[^=]|\bfor\b[^:]*(?<![\w.]){name}\b[^:]*\bin\b"
    # an index: brackets after a name or a call (`out[i, labels[i]]`), not a list written out
    # (5.1's `[delta * x for x in inpt]` was told "used as an index" of a mistyped `input`)
    if re.search(rf"[\w\])]\[[^\]]*(?<![\w.]){name}(?!\w)", code) and not re.search(assigned, code):
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
        near = closest(name, lessons_own, cutoff=0.5)
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
        near = closest(name, arguments, cutoff=0.5)
        meant = f" (`{near[0]}`?)" if near else ""
        if near and (item := looped_item(near[0], code, line)):
            # 5.1's `delta * inputs` in `for x in input:`: `input` then got "a list times a number"
            meant = f" (`{near[0]}`? The loop at line {item[0]} gives its items one at a time, as `{item[1]}`)"
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
    function = next(
        (f for f in defined_functions(code) if line is not None and f.lineno <= line <= (f.end_lineno or 0)), None
    )
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
    around = [f for f in defined_functions(code) if line is not None and f.lineno <= line <= (f.end_lineno or f.lineno)]
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
    function = next((f for f in defined_functions(code) if f.lineno <= line <= (f.end_lineno or f.lineno)), None)
    if function is None:
        return []
    stored = {
        node.id: node.lineno
        for node in sorted(ast.walk(function), key=lambda n: getattr(n, "lineno", 0), reverse=True)
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store)
    }
    arguments = [a.arg for a in function.args.args]
    hidden = _hidden_function(name, function, code)
    if hidden and name in stored:
        rule = "a name given a value anywhere in a function is a new name of that function from its first line"
        if name == function.name:
            said = f"`{name}`, the function's own name, a value: {rule}, with no value yet at line {line}"
        else:
            said = f"`{name}` a value: {rule}, so at line {line} `{name}` is no longer {hidden} and has no value yet"
        return [f"Line {stored[name]} gives {said}. Give the value a name of its own."]
    # 6.5's learn with `weigths_0_1 -= ...`: the name meant was the argument, not the name line 8 set
    near = closest(name, [n for n in [*arguments, *stored] if n != name])
    if near and near[0] in arguments:
        return [f"`{name}` has no value yet at line {line}: the argument is `{near[0]}`. A typo?"]
    if near:
        return [f"`{name}` has no value yet at line {line}: line {stored[near[0]]} sets `{near[0]}`. A typo?"]
    return [
        f"`{name}` is read at line {line} before anything gives it a value: give it a start value "
        f"above, before any loop (`{name} = 0`, or what it should start from)."
    ]


def _hidden_function(name: str, function: ast.FunctionDef | ast.AsyncFunctionDef, code: str) -> str:
    """What `name` meant before the function gave it a value, if it is a function: "the function
    `vect_mat_mul` of line 1" when the learner's code defines it, "the function `sum`" when the
    function calls it or Python has it, "itself" for the function's own name; "" otherwise. 3.7's
    `vect_mat_mul = vect_mat_mul(hid, ...)` was told to set `vect_mat_mul = 0` first, which then made
    it "not callable"."""
    if name == function.name:
        return "itself"
    defined = {f.name: f.lineno for f in defined_functions(code)}
    if name in defined:
        return f"the function `{name}` of line {defined[name]}"
    called = any(
        isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name
        for node in ast.walk(function)
    )
    if called or name in dir(builtins):
        return f"the function `{name}`"
    return ""


def closest(name: str, names: list[str], cutoff: float = 0.6) -> list[str]:
    """The name of `names` that `name` is likely a slip of, in a list of one ([] if none): one that
    differs only in case first (6.6b's `w0` for the argument `W0` was pointed at `l0`, as close)."""
    same = [n for n in names if n.lower() == name.lower()]
    return same[:1] or get_close_matches(name, names, n=1, cutoff=cutoff)


def _given_functions(test: str, solution: str) -> list[str]:
    """The functions the test defines that the reference calls: the lesson's own, given to the
    exercise (7.4's forward and activate2deriv)."""
    called = {
        node.func.id
        for node in ast.walk(_parsed(solution))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    }
    return [f.name for f in defined_functions(test) if f.name in called]


def _parsed(source: str) -> ast.Module:
    try:
        return ast_parse.parse(source)
    except SyntaxError:
        return ast.Module(body=[], type_ignores=[])
