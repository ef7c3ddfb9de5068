"""Output: the reporters that print findings (text, json, github, sarif, junit)."""
