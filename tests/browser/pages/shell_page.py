"""A tiny Solara page using the front-end pieces the viewer relies on (shell, Markdown with maths,
a DataFrame, an Altair chart), so one page load shows whether all of them are served locally."""

import altair as alt
import pandas as pd
import solara

TITLE = "hybridsim offline shell"

clicks = solara.reactive(0)

TABLE = pd.DataFrame(
    {
        "turn": [1, 2, 3, 4],
        "cohesion": [0.92, 0.81, 0.86, 0.78],
        "state": ["Estonia", "Latvia", "Lithuania", "Poland"],
    }
)


@solara.component
def Page():
    solara.Title(TITLE)
    solara.Markdown("# Offline shell\n\nAlliance cohesion $c_t$ by turn, served with no internet.")
    solara.Button(f"Clicked {clicks.value} times", on_click=lambda: clicks.set(clicks.value + 1))
    solara.DataFrame(TABLE)
    chart = (
        alt.Chart(TABLE)
        .mark_line(point=True)
        .encode(x="turn:Q", y=alt.Y("cohesion:Q", scale=alt.Scale(domain=[0, 1])))
        .properties(width=300, height=150)
    )
    solara.FigureAltair(chart)
