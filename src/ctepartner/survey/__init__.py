"""The partner survey: the question bank, and scores by element, category and sector.
(A form tool's export is imported by `author/answers.py`.)"""
