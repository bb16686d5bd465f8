# Sphinx configuration for the tabulon documentation.
import os
import sys

sys.path.insert(0, os.path.abspath(".."))

import tabulon  # noqa: E402

project = "tabulon"
author = "Ines Haddad"
copyright = "2021-2024, Ines Haddad"
version = release = tabulon.__version__

extensions = ["sphinx.ext.autodoc", "sphinx.ext.viewcode"]
templates_path = ["_templates"]
exclude_patterns = ["_build"]
html_theme = "alabaster"
autodoc_member_order = "bysource"
