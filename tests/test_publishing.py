"""Publishing: the Pages workflow builds exactly as `make build` does, and hosts can send the same CSP."""

from __future__ import annotations

import re
import subprocess

import yaml
from bs4 import BeautifulSoup

from build_tools.cli.commands import main

from .repository import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"


def steps() -> list[dict]:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def test_the_workflow_builds_with_the_make_build_command_and_publishes_its_output():
    runs = [step["run"].strip() for step in steps() if "run" in step]
    assert runs == ["make build"]
    dry_run = subprocess.run(["make", "-n", "build"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert re.search(r"^\S*NO_MKDOCS_2_WARNING=1 \S*mkdocs build --strict$", dry_run, re.M), dry_run
    (build,) = [step for step in steps() if step.get("run", "").strip() == "make build"]
    assert build["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    (upload,) = [step for step in steps() if step.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert upload["with"]["path"] == "site", "the folder mkdocs build writes"


def test_every_action_is_pinned_to_a_commit():
    used = [step["uses"] for step in steps() if "uses" in step]
    assert used
    for action in used:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), f"{action} is not pinned to a full commit SHA"


def test_the_http_header_is_the_pages_policy_plus_frame_ancestors(site, capsys):
    assert main(["csp-header", str(site)]) == 0
    header = capsys.readouterr().out.strip()
    page = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    meta = page.select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
    assert header == f"Content-Security-Policy: {meta}; frame-ancestors 'self'"


def test_a_host_can_let_course_sites_frame_the_embed_page(site, capsys):
    assert main(["csp-header", str(site), "--frame-ancestors", "https://learn.example.org"]) == 0
    assert capsys.readouterr().out.strip().endswith("; frame-ancestors https://learn.example.org")
