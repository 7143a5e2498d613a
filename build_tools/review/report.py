"""The diff as a reviewer reads it: what an edit does to the advice, in plain text.

It reads the comparisons back in the order they are made (answer paths, case
studies, nodes, published addresses, hand-written pages), with every path
counted but only the first few hundred spelt out; `diff --json` lists them all.
"""

from __future__ import annotations

from .changes import TreeDiff

PATHS_LISTED = 200  # changed paths spelt out in the text report; the counts cover them all
NOWHERE = "no recommendation (the answers now stop short of one, or no longer fit)"


def report(diff: TreeDiff) -> str:
    """The diff as a reviewer reads it."""
    out = [f"Compared with {diff.ref}:"]
    changed = len(diff.paths)
    out.append(
        f"\nAnswer paths: {diff.paths_before} before, {diff.paths_after} now; "
        f"{changed} of the earlier paths end differently."
    )
    for (before, after), count in diff.outcomes().most_common():
        out.append(f"  {before} -> {after or NOWHERE}: {count} path{'s' * (count != 1)}")
    for change in diff.paths[:PATHS_LISTED]:
        answers = " ".join(f"{q}.{o}" for q, o in change.answers)
        after = f"{change.after} ({change.why})" if change.after and change.why else change.after or change.why
        if change.goes_on:
            ends = ", ".join(f"{rid} ({count})" for rid, count in change.goes_on.items())
            after = f"{change.why}, then to {ends}"
        out.append(f"    {answers}: {change.before} -> {after}")
    if changed > PATHS_LISTED:
        out.append(f"    ... and {changed - PATHS_LISTED} more (--json lists them all)")
    out.append(f"\nCase studies whose answers now end elsewhere: {len(diff.cases) or 'none'}")
    out += [f"  {case.id}: {case.before} -> {case.after or case.why}" for case in diff.cases]
    out.append("\nCase studies added, removed or edited:")
    out += [f"  added {case}" for case in diff.cases_added]
    out += [f"  removed {case}" for case in diff.cases_removed]
    for edit in diff.cases_edited:
        outcome = f"still {edit.before}" if edit.before == edit.after else f"{edit.before} -> {edit.after or NOWHERE}"
        out.append(f"  edited {edit.id}: {', '.join(edit.fields)}; outcome {outcome}")
    if not (diff.cases_added or diff.cases_removed or diff.cases_edited):
        out.append("  none")
    out.append("\nNodes:")
    out += [f"  added {node}" for node in diff.added]
    out += [f"  removed {node}" for node in diff.removed]
    out += [f"  renamed {old} -> {new}" for old, new in diff.renamed.items()]
    out += [f"  reworded {r.id}: {', '.join(r.fields)}" for r in diff.reworded]
    if not (diff.added or diff.removed or diff.renamed or diff.reworded):
        out.append("  no change")
    out.append("\nPublished URLs:")
    out += [f"  added {url}" for url in diff.urls_added]
    out += [
        f"  {moved.url} -> {moved.to} (redirected)"
        if moved.to
        else f"  {moved.url}: gone, with no redirect (check fails until a node lists it in former_ids)"
        for moved in diff.urls
    ]
    if not (diff.urls or diff.urls_added):
        out.append("  no change")
    out.append("\nPrinted letters (letters.lock):")
    for rid, (was, now) in diff.letters.items():
        if was is None:
            out.append(f"  {rid}: new, {now}")
        elif now is None:
            out.append(f"  {rid}: gone; {was} is retired")
        else:
            out.append(f"  {rid}: {was} -> {now}: every key printed before names it {was}")
    if not diff.letters:
        out.append("  no change")
    out.append("\nHand-written pages:")
    out += [f"  {change} {page}" for page, change in diff.pages.items()]
    if not diff.pages:
        out.append("  no change")
    return "\n".join(out)
