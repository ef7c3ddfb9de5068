"""The rules, one module per element. Importing this package registers them all."""

from ctepartner.assess.rules import (
    e0_structure,
    e1_convener,
    e2_purpose,
    e3_recruitment,
    e4_benefit,
    e5_communication,
    e6_roles,
    e7_metrics,
)

__all__ = [
    "e0_structure",
    "e1_convener",
    "e2_purpose",
    "e3_recruitment",
    "e4_benefit",
    "e5_communication",
    "e6_roles",
    "e7_metrics",
]
