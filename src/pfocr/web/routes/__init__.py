"""Route modules: ``pages`` (HTML), ``api`` (JSON under /api), ``files`` (images, downloads)."""
