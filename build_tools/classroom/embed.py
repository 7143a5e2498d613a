"""The questionnaire alone, for other sites' frames and for learning platforms: the embed page.

The same script and data as the site's questionnaire page, without Material:
no header, navigation, search or footer, and nothing a course page would not
want inside a frame. embed.css stands in for the few Material styles the
questionnaire uses, in Material's own colours (site/palette.py). Links to full pages open in a new tab, so that a learner
is not taken out of the course. The SCORM package (scorm.py) ships a copy
of this page with its own base and its platform adapter.
"""

from __future__ import annotations

from markupsafe import Markup

from ..site import assets
from ..site.address import origin, site_address
from ..site.contexts import EmbedPage, EmbedSnippet
from ..site.templating import render
from ..site.urls import EMBED_FILE, EMBED_PAGE, page_url, question_uri
from ..site.wording import WORDING
from ..tree.model import Tree

# No page of the site loads these.
EMBED_ONLY = ("assets/stylesheets/embed.css", "assets/javascripts/embed.js", assets.EMBED_PALETTE)
STYLESHEETS = (assets.EMBED_PALETTE, EMBED_ONLY[0], *assets.STYLESHEETS)  # the palette first: the others use it
SCRIPTS = (*(script for script in assets.SCRIPTS if script != assets.PRINT_BUTTON), EMBED_ONLY[1])
SCORM_ADAPTER = "assets/javascripts/scorm12.js"  # first: it restores a learner's place before the app mounts


def embed_page(tree: Tree, *, directory_urls: bool, site_base: str = "../", scorm: bool = False) -> str:
    """The embed page: at `embed/` in the site (assets one level up), or at the root of the SCORM package.

    `site_base` is where full pages live, relative or absolute; '' means there
    is no site to link to, and the page shows no links to one.
    """
    assets = "" if scorm else "../"
    start = site_base + page_url(question_uri(tree.start), directory_urls) if site_base else ""
    scripts = (SCORM_ADAPTER, *SCRIPTS) if scorm else SCRIPTS
    page = EmbedPage(EMBED_FILE, tree, directory_urls, assets, site_base, start, list(STYLESHEETS), list(scripts))
    return render("embed.html.j2", page)


PLACEHOLDER_SITE = "https://guide.example.org/"  # in the snippet, when the site's address is not configured


def embed_snippet(tree: Tree, site_url: str | None, *, directory_urls: bool) -> Markup:
    """The snippet for a course page, as a code block: a frame that takes the height the questions report.

    Its script trusts messages from one origin, compared as a string with the one the browser reports:
    so it is spelt as browsers spell it (address.origin), or the frame would never be resized.
    """
    base = site_address(site_url or PLACEHOLDER_SITE) or PLACEHOLDER_SITE
    src = base + page_url(EMBED_PAGE, directory_urls)
    code = render("embed_snippet.html.j2", EmbedSnippet(EMBED_FILE, tree, directory_urls, src, origin(base)))
    # copy.js gives it a copy button, as it does the words to say; extra.css wraps its long lines.
    return Markup('<pre class="embed-snippet" data-copyable="{}"><code>{}</code></pre>').format(
        WORDING["copy_snippet"], code.strip()
    )
