"""The embed page's colours are Material's own, read from the installed theme, in the site's schemes and colour."""

from __future__ import annotations

import re

import yaml
from bs4 import BeautifulSoup

from build_tools.classroom.embed import STYLESHEETS, embed_page
from build_tools.classroom.scorm import package_files
from build_tools.site.assets import ASSETS, EMBED_PALETTE, shipped
from build_tools.site.palette import COLOR, MATERIAL_STYLESHEETS
from build_tools.site.questionnaire_data import questionnaire_files

from .repository import DEFAULT_CONFIG

COLOUR_LITERAL = re.compile(r"#[0-9a-fA-F]{3,8}\b|\b(?:rgba?|hsla?)\(")


def palette() -> tuple[dict[str, str], dict[str, str]]:
    """The light and the dark variables of the generated stylesheet."""
    css = shipped()[EMBED_PALETTE].decode("utf-8")
    light, dark = re.findall(r":root\{([^}]*)\}", css)
    assert css.index(dark) > css.index("@media screen and (prefers-color-scheme: dark)")
    return variables(light), variables(dark)


def variables(block: str) -> dict[str, str]:
    return dict(declaration.split(":", 1) for declaration in block.split(";"))


def test_every_value_is_one_materials_stylesheets_set():
    material = " ".join(path.read_text(encoding="utf-8") for path in MATERIAL_STYLESHEETS.glob("*.min.css"))
    light, dark = palette()
    for name, value in [*light.items(), *dark.items()]:
        assert f"{name}:{value}" in material, (name, value)
    assert light["color-scheme"] == "light" and dark["color-scheme"] == "dark"
    assert light["--md-default-bg-color"] != dark["--md-default-bg-color"], "the dark scheme is dark"


def test_every_colour_the_embed_page_draws_with_is_defined():
    light, _ = palette()
    for sheet in ("embed.css", "extra.css", "questionnaire.css"):
        text = (ASSETS / "stylesheets" / sheet).read_text(encoding="utf-8")
        for name in re.findall(r"var\((--md-[\w-]+)", text):
            assert name in light or "-color" not in name, f"{sheet} uses {name}"
    for value in light.values():
        for name in re.findall(r"var\((--md-[\w-]+)", value):
            assert name in light, f"{name}, which the palette refers to"


def test_no_colour_is_copied_by_hand_into_the_questionnaires_stylesheets():
    for sheet in ("embed.css", "questionnaire.css"):
        text = re.sub(r"/\*.*?\*/", "", (ASSETS / "stylesheets" / sheet).read_text(encoding="utf-8"), flags=re.S)
        assert not COLOUR_LITERAL.search(text), f"{sheet}: {COLOUR_LITERAL.search(text)}"


class _Tagged(yaml.SafeLoader):
    """mkdocs.yml with its `!ENV` tags read as nothing."""


_Tagged.add_multi_constructor("!", lambda loader, suffix, node: None)


def test_the_site_chooses_the_same_schemes_and_colour():
    config = yaml.load(DEFAULT_CONFIG.read_text(encoding="utf-8"), Loader=_Tagged)
    schemes = {entry["media"]: entry for entry in config["theme"]["palette"]}
    assert schemes["(prefers-color-scheme: light)"]["scheme"] == "default"
    assert schemes["(prefers-color-scheme: dark)"]["scheme"] == "slate"
    assert {entry[key] for entry in schemes.values() for key in ("primary", "accent")} == {COLOR}


def test_the_embed_page_and_the_scorm_package_load_the_palette_before_the_styles_that_use_it(tree):
    assert STYLESHEETS[0] == EMBED_PALETTE
    for scorm in (False, True):
        page = BeautifulSoup(embed_page(tree, directory_urls=True, scorm=scorm), "html.parser")
        links = [link["href"] for link in page.select("link[rel=stylesheet]")]
        assert links[0].endswith(EMBED_PALETTE), links
    data = questionnaire_files(tree, directory_urls=True)
    files = package_files(tree, data, directory_urls=True, site_url=None)
    assert files[EMBED_PALETTE] == shipped()[EMBED_PALETTE]
