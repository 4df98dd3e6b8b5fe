"""The viewer's components: each lays out part of a ``GameView``; none holds game state."""
