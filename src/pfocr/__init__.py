"""pfocr: turn published pathway figures into computable gene sets and serve them."""

__version__ = "0.1.0"

__all__ = ["__version__"]
