/**
 * The site's one stylesheet, served as a file so the pages' CSP needs no
 * `unsafe-inline`. The widget's elements reserve and fill the same boxes
 * whether the server's copy or the element draws them, so nothing moves
 * when they take over: the `[part~=…]` rules below size the server's copy
 * exactly as the elements' own styles size theirs.
 */
export const SITE_CSS = `
:root {
  color-scheme: light dark;
  --ink: #1b2330; --muted: #5a6472; --paper: #fbfaf7; --card: #fff; --rule: #dcdad3;
  --accent: #0b4f8a; --accent-ink: #fff; --mark: #ffe58f;
  --chancery-link-color: var(--accent);
  --chancery-muted-color: var(--muted);
  font: 17px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  color: var(--ink); background: var(--paper);
}
@media (prefers-color-scheme: dark) {
  :root { --ink: #e7e9ec; --muted: #a3acb8; --paper: #121519; --card: #1a1f25; --rule: #2e353d;
    --accent: #8cc4ff; --accent-ink: #0c1724; --mark: #6b5a12; }
}
* { box-sizing: border-box; }
body { margin: 0; }
a { color: var(--accent); text-underline-offset: .15em; }
a:hover { text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
h1, h2, h3 { font-family: Georgia, "Times New Roman", serif; line-height: 1.2; font-weight: 600; }
mark { background: var(--mark); color: inherit; padding: 0 .1em; }
.wrap { max-width: 72rem; margin: 0 auto; padding: 0 1.25rem; }
.skip { position: absolute; left: -100vw; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.skip:focus { left: 1rem; top: 1rem; z-index: 1; background: var(--card); padding: .5rem 1rem; }

.masthead { border-bottom: 1px solid var(--rule); background: var(--card); }
.masthead .wrap { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 2rem; padding-block: 1rem; }
.site-name { font: 600 1.3rem/1.25 Georgia, "Times New Roman", serif; color: var(--ink); text-decoration: none; flex: 1 1 20rem; }
.now { display: flex; flex-wrap: wrap; gap: .25rem 1.5rem; align-items: baseline; color: var(--muted); }
.now chancery-today { color: var(--ink); font-weight: 600; }
nav.site ul { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; list-style: none; margin: 0; padding: 0; align-items: center; }
nav.site [aria-current="page"] { font-weight: 700; text-decoration: none; color: var(--ink); }
.langs { display: flex; gap: .5rem; list-style: none; margin: 0; padding: 0; }
.langs a[aria-current="true"] { color: var(--ink); font-weight: 700; text-decoration: none; }
search form { display: flex; gap: .4rem; }
input, select, button { font: inherit; color: inherit; }
input[type="search"], select { background: var(--card); border: 1px solid var(--muted); border-radius: .35rem; padding: .3rem .55rem; min-width: 0; }
button { background: var(--accent); color: var(--accent-ink); border: 0; border-radius: .35rem; padding: .35rem .9rem; cursor: pointer; }

main { padding-block: 1.5rem 3rem; }
.intro { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 2fr); gap: 1rem 2.5rem; padding-block: .5rem 1.5rem; border-bottom: 1px solid var(--rule); }
.intro h2 { font-size: 1rem; font-family: inherit; color: var(--muted); margin: 0 0 .35rem; text-transform: uppercase; letter-spacing: .06em; }
.contacts dl { margin: 0; display: grid; grid-template-columns: auto 1fr; gap: .1rem .75rem; }
.contacts dt { color: var(--muted); }
.contacts dd { margin: 0; }
.front { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 2.5rem; padding-top: 1.5rem; }
.front > section > h2, .page-title { font-size: 1.6rem; margin: 0 0 1rem; }
.kicker { color: var(--muted); font-size: .875rem; margin: 0; display: flex; gap: .75rem; flex-wrap: wrap; }
.featured h3 { font-size: 1.45rem; margin: .25rem 0 .5rem; }
.featured h3 a { color: var(--ink); text-decoration: none; }
.lead { font-size: 1.08rem; color: var(--ink); font-weight: 500; }
.body { overflow-wrap: anywhere; }
.body img { max-width: 100%; height: auto; }
.body blockquote { margin: 1rem 0; padding-left: 1rem; border-left: 3px solid var(--accent); color: var(--muted); }
.body table { border-collapse: collapse; } .body td, .body th { border: 1px solid var(--rule); padding: .3rem .6rem; }

/* The widget's elements: the server's copy already holds their place, so
   they reserve none (a page's rules outrank an element's :host). */
chancery-today, chancery-clocks, chancery-counters, chancery-events { display: block; line-height: 1.5; min-height: 0; }
chancery-today { display: inline-block; }
chancery-clocks > ul, chancery-counters > ul, chancery-events > ol { list-style: none; margin: 0; padding: 0; }
chancery-clocks > ul { display: flex; flex-wrap: wrap; gap: .75em 1.5em; }
chancery-clocks [part~="label"] { color: var(--muted); margin-inline-end: .4em; }
chancery-clocks [part~="time"] { font-variant-numeric: tabular-nums; font-weight: 600; }
chancery-counters li + li { margin-top: .375em; }
chancery-events li + li { margin-top: .75em; }
chancery-events [part~="date"] { display: block; color: var(--muted); font-size: .875em; font-variant-numeric: tabular-nums; }
chancery-events [part~="title"] { font-weight: 600; }
chancery-events [part~="lead"] { margin: .15em 0 0; display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 2; overflow: hidden; }
.all { display: inline-block; margin-top: 1rem; font-weight: 600; }

.filters { display: flex; flex-wrap: wrap; gap: .75rem 1.25rem; align-items: end; margin-bottom: 1.5rem; }
.filters label { display: grid; gap: .15rem; color: var(--muted); font-size: .9rem; }
.list { list-style: none; margin: 0; padding: 0; }
.list > li { padding: 1rem 0; border-bottom: 1px solid var(--rule); }
.list h2 { font-size: 1.2rem; margin: .2rem 0 .35rem; }
.list p { margin: 0; }
.pager { display: flex; justify-content: space-between; gap: 1rem; margin-top: 1.5rem; }
.pager a:only-child[rel="next"] { margin-left: auto; }

article.publication { max-width: 44rem; }
article.publication h1 { font-size: clamp(1.7rem, 4vw, 2.4rem); margin: .35rem 0 .75rem; }
.tags { display: flex; flex-wrap: wrap; gap: .4rem; list-style: none; padding: 0; margin: 1.5rem 0 0; }
.tags a { display: inline-block; border: 1px solid var(--rule); border-radius: 1rem; padding: 0 .6rem; font-size: .875rem; text-decoration: none; }
.translations { margin: 0 0 1rem; color: var(--muted); }
.neighbours { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; margin-top: 2.5rem; border-top: 1px solid var(--rule); padding-top: 1rem; }
.neighbours span { display: block; color: var(--muted); font-size: .875rem; }
.neighbours .next { text-align: right; grid-column: 2; }

footer.site { border-top: 1px solid var(--rule); color: var(--muted); font-size: .9rem; padding-block: 1.5rem; }
footer.site ul { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; list-style: none; margin: .5rem 0 0; padding: 0; }

@media (max-width: 48rem) {
  .intro, .front { grid-template-columns: minmax(0, 1fr); gap: 1.5rem; }
  .masthead .wrap { gap: .5rem 1rem; }
  search { flex: 1 1 100%; }
  search input { flex: 1; }
}
@media print {
  :root { color: #000; background: #fff; font-size: 11pt; }
  .masthead .now, nav.site, search, footer.site, .filters, .pager, .neighbours, .skip { display: none; }
  .masthead { border: 0; }
  a { color: inherit; text-decoration: none; }
  .body a[href^="http"]::after { content: " (" attr(href) ")"; font-size: .85em; }
  article.publication { max-width: none; }
}
`;
