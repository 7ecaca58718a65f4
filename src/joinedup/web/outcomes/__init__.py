"""Outcomes, their accountable owners, indicators and indicator data."""
