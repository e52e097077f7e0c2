"""Partners and the description of population care: a read-only view for police, fire
service, medical services and the national crisis picture; the versioned description of what
population care is per region; each region's point of contact."""
