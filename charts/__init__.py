"""Plotly figure builders from tidy frames; one theme (charts.theme) for the whole app."""
