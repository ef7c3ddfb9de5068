"""Load: YAML files in, located and validated models out."""
