"""Author: write partnership files for people who do not write YAML (init, add, import)."""
