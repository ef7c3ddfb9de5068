"""The partner survey: the question bank, scores by element, category and sector, and the
import of a form tool's export."""
