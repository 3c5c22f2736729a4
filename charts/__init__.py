"""Plotly figure builders from tidy frames; one theme (charts.style) for the whole app."""
