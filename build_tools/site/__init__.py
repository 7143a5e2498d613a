"""The site the tree becomes: URL scheme, layout, escaping, templates, pages, navigation, permanent links, CSP."""
