"""Words a letter or two off: the edit distance, a name mistyped for another, a keyword misspelt.
The verdicts ask "did you mean ...?" with these (engine/name_advice, engine/code_advice)."""

from __future__ import annotations

import keyword
import re


def misspelt_keyword(line: str, code: str = "") -> str:
    """For a line Python cannot read (or a name it does not know) that starts with a word one letter
    off a keyword: 4.3's `rreturn weight_delta` got only "invalid syntax". "" for any other line, or
    where the word is on another line of `code` too (a name of the learner's: `dot`, not `not`)."""
    match = re.match(r"\s*([A-Za-z_]\w*)", line)
    word = match.group(1) if match else ""
    if len(word) < 3 or keyword.iskeyword(word) or len(re.findall(rf"(?<![\w.]){word}\b", code)) > 1:
        return ""
    near = [k for k in keyword.kwlist if edits(word, k) == 1]
    if len(near) > 1:  # `fro`: `for` (its letters swapped) before `from`
        near = [k for k in near if len(k) == len(word)]
    return f"`{word}` is not a word Python knows: did you mean `{near[0]}`?" if len(near) == 1 else ""


def typo(name: str, other: str) -> bool:
    """Whether `other` is `name` mistyped: a letter or two off (a swap counts one), at most one in
    four. `layer2_delta` for `layer_2_delta` is; `weight_delta` for `weight`, `goal` for `globals`
    (Python's own offers) are not."""
    return edits(name, other) <= max(1, min(len(name), len(other)) // 4)


def edits(a: str, b: str) -> int:
    """Letters to insert, delete, change or swap to make `a` into `b` (optimal string alignment)."""
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            row[j] = min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[i - 2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]
