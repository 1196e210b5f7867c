/// The site's one stylesheet: light and dark, phone to desktop, and print.
enum Stylesheet {
    /// The contents of `style.css`.
    static let css = #"""
        /* Droplab: one stylesheet, no external resources; one font of its own, for formulas. */
        @font-face { font-family: "Droplab Math"; src: url("fonts/DroplabMath.woff2") format("woff2"); font-display: swap; }
        :root {
          color-scheme: light dark;
          --bg: #ffffff; --fg: #1d2127; --muted: #5b6470; --line: #d9dee5; --panel: #f5f7fa;
          --accent: #2457c5; --accent-soft: #e8eefb;
          --out-bg: #f3f6f2; --out-line: #3f8f4f; --err-bg: #fbf1ef; --err-line: #c0412b;
          --fail-bg: #fff6e5; --fail-line: #c98a00;
          --kw: #a626a4; --ty: #0f6f8f; --str: #b3261e; --num: #8a5a00; --com: #6a737d; --attr: #7b4bc4; --lbl: #445566;
          --zero: #ffffff; --zero-line: #d03050;
          --mono: ui-monospace, "DejaVu Sans Mono", "Cascadia Mono", Menlo, Consolas, monospace;
          --sans: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", Roboto, sans-serif;
        }
        /* Paper stays light whatever the screen prefers. */
        @media screen and (prefers-color-scheme: dark) {
          :root {
            --bg: #14171c; --fg: #e3e7ed; --muted: #9aa4b1; --line: #2e353f; --panel: #1b1f26;
            --accent: #8fb3ff; --accent-soft: #1d2a44;
            --out-bg: #18221b; --out-line: #5fb36f; --err-bg: #2a1a18; --err-line: #f0806b;
            --fail-bg: #2b2412; --fail-line: #e0b040;
            --kw: #e38ee0; --ty: #6cc7e6; --str: #f0937f; --num: #e6bf6a; --com: #8b96a3; --attr: #b99af0; --lbl: #a9b7c6;
            --zero: #14171c; --zero-line: #ff6b8a;
          }
        }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
        body { margin: 0; background: var(--bg); color: var(--fg); font: 17px/1.6 var(--sans); }
        a { color: var(--accent); }
        code, pre { font-family: var(--mono); font-size: 0.88em; }
        :not(pre) > code { background: var(--panel); border: 1px solid var(--line); border-radius: 4px; padding: 0 0.25em; }
        .skip { position: absolute; left: -999px; }
        .skip:focus { left: 1rem; top: 1rem; background: var(--bg); padding: 0.5rem; z-index: 2; }

        /* Layout: sidebar | content | contents on wide screens, one column on phones. */
        .masthead { display: flex; align-items: baseline; gap: 1rem; flex-wrap: wrap;
          padding: 0.75rem 1.5rem; border-bottom: 1px solid var(--line); }
        .brand { font-weight: 700; font-size: 1.2rem; text-decoration: none; color: var(--fg); }
        .tagline { color: var(--muted); font-size: 0.9rem; }
        .layout { display: grid; grid-template-columns: 15rem minmax(0, 1fr); gap: 2.5rem;
          max-width: 86rem; margin: 0 auto; padding: 0 1.5rem; }
        .sidebar { position: sticky; top: 0; align-self: start; max-height: 100vh; overflow-y: auto;
          padding: 1.5rem 0; font-size: 0.93rem; }
        .sidebar ol { list-style: none; margin: 0; padding: 0; counter-reset: lesson; }
        .sidebar li { counter-increment: lesson; }
        .sidebar li a::before { content: counter(lesson) ". "; color: var(--muted); }
        .sidebar a, .toc a { display: block; padding: 0.2rem 0.6rem; border-radius: 6px; text-decoration: none; color: var(--fg); }
        .sidebar a:hover, .toc a:hover { background: var(--panel); }
        .sidebar a[aria-current="page"] { background: var(--accent-soft); color: var(--accent); font-weight: 600; }
        .nav-title { margin: 0 0 0.4rem; font-size: 0.8rem; font-weight: 700; text-transform: uppercase;
          letter-spacing: 0.05em; color: var(--muted); }
        .sidebar .nav-title a { text-transform: none; letter-spacing: 0; font-size: 0.93rem; color: var(--fg); }
        main { min-width: 0; padding: 1.5rem 0 3rem; }
        article { max-width: 50rem; }
        .toc { border: 1px solid var(--line); border-radius: 8px; padding: 0.75rem; margin-bottom: 1.5rem;
          max-width: 50rem; font-size: 0.9rem; }
        .toc ol { list-style: none; margin: 0; padding: 0; }
        .toc .level-3 a { padding-left: 1.6rem; color: var(--muted); }
        @media (min-width: 85rem) {
          main { display: grid; grid-template-columns: minmax(0, 50rem) 12rem; gap: 2rem; align-content: start; }
          .toc { grid-column: 2; grid-row: 1 / span 2; position: sticky; top: 1rem; align-self: start; border: 0; padding: 0; }
          article, .pager { grid-column: 1; }
        }
        @media (max-width: 50rem) {
          body { font-size: 16px; }
          .layout { display: block; padding: 0 1rem; }
          .masthead { padding: 0.75rem 1rem; }
          .sidebar { position: static; max-height: none; padding: 1rem 0 0; border-bottom: 1px solid var(--line); }
          .sidebar ol { display: flex; flex-wrap: wrap; gap: 0.25rem; padding-bottom: 0.75rem; }
          .sidebar a { border: 1px solid var(--line); }
        }

