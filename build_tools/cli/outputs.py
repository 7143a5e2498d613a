"""The two commands that write for a host or another engine: `csp-header` and `render --out`."""

from __future__ import annotations

import sys
from pathlib import Path

from ..pipeline.inputs import Inputs


def csp_header(site: Path, frame_ancestors: str, config: Path) -> int:
    """The policy the build wrote into the pages, as a header: the same check, the same hashes."""
    from ..site.csp import frame_ancestor_sources, http_header
    from ..site.inline_scripts import ScriptsRefused, check_site
    from ..site.known_scripts import known_scripts, theme_dirs_of_config

    try:
        sources = frame_ancestor_sources(frame_ancestors)
    except ValueError as err:
        print(f"error: --frame-ancestors: {err}", file=sys.stderr)
        return 2
    if not (site.is_dir() and any(site.rglob("*.html"))):
        print(f"error: {site} holds no built pages: run 'make build' first", file=sys.stderr)
        return 1
    try:
        theme_dirs, docs_dir = theme_dirs_of_config(config)
        hashes, _ = check_site(site, known_scripts(theme_dirs), docs_dir=docs_dir)
    except ValueError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except ScriptsRefused as refused:
        print(f"{refused}\nerror: no header printed: fix these pages and build again", file=sys.stderr)
        return 1
    except (OSError, UnicodeDecodeError) as err:
        print(f"error: cannot read the pages of {site}: {err}", file=sys.stderr)
        return 1
    print(f"Content-Security-Policy: {http_header(hashes, sources)}")
    return 0


def render_out(inputs: Inputs, out: Path, *, directory_urls: bool) -> int:
    from ..files.writeout import OutputError, write_folder
    from ..pipeline.render import render_site
    from ..site.diagram import DiagramError, draw_svg

    try:
        site = render_site(
            inputs.tree,
            use_directory_urls=directory_urls,
            draw=draw_svg,
            cases=inputs.cases,
            parts=inputs.parts,
            letters=inputs.letters,
        )
        written = write_folder(out, {**site.pages, **site.assets})
    except (DiagramError, OutputError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except OSError as err:
        print(f"error: cannot write {err.filename or out}: {err.strerror}", file=sys.stderr)
        return 1
    for uri in written.removed:
        print(f"removed {out / uri}: the tree no longer has that page")
    for uri in written.kept:
        print(f"kept {out / uri}: the tree no longer has that page, but it was edited since render wrote it")
    print(
        f"wrote {len(site.pages)} pages and {len(site.assets)} assets to {out}: "
        f"{len(written.new)} new, {len(written.updated)} overwritten, {len(written.removed)} removed"
    )
    return 0
