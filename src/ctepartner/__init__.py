"""ctepartner: keep a CTE cross-sector partnership's playbook in plain files."""

__version__ = "0.1.0"
