"""Browsing as readers do, in Chromium, both languages, at 1280 and 390 px: the first case within
the first screen on a phone, filters without dead options and with an empty state, the filter
kept across the language switch, a map that follows the filter with targets a finger can hit,
reflow at 320 px and layout shift under 0.1 on every page type, and the translated 404."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from .support import ORIGIN, PAGE_TYPES, REPORT, VIEWPORTS, url

pytestmark = pytest.mark.browser

OVERVIEW = "ideslussar/index.html"
#: Every page type, with the comparison table and the 404 page.
ALL_PAGES = {**PAGE_TYPES, "404": "404.html"}
#: And the overview opened from a shared filtered link, which must not jump when it filters.
SETTLING_PAGES = {**ALL_PAGES, "filtered overview": OVERVIEW + "?county=14&theme=idea-coaching"}
COUNT = {"sv": "Visar {shown} av {total} idéslussar.",
         "en": "Showing {shown} of {total} idea sluices."}


@pytest.fixture(params=list(VIEWPORTS))
def tab(browser: Browser, served: str, request: pytest.FixtureRequest) -> Iterator[Page]:
    context = browser.new_context(viewport=VIEWPORTS[request.param])
    yield context.new_page()
    context.close()


@pytest.fixture
def phone(browser: Browser, served: str) -> Iterator[Page]:
    context = browser.new_context(viewport=VIEWPORTS["phone"], is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


def shown_cases(page: Page) -> list[str]:
    return page.eval_on_selector_all(
        "#ides-list li:not([hidden]) .ides-card__title a", "as => as.map(a => a.textContent)")


def total_cases(page: Page) -> int:
    return page.eval_on_selector_all("#ides-list li", "items => items.length")


def count_where(page: Page, test: str) -> int:
    """How many cases' filter data pass a test (JavaScript over c, s, y and d, the card's
    data-f-* by key), to compare the page's filtering with, whatever cases the content holds."""
    return int(page.eval_on_selector_all(
        "#ides-list li", f"items => items.filter(i => {{ const d = Object.fromEntries("
        f"[...i.attributes].filter(a => a.name.startsWith('data-f-'))"
        f".map(a => [a.name.slice(7), a.value])); "
        f"const c = d.c.split(' '), s = d.s, y = d.y.trim(); return {test}; }}).length"))


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("kind", ["start", "overview"])
def test_first_case_link_is_in_the_first_screen_on_a_phone(phone: Page, kind: str,
                                                           lang: str) -> None:
    phone.goto(url(lang, PAGE_TYPES[kind]))
    bottom = phone.evaluate("""() => {
        const link = [...document.querySelectorAll('.md-content a[href]')]
          .find(a => /ideslussar\\/(?!index)[\\w-]+\\.html$/.test(a.getAttribute('href'))
                     || (location.pathname.includes('/ideslussar/')
                         && /^(?!index)[\\w-]+\\.html$/.test(a.getAttribute('href'))));
        return link ? link.getBoundingClientRect().bottom : null;
    }""")
    REPORT.notes[f"first case link, phone, {kind} {lang} (px)"] = bottom
    assert bottom is not None and bottom <= VIEWPORTS["phone"]["height"], bottom


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_filter_option_matches_something(tab: Page, lang: str) -> None:
    """Each option ticked on its own, and each year chosen on its own, shows at least one case;
    the number beside an option is what ticking it would show."""
    tab.goto(url(lang, OVERVIEW))
    total = total_cases(tab)
    options = tab.eval_on_selector_all("#ides-filters input[type=checkbox]",
                                       "bs => bs.map(b => [b.name, b.value])")
    assert len(options) > 10
    toggle = tab.locator("#ides-filters-toggle")
    if toggle.is_visible():  # on a phone the filters wait behind their button
        toggle.click()
    for name, value in options:
        box = tab.locator(f'#ides-filters input[name="{name}"][value="{value}"]')
        promised = box.locator("xpath=..").locator(".ides-facet__count").inner_text()
        box.check()
        shown = shown_cases(tab)
        assert shown, f"{name}={value} matches nothing"
        assert promised == f"({len(shown)})", (name, value, promised, len(shown))
        box.uncheck()
        assert len(shown_cases(tab)) == total
    for select in ("from", "to"):
        years = tab.eval_on_selector_all(f"#ides-f-{select} option",
                                         "os => os.map(o => o.value).filter(Boolean)")
        assert "2018" in years
        for year in years:
            tab.select_option(f"#ides-f-{select}", year)
            assert shown_cases(tab), f"{select}={year} matches nothing"
        tab.select_option(f"#ides-f-{select}", "")