        /* Prose. */
        h1, h2, h3, h4 { line-height: 1.25; margin: 2rem 0 0.75rem; }
        h1 { font-size: 2rem; margin-top: 0.5rem; }
        h2 { font-size: 1.45rem; padding-top: 0.5rem; border-top: 1px solid var(--line); }
        h3 { font-size: 1.15rem; }
        .anchor { color: var(--muted); text-decoration: none; opacity: 0; font-weight: 400; }
        h1:hover .anchor, h2:hover .anchor, h3:hover .anchor, h4:hover .anchor, .anchor:focus { opacity: 1; }
        blockquote { margin: 1rem 0; padding: 0.25rem 1rem; border-left: 4px solid var(--line); color: var(--muted); }
        table { border-collapse: collapse; margin: 1rem 0; display: block; overflow-x: auto; max-width: 100%; }
        th, td { border: 1px solid var(--line); padding: 0.35rem 0.7rem; }
        th { background: var(--panel); }
        img, svg { max-width: 100%; height: auto; }
        hr { border: 0; border-top: 1px solid var(--line); margin: 2rem 0; }
        li > input[type="checkbox"] { margin: 0 0.4rem 0 0; }
        .footnotes { margin-top: 3rem; font-size: 0.9rem; color: var(--muted); border-top: 1px solid var(--line); }
        .footnotes ol { padding-left: 1.2rem; }
        math { font-family: "Droplab Math", "STIX Two Math", "Latin Modern Math", "Cambria Math", math; font-size: 1.1em; }
        math[display="block"] { margin: 1rem 0; overflow-x: auto; overflow-y: hidden; }
        mtable.aligned mtd:nth-child(odd) { text-align: right; padding-right: 0; }
        mtable.aligned mtd:nth-child(even) { text-align: left; padding-left: 0; }

        /* Code and what it printed. */
        pre { margin: 0; padding: 0.8rem 1rem; overflow-x: auto; line-height: 1.45; tab-size: 4; }
        article > pre, li > pre, blockquote > pre, .run > pre.code { background: var(--panel);
          border: 1px solid var(--line); border-radius: 8px; margin: 1rem 0; }
        .run { margin: 1.25rem 0; }
        .run > pre.code { margin-bottom: 0; border-bottom-left-radius: 0; border-bottom-right-radius: 0; }
        .run > pre.code:last-child { border-radius: 8px; }
        .output { border: 1px solid var(--line); border-left: 4px solid var(--out-line); background: var(--out-bg);
          border-radius: 0 0 8px 8px; }
        .run > .output:first-child { border-radius: 8px; }
        .output > pre { padding: 0.6rem 1rem; }
        .output > pre + pre, .output > pre + .figure, .output > .figure + pre { border-top: 1px dashed var(--line); }
        pre.stderr { background: var(--err-bg); color: var(--fg); border-left: 0; }
        pre.stderr::before { content: "stderr"; display: block; font: 700 0.72rem var(--sans);
          text-transform: uppercase; letter-spacing: 0.06em; color: var(--err-line); }
        .figure { padding: 0.75rem 1rem; overflow-x: auto; }
        .figure svg { display: block; margin: 0 auto; }
        .seed { margin: 0; padding: 0.3rem 1rem; font-size: 0.78rem; color: var(--muted); border-top: 1px solid var(--line); }
        .seed code { background: none; border: 0; padding: 0; }
        .expected-error { border: 1px solid var(--line); border-left: 4px solid var(--fail-line); background: var(--fail-bg);
          border-radius: 0 0 8px 8px; }
        .run > .expected-error:first-child { border-radius: 8px; }
        .expected-error .label { margin: 0; padding: 0.4rem 1rem 0; font: 700 0.78rem var(--sans);
          text-transform: uppercase; letter-spacing: 0.06em; color: var(--fail-line); }
        .kw { color: var(--kw); } .ty { color: var(--ty); } .str { color: var(--str); } .num { color: var(--num); }
        .com { color: var(--com); font-style: italic; } .attr { color: var(--attr); } .lbl { color: var(--lbl); }

