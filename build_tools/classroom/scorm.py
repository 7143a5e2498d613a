"""The SCORM 1.2 package: the embed page and everything it needs, in one zip a learning platform imports.

The package's page is the embed page with the platform adapter
(build_tools/site/assets/javascripts/scorm12.js) first among its scripts. Everything it
loads is inside the zip; links to the guide's full pages go to the public
site (`site_url`) in a new tab, or are left out when there is none. The
zip is reproducible: fixed timestamps, permissions and order, so the same
tree and assets always give the same bytes, and a platform sees a new
version only when something changed.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping

from ..site.assets import shipped
from ..site.contexts import ScormManifest
from ..site.csp import policy, with_policy
from ..site.templating import render
from ..site.urls import QUESTIONNAIRE_DATA, QUESTIONNAIRE_SETTING
from ..tree.model import Tree
from .embed import SCORM_ADAPTER, SCRIPTS, STYLESHEETS, embed_page

LAUNCH = "index.html"
MANIFEST = "imsmanifest.xml"
_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip can hold: no build time leaks into the bytes


def package_files(
    tree: Tree, generated: Mapping[str, str], *, directory_urls: bool, site_url: str | None
) -> dict[str, bytes]:
    """Every file of the package but the manifest: the page, the adapter, the questionnaire and its styles.

    `generated` holds the questionnaire's data and, for a tree with settings, each setting's text
    (questionnaire_data.py), which the questionnaire loads from beside the data: all go in.
    """
    page = embed_page(tree, directory_urls=directory_urls, site_base=site_url or "", scorm=True)
    files = {LAUNCH: with_policy(page, policy(())).encode("utf-8")}
    for asset in (SCORM_ADAPTER, *SCRIPTS, *STYLESHEETS):
        files[asset] = generated[asset].encode("utf-8") if asset == QUESTIONNAIRE_DATA else shipped()[asset]
    for setting in tree.settings:
        asset = QUESTIONNAIRE_SETTING.format(id=setting)
        files[asset] = generated[asset].encode("utf-8")
    return files


def package(tree: Tree, files: Mapping[str, bytes]) -> bytes:
    """The zip: the manifest first, then every file in name order, each with the same fixed metadata."""
    manifest = render(MANIFEST + ".j2", ScormManifest(MANIFEST, tree, True, LAUNCH, sorted(files)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in [(MANIFEST, manifest.encode("utf-8")), *sorted(files.items())]:
            info = zipfile.ZipInfo(name, date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, whatever machine builds it
            archive.writestr(info, data, compresslevel=9)
    return buffer.getvalue()
