"""The portfolio: many partnerships side by side, for a state director or a consultant."""