        /* Figures drawn by LessonRuntime: text follows the page's colour, exact zeros are holes. */
        svg.figure-svg { color: var(--fg); font-family: var(--sans); }
        svg.figure-svg .zero { fill: var(--zero); stroke: var(--zero-line); }
        svg.figure-svg .axis, svg.figure-svg .frame { stroke: var(--muted); }
        svg.figure-svg .grid { stroke: var(--line); }
        svg.figure-svg .muted { fill: var(--muted); }

        /* Numbered figures, tables and equations, and references to them. */
        figure.numbered { margin: 1.25rem 0; }
        figure.numbered > .run { margin-bottom: 0.4rem; }
        figcaption { font-size: 0.92rem; color: var(--muted); }
        figure.table > figcaption { margin-bottom: -0.5rem; }
        .caption-number { font-weight: 700; color: var(--fg); }
        .equation { display: flex; align-items: center; gap: 1rem; }
        .equation > math { flex: 1; }
        .equation-number { color: var(--muted); white-space: nowrap; }
        a.xref { white-space: nowrap; }
        :target { scroll-margin-top: 1rem; }

        /* Search: a form opening the index page, live results when search.js runs. */
        .search { position: relative; margin-left: auto; display: flex; gap: 0.6rem; align-items: baseline; }
        .search input { font: inherit; font-size: 0.9rem; padding: 0.25rem 0.5rem; width: 14rem; max-width: 60vw;
          color: var(--fg); background: var(--bg); border: 1px solid var(--line); border-radius: 6px; }
        .search-index { font-size: 0.85rem; }
        .search-results { position: absolute; right: 0; top: 2.2rem; z-index: 3; width: min(28rem, 90vw); margin: 0;
          padding: 0.4rem; list-style: none; background: var(--bg); border: 1px solid var(--line); border-radius: 8px;
          box-shadow: 0 4px 16px rgb(0 0 0 / 0.15); }
        .search-results li, #search-page-results li { padding: 0.25rem 0.4rem; }
        .search-lesson { display: block; font-size: 0.8rem; color: var(--muted); }
        .book-index dt { font-weight: 600; margin-top: 0.5rem; }
        .book-index dd { margin: 0 0 0 1.2rem; font-size: 0.92rem; }

        /* Take it away. */
        .downloads { max-width: 50rem; margin-top: 2rem; padding: 0.75rem 1rem; border: 1px solid var(--line); border-radius: 8px; }
        .downloads ul { margin: 0.3rem 0; padding-left: 1.2rem; }
        .downloads p { margin: 0.3rem 0 0; font-size: 0.88rem; color: var(--muted); }

        /* Index, pager, footer. */
        .lesson-list { padding-left: 1.4rem; }
        .lesson-list li { margin: 0.8rem 0; }
        .lesson-list li > a { font-weight: 600; font-size: 1.05rem; }
        .lesson-list p { margin: 0.2rem 0 0; color: var(--muted); }
        .pager { display: flex; justify-content: space-between; gap: 1rem; margin-top: 3rem; max-width: 50rem; }
        .pager a { flex: 1; border: 1px solid var(--line); border-radius: 8px; padding: 0.6rem 0.9rem; text-decoration: none; }
        .pager a span { display: block; font-size: 0.78rem; color: var(--muted); }
        .pager .next { text-align: right; margin-left: auto; }
        .footer { border-top: 1px solid var(--line); color: var(--muted); font-size: 0.85rem; padding: 1rem 1.5rem 2rem; text-align: center; }

        /* Chinese pages: a CJK font stack, room between lines, emphasis dots instead of faux italics. */
        :root:lang(zh) { --sans: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; }
        :root:lang(zh) body { line-height: 1.8; }
        :lang(zh) em { font-style: normal; text-emphasis: filled dot; -webkit-text-emphasis: filled dot;
          text-emphasis-position: under right; -webkit-text-emphasis-position: under; }
        :lang(zh) .com, :lang(zh) blockquote em { font-style: normal; }
        .language { font-size: 0.85rem; margin-left: 0.75rem; }

        @media print {
          :root { color-scheme: light; --fg: #000; --out-bg: #fff; --err-bg: #fff; --fail-bg: #fff; }
          body { font-size: 11pt; }
          .masthead, .sidebar, .toc, .pager, .anchor, .skip, .downloads { display: none; }
          .layout { display: block; max-width: none; padding: 0; }
          main { display: block; padding: 0; }
          article { max-width: none; }
          pre { white-space: pre-wrap; overflow: visible; }
          .run, .figure, table, figure.numbered { break-inside: avoid; }
          a { color: inherit; }
        }

        """#
}
