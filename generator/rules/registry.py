"""Every rule by id, for lookups by the id a config or a waiver writes. Derived from
:class:`~generator.model.rules.Rule`, the one definition of each rule."""

from __future__ import annotations

from ..model.rules import Family, Rule

RULES: dict[str, Rule] = {rule.value: rule for rule in Rule}
FAMILIES: dict[Family, tuple[Rule, ...]] = {
    family: tuple(rule for rule in Rule if rule.family is family) for family in Family
}
