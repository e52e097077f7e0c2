"""The `paragraphs` filter: typed text with "- " lines as a bulleted list, escaped first."""

from oranje.core.templatetags.oranje import paragraphs


def test_dash_lines_become_a_bulleted_list_between_paragraphs() -> None:
    text = "Bevolkingszorg doet:\n- opvang\n- verzorging\n\nDaarna de nazorg."
    assert paragraphs(text) == (
        "<p>Bevolkingszorg doet:</p>\n<ul><li>opvang</li><li>verzorging</li></ul>\n"
        "<p>Daarna de nazorg.</p>"
    )


def test_everything_typed_is_escaped() -> None:
    html = paragraphs('<script>x</script>\n- <b onclick="y">z</b>')
    assert "<script>" not in html and "<b " not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html
    assert "<li>&lt;b onclick=&quot;y&quot;&gt;z&lt;/b&gt;</li>" in html


def test_plain_lines_keep_their_line_breaks() -> None:
    assert paragraphs("een\r\ntwee") == "<p>een<br>twee</p>"
    assert paragraphs("") == ""