def unfiltered_view(page: Page) -> dict[str, object]:
    """What the overview shows that the filter script rewrites: counts, lead, button, the
    numbers beside the options, the map's circles (radius as a number: the generator writes
    "4.0", the script "4") and labels, the language links."""
    return page.evaluate("""() => ({
        count: document.getElementById('ides-count').textContent,
        lead: document.getElementById('ides-lead-count').textContent,
        toggle: document.getElementById('ides-filters-toggle').textContent,
        hidden: document.querySelectorAll('#ides-list li[hidden]').length,
        empty: document.getElementById('ides-empty').hidden,
        options: [...document.querySelectorAll('#ides-filters .ides-facet__option')]
            .map(o => [o.textContent, o.className]),
        map: [...document.querySelectorAll('.ides-browse__map a[data-code]')]
            .map(a => [a.getAttribute('aria-label'), a.querySelector('title').textContent,
                       parseFloat(a.querySelector('.ides-map__dot').getAttribute('r')),
                       a.style.display]),
        languages: [...document.querySelectorAll('.md-select__link[hreflang]')].map(a => a.href),
    })""")


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_generated_overview_is_what_the_script_shows_unfiltered(tab: Page,
                                                                   lang: str) -> None:
    """Opened without a filter, the script leaves the page as generated (it does no work at
    start): the generator's counts, option numbers and map must be what the script shows
    once a filter is chosen and cleared again."""
    tab.goto(url(lang, OVERVIEW))
    generated = unfiltered_view(tab)
    toggle = tab.locator("#ides-filters-toggle")
    if toggle.is_visible():
        toggle.click()
    tab.check('#ides-filters input[name="county"][value="14"]')
    assert unfiltered_view(tab) != generated
    tab.click("#ides-filters button[type=reset]")
    assert unfiltered_view(tab) == generated
    assert tab.url.endswith(OVERVIEW)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_filters_combine_and_an_empty_result_explains_and_clears(tab: Page, lang: str) -> None:
    tab.goto(url(lang, OVERVIEW + "?county=14,18"))
    total = total_cases(tab)
    either = count_where(tab, "c.includes('14') || c.includes('18')")
    assert 1 < either < total
    assert tab.inner_text("#ides-count") == COUNT[lang].format(shown=either, total=total)
    # The lead follows the filter too.
    assert tab.inner_text("#ides-lead-count").startswith(
        f"{either} {'av' if lang == 'sv' else 'of'} ")
    toggle = tab.locator("#ides-filters-toggle")
    if toggle.is_visible():
        assert toggle.inner_text() == ("Filtrera (2 valda)" if lang == "sv"
                                       else "Filter (2 active)")
        toggle.click()
        assert toggle.get_attribute("aria-expanded") == "true"
    tab.check('#ides-filters input[name="status"][value="ended"]')
    assert len(shown_cases(tab)) == count_where(
        tab, "(c.includes('14') || c.includes('18')) && s === 'ended'") > 0
    assert tab.url.endswith(f"{OVERVIEW}?county=14,18&status=ended")
    # A county and a status that no case has together.
    county, status = tab.evaluate("""() => {
        const items = [...document.querySelectorAll('#ides-list li')];
        const values = name => [...document.querySelectorAll(
            `#ides-filters input[name=${name}]`)].map(b => b.value);
        for (const c of values('county')) for (const s of values('status'))
            if (!items.some(i => i.getAttribute('data-f-c').split(' ').includes(c)
                                 && i.getAttribute('data-f-s') === s))
                return [c, s];
    }""")
    tab.click("#ides-filters button[type=reset]")
    tab.check(f'#ides-filters input[name="county"][value="{county}"]')
    tab.check(f'#ides-filters input[name="status"][value="{status}"]')
    assert shown_cases(tab) == []
    empty = tab.locator("#ides-empty")
    assert empty.is_visible()
    assert ("Ingen idésluss passar" if lang == "sv" else "No idea sluice matches") \
        in empty.inner_text()
    assert tab.inner_text("#ides-count") == COUNT[lang].format(shown=0, total=total)
    tab.click("#ides-empty-clear")
    assert len(shown_cases(tab)) == total and not empty.is_visible()
    assert tab.url.endswith(OVERVIEW)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_years_from_the_address_and_a_reversed_range(tab: Page, lang: str) -> None:
    tab.goto(url(lang, OVERVIEW + "?from=2018"))
    assert tab.input_value("#ides-f-from") == "2018"
    tab.goto(url(lang, OVERVIEW + "?from=2020&to=2017"))
    assert (tab.input_value("#ides-f-from"), tab.input_value("#ides-f-to")) == ("2017", "2020")
    assert tab.url.endswith("?from=2017&to=2020")
    # Active in 2017–2020: a known period that does not end before 2017 nor start after 2020.
    active = count_where(tab, "y !== '' && (e => isNaN(e) || e >= 2017)(parseInt("
                              "d.y.split(' ')[1], 10)) && (b => isNaN(b) || b <= 2020)("
                              "parseInt(d.y.split(' ')[0], 10))")
    assert len(shown_cases(tab)) == active > 0


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_filter_survives_the_language_switch(tab: Page, lang: str) -> None:
    other = "en" if lang == "sv" else "sv"
    tab.goto(url(lang, OVERVIEW))
    toggle = tab.locator("#ides-filters-toggle")
    if toggle.is_visible():
        toggle.click()
    tab.check('#ides-filters input[name="county"][value="14"]')
    tab.check('#ides-filters input[name="theme"][value="idea-coaching"]')
    tab.click(".md-header__option .md-select button")
    tab.click(f".md-select__link[hreflang={other}]")
    tab.wait_for_url(f"**{'/en' if other == 'en' else ''}/{OVERVIEW}?county=14&theme=idea-coaching")
    assert tab.evaluate("document.documentElement.lang") == other
    assert tab.is_checked('#ides-filters input[name="county"][value="14"]')
    assert tab.inner_text("#ides-count") == COUNT[other].format(shown=1,
                                                                total=total_cases(tab))


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_map_follows_the_filter_with_targets_of_24_px(tab: Page, lang: str) -> None:
    tab.goto(url(lang, OVERVIEW + "?theme=inter-municipal-collaboration"))
    counties = tab.eval_on_selector_all(
        "#ides-list li:not([hidden])",
        "ls => [...new Set(ls.flatMap(l => l.getAttribute('data-f-c').split(' ')))]")
    tab.locator(".ides-browse__map").scroll_into_view_if_needed()
    links = tab.eval_on_selector_all(".ides-browse__map a[data-code]", """as => as.map(a => {
        const box = a.getBoundingClientRect();
        return {county: a.dataset.code, shown: getComputedStyle(a).display !== 'none',
                width: box.width, height: box.height, label: a.getAttribute('aria-label')};
    })""")
    shown = [link for link in links if link["shown"]]
    assert sorted(link["county"] for link in shown) == sorted(counties)
    assert len(shown) < len(links)
    for link in shown:
        assert link["width"] >= 24 and link["height"] >= 24, link
    code = tab.get_attribute('#ides-filters input[value="inter-municipal-collaboration"]',
                             "data-code")
    in_vg = count_where(tab, f"d.t.split(' ').includes('{code}') && c.includes('14')")
    vg = next(link for link in shown if link["county"] == "14")
    assert vg["label"] == (f"Västra Götalands län: {in_vg} idéslussar" if lang == "sv"
                           else f"Västra Götaland County: {in_vg} idea sluices")


