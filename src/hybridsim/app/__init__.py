"""The Solara viewer: thin pages over the model's public API, made to work with no internet."""
