"""species stage."""
