"""Oranje: informatiesysteem voor gemeentelijke bevolkingszorg."""
