"""Names a learner's function reads from the test instead of taking them as arguments.

The check runs the learner's code and then its test in one namespace (a test may rebind a name the
function looks up, as 7.4's gradient check does with `activation`). So a function that reads a
variable it never defines nor takes, `a` where its arguments are `inputs, weights` (the lesson's
text calls the lists a and b), saw the test's own `a` and passed; the lesson then stopped at a
NameError. Found from the source alone (symtable), in the parent: no run needed.
"""

from __future__ import annotations

import ast
import builtins
import symtable

from grok_tui.lesson import ast_parse

BUILTINS = frozenset(dir(builtins))


def borrowed_from_test(code: str, test: str, solution: str = "", stub: str = "") -> list[str]:
    """The variables the learner's functions read as globals that only the test's own top level
    assigns (data, not a function or an import), sorted. Names the test's functions, the reference
    or the stub read as globals too are the lesson's environment (7.4's `activation`), not a slip."""
    theirs = _table(code)
    reads = _function_global_reads(theirs)
    if not reads:
        return []
    tests = _table(test)
    environment = _function_global_reads(tests) | _function_global_reads(_table(solution))
    environment |= _function_global_reads(_table(stub))
    return sorted((reads & _top_level(tests, data=True)) - _top_level(theirs) - BUILTINS - environment)


def _table(source: str) -> symtable.SymbolTable | None:
    """The source's symbol table (None if it does not compile: said elsewhere)."""
    try:
        return symtable.symtable(source, "<code>", "exec")
    except (SyntaxError, ValueError):
        return None


def _function_global_reads(table: symtable.SymbolTable | None) -> set[str]:
    """Every global name a function (at any depth) of the table's source reads."""
    found: set[str] = set()
    stack = list(table.get_children()) if table is not None else []
    while stack:
        scope = stack.pop()
        stack.extend(scope.get_children())
        if scope.get_type() == "function":
            found.update(s.get_name() for s in scope.get_symbols() if s.is_global() and s.is_referenced())
    return found


def _top_level(table: symtable.SymbolTable | None, *, data: bool = False) -> set[str]:
    """Every name the top level binds (assignments, loop targets, defs, imports); with `data`, only
    those bound as data: by `=`, `+=`, a `for` or a `with`, not by `def`, `class` or `import`."""
    if table is None:
        return set()
    return {
        s.get_name()
        for s in table.get_symbols()
        if (s.is_assigned() or s.is_imported()) and not (data and (s.is_imported() or s.is_namespace()))
    }


def borrowed_advice(code: str, names: list[str]) -> str:
    """What to say of `names` (borrowed_from_test): which function reads them, and what it takes."""
    listed = " and ".join(f"`{n}`" for n in names)
    readers = []
    try:
        tree = ast_parse.parse(code)
    except (SyntaxError, ValueError):
        tree = None
    for node in ast.walk(tree) if tree is not None else ():
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            read = {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
            if read & set(names):
                args = ", ".join(a.arg for a in node.args.args)
                readers.append(f"`{node.name}` takes {f'`{args}`' if args else 'no arguments'}")
    takes = f" ({'; '.join(readers)})" if readers else ""
    return (
        f"Your code reads {listed}, which it neither takes as an argument nor sets: the check lent it the "
        f"test's own, which the lesson does not have. Use what your function is given{takes}."
    )
