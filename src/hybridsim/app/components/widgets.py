"""Two small browser widgets Solara does not have, written as inline Vue templates.

- ``FileText``: a button that opens the file picker and sends the chosen file's text. Solara's
  ``FileDrop`` only accepts drag and drop, which a projector-and-touchpad facilitator (and a
  browser test) cannot always do.
- ``CodeEditor``: a text area with line numbers and highlighted lines, for the scenario editor.
  A plain text area keeps the app free of another front-end library to provision for offline
  use; the highlighted lines sit behind the transparent text area and scroll with it.

The templates are Python strings (not .vue files) so they ship inside the package as code.
"""

# ruff: noqa: N802 (Solara components are named like classes, as Solara's own are)

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipyvue
import solara
import traitlets

FILE_TEXT_TEMPLATE = """
<template>
  <span class="hs-filetext">
    <input type="file" ref="input" :accept="accept" style="display: none"
           :data-testid="testid" @change="picked" />
    <button type="button" class="hs-filetext-btn" :disabled="disabled"
            @click="$refs.input.click()">{{ label }}</button>
    <span class="hs-filetext-note">{{ note }}</span>
  </span>
</template>
<script>
module.exports = {
  methods: {
    picked(event) {
      const input = event.target;
      const file = input.files && input.files[0];
      if (!file) { return; }
      if (file.size > this.max_bytes) {
        this.note = file.name + " is too large (" + file.size + " bytes)";
        input.value = "";
        return;
      }
      const reader = new FileReader();
      reader.onload = () => {
        this.note = file.name;
        this.file = {name: file.name, text: reader.result, stamp: Date.now()};
        input.value = "";
      };
      reader.readAsText(file);
    }
  }
}
</script>
<style id="hs-filetext-style">
.hs-filetext-btn { border: 1px solid #546e7a; border-radius: 4px; padding: 4px 12px;
  background: #eceff1; cursor: pointer; font-size: .9rem; }
.hs-filetext-btn:hover { background: #cfd8dc; }
.hs-filetext-note { margin-left: 8px; font-size: .85rem; color: #546e7a; }
</style>
"""


class FileTextWidget(ipyvue.VueTemplate):
    """Sends ``{"name", "text", "stamp"}`` for each file the user picks."""

    template = traitlets.Unicode(FILE_TEXT_TEMPLATE).tag(sync=True)
    label = traitlets.Unicode("Upload a file").tag(sync=True)
    accept = traitlets.Unicode("").tag(sync=True)
    testid = traitlets.Unicode("file-input").tag(sync=True)
    max_bytes = traitlets.Int(2_000_000).tag(sync=True)
    disabled = traitlets.Bool(False).tag(sync=True)
    note = traitlets.Unicode("").tag(sync=True)
    file = traitlets.Dict(allow_none=True, default_value=None).tag(sync=True)


@solara.component
def FileText(
    label: str,
    on_file: Callable[[str, str], None],
    accept: str = "",
    testid: str = "file-input",
    disabled: bool = False,
    max_bytes: int = 2_000_000,
) -> Any:
    """A file picker whose ``on_file(name, text)`` gets each chosen file's text (files larger
    than ``max_bytes`` are refused in the browser, before they are sent)."""

    def changed(value: dict[str, Any] | None) -> None:
        if value:
            on_file(str(value.get("name", "")), str(value.get("text", "")))

    return FileTextWidget.element(
        label=label,
        accept=accept,
        testid=testid,
        disabled=disabled,
        max_bytes=max_bytes,
        on_file=changed,
    )


