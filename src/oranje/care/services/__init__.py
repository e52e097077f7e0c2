"""Every write of the care room, one module per part (see DESIGN.md: services)."""
