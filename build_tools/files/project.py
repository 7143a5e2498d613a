"""The names a site uses unless it says otherwise, relative to the site, never to this package or a repository.

The plugin is installed from a wheel into sites that have no repository of
this project around them, so nothing here knows where it was installed from.
The plugin reads the tree relative to mkdocs.yml; the command line reads
mkdocs.yml from the folder it runs in, and the tree from that file's plugin
options or beside it.
"""

from __future__ import annotations

DEFAULT_TREE_NAME = "decision_tree/escalation.yaml"  # relative to mkdocs.yml, when the plugin's `tree` option is unset
DEFAULT_CONFIG_NAME = "mkdocs.yml"  # the site the command line holds the tree to, in the folder it runs in
PLUGIN_NAME = "escalation-guide"  # the plugin's name in mkdocs.yml's `plugins` (its entry point in pyproject.toml)
