"""The open data described in DCAT-AP-SE (RDF/XML), so the dataset can be listed on Sweden's
data portal (dataportal.se harvests a catalogue from an address its publisher registers).

One catalogue with one dataset, titled and described in Swedish and English, with a
distribution per file: the JSON, the CSV and the CSV for spreadsheets in each language, each
with its licence, format and media type from the EU vocabularies DCAT-AP-SE names. The site
names no organisation of its own, so the publisher and the contact point are the site, with
the open data page as the way to reach it.
"""

from __future__ import annotations

import datetime
from xml.sax.saxutils import escape, quoteattr

from ..reading.corpus import Corpus
from ..reading.languages import SOURCE_LANGUAGE, language
from ..reading.model import LANGUAGES
from ..reading.problems import N_
from ..reading.publisher import Publisher
from . import i18n
from .urls import DATA_FILES, DATA_SCHEMA_FILE, OPEN_DATA, html_path

EU = "http://publications.europa.eu/resource/authority/"
#: CC BY 4.0 as DCAT-AP-SE's licence list writes it (http, matched exactly by the portal).
LICENCE_URL = "http://creativecommons.org/licenses/by/4.0/"
#: ISO 639-3 in the EU's language vocabulary.
#: The words the data portal lists the dataset under, translated by the site's catalog.
KEYWORDS = (N_("idea sluice"), N_("innovation"), N_("municipality"), "Vinnova")
#: Per file kind: the EU file type and the IANA media type.
FORMATS = {"json": ("JSON", "application/json"), "csv": ("CSV", "text/csv"),
           "excel": ("CSV", "text/csv")}
NAMESPACES = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
              "dcat": "http://www.w3.org/ns/dcat#", "dcterms": "http://purl.org/dc/terms/",
              "foaf": "http://xmlns.com/foaf/0.1/", "vcard": "http://www.w3.org/2006/vcard/ns#",
              "xsd": "http://www.w3.org/2001/XMLSchema#"}


def texts(tag: str, message: str) -> list[str]:
    """The element in every language: the English message and its Swedish translation."""
    return [f"<{tag} xml:lang=\"{lang}\">{escape(i18n.site_translations(lang).gettext(message))}"
            f"</{tag}>" for lang in LANGUAGES]


def names(tag: str, publisher: Publisher) -> list[str]:
    """The publisher's name per language, or the site's where none is stated."""
    if not publisher.name:
        return texts(tag, "Idea sluices in municipalities")
    return [f'<{tag} xml:lang="{lang}">{escape(publisher.name[lang])}</{tag}>'
            for lang in LANGUAGES]


def contact(publisher: Publisher, landing: str) -> list[str]:
    """How to reach the publisher: the stated e-mail address (what DCAT-AP-SE asks for) or
    web form; else the open data page."""
    address = publisher.contact or landing
    return [resource("vcard:hasEmail" if address.startswith("mailto:") else "vcard:hasURL",
                     address)]


def resource(tag: str, url: str) -> str:
    return f"<{tag} rdf:resource={quoteattr(url)}/>"


def modified(when: datetime.datetime | None) -> list[str]:
    if when is None:
        return []
    return [f'<dcterms:modified rdf:datatype="{NAMESPACES["xsd"]}date">'
            f"{when.date().isoformat()}</dcterms:modified>"]


def distribution(root: str, kind: str, lang: str) -> list[str]:
    url = root + DATA_FILES[kind].format(lang=lang)
    file_type, media = FORMATS[kind]
    title = {"json": "JSON", "csv": "CSV", "excel": "CSV (Excel)"}[kind]
    return [
        f"<dcat:Distribution rdf:about={quoteattr(url)}>",
        f"<dcterms:title xml:lang=\"{SOURCE_LANGUAGE}\">{title}, {language(lang).name}"
        "</dcterms:title>",
        resource("dcat:accessURL", url),
        resource("dcat:downloadURL", url),
        resource("dcterms:format", EU + "file-type/" + file_type),
        resource("dcat:mediaType", "https://www.iana.org/assignments/media-types/" + media),
        resource("dcterms:license", LICENCE_URL),
        resource("dcterms:language", EU + "language/" + language(lang).eu_language),
        *([resource("dcterms:conformsTo", root + DATA_SCHEMA_FILE)] if kind == "json" else []),
        "</dcat:Distribution>",
    ]


def dcat(corpus: Corpus, site_url: str, publisher: Publisher) -> str:
    """The catalogue as RDF/XML; the publisher and contact are the configuration's
    (`extra.publisher`), else the site and its open data page."""
    root = site_url.rstrip("/") + "/"
    catalog = root + DATA_FILES["dcat"]
    agent = catalog + "#publisher"
    landing = root + html_path(OPEN_DATA)
    updated = max((dates.updated for dates in corpus.dates.values()), default=None)
    languages = [resource("dcterms:language", EU + "language/" + language(lang).eu_language)
                 for lang in LANGUAGES]
    kinds = ("json", "csv", "excel")
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<rdf:RDF " + " ".join(f"xmlns:{prefix}={quoteattr(uri)}"
                               for prefix, uri in NAMESPACES.items()) + ">",
        f"<dcat:Catalog rdf:about={quoteattr(catalog)}>",
        *texts("dcterms:title", "Idea sluices in municipalities"),
        *texts("dcterms:description", N_("How Swedish municipalities let every employee "
                                         "explore, test and develop an idea: examples from "
                                         "the idea sluices.")),
        resource("dcterms:publisher", agent),
        resource("foaf:homepage", root),
        resource("dcterms:license", LICENCE_URL),
        *languages,
        *modified(updated),
        resource("dcat:dataset", catalog + "#dataset"),
        "</dcat:Catalog>",
        f"<dcat:Dataset rdf:about={quoteattr(catalog + '#dataset')}>",
        *texts("dcterms:title", N_("Idea sluices in municipalities: case studies")),
        *texts("dcterms:description", N_("Case studies of the idea sluices through which "
                                         "Swedish municipalities let employees develop ideas, "
                                         "co-financed by Vinnova 2016–2019, with their sources "
                                         "and how each text was translated.")),
        *[element for word in KEYWORDS for element in texts("dcat:keyword", word)],
        resource("dcat:theme", EU + "data-theme/GOVE"),
        resource("dcterms:publisher", agent),
        "<dcat:contactPoint>",
        f"<vcard:Organization rdf:about={quoteattr(catalog + '#contact')}>",
        *names("vcard:fn", publisher),
        *contact(publisher, landing),
        "</vcard:Organization>",
        "</dcat:contactPoint>",
        resource("dcat:landingPage", landing),
        resource("dcterms:accessRights", EU + "access-right/PUBLIC"),
        *languages,
        *modified(updated),
        *[resource("dcat:distribution", root + DATA_FILES[kind].format(lang=lang))
          for lang in LANGUAGES for kind in kinds],
        "</dcat:Dataset>",
        *[line for lang in LANGUAGES for kind in kinds for line in distribution(root, kind,
                                                                               lang)],
        f"<foaf:Agent rdf:about={quoteattr(agent)}>",
        *names("foaf:name", publisher),
        resource("foaf:homepage", root),
        "</foaf:Agent>",
        "</rdf:RDF>",
    ]
    return "\n".join(lines) + "\n"
