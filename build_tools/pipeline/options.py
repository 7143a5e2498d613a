"""The plugin's options, validated as MkDocs validates its own, for the plugin and the command line alike.

```yaml
plugins:
  - escalation-guide:
      tree: decision_tree/escalation.yaml  # relative to mkdocs.yml; this is the default
      embed: {enabled: true}      # the questions alone, at embed/, for other sites' frames
      scorm: {enabled: true}      # the SCORM 1.2 package, for learning platforms
      handout: {enabled: true}    # the print handout, at handout/
      redirects: {enabled: true}  # a page at each address that moved (permalinks.lock)
      csp: {enabled: true}        # the Content-Security-Policy in every page, and the inline-script check
```

Every part is on unless switched off, as in Material's plugins. MkDocs only
warns about an option it does not know, so a misspelt `enabled` would
quietly leave a part on: here an unknown option is an error, at every level.
The command line reads the same options from mkdocs.yml, so that `check`
holds the tree to the site the build makes, and the site_url the build
refuses; that reading is why the module runs a little past 200 lines.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config import base
from mkdocs.config import config_options as c

from ..files.project import DEFAULT_TREE_NAME, PLUGIN_NAME
from ..site.address import AddressRefused, site_address
from ..site.layout import SiteLayout
from ..site.layout_config import site_config
from ..site.lockfile import lock_file
from ..site.urls import Parts
from ..tree.problems import Loc, Problem


class _Refusing(base.Config):
    """A config that refuses the options it does not know, naming the ones it takes."""

    _what = "this plugin"  # who takes them, in the message

    def validate(self) -> tuple[base.ConfigErrors, base.ConfigWarnings]:
        failed, warnings = super().validate()
        known = sorted(self._schema_keys)
        unknown = sorted(set(self.keys()) - self._schema_keys)
        failed += [
            (name, c.ValidationError(f"unknown option; {self._what} takes only: {', '.join(known)}"))
            for name in unknown
        ]
        return failed, [(name, message) for name, message in warnings if name not in unknown]


class _Boolean(c.Type[bool]):
    """True or false, and nothing else: MkDocs reads an empty value or `null` as "not set", so as the default."""

    def __init__(self) -> None:
        super().__init__(bool, default=True)

    def validate(self, value: object) -> bool:
        if not isinstance(value, bool):  # the default was set before the site's options were loaded over it
            raise c.ValidationError(
                f"must be true or false, not {json.dumps(value, default=str)}: write `enabled: false` to switch "
                "the part off, or `enabled: true`"
            )
        return value


class _Enabled(_Refusing):
    enabled = _Boolean()
    _what = "each part"


class _Switch(c.SubConfig[_Enabled]):
    """An optional part: `name: {enabled: false}` switches it off."""

    _name = "part"  # the option's name, for the message; MkDocs gives it before validating

    def pre_validation(self, config: base.Config, key_name: str) -> None:
        super().pre_validation(config, key_name)
        self._name = key_name

    def run_validation(self, value: object) -> _Enabled:
        if not isinstance(value, dict):
            raise c.ValidationError(
                f"a part is switched by its `enabled`, as in Material's plugins: write `{self._name}: {{enabled: false}}` "
                f"(or true) rather than `{self._name}: {json.dumps(value, default=str)}`"
            )
        return super().run_validation(value)


class _TreeFile(c.File):
    def run_validation(self, value: object) -> str:
        if not isinstance(value, str):
            raise c.ValidationError(
                f"the tree is named by its file's path, as text: write `tree: my-tree.yaml` (relative to "
                f"mkdocs.yml) rather than `tree: {json.dumps(value, default=str)}`"
            )
        try:
            return super().run_validation(value)
        except c.ValidationError:
            raise c.ValidationError(
                f"there is no file '{value}' (the path is relative to mkdocs.yml): correct the path to the tree's file"
            ) from None


class PluginOptions(_Refusing):
    """The plugin's options; each part is `{enabled: true}` unless the site switches it off."""

    embed = _Switch()
    """The questions alone, at embed/, and its place on the trainers' page."""
    scorm = _Switch()
    """The SCORM 1.2 package, at downloads/, and its place on the trainers' page."""
    handout = _Switch()
    """The print handout, at handout/, its place on the trainers' page and in the navigation."""
    redirects = _Switch()
    """A redirect page at each address that moved, as the permanent-link lock beside the tree declares."""
    csp = _Switch()
    """The Content-Security-Policy in every page, and the check that refuses inline code the project does not ship."""
    tree = c.Optional(_TreeFile(exists=True))
    """The decision tree, relative to mkdocs.yml; unset, `decision_tree/escalation.yaml` beside it."""


