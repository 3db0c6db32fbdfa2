"""Sites that were not written for opsmanual, in the shapes real handbooks have.

``blog_site``: a MkDocs Material site with the blog plugin (``.authors.yml``, posts with ``date``,
``authors``, ``categories``, ``slug``), the tags plugin, a hook, ``custom_dir`` overrides,
``!ENV`` and ``!!python/name`` tags, a nav with an external link, ``docs_dir: docs``, no ``data/``
and a CODEOWNERS file. ``hugo_handbook``: pages migrated from Hugo, with its front matter left in.
Each is a dict of files for :func:`tests.projects.write_files`; ``with_opsmanual`` adds the one line.
"""

from __future__ import annotations

MKDOCS_BLOG = """\
# The team's handbook: built with Material, a blog and a hook.
site_name: !ENV [HANDBOOK_NAME, "Acme Handbook"]
site_url: https://handbook.example.com/
docs_dir: docs
theme:
  name: material
  custom_dir: overrides
  features:
    - navigation.tabs   # tabs on top
plugins:
  - search
  - blog:
      blog_dir: blog
  - tags
hooks:
  - hooks/company.py
markdown_extensions:
  - attr_list
  - md_in_html
  - pymdownx.tasklist:
      custom_checkbox: true
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
nav:
  - Home: index.md
  - Guide:
      - guide/index.md
      - guide/onboarding.md
  - Blog:
      - blog/index.md
  - GitHub: https://github.com/acme/handbook
extra:
  social:
    - icon: fontawesome/brands/github
      link: https://github.com/acme
"""

BLOG_SITE: dict[str, str] = {
    "mkdocs.yml": MKDOCS_BLOG,
    "hooks/company.py": (
        "def on_page_markdown(markdown, page, config, files):\n"
        "    return markdown.replace('{{ company }}', 'Acme Corp')\n"
    ),
    "overrides/main.html": '{% extends "base.html" %}\n{% block announce %}Handbook of Acme{% endblock %}\n',
    "docs/index.md": (
        "---\ntitle: Welcome\nsubtitle: The Acme handbook\nhide:\n  - navigation\nicon: material/home\n---\n"
        "# Welcome to {{ company }}\n\n- [x] read the guide\n- [ ] say hello\n"
    ),
    "docs/guide/index.md": "---\nstatus: new\nsearch:\n  boost: 2\n---\n# Guide\n\nStart with [onboarding](onboarding.md).\n",
    "docs/guide/onboarding.md": (
        "---\ntitle: Onboarding\ndescription: Your first week\ntemplate: main.html\n---\n# Onboarding\n\nDay one.\n"
    ),
    "docs/blog/index.md": "# Blog\n",
    "docs/blog/.authors.yml": (
        "authors:\n  ana:\n    name: Ana Silva\n    description: Editor\n    avatar: https://example.com/ana.png\n"
    ),
    "docs/blog/posts/hello.md": (
        "---\ndate: 2026-10-01\nauthors: [ana]\ncategories: [News]\nslug: hello-world\nlocation: Lisbon\n"
        "social:\n  cards: false\n---\n# Hello world\n\nFirst post.\n\n<!-- more -->\n\nThe rest.\n"
    ),
    ".github/CODEOWNERS": "# Owners\n*            @acme/docs\n/docs/guide/ @ana-gh\n",
}

HUGO_PAGE = """\
---
title: {title}
twitter_image: /images/{slug}.png
noindex: true
canonical_path: /handbook/{slug}/
suppress_header: true
aliases: [/old/{slug}/]
weight: {weight}
draft: false
---
# {title}

A page migrated from Hugo.
"""


def hugo_handbook(pages: int = 12) -> dict[str, str]:
    """A handbook migrated from Hugo: sections of pages with Hugo's front matter, no nav, no data/."""
    files = {
        "mkdocs.yml": "site_name: Handbook\ndocs_dir: docs\ntheme:\n  name: material\n",
        "docs/index.md": "# Handbook\n",
    }
    for n in range(pages):
        section = f"section-{n % 3}"
        slug = f"page-{n}"
        files[f"docs/{section}/{slug}.md"] = HUGO_PAGE.format(title=f"Page {n}", slug=slug, weight=n)
        files[f"docs/{section}/index.md"] = f"---\ntitle: Section {n % 3}\nweight: {n % 3}\n---\n"
    return files


def with_opsmanual(files: dict[str, str], settings: str = "") -> dict[str, str]:
    """``files`` with ``- opsmanual`` added at the end of ``plugins:`` (or a new ``plugins:``)."""
    config = files["mkdocs.yml"]
    entry = "  - opsmanual" + (":\n" + settings if settings else "") + "\n"
    if "\nplugins:\n" in config:
        head, tail = config.split("\nplugins:\n", 1)
        lines = tail.splitlines(keepends=True)
        end = next((i for i, line in enumerate(lines) if line.strip() and not line.startswith(" ")), len(lines))
        config = head + "\nplugins:\n" + "".join(lines[:end]) + entry + "".join(lines[end:])
    else:
        config += "plugins:\n  - search\n" + entry
    return {**files, "mkdocs.yml": config}
