"""Tests across rooms: what no single room can test without importing the rooms above it."""
