"""Human: orders supplied from outside (the viewer, a notebook) for the coming turn."""

from __future__ import annotations


class HumanPolicy:
    """Marks an actor as played by people: the model plays exactly what was submitted with
    ``model.submit_orders`` (nothing means pass), so there is nothing for it to choose."""

    kind = "human"
