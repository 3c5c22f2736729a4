"""Pure computation: DataFrames in, tidy DataFrames out. No Streamlit, no Plotly."""
