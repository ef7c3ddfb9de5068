"""Assess: rules over a loaded partnership, findings, element status and score."""
