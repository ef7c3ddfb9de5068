"""Documents: view models computed from a partnership, laid out by sandboxed templates in
Markdown, HTML, PDF and Word."""