EDITOR_TEMPLATE = """
<template>
  <div class="hs-editor" :style="{height: height}">
    <div class="hs-gutter"><div class="hs-gutter-in" ref="gutter">
      <div v-for="n in count" :key="n" :data-line="n"
           :class="errors.indexOf(n) >= 0 ? 'hs-ln hs-ln-error' : 'hs-ln'">{{ n }}</div>
    </div></div>
    <div class="hs-code">
      <div class="hs-marks" ref="marks">
        <div v-for="n in errors" :key="'m' + n" class="hs-mark" :data-mark="n"
             :style="{top: ((n - 1) * 20 + 6) + 'px'}"></div>
      </div>
      <textarea ref="area" class="hs-area" spellcheck="false" wrap="off"
                data-testid="yaml-editor" @input="typed" @scroll="scrolled"></textarea>
    </div>
  </div>
</template>
<script>
module.exports = {
  mounted() {
    this.$refs.area.value = this.value || "";
    this.sent = this.value || "";
    this.count = this.countLines(this.sent);
  },
  watch: {
    goto(line) {
      if (!line) { return; }
      const area = this.$refs.area;
      const lines = area.value.split("\\n");
      let start = 0;
      for (let i = 0; i < line - 1 && i < lines.length; i++) { start += lines[i].length + 1; }
      const end = start + (lines[line - 1] || "").length;
      area.focus();
      area.setSelectionRange(start, end);
      area.scrollTop = Math.max(0, (line - 6) * 20);
      this.scrolled();
      this.goto = 0;
    },
    value(text) {
      const area = this.$refs.area;
      if (text !== this.sent && text !== area.value) {
        area.value = text;
        this.sent = text;
        this.count = this.countLines(text);
      }
    }
  },
  methods: {
    countLines(text) { return (text.match(/\\n/g) || []).length + 1; },
    typed() {
      const text = this.$refs.area.value;
      this.count = this.countLines(text);
      clearTimeout(this.timer);
      this.timer = setTimeout(() => { this.sent = text; this.value = text; }, this.debounce_ms);
    },
    scrolled() {
      const area = this.$refs.area;
      this.$refs.gutter.style.transform = "translateY(" + (-area.scrollTop) + "px)";
      this.$refs.marks.style.transform =
        "translate(" + (-area.scrollLeft) + "px," + (-area.scrollTop) + "px)";
    }
  }
}
</script>
<style id="hs-editor-style">
.hs-editor { display: flex; border: 1px solid #90a4ae; border-radius: 4px; overflow: hidden;
  font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 14px; background: #fff; }
.hs-gutter { width: 52px; overflow: hidden; background: #eceff1; color: #78909c;
  text-align: right; flex: none; }
.hs-gutter-in { padding: 6px 8px 6px 0; }
.hs-ln { height: 20px; line-height: 20px; }
.hs-ln-error { background: #ef9a9a; color: #b71c1c; font-weight: 700; }
.hs-code { position: relative; flex: 1; overflow: hidden; }
.hs-marks { position: absolute; left: 0; right: 0; top: 0; pointer-events: none; }
.hs-mark { position: absolute; left: 0; width: 4000px; height: 20px; background: #ffebee;
  border-bottom: 1px dashed #e57373; }
.hs-area { position: absolute; inset: 0; width: 100%; height: 100%; resize: none; border: 0;
  outline: none; margin: 0; padding: 6px 8px; font: inherit; font-size: 14px;
  line-height: 20px; background: transparent; white-space: pre; overflow: auto;
  color: #212121; tab-size: 2; box-sizing: border-box; }
</style>
"""


class CodeEditorWidget(ipyvue.VueTemplate):
    """Text with line numbers; ``errors`` lists 1-based line numbers to highlight."""

    template = traitlets.Unicode(EDITOR_TEMPLATE).tag(sync=True)
    value = traitlets.Unicode("").tag(sync=True)
    errors = traitlets.List(traitlets.Int(), default_value=[]).tag(sync=True)
    count = traitlets.Int(1).tag(sync=True)
    height = traitlets.Unicode("480px").tag(sync=True)
    debounce_ms = traitlets.Int(400).tag(sync=True)
    goto = traitlets.Int(0).tag(sync=True)
    """Set to a line number to scroll there and select it (the page resets it to 0)."""


@solara.component
def CodeEditor(
    value: str,
    on_value: Callable[[str], None],
    errors: list[int] | None = None,
    height: str = "480px",
    goto: int = 0,
    on_goto: Callable[[int], None] | None = None,
) -> Any:
    """The editor; ``on_value`` gets the text a moment after the user stops typing; ``goto``
    scrolls to a line and selects it."""
    return CodeEditorWidget.element(
        value=value,
        on_value=on_value,
        errors=sorted(set(errors or [])),
        height=height,
        goto=goto,
        on_goto=on_goto,
    )
