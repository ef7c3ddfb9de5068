"""Model: the pydantic models of the partnership format."""
