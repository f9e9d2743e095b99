"""Replace ```mermaid fences with the SVG rendered from them at build time.

The TechDocs reader strips a page's JavaScript, so mermaid cannot run in the portal. Each fence
is rendered once by `scripts/diagrams.mjs` (Chromium + mermaid) into
docs/assets/diagrams/<sha256 of the source>.svg; this hook inlines that file. A fence whose SVG
is missing fails the build instead of showing raw diagram source.
"""
import hashlib
import pathlib
import re

from mkdocs.exceptions import PluginError

FENCE = re.compile(r"^```mermaid[ \t]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
PROLOG = re.compile(r"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*", re.DOTALL)


def diagram_id(source: str) -> str:
    return hashlib.sha256(source.strip().encode("utf-8")).hexdigest()[:16]


def on_page_markdown(markdown, page, config, files):
    diagrams = pathlib.Path(config["docs_dir"]) / "assets" / "diagrams"

    def inline(match):
        svg_file = diagrams / f"{diagram_id(match.group(1))}.svg"
        if not svg_file.is_file():
            raise PluginError(
                f"{page.file.src_path}: a mermaid diagram has no rendered SVG "
                f"({svg_file.name}). Run: make diagrams"
            )
        svg = PROLOG.sub("", svg_file.read_text(encoding="utf-8"), count=1).strip()
        return f'<div class="realtime-diagram" markdown="0">{svg}</div>'

    return FENCE.sub(inline, markdown)
