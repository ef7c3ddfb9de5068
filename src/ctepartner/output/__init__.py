"""What the other commands print and write: the due list and calendar, the roster import's plan,
survey results, the rule book, and the progress bar. (`check`'s findings: `reporters/`.)"""
