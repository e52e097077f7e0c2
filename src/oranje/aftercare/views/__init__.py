"""The aftercare room's pages, one module per part."""
