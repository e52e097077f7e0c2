"""The registry's pages, one module per part; each has a `urls` list (registry/urls.py)."""
