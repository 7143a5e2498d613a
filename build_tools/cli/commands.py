"""Command line: `python -m build_tools check|paths|render|permalinks|rename|diff|csp-header [...]`.

Problems go to stderr as `FILE:LINE:COL: error: message`, the format editors
and CI annotators understand; results go to stdout. Each subcommand is one
function in the table at the bottom, given the parsed arguments.

Like `mkdocs`, it works on the site in the folder it runs in: mkdocs.yml
there, and the tree that file's plugin options name (by default
decision_tree/escalation.yaml beside it), wherever this package is installed.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

from ..classroom.letters import letters_file, update_letters
from ..files.project import DEFAULT_CONFIG_NAME, DEFAULT_TREE_NAME
from ..files.safewrite import WriteRefused
from ..pipeline.inputs import Inputs, load_inputs
from ..pipeline.options import missing_tree, options_of_config, site_parts, tree_file
from ..site.layout_config import layout_of_config
from ..site.lockfile import LOCK_NAME, LockUnreadable, count_locked, lock_file, update_lock
from ..site.permalinks import check_permalinks, published, unlockable_pages
from ..site.urls import EVERY_PART
from ..tree.loader import display_name
from ..tree.paths import count_paths, describe_count, iter_paths, longest_path
from ..tree.problems import TreeInvalid
from .outputs import csp_header, render_out


def _inputs(args: argparse.Namespace, *, lock: bool = False) -> Inputs:
    """The inputs named on the command line, checked against their site; TreeInvalid if any fail.

    With `lock`, the site must also still answer every URL in the permanent-link
    lock. Only `check` and `permalinks` hold the tree to it: it records this
    MkDocs site's URLs, which `render --out` for another engine does not make.
    """
    layout, problems = layout_of_config(Path(args.config))
    if layout is None or problems:
        raise TreeInvalid(problems)
    options, problems = options_of_config(Path(args.config))
    if problems:
        raise TreeInvalid(problems)
    inputs = load_inputs(args.file, layout, options, lock=lock)
    stopping = [*inputs.site_problems, *(inputs.lock_problems if lock else [])]
    if stopping:
        raise TreeInvalid([*stopping, *inputs.notes])
    return inputs


def _update_lock(args: argparse.Namespace, inputs: Inputs) -> None:
    """Add the URLs of new pages to the lock, then hold the site to all of it."""
    path = lock_file(args.file)
    unlockable = unlockable_pages(inputs.layout)
    if unlockable:
        raise TreeInvalid(unlockable)
    try:
        added = update_lock(path, published(inputs.tree, inputs.case_ids, inputs.layout, inputs.parts))
    except LockUnreadable as unreadable:
        raise TreeInvalid([unreadable.problem]) from None
    for url in added:
        print(f"added {url}")
    print(f"{display_name(path)}: {len(added)} URL{'s' * (len(added) != 1)} added; commit it with the change")
    if inputs.parts.handout:  # the handout's letters, which never move (classroom/letters.py)
        lettered = update_letters(inputs.tree, args.file)
        for line in lettered:
            print(f"added letter {line}")
        shown = display_name(letters_file(args.file))
        print(f"{shown}: {len(lettered)} letter{'s' * (len(lettered) != 1)} given; commit it with the change")
    problems = check_permalinks(args.file, inputs.tree, inputs.case_ids, inputs.layout, inputs.parts).problems
    if problems:
        raise TreeInvalid(problems)


def _diff(args: argparse.Namespace) -> int:
    from ..review.gitref import GitError
    from ..review.report import report
    from ..review.treediff import diff_trees

    layout, problems = layout_of_config(Path(args.config))
    if layout is not None and problems:
        layout = None  # `check` reports the site's problems; the diff still shows the tree's
    options, _ = options_of_config(Path(args.config))
    parts = site_parts(options, args.file, layout) if layout is not None else EVERY_PART
    try:
        diff = diff_trees(args.ref, Path(args.file), layout, parts)
    except GitError as err:
        print(f"error: cannot read {args.file} at {args.ref}: {err}", file=sys.stderr)
        return 1
    except OSError as err:
        print(f"error: cannot read {args.file}: {err.strerror}", file=sys.stderr)
        return 1
    if args.json:
        json.dump(diff.as_json(), sys.stdout, indent=1, ensure_ascii=False)
        print()
    else:
        print(report(diff))
    return 0


def _rename(args: argparse.Namespace) -> int:
    """Write today's id wherever a case study or a hand-written link still names a former one: a page's links
    by the build's own rewriting (layout.follow_moved_links), with the site's Markdown, so code stays text."""
    from ..files.rewrite import replace_text, rewrite_ids
    from ..site.layout import follow_moved_links
    from ..site.mdlinks import page_text
    from ..site.urls import moved_pages

    inputs = _inputs(args)
    pages = {display_name(inputs.layout.docs_dir / uri): uri for uri in inputs.layout.written_pages}
    moved = moved_pages(inputs.tree)
    fixes: dict[str, list[tuple[int, int, str, str]]] = {}
    for note in inputs.notes:
        if note.fix:
            fixes.setdefault(note.loc.file, []).append((note.loc.line, note.loc.col, *note.fix))
    for file, edits in sorted(fixes.items()):
        for line, col, old, new in sorted(edits):
            print(f"{file}:{line}:{col}: '{old}' -> '{new}'")
        if file in pages:
            text = page_text(Path(file))
            followed = follow_moved_links(text, pages[file], moved, inputs.layout.markdown)
            written = replace_text(Path(file), text, followed)
            count = len(edits) if written else 0
        else:
            count = rewrite_ids(Path(file), edits)
        print(f"{file}: {count} old id{'s' * (count != 1)} rewritten")
        if count < len(edits):
            print(
                f"{file}: {len(edits) - count} not rewritten, being written another way (with an escape): "
                "write the new id there by hand; `check` still notes where"
            )
    if not fixes:
        print("no case study or hand-written link names a former id")
    return 0


def _permalinks(args: argparse.Namespace) -> int:
    if args.update:
        _update_lock(args, _inputs(args))
    else:
        _inputs(args, lock=True)
    print(f"{display_name(lock_file(args.file))}: ok: every published URL resolves")
    return 0


def _check(args: argparse.Namespace) -> int:
    inputs = _inputs(args, lock=True)
    for note in inputs.notes:
        print(note.format(), file=sys.stderr)
    tree = inputs.tree
    locked = count_locked(lock_file(args.file))
    print(
        f"{tree.file}: ok: {len(tree.questions)} questions, {len(tree.recommendations)} recommendations, "
        f"{describe_count(count_paths(tree))} paths, longest path {longest_path(tree)} questions; "
        f"{len(inputs.cases)} case stud{'y' if len(inputs.cases) == 1 else 'ies'}, "
        f"{locked} locked URL{'s' * (locked != 1)}"
    )
    return 0


def _paths(args: argparse.Namespace) -> int:
    tree = _inputs(args).tree
    if args.json:
        json.dump([p.as_json() for p in iter_paths(tree)], sys.stdout, indent=1)
        print()
    else:
        for path in iter_paths(tree):
            print(" ".join(f"{q}.{o}" for q, o in path.answers), "->", path.recommendation)
    return 0


def _render_command(args: argparse.Namespace) -> int:
    inputs = _inputs(args)
    return render_out(inputs, Path(args.out), directory_urls=not args.no_directory_urls)


def _csp_header_command(args: argparse.Namespace) -> int:
    return csp_header(Path(args.site), " ".join(args.frame_ancestors or ["'self'"]), Path(args.config))


def _tree_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config",
        default=DEFAULT_CONFIG_NAME,
        help="the site's mkdocs.yml, whose docs, navigation and plugin options the tree must fit "
        f"(default: {DEFAULT_CONFIG_NAME} in this folder)",
    )
    parser.add_argument("file", nargs="?", help=f"the tree to read (default: {_DEFAULT_TREE_HELP})")


_DEFAULT_TREE_HELP = f"the tree mkdocs.yml's plugin options name, or {DEFAULT_TREE_NAME} beside it"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m build_tools", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="report every problem in the tree, or summarise it")
    _tree_arguments(check)
    paths = commands.add_parser("paths", help="list every path from the start to a recommendation")
    paths.add_argument("--json", action="store_true", help="print a JSON list of {answers, recommendation}")
    _tree_arguments(paths)
    render = commands.add_parser(
        "render", help="write the generated pages to a folder, for engines that do not run MkDocs hooks"
    )
    render.add_argument("--out", required=True, help="folder to write into, like docs/ of another engine")
    render.add_argument(
        "--no-directory-urls", action="store_true", help="link pages as page.html, as with use_directory_urls: false"
    )
    _tree_arguments(render)
    permalinks = commands.add_parser(
        "permalinks", help=f"check that every URL in {LOCK_NAME} still resolves, or add the new ones"
    )
    permalinks.add_argument(
        "--update", action="store_true", help="add the URLs of new pages to the lock (it never removes any)"
    )
    _tree_arguments(permalinks)
    rename = commands.add_parser(
        "rename", help="write today's ids where case studies and hand-written links still name former ones"
    )
    _tree_arguments(rename)
    diff = commands.add_parser(
        "diff", help="what an edit does to the advice: the tree at a git ref (default HEAD) against the working copy"
    )
    diff.add_argument("ref", nargs="?", default="HEAD", help="the commit to compare with (default: HEAD)")
    diff.add_argument("--json", action="store_true", help="print the same as JSON")
    diff.add_argument("--file", help=f"the tree to compare (default: {_DEFAULT_TREE_HELP})")
    diff.add_argument(
        "--config",
        default=DEFAULT_CONFIG_NAME,
        help=f"the site's mkdocs.yml, whose hand-written pages are compared too (default: {DEFAULT_CONFIG_NAME})",
    )
    csp = commands.add_parser(
        "csp-header", help="the built site's Content-Security-Policy as an HTTP header, for hosts that send one"
    )
    csp.add_argument("site", nargs="?", default="site", help="the built site (default: site/)")
    csp.add_argument(
        "--frame-ancestors",
        action="append",
        metavar="SOURCES",
        help="who may frame the pages, for embed/: sources only, separated by spaces, such as "
        "\"'self' https://learn.example.org\" (default: 'self'); may be repeated",
    )
    csp.add_argument(
        "--config",
        default=DEFAULT_CONFIG_NAME,
        help="the site's mkdocs.yml, whose theme's templates hold the inline scripts allowed "
        f"(default: {DEFAULT_CONFIG_NAME} in this folder)",
    )
    return parser


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "check": _check,
    "paths": _paths,
    "render": _render_command,
    "permalinks": _permalinks,
    "rename": _rename,
    "diff": _diff,
    "csp-header": _csp_header_command,
}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        config = Path(getattr(args, "config", DEFAULT_CONFIG_NAME))
        options, problems = options_of_config(config)
        if problems:  # what the build refuses in mkdocs.yml stops every command too, with the same message
            raise TreeInvalid(problems)
        if hasattr(args, "file") and args.file is None:  # the tree the site's mkdocs.yml builds
            args.file = str(tree_file(options, config))
            if args.command != "diff" and config.exists() and not Path(args.file).exists():
                print(f"error: {missing_tree(config)}, or name the tree's file on the command line", file=sys.stderr)
                return 1
        return COMMANDS[args.command](args)
    except TreeInvalid as invalid:
        print(invalid.report(), file=sys.stderr)
        print(invalid.summary(), file=sys.stderr)
        return 1
    except BrokenPipeError:  # `paths | head` closed the pipe: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # so Python's exit flush is quiet too
        return 0  # not a failure: `make paths | head` would otherwise end in make's "Error 1"
    except WriteRefused as refused:
        print(f"error: {refused}", file=sys.stderr)
        return 1
    except OSError as err:  # a full disk, a read-only folder: the old files are intact (safewrite.py)
        print(
            f"error: cannot write {err.filename or 'the output'}: {err.strerror}; nothing was changed", file=sys.stderr
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
