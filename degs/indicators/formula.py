"""An indicator's numerator and denominator: arithmetic over data elements, read and worked out
without ``eval`` or any name lookup, so nothing an administrator writes can reach the server.

A formula is numbers, ``+ - * /``, brackets and references to elements written as DHIS2 writes
them, ``#{code}`` for an element's total or ``#{code.female}`` for one of its categories::

    #{pmgdisha_certified}
    #{pmgdisha_certified.female} + #{pmgdisha_certified.transgender}
    (#{aadhaar_enrolments} + #{aadhaar_updates}) / 2

``Formula.parse`` refuses anything else with a sentence saying what is wrong (``BadFormula``):
its length, its size, an unknown sign or word. ``Formula.value`` works it out in exact decimals;
a reference with no value (not reported) makes the whole formula unknown (None), never zero,
and so does a division by zero.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, DivisionByZero, InvalidOperation, localcontext

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

MAX_LENGTH = 500
MAX_NODES = 60
MAX_CONSTANT = Decimal(10) ** 12
# A result beyond this is unknown (None): figures are stored with 15 digits before the point.
MAX_RESULT = Decimal(10) ** 15
_REFERENCE = re.compile(r"#\{([a-z][a-z0-9_]{0,49})(?:\.([a-z]{1,20}))?\}")
_BINARY = {ast.Add, ast.Sub, ast.Mult, ast.Div}
_UNARY = {ast.UAdd, ast.USub}


def placeholders() -> dict[str, str]:
    """The words that stand for an element's code and a category where a sentence shows how a
    reference is written ("#{code}", in Hindi "#{कोड}")."""
    return {"code": pgettext("formula", "code"), "category": pgettext("formula", "category")}


class BadFormula(ValueError):
    """A formula that cannot be read; ``str()`` says why in the reader's language."""


@dataclass(frozen=True)
class Reference:
    """One element (by code) and category ("" for its total) a formula reads."""

    element: str
    category: str = ""


@dataclass(frozen=True)
class Formula:
    text: str
    tree: ast.Expression | None
    references: tuple[Reference, ...]

    @classmethod
    def parse(cls, text: str) -> Formula:
        """The formula in ``text``, checked; an empty text is the formula 1 (no denominator)."""
        text = (text or "").strip()
        if not text:
            return cls("", None, ())
        if len(text) > MAX_LENGTH:
            raise BadFormula(
                _("A formula may be at most %(count)s characters.") % {"count": MAX_LENGTH}
            )
        references: list[Reference] = []

        def name_of(match: re.Match[str]) -> str:
            reference = Reference(match[1], match[2] or "")
            if reference not in references:
                references.append(reference)
            return f" r{references.index(reference)} "

        plain = _REFERENCE.sub(name_of, text)
        if re.search(r"[^0-9.+\-*/() \tr]", plain) or re.search(r"r(?!\d)", plain):
            raise BadFormula(
                _(
                    "A formula may hold only numbers, + - * /, brackets and elements written "
                    "as #{%(code)s} or #{%(code)s.%(category)s}."
                )
                % placeholders()
            )
        try:
            tree = ast.parse(plain.strip(), mode="eval")
        except (SyntaxError, ValueError) as error:
            raise BadFormula(_("The formula is not complete arithmetic.")) from error
        nodes = list(ast.walk(tree))
        if len(nodes) > MAX_NODES:
            raise BadFormula(_("The formula is too long to work out."))
        for node in nodes:
            if isinstance(node, ast.Expression | ast.Load):
                continue
            if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
                continue
            if isinstance(node, ast.UnaryOp) and type(node.op) in _UNARY:
                continue
            if type(node) in _BINARY | _UNARY:
                continue
            if isinstance(node, ast.Name) and re.fullmatch(r"r\d+", node.id):
                continue
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, int | float)
                and not isinstance(node.value, bool)
                and abs(Decimal(str(node.value))) <= MAX_CONSTANT
            ):
                continue
            raise BadFormula(_("The formula is not complete arithmetic."))
        return cls(text, tree, tuple(references))

    @property
    def elements(self) -> frozenset[str]:
        return frozenset(r.element for r in self.references)

    def value(
        self, values: Mapping[Reference, Decimal | None] | Callable[[Reference], Decimal | None]
    ) -> Decimal | None:
        """The formula worked out with each reference's value (None: not reported)."""
        if self.tree is None:
            return Decimal(1)
        read = values if callable(values) else values.get
        known: list[Decimal | None] = [read(r) for r in self.references]
        with localcontext() as context:
            context.prec = 28
            context.traps[DivisionByZero] = True
            context.traps[InvalidOperation] = True
            try:
                result = _work(self.tree.body, known)
                return None if result is None or abs(result) >= MAX_RESULT else result
            except (DivisionByZero, InvalidOperation, ZeroDivisionError):
                return None


def _work(node: ast.expr, known: list[Decimal | None]) -> Decimal | None:
    if isinstance(node, ast.Constant):
        return Decimal(str(node.value))
    if isinstance(node, ast.Name):
        return known[int(node.id[1:])]
    if isinstance(node, ast.UnaryOp):
        operand = _work(node.operand, known)
        if operand is None:
            return None
        return -operand if isinstance(node.op, ast.USub) else operand
    if isinstance(node, ast.BinOp):
        left, right = _work(node.left, known), _work(node.right, known)
        if left is None or right is None:
            return None
        if isinstance(node.op, ast.Add):
            return left + right
        if isinstance(node.op, ast.Sub):
            return left - right
        if isinstance(node.op, ast.Mult):
            return left * right
        return left / right
    raise BadFormula(_("The formula is not complete arithmetic."))
