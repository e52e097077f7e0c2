"""The care room's pages, one module per part; each has a `urls` list (see care/urls.py)."""