def defaults() -> PluginOptions:
    """The options of a site that sets none: every part on, the tree at its default place."""
    options = PluginOptions()
    options.load_dict({})
    options.validate()
    return options


def tree_file(options: PluginOptions, config_file: str | Path) -> Path:
    """The tree the options name, or the default one beside mkdocs.yml (which may not exist: the caller says so)."""
    return Path(options.tree) if options.tree else Path(config_file).parent / DEFAULT_TREE_NAME


def missing_tree(config_file: str | Path) -> str:
    """What to do when the tree is neither named nor at its default place."""
    return (
        f"no decision tree: {Path(config_file).parent / DEFAULT_TREE_NAME} does not exist. "
        f"Write the tree there, or name its file in {Path(config_file).name} under the plugin, "
        f"as `- {PLUGIN_NAME}: {{tree: my-tree.yaml}}` (relative to {Path(config_file).name})"
    )


def site_parts(options: PluginOptions | None, tree: str | os.PathLike[str], layout: SiteLayout) -> Parts:
    """What the site will hold: the parts switched on, and the pages that generated pages link to that it writes.

    Redirect pages need a lock to say what moved, so without one beside the tree there are none.
    """
    on = options if options is not None else defaults()
    return Parts(
        embed=on.embed.enabled,
        scorm=on.scorm.enabled,
        handout=on.handout.enabled,
        redirects=on.redirects.enabled and lock_file(tree).exists(),
        written=layout.site_writes,
    )


def options_of_config(config_file: Path) -> tuple[PluginOptions, list[Problem]]:
    """The plugin's options as the mkdocs.yml at `config_file` sets them, for the command line.

    A site that does not list the plugin gets every default. A problem with an
    option is reported at mkdocs.yml, as the build would report it; so is a
    site_url the plugin refuses (site/address.py), since the build stops on it.
    """
    options = PluginOptions(config_file_path=str(config_file))
    config: dict[str, Any] = {}
    try:
        config = site_config(config_file)
    except Exception:  # an unreadable mkdocs.yml, whatever the reason, is reported once, by layout_of_config
        config = {}
    raw = _plugin_entry(config.get("plugins"))
    problems = []
    try:
        site_address(config.get("site_url"))
    except AddressRefused as refused:
        problems.append(Problem(_where_key(config_file, "site_url"), str(refused)))
    if not isinstance(raw, dict):
        problems.append(
            Problem(Loc(str(config_file), 1, 1), f"the options of the plugin {PLUGIN_NAME} are not a mapping")
        )
        raw = {}
    options.load_dict(raw)
    failed, _ = options.validate()
    problems += [
        Problem(Loc(str(config_file), 1, 1), f"plugin {PLUGIN_NAME}, option '{name}': {error}")
        for name, error in failed
    ]
    return options, problems


def _where_key(config_file: Path, key: str) -> Loc:
    """Where mkdocs.yml sets the top-level `key`'s value (its first line if that cannot be told)."""
    try:
        root: Any = yaml.compose(config_file.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)  # tags unread
        mark = next(value.start_mark for name, value in root.value if name.value == key)
    except Exception:  # the site_url came from elsewhere, or the file is not a mapping: the file itself
        return Loc(str(config_file), 1, 1)
    return Loc(str(config_file), mark.line + 1, mark.column + 1)


def _plugin_entry(plugins: Any) -> Any:
    """The options given to this plugin in mkdocs.yml's `plugins`, a list or a mapping ({} if none or absent)."""
    if isinstance(plugins, dict):
        return plugins.get(PLUGIN_NAME) or {}
    for entry in plugins if isinstance(plugins, list) else []:
        if isinstance(entry, dict) and PLUGIN_NAME in entry:
            return entry[PLUGIN_NAME] or {}
    return {}
