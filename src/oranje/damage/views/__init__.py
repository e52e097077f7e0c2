"""The damage room's pages, one module per part."""
