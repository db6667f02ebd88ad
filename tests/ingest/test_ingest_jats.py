"""JATS parsing: paper metadata, figures, hostile XML."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from pfocr.errors import InputError
from pfocr.ingest import FigureInput, IngestFailure, Paper, discover, parse_jats
from pfocr.ingest.jats import jats_figures

ARTICLE = """<?xml version="1.0"?>
<article xmlns:xlink="http://www.w3.org/1999/xlink">
<front><article-meta>{meta}</article-meta></front>
<body>{body}</body></article>"""


def _article(meta: str = "", body: str = "") -> bytes:
    return ARTICLE.format(meta=meta, body=body).encode()


def test_fixture_paper(build) -> None:
    article = parse_jats(build.jats_fixture.read_bytes(), "a.nxml")
    assert article.paper == Paper(
        pmcid="PMC9000001",
        pmid="39990001",
        doi="10.3390/ijms22051201",
        papertitle="The TNFSF11–RANK Axis in Bone: NF-κB Signalling from Osteoclast to Osteoblast.",
        reftext="Maria L. Okafor, et al. Int J Mol Sci. 2021 Mar;22(5):1201-1215.",
        year=2021,
        journal_title="International Journal of Molecular Sciences",
        journal_nlm_ta="Int J Mol Sci",
        publisher_name="MDPI",
    )


def test_fixture_figures(build) -> None:
    figures = parse_jats(build.jats_fixture.read_bytes(), "a.nxml").figures
    assert [f.fig_id for f in figures] == ["ijms-22-01201-f001", "ijms-22-01201-f002"]
    first, second = figures
    assert first.label == "Figure 1"
    assert first.href == "ijms-22-01201-g001"
    assert first.figtitle == "RANKL–RANK signalling in the osteoclast"
    assert first.caption == (
        "RANKL–RANK signalling in the osteoclast. Binding of TNFSF11 (RANKL) to TNFRSF11A "
        "recruits TRAF6, which activates NF-κB and MAPK14 (p38). OPG (TNFRSF11B) is a decoy "
        "receptor."
    )
    assert second.href == "ijms-22-01201-g002.tif"
    assert second.figtitle == "Crosstalk with the osteoblast"
    assert second.caption == (
        "Crosstalk with the osteoblast. WNT3A and BMP2 drive RUNX2; SOST inhibits LRP5/6. "
        "Arrows: activation; bars: inhibition."
    )


def test_figures_with_images_beside(tmp_path: Path, build) -> None:
    nxml = build.article_folder(tmp_path / "art")
    items = list(jats_figures(nxml, str))
    assert all(isinstance(i, FigureInput) for i in items)
    first, second = (i for i in items if isinstance(i, FigureInput))
    figure = first.figure
    assert figure.figid == "PMC9000001__ijms-22-01201-g001"
    assert figure.pmcid == "PMC9000001"
    assert figure.filename == "ijms-22-01201-g001.jpg"  # JPEG preferred over the GIF
    assert figure.number == "ijms-22-01201-f001"
    assert figure.figlink == "/pmc/articles/PMC9000001/figure/ijms-22-01201-f001/"
    assert figure.figtype == "Figure"
    assert figure.source == str(tmp_path / "art" / "ijms-22-01201-g001.jpg")
    assert first.image_path == tmp_path / "art" / "ijms-22-01201-g001.jpg"
    assert first.paper is not None and first.paper.pmcid == "PMC9000001"
    # The href says .tif, only a .jpg exists: found by stem.
    assert second.figure.filename == "ijms-22-01201-g002.jpg"


def test_missing_image_is_a_failure_naming_the_figure(tmp_path: Path, build) -> None:
    nxml = build.article_folder(tmp_path / "art")
    (tmp_path / "art" / "ijms-22-01201-g002.jpg").unlink()
    items = list(jats_figures(nxml, str))
    assert isinstance(items[0], FigureInput)
    failure = items[1]
    assert isinstance(failure, IngestFailure)
    assert failure.source == f"{nxml}#ijms-22-01201-f002"
    assert "ijms-22-01201-f002" in failure.error
    assert "ijms-22-01201-g002.tif" in failure.error
    assert "\n" not in failure.error


def test_uppercase_extension_and_png_fallback(tmp_path: Path, build) -> None:
    body = """<fig id="F1"><graphic xlink:href="fig1"/></fig>
              <fig id="F2"><graphic xlink:href="sub/dir/fig2.jpg"/></fig>"""
    meta = '<article-id pub-id-type="pmcid">PMC42</article-id>'
    (tmp_path / "a.nxml").write_bytes(_article(meta, body))
    (tmp_path / "FIG1.PNG").write_bytes(build.image_bytes())
    (tmp_path / "fig2.png").write_bytes(build.image_bytes())
    items = [i for i in jats_figures(tmp_path / "a.nxml", str) if isinstance(i, FigureInput)]
    assert [i.figure.filename for i in items] == ["FIG1.PNG", "fig2.png"]
    assert items[0].figure.figid == "PMC42__FIG1"


def test_href_cannot_escape_the_folder(tmp_path: Path, build) -> None:
    (tmp_path / "secret.png").write_bytes(build.image_bytes())
    article = tmp_path / "art"
    article.mkdir()
    (article / "a.nxml").write_bytes(
        _article(body='<fig id="F1"><graphic xlink:href="../secret.png"/></fig>')
    )
    (items,) = list(jats_figures(article / "a.nxml", str))
    assert isinstance(items, IngestFailure)


def test_without_pmcid_figid_is_the_stem(tmp_path: Path, build) -> None:
    (tmp_path / "a.nxml").write_bytes(
        _article(body='<fig id="F1"><graphic xlink:href="g1"/></fig>')
    )
    (tmp_path / "g1.jpg").write_bytes(build.image_bytes("JPEG"))
    (item,) = list(jats_figures(tmp_path / "a.nxml", str))
    assert isinstance(item, FigureInput)
    assert item.paper is None
    assert item.figure.figid == "g1"
    assert item.figure.figlink is None


def test_label_used_when_fig_has_no_id(build) -> None:
    body = '<fig><label>Figure 9</label><graphic xlink:href="g9"/></fig>'
    (figure,) = parse_jats(_article(body=body), "a.nxml").figures
    assert figure.fig_id is None
    assert figure.label == "Figure 9"
    assert figure.figtitle is None and figure.caption is None


def test_default_namespace_and_odd_xlink_prefix() -> None:
    data = b"""<article xmlns="http://jats.nlm.nih.gov" xmlns:x="http://www.w3.org/1999/xlink">
      <front><article-meta><article-id pub-id-type="pmc">77</article-id></article-meta></front>
      <body><fig id="F1"><caption><title>T</title></caption><graphic x:href="g"/></fig></body>
    </article>"""
    article = parse_jats(data, "a.nxml")
    assert article.paper is not None and article.paper.pmcid == "PMC77"
    assert [f.href for f in article.figures] == ["g"]


def test_jats_1_1_dates_single_author_and_elocation() -> None:
    meta = """<article-id pub-id-type="pmcid">PMC5</article-id>
      <title-group><article-title>Why?</article-title></title-group>
      <contrib-group><contrib contrib-type="author"><name><surname>Camelo</surname>
        <given-names>Serge</given-names></name></contrib>
        <contrib contrib-type="editor"><name><surname>Ed</surname></name></contrib>
      </contrib-group>
      <pub-date date-type="pub" publication-format="electronic"><day>2</day><month>5</month>
        <year>2014</year></pub-date>
      <volume>2014</volume><elocation-id>532487</elocation-id>"""
    data = f"""<article><front><journal-meta>
      <journal-id journal-id-type="nlm-ta">Autoimmune Dis</journal-id></journal-meta>
      <article-meta>{meta}</article-meta></front></article>""".encode()
    paper = parse_jats(data, "a.nxml").paper
    assert paper is not None
    assert paper.year == 2014
    assert paper.papertitle == "Why?"
    assert paper.reftext == "Serge Camelo. Autoimmune Dis. 2014;2014:532487."


def test_season_in_citation_date() -> None:
    meta = """<article-id pub-id-type="pmc">6</article-id>
      <contrib-group><contrib><collab>The Consortium</collab></contrib>
        <contrib><name><surname>B</surname></name></contrib></contrib-group>
      <pub-date pub-type="ppub"><season>May-Jun</season><year>2018</year></pub-date>
      <volume>9</volume><issue>3</issue><elocation-id>e01017-18</elocation-id>"""
    data = f"""<article><front><journal-meta>
      <journal-id journal-id-type="nlm-ta">mBio</journal-id></journal-meta>
      <article-meta>{meta}</article-meta></front></article>""".encode()
    paper = parse_jats(data, "a.nxml").paper
    assert paper is not None
    assert paper.reftext == "The Consortium, et al. mBio. 2018 May-Jun;9(3):e01017-18."


def test_deeply_nested_markup_does_not_crash() -> None:
    depth = 20_000
    caption = "<italic>" * depth + "deep" + "</italic>" * depth
    body = f'<fig id="F1"><caption><p>{caption}</p></caption><graphic xlink:href="g"/></fig>'
    (figure,) = parse_jats(_article(body=body), "a.nxml").figures
    assert figure.caption == "deep"


# -- hostile and broken XML ---------------------------------------------------------------

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE article [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<article><front><article-meta><article-id pub-id-type="pmc">1</article-id>
<title-group><article-title>&lol9;</article-title></title-group></article-meta></front>
</article>"""


