"""Front matter only at the very top; the body is passed on byte for byte, whatever it contains."""

from __future__ import annotations

from datetime import date

import pytest

from generator.load.pages import split_front_matter

FRONT = "---\ntitle: T\nowner: ana\nreviewed: 2026-11-01\n---\n"


def one_page(load, text: str | bytes, name: str = "manual/index.md"):
    project = load({"manual/index.md": None, name: text})
    (page,) = project.pages
    return page


BODIES = {
    "plain": "# Title\n\nBody.\n",
    "thematic-break-later": "# Title\n\n---\ntitle: not front matter\nowner: nobody\n---\n\nMore prose.\n",
    "hugo-shortcodes": '# T\n\n{{< figure src="x.png" >}}\n{{% notice tip %}}Hi{{% /notice %}}\n',
    "jinja-like": "# T\n\n{{ not a template }} and {% raw %}{{ x }}{% endraw %} and {# comment #}\n",
    "mdx-jsx": '# T\n\nimport Callout from "./callout"\n\n<Callout type="warn">MDX <b>{props.x}</b></Callout>\n<Tabs>\n',
    "html-and-entities": "# T\n\n<div markdown>&amp; &lt;x&gt; <!-- --- --></div>\n",
    "no-trailing-newline": "# T\n\nlast line",
    "empty": "",
    "whitespace": "\n\n  \n",
    "unicode": "# Überblick 🚀\n\nZero\u200bwidth, tab\tand NBSP\u00a0here.\n",
    "code-fence-with-dashes": "# T\n\n```yaml\n---\nowner: x\n---\n```\n",
}


@pytest.mark.parametrize("body", BODIES.values(), ids=BODIES.keys())
def test_body_is_kept_byte_for_byte(load, body):
    page = one_page(load, FRONT + body)
    assert page.body == body
    assert (page.title, page.owner, page.reviewed) == ("T", "ana", date(2026, 11, 1))


@pytest.mark.parametrize("body", BODIES.values(), ids=BODIES.keys())
def test_page_without_front_matter_keeps_everything(load, body):
    page = one_page(load, body)
    assert page.body == body
    assert (page.has_front_matter, page.owner, page.reviewed) == (False, None, None)


def test_crlf_page(load):
    body = "# Title\r\n\r\nLine one.\r\nLine two.\r\n"
    page = one_page(load, ("---\r\nowner: ana\r\nreviewed: 2026-11-01\r\n---\r\n" + body).encode())
    assert (page.owner, page.reviewed, page.body) == ("ana", date(2026, 11, 1), body)
    assert page.lines == {"owner": 2, "reviewed": 3}


def test_bom_page(load):
    body = "# Title\n\nBody.\n"
    page = one_page(load, ("\ufeff" + FRONT + body).encode())
    assert (page.owner, page.title, page.body) == ("ana", "T", body)


def test_bom_page_without_front_matter(load):
    page = one_page(load, "\ufeff# Title\n".encode())
    assert (page.has_front_matter, page.title, page.body) == (False, "Title", "# Title\n")


def test_large_page(load):
    paragraph = "Lorem ipsum {{< ref x >}} <Card>dolor</Card> --- sit amet. " * 16 + "\n\n"
    body = "# Big\n\n" + paragraph * (200_000 // len(paragraph) + 1)
    assert len(body.encode()) > 200_000
    page = one_page(load, FRONT + body)
    assert page.body == body


@pytest.mark.parametrize(
    "text",
    [
        "\n---\nowner: ana\n---\n# T\n",  # a blank line first: not front matter
        " ---\nowner: ana\n---\n# T\n",
        "# T\n---\nowner: ana\n---\n",
        "---",  # a lone thematic break, no newline
    ],
    ids=["blank-line-first", "indented", "after-heading", "lone-dashes"],
)
def test_front_matter_only_at_the_very_top(load, text):
    page = one_page(load, text)
    assert (page.has_front_matter, page.owner, page.body) == (False, None, text)


def test_front_matter_closed_by_dots_and_trailing_spaces(load):
    page = one_page(load, "--- \nowner: ana\n...  \n# T\n")
    assert (page.has_front_matter, page.owner, page.body) == (True, "ana", "# T\n")


def test_empty_front_matter(load):
    page = one_page(load, "---\n---\n# T\n")
    assert (page.has_front_matter, page.owner, page.title, page.body) == (True, None, "T", "# T\n")


def test_front_matter_line_numbers(load):
    page = one_page(load, "---\ntitle: T\n\n# a comment\nowner: ana\nkpis:\n  - metric: sqls\n---\n")
    assert page.lines == {"title": 2, "owner": 5, "kpis": 6}
    assert [(k.metric, k.file, k.line) for k in page.kpis] == [("sqls", "manual/index.md", 7)]


def test_mkdocs_keys_pass_through(load):
    text = (
        "---\ntitle: T\ndescription: D\ntemplate: x.html\nhide: [toc, navigation]\nicon: material/book\n"
        "status: new\nsearch: {boost: 2}\ntags: [process, handoff]\n---\n"
    )
    page = one_page(load, text)
    assert page.tags == ("process", "handoff")


def test_single_ids_may_be_written_without_a_list(load):
    page = one_page(load, "---\npersonas: it-director\nstages: awareness\nchannels: webinar\n---\n")
    assert (page.personas, page.stages, page.channels) == (("it-director",), ("awareness",), ("webinar",))


@pytest.mark.parametrize(
    ("name", "text", "title"),
    [
        ("manual/guide.md", "---\ntitle: From front matter\n---\n# Heading\n", "From front matter"),
        ("manual/guide.md", "Intro\n\n# First heading #\n\n# Second\n", "First heading"),
        ("manual/guide.md", "```\n# not a heading\n```\n\n~~~\n# nor this\n~~~\n# Real\n", "Real"),
        ("manual/lead-handoff.md", "## Only H2\n", "Lead handoff"),
        ("manual/index.md", "No heading\n", "Home"),
        ("manual/playbooks/index.md", "No heading\n", "Playbooks"),
    ],
)
def test_title(load, name, text, title):
    assert one_page(load, text, name).title == title


def test_hidden_folders_and_other_files_are_skipped(load):
    project = load(
        {"manual/.drafts/x.md": "---\nbroken: [\n---\n", "manual/notes.txt": "---\n", "manual/a/b.md": "# B\n"}
    )
    assert [(p.path, p.file) for p in project.pages] == [("a/b.md", "manual/a/b.md"), ("index.md", "manual/index.md")]


def test_page_that_is_not_utf8(problems):
    found = problems({"manual/index.md": "# Caf\xe9\n".encode("latin-1")})
    assert [str(p) for p in found] == ["manual/index.md: the page is not UTF-8 text (byte 5) (save it as UTF-8)"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("---\na: 1\n---\nbody", ("a: 1\n", "body", 4)),
        ("---\r\na: 1\r\n---\r\nbody\r\n", ("a: 1\r\n", "body\r\n", 4)),
        ("---\n---\n", ("", "", 3)),
        ("---\na: 1\n---", ("a: 1\n", "", 4)),
        ("no front matter\n---\n", (None, "no front matter\n---\n", 1)),
    ],
)
def test_split_front_matter(text, expected):
    assert split_front_matter(text) == expected


def test_split_front_matter_unclosed():
    with pytest.raises(ValueError, match="never closed"):
        split_front_matter("---\na: 1\n")
