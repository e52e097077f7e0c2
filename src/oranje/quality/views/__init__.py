"""The quality room's pages, one module per part."""