def test_billion_laughs_refused_fast(tmp_path: Path, settings) -> None:
    nxml = tmp_path / "bomb.nxml"
    nxml.write_bytes(BILLION_LAUGHS)
    started = time.monotonic()
    (failure,) = list(discover([nxml], tmp_path / "work", settings))
    assert time.monotonic() - started < 2
    assert isinstance(failure, IngestFailure)
    assert failure.source == str(nxml)
    assert "hostile" in failure.error and "EntitiesForbidden" in failure.error
    assert "\n" not in failure.error


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE article [<!ENTITY xxe SYSTEM "file://{secret}">]>',
        '<!DOCTYPE article [<!ENTITY % p SYSTEM "file://{secret}"> %p;]>',
    ],
)
def test_external_entities_never_read(tmp_path: Path, doctype: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    prolog = doctype.format(secret=secret)
    data = (
        f'<?xml version="1.0"?>{prolog}<article><front><article-meta>'
        '<article-id pub-id-type="pmc">1</article-id><title-group><article-title>&xxe;'
        "</article-title></title-group></article-meta></front></article>"
    )
    with pytest.raises(InputError) as info:
        parse_jats(data.encode(), "xxe.nxml")
    assert "TOP-SECRET" not in str(info.value)
    assert str(info.value).startswith("xxe.nxml: ")


def test_external_dtd_is_not_fetched(build) -> None:
    # PMC files name their DTD; it must not be loaded (nor block parsing).
    data = build.jats_fixture.read_bytes().replace(
        b'"JATS-archivearticle1-3-mathml3.dtd"', b'"http://127.0.0.1:9/never.dtd"'
    )
    assert len(parse_jats(data, "a.nxml").figures) == 2


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<article><front></article>", "malformed XML"),
        (b"", "malformed XML"),
        (b"<html><body/></html>", "not a JATS article"),
        (b"<article>&nbsp;</article>", "malformed XML"),
    ],
)
def test_broken_xml(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_jats(data, "bad.nxml")


def test_broken_nxml_in_folder_does_not_stop_discovery(tmp_path: Path, build, settings) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "broken.nxml").write_bytes(b"<article>")
    build.article_folder(tmp_path / "b")
    items = list(discover([tmp_path], tmp_path / "work", settings))
    assert isinstance(items[0], IngestFailure)
    assert [type(i) for i in items[1:]] == [FigureInput, FigureInput]


def test_fifo_nxml_is_refused_without_blocking(tmp_path: Path, settings) -> None:
    fifo = tmp_path / "pipe.nxml"
    os.mkfifo(fifo)
    (failure,) = list(discover([fifo], tmp_path / "work", settings))
    assert isinstance(failure, IngestFailure) and "not a regular file" in failure.error
