"""The full build's search-index parser must find exactly what Material's finds.

`generator.search_parser.CountingParser` replaces Material's parser only for speed; every
section, title, text and anchor of the search index must stay Material's. Both parse the same
HTML here: odd markup that exercises each rule of Material's parser and of HTMLParser's
tokenizer, and every page of the real site. (`test_scale.py` also compares whole search
indexes with those of plain `mkdocs build`.)
"""

from __future__ import annotations

from pathlib import Path

import pytest
from material.plugins.search.plugin import Parser

from generator.engine.search_parser import CountingParser, counting_search_parser

ODD_HTML = {
    "headings": '<h1 id="t">Title <a class="headerlink" href="#t">¶</a></h1><p>Intro</p>'
                '<h2 id="a">A</h2><p>Text &amp; more</p><h3>no id</h3><p>x</p>'
                '<h2 id="b">B <code>code</code></h2><ul><li>one</li><li> </li></ul>',
    "first heading not h1": '<p>before</p><h2 id="x">X</h2><p>after</p>',
    "nested heading": '<div><h2 id="in">Inside</h2><p>in</p></div><p>after the div</p>'
                      '<section><div><h3 id="deep">Deep</h3></div>tail</section>',
    "excluded": '<p>keep</p><div data-search-exclude><p>gone</p><div>inner</div>'
                'still?</div><p>back</p><span data-search-exclude>s</span>t',
    "line numbers": '<table><tr><td class="linenodiv"><pre>1\n2</pre></td>'
                    '<td><pre><code>a = 1\n\n  b</code></pre></td></tr></table>',
    "scripts and styles": '<p>a</p><script>if (a < b) { x = "</p>" }</script><p>b</p>'
                          '<style>p > a { color: red }</style><object>o</object><p>c</p>',
    "comments and declarations": '<!DOCTYPE html><p>a<!-- <p>hidden</p> -->b</p>'
                                 '<?php echo 1 ?><![CDATA[ x ]]><p>c</p>',
    "stray angle brackets": '<p>1 < 2 and 3 <= 4, <3 and </> and </ p></p><p>x<</p>',
    "entities": '<p>&lt;b&gt; &amp;amp; &#233; &#xe9; &eacute &nbsp;x &unknown; &</p>'
                '<a title="&quot;q&quot;" href=\'?a=1&amp;b=2\'>l</a>',
    "whitespace": '<p>a\n  b</p>\n\n   \n<p>\n</p><pre>  keep\n   this  </pre>  \n  ',
    "whitespace in pre": '<p>x</p><pre> <b> </b>\n<i></i>\t<span>y</span> </pre> <b> </b> ',
    "self-closing and void": '<p>a<br>b<br/>c<img src="x" alt="y"/><hr>d<div/>e</p>',
    "upper case and attributes": '<DIV CLASS="X" data-x=1 hidden><P>Up</P></DIV>'
                                 '<p class=a id = "b" data-search-exclude>gone</p>z',
    "unfinished tag at the end": '<p>text</p><a href="x',
    "text at the end with an ampersand": '<p>x</p>tail &amp',
    "mismatched end tags": '<p><b>bold</p></b><li>item</ul><p>after</p>',
    "sub and sup kept": '<p>H<sub>2</sub>O and x<sup>2</sup>, <sub> </sub>empty</p>',
    "quotes holding angle brackets": '<a title="a>b" href="x">l</a><p title="<p>">t</p>',
    "unicode space in tags": '<p\xa0class="x">a</p\xa0><a href="x"\u2003>b</a><p>c</p>',
    "attribute forms": '<a href="" data-x=\'y\' b=c d = "e" f="g"h="i" hidden>t</a>'
                       '<input VALUE="A&amp;B" disabled/><p ID="Up" class="a&lt;b">u</p>'
                       '<H2 ID="Big">Big</H2><p DATA-SEARCH-EXCLUDE>gone</p>after',
    "names with dashes and odd end tags": '<my-el a="b">x</my-el><p>y</ p><p>z</p >'
                                          '<h2 id="h"\n class="k">H</h2\t>w<br />',
    "script and style closed at once": '<script/><p>a</p><style src="x"/>b<p>c</p>',
    "empty": '',
    "only text": 'just text & more',
}


def sections(parser_class: type[Parser], html: str) -> list[tuple[object, ...]]:
    parser = parser_class()
    parser.feed(html)
    parser.close()
    return [(section.el.tag, section.id, section.depth, section.title, section.text,
             section.is_excluded()) for section in parser.data]


@pytest.mark.parametrize("html", ODD_HTML.values(), ids=ODD_HTML.keys())
def test_odd_html_gives_materials_sections(html: str) -> None:
    assert sections(CountingParser, html) == sections(Parser, html)


def test_every_page_of_the_real_site_gives_materials_sections(real_site: Path) -> None:
    pages = sorted(real_site.rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        html = page.read_text(encoding="utf-8")
        start = html.index(">", html.index("<article")) + 1
        for part in (html, html[start:html.index("</article>")]):  # the page, its content
            assert sections(CountingParser, part) == sections(Parser, part), page


def test_material_uses_it_only_during_a_build() -> None:
    from material.plugins.search import plugin

    with counting_search_parser():
        assert plugin.Parser is CountingParser
    assert plugin.Parser is Parser