def test_without_javascript_a_filtered_link_says_filtering_needs_it(browser: Browser,
                                                                    served: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for lang, text in (("sv", "Filtreringen kräver JavaScript"),
                       ("en", "Filtering needs JavaScript")):
        page.goto(url(lang, OVERVIEW + "?county=14"))
        notice = page.locator(".ides-nojs")
        assert notice.is_visible() and text in notice.inner_text()
        assert notice.locator('a[href="../lan/index.html"]').is_visible()
        assert notice.locator('a[href="../teman/index.html"]').is_visible()
        assert page.locator("#ides-list li:visible").count() == page.locator(
            "#ides-list li").count() > 1
        assert not page.is_visible("#ides-filters")
        assert not page.is_visible("#ides-filters-toggle")
    context.close()


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("kind", list(ALL_PAGES))
def test_reflow_at_320_px(browser: Browser, served: str, kind: str, lang: str) -> None:
    """WCAG 1.4.10: nothing but a data table scrolls sideways at 320 CSS pixels."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(url(lang, ALL_PAGES[kind]))
    wide = page.evaluate("""() => [document.documentElement.scrollWidth,
        [...document.querySelectorAll('.md-content *')]
          .filter(e => !e.closest('.ides-table-wrap'))
          .filter(e => e.getBoundingClientRect().right > 320.5)
          .slice(0, 5).map(e => e.tagName + '.' + e.className)]""")
    context.close()
    assert wide[0] <= 320 and wide[1] == [], wide


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("kind", list(SETTLING_PAGES))
def test_layout_shift_under_0_1(browser: Browser, served: str, kind: str, lang: str,
                                viewport: str) -> None:
    """Cumulative layout shift while the page loads and settles, as Chromium reports it."""
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    page.add_init_script("""window.__shift = 0; new PerformanceObserver(list => {
        for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value;
    }).observe({type: 'layout-shift', buffered: true});""")
    page.goto(url(lang, SETTLING_PAGES[kind]), wait_until="load")
    page.wait_for_timeout(800)
    shift = page.evaluate("window.__shift")
    context.close()
    REPORT.add(kind, lang, f"CLS {viewport} x1000", round(shift * 1000))
    assert shift < 0.1, shift


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_missing_page_says_so_in_both_languages(tab: Page, lang: str) -> None:
    """The host serves the root 404 page for every missing address (as GitHub Pages does):
    it is in Swedish, with a line in English; the English one is at en/404.html."""
    response = tab.goto(f"{ORIGIN}/{'en/' if lang == 'en' else ''}ideslussar/finns-inte.html")
    assert response is not None and response.status == 404
    assert tab.inner_text("h1") == "Sidan finns inte"
    assert tab.locator('p[lang="en"]').inner_text().startswith("Page not found.")
    tab.goto(url(lang, "404.html"))
    heading = {"sv": "Sidan finns inte", "en": "Page not found"}[lang]
    assert tab.inner_text("h1") == heading
    overview = tab.locator(".ides-not-found a").first
    assert overview.inner_text() == {"sv": "Alla idéslussar", "en": "All idea sluices"}[lang]
    overview.click()
    tab.wait_for_url(url(lang, OVERVIEW))
    tab.goto(url(lang, "404.html"))
    tab.click("#ides-open-search")
    assert tab.evaluate("document.activeElement.classList.contains('md-search__input')")


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_print_leaves_out_the_controls_and_the_map(tab: Page, lang: str) -> None:
    tab.goto(url(lang, OVERVIEW))
    tab.emulate_media(media="print")
    for hidden in ("#ides-filters", "#ides-filters-toggle", ".ides-browse__map", ".md-header",
                   ".md-sidebar--primary"):
        assert not tab.is_visible(hidden), hidden
    assert tab.locator("#ides-list li").first.is_visible()
    tab.goto(url(lang, PAGE_TYPES["start"]))
    assert not tab.is_visible(".ides-start__map") and tab.is_visible(".ides-figures")
