"""Safe arithmetic formulas over measure names (``(pipeline - cost) / cost``).

The text is parsed with :mod:`ast` and only numbers, measure names, ``+ - * /``, unary signs and
parentheses are accepted; nothing is ever evaluated as Python. Evaluation works on numpy arrays
(one value per period) so that a whole series is computed at once: a missing measure (NaN) gives
no value, and so does a division by zero.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

Array = np.ndarray
_OPS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}
MAX_NODES = 401  # names, numbers and operators of one formula (200 terms)
MAX_CHARS = 4_000


class FormulaError(ValueError):
    pass


@dataclass(frozen=True)
class Formula:
    text: str
    measures: tuple[str, ...]
    _fn: Callable[[Mapping[str, Array]], Array]

    def evaluate(self, values: Mapping[str, Array]) -> Array:
        """Evaluate over arrays of summed measures; NaN marks no value."""
        with np.errstate(divide="ignore", invalid="ignore"):
            result = np.asarray(self._fn(values), dtype=float)
        result = np.where(np.isfinite(result), result, np.nan)
        return result

    @classmethod
    def parse(cls, text: str, known: set[str] | frozenset[str]) -> Formula:
        """Parse ``text``; every name must be in ``known``. Raises :class:`FormulaError`."""
        too_long = FormulaError(f"the formula is longer than {MAX_NODES // 2} terms; "
                                "define parts of it as metrics of their own")
        if len(str(text)) > MAX_CHARS:
            raise too_long
        try:
            tree = ast.parse(str(text).strip(), mode="eval")
        except (SyntaxError, RecursionError, MemoryError):
            raise FormulaError(
                f"'{text}' is not a formula; use measure names, numbers, + - * / and parentheses"
            ) from None
        if sum(1 for node in ast.walk(tree) if not isinstance(node, ast.expr_context | ast.operator)) > MAX_NODES:
            raise too_long
        names: list[str] = []
        fn = _compile(tree.body, known, names)
        if not names:
            raise FormulaError(f"'{str(text).strip()}' uses no measure; a formula is computed from measures")
        return cls(str(text).strip(), tuple(dict.fromkeys(names)), fn)


def _compile(node: ast.AST, known: set[str] | frozenset[str], names: list[str]) -> Callable[[Mapping[str, Array]], Array]:
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        constant = float(node.value)
        return lambda values: np.float64(constant)  # type: ignore[return-value]
    if isinstance(node, ast.Name):
        name = node.id
        if name not in known:
            raise FormulaError(f"'{name}' is not a measure of the catalog")
        names.append(name)
        return lambda values: values[name]
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        inner = _compile(node.operand, known, names)
        if isinstance(node.op, ast.USub):
            return lambda values: -inner(values)
        return inner
    if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
        left = _compile(node.left, known, names)
        right = _compile(node.right, known, names)
        op = _OPS[type(node.op)]
        if op == "+":
            return lambda values: left(values) + right(values)
        if op == "-":
            return lambda values: left(values) - right(values)
        if op == "*":
            return lambda values: left(values) * right(values)

        def divide(values: Mapping[str, Array]) -> Array:
            denominator = np.asarray(right(values), dtype=float)
            numerator = np.asarray(left(values), dtype=float)
            safe = np.where(denominator == 0, np.nan, denominator)
            return numerator / safe

        return divide
    raise FormulaError(
        "only measure names, numbers, + - * / and parentheses are allowed in a formula"
    )


def is_currency(unit: str) -> bool:
    """``USD``, ``EUR``: a 3-letter currency code, the catalog's only money units."""
    return len(unit) == 3 and unit.isalpha() and unit.isupper()


def derived_unit(formula: Formula, units: Mapping[str, str]) -> str | None:
    """The unit a formula's arithmetic gives its result, where it is certain; else None.

    Money over the same money is a multiple (``(pipeline - cost) / cost``, pipeline ROI); money
    over a count is that money (``cost / sqls``); a sum or difference keeps its terms' common unit,
    and a number scales a unit without changing it. A count over a count is left undecided: it may
    be a rate (``sqls / mqls``) or an average (attendees per webinar).
    """
    return _unit_of(ast.parse(formula.text, mode="eval").body, units)


_SCALAR = "scalar"


def _unit_of(node: ast.AST, units: Mapping[str, str]) -> str | None:
    if isinstance(node, ast.Constant):
        return _SCALAR
    if isinstance(node, ast.Name):
        return units.get(node.id)
    if isinstance(node, ast.UnaryOp):
        return _unit_of(node.operand, units)
    if not isinstance(node, ast.BinOp):
        return None
    left, right = _unit_of(node.left, units), _unit_of(node.right, units)
    if left is None or right is None:
        return None
    if isinstance(node.op, (ast.Add, ast.Sub)):
        return left if left == right else None
    if isinstance(node.op, ast.Mult):
        return right if left == _SCALAR else left if right == _SCALAR else None
    if right == _SCALAR:
        return left
    if is_currency(left) and left == right:
        return "multiple"
    if is_currency(left) and right == "count":
        return left
    return None
