"""Layout of each document of the Chromium development set: everything but the text.

Keyed by document id. `mode` is "native" (Chromium paginates; the builder forces a page
break only at the foot of a page that carries footnotes) or "pages" (the builder fills
fixed-size page divs). `regions` is keyed by the caption label ("Table 1:") or "code" /
"formula"; `split: n` puts the region after the n-th word of the paragraph before it.
"""

WENLOW_CSS = """
@page { size: A4; margin: 24mm 20mm 22mm 20mm;
  @top-right { content: "Wenlow District Hospital · Quality and Safety Report 2024/25";
               font: 7.5pt 'DejaVu Sans'; color: #4a5a66; vertical-align: bottom; padding-bottom: 5mm; }
  @bottom-center { content: "Page " counter(page) " of " counter(pages);
                   font: 8pt 'DejaVu Sans'; color: #333; vertical-align: top; padding-top: 6mm; } }
html { font: 9.6pt/1.42 'DejaVu Serif'; color: #151515; }
body { margin: 0; }
.masthead { border-bottom: 1.6pt solid #1d4e6e; margin: 0 0 12pt; padding-bottom: 8pt; }
h1.title { font: bold 21pt/1.2 'DejaVu Sans'; color: #1d4e6e; margin: 0 0 6pt; }
p.front { font: 8.5pt/1.4 'DejaVu Sans'; margin: 0; color: #333; text-align: left; }
h2 { font: bold 12.5pt/1.3 'DejaVu Sans'; color: #1d4e6e; margin: 14pt 0 5pt; break-after: avoid; }
h3 { font: bold 10pt/1.3 'DejaVu Sans'; color: #222; margin: 10pt 0 4pt; break-after: avoid; }
p { margin: 0 0 6pt; text-align: justify; }
p.brk { text-align-last: justify; }
sup.call { font-size: 6.5pt; line-height: 0; vertical-align: 3.5pt; }
ol { margin: 2pt 0 6pt; padding-left: 22pt; }
li { margin: 0 0 3pt; text-align: justify; padding-left: 2pt; }
table { border-collapse: collapse; font: 8.2pt/1.3 'DejaVu Sans'; margin: 8pt 0 10pt; }
caption { caption-side: top; text-align: left; font: 8.5pt/1.35 'DejaVu Sans'; padding: 0 0 4pt; }
caption .lab { font-weight: bold; }
th { font-weight: bold; text-align: left; vertical-align: bottom; }
th.num, td.num { text-align: right; }
th.grp { text-align: center; }
table.grid { width: 100%; }
table.grid th, table.grid td { border: 0.6pt solid #6b7780; padding: 2.5pt 5pt; }
table.grid thead th { background: #e6eef3; }
table.none { margin-left: 12mm; width: 62%; }
table.none th, table.none td { padding: 1.6pt 10pt 1.6pt 0; }
table.none thead th { font-style: italic; font-weight: normal; }
table.rules { width: 100%; }
table.rules th { border-top: 1.2pt solid #1d4e6e; border-bottom: 0.8pt solid #1d4e6e; padding: 3pt 4pt; }
table.rules td { border-bottom: 0.4pt solid #b5bec5; padding: 1.2pt 4pt; }
table.rules tr.total td { font-weight: bold; border-bottom: 1.2pt solid #1d4e6e; }
figure { margin: 10pt 0 10pt; text-align: center; }
figure svg, figure img { display: block; margin: 0 auto; }
figcaption { font: 8.5pt/1.35 'DejaVu Sans'; margin-top: 5pt; text-align: left; }
figcaption .lab { font-weight: bold; }
.formula { text-align: center; font: 11pt 'DejaVu Serif'; margin: 8pt 0 9pt; }
.fnrule { width: 45mm; border-top: 0.6pt solid #333; margin: 0 0 3pt; }
p.fn { font: 7.8pt/1.35 'DejaVu Serif'; margin: 0 0 1.5pt; text-align: left; }
sup.fnlabel { font-size: 6pt; vertical-align: 2.5pt; line-height: 0; }
"""

BRACKENRIDGE_CSS = """
@page { size: A4; margin: 0; }
html { font: 10.5pt/1.42 'Carlito'; color: #1b1b1b; }
body { margin: 0; }
.page { position: relative; width: 210mm; height: 296.8mm; box-sizing: border-box;
        padding: 25mm 24mm 27mm 24mm; overflow: hidden; }
.page + .page { break-before: page; }
.page.tail { height: auto; min-height: 296.8mm; overflow: visible; }
.phead { position: absolute; top: 12mm; left: 24mm; right: 24mm; font: italic 8.5pt 'Carlito';
         color: #5b4a6e; border-bottom: 0.6pt solid #5b4a6e; padding-bottom: 2pt; }
.odd .phead { text-align: right; }
.pfoot { position: absolute; bottom: 13mm; left: 24mm; right: 24mm; text-align: center;
         font: 9.5pt 'Carlito'; color: #333; }
.pfn { position: absolute; bottom: 27mm; left: 24mm; right: 24mm; }
.masthead { margin: 0 0 12pt; padding: 9pt 12pt 10pt; background: #efeaf4; border-left: 4pt solid #5b4a6e; }
h1.title { font: bold 20pt/1.15 'Carlito'; color: #3d2f52; margin: 0 0 5pt; }
p.front { font: 9.5pt/1.35 'Carlito'; margin: 0; color: #333; text-align: left; }
h2 { font: bold 13.5pt/1.25 'Carlito'; color: #3d2f52; margin: 13pt 0 4pt; }
h3 { font: bold italic 11pt/1.25 'Carlito'; color: #3d2f52; margin: 9pt 0 3pt; }
p { margin: 0 0 6pt; text-align: justify; }
p.brk { text-align-last: justify; }
sup.call { font-size: 7pt; line-height: 0; vertical-align: 4pt; }
ul, ol { margin: 2pt 0 7pt; padding-left: 20pt; }
li { margin: 0 0 2pt; text-align: justify; }
ol li { padding-left: 3pt; }
table { border-collapse: collapse; font: 9.5pt/1.3 'Carlito'; margin: 7pt 0 9pt; }
caption { caption-side: top; text-align: left; font: italic 9.5pt/1.3 'Carlito'; padding: 0 0 4pt; color: #333; }
caption .lab { font-weight: bold; font-style: normal; color: #3d2f52; }
th { font-weight: bold; text-align: left; vertical-align: bottom; }
th.num, td.num { text-align: right; }
table.grid { width: 80%; }
table.grid th, table.grid td { border: 0.75pt solid #8a7f96; padding: 2.5pt 6pt; }
table.grid thead th { background: #5b4a6e; color: #fff; }
table.rules { width: 72%; }
table.rules th { border-bottom: 1.2pt solid #3d2f52; padding: 2pt 6pt; }
table.rules td { border-bottom: 0.5pt solid #c9c2d1; padding: 1.8pt 6pt; }
table.rules tr.total td { font-weight: bold; }
table.none { width: 88%; }
table.none th, table.none td { padding: 1.5pt 6pt 1.5pt 0; }
table.none thead th { color: #5b4a6e; }
figure { margin: 8pt 0 10pt; }
figure svg { display: block; }
figcaption { font: italic 9.5pt/1.3 'Carlito'; margin-top: 4pt; color: #333; }
figcaption .lab { font-weight: bold; font-style: normal; color: #3d2f52; }
.fnrule { width: 35mm; border-top: 0.6pt solid #555; margin: 0 0 3pt; }
p.fn { font: 8.5pt/1.3 'Carlito'; margin: 0 0 1.5pt; text-align: left; }
sup.fnlabel { font-size: 6.5pt; vertical-align: 3pt; line-height: 0; }
"""

ASHFELL_CSS = """
@page { size: Letter; margin: 12mm 16mm 13mm 16mm;
  @bottom-center { content: counter(page); font: bold 9pt 'Liberation Sans'; color: #1c2541; } }
html { font: 9.4pt/1.36 'Liberation Sans'; color: #1a1a1a; }
body { margin: 0; }
.doc { padding: 10mm 0 5mm; box-decoration-break: clone; -webkit-box-decoration-break: clone; }
.runhead { position: fixed; top: 0; left: 0; right: 0; font: 7.5pt 'Liberation Sans'; color: #4a5572;
           border-bottom: 0.5pt solid #8b93a8; padding-bottom: 2pt; }
.masthead { background: #1c2541; color: #fff; padding: 10pt 14pt 9pt; margin: 0 0 12pt; }
h1.title { font: bold 34pt/1.05 'Liberation Serif'; margin: 0 0 4pt; letter-spacing: 0.5pt; }
p.front { font: 9pt/1.3 'Liberation Sans'; margin: 0; color: #d6dcec; }
.mc { column-count: 2; column-gap: 7mm; column-rule: 0.5pt solid #c5c9d3; }
h2 { font: bold 12pt/1.25 'Liberation Sans'; color: #1c2541; margin: 10pt 0 4pt; padding-top: 3pt;
     border-top: 1.5pt solid #e0a526; break-after: avoid; clear: both; }
.mc > h2:first-child { margin-top: 0; }
p { margin: 0 0 5pt; text-align: left; }
sup.call { font-size: 7pt; line-height: 0; vertical-align: 3.5pt; }
ul { margin: 2pt 0 6pt; padding-left: 14pt; }
li { margin: 0 0 2pt; }
.sidebar { width: 54%; margin: 3pt 0 5pt 8pt; padding: 5pt 6pt 3pt; background: #e8eef7;
           border: 0.75pt solid #1c2541; font: 8.3pt/1.3 'Liberation Sans'; }
.sidebar .sbp { margin: 0 0 3pt; }
table { border-collapse: collapse; font: 8.4pt/1.3 'Liberation Sans'; margin: 6pt 0 9pt; width: 100%; }
caption { caption-side: top; text-align: left; font: bold 8.4pt/1.3 'Liberation Sans'; color: #1c2541;
          padding: 0 0 3pt; }
th { text-align: left; vertical-align: bottom; }
th.num, td.num { text-align: right; }
th.grp { text-align: center; }
table.grid th, table.grid td { border: 0.6pt solid #5c6680; padding: 2pt 4pt; }
table.grid thead th { background: #dfe4ef; }
table.grid tr.total td { font-weight: bold; }
table.rules th { border-bottom: 0.9pt solid #1c2541; padding: 2pt 6pt; }
table.rules thead tr:first-child th { border-bottom: 0.5pt solid #1c2541; }
table.rules td { border-bottom: 0.5pt solid #c5c9d3; padding: 1.8pt 6pt; }
table.rules.span { width: 82%; margin-left: auto; margin-right: auto; }
table.none th { color: #1c2541; padding: 1pt 6pt 2pt 0; }
table.none td { padding: 1.5pt 6pt 1.5pt 0; vertical-align: top; }
figure { margin: 6pt 0 9pt; }
figure svg { display: block; }
figure.span img { display: block; width: 100%; }
figcaption { font: italic 8.3pt/1.3 'Liberation Sans'; margin-top: 3pt; color: #333; }
figcaption .lab { font-style: normal; font-weight: bold; color: #1c2541; }
.fnwrap { margin-top: 4pt; }
.fnrule { width: 30mm; border-top: 0.6pt solid #1c2541; margin: 0 0 2.5pt; }
p.fn { font: 7.6pt/1.3 'Liberation Sans'; margin: 0 0 1pt; }
sup.fnlabel { font-size: 7pt; vertical-align: 2pt; line-height: 0; }
"""

QUILLMARK_CSS = """
@page { size: A4; margin: 26mm 25mm 24mm 25mm;
  @top-left { content: "Quillmark 4.2 Release Notes"; font: 8pt 'DejaVu Sans'; color: #6a746f;
              vertical-align: bottom; padding-bottom: 7mm; }
  @bottom-right { content: "quillmark 4.2.0 · " counter(page); font: 8pt 'DejaVu Sans'; color: #6a746f;
                  vertical-align: top; padding-top: 7mm; } }
html { font: 9.3pt/1.5 'DejaVu Sans'; color: #232826; }
body { margin: 0; }
.masthead { margin: 0 0 10pt; padding: 0 0 8pt; border-bottom: 2pt solid #2b6f4e; }
h1.title { font: bold 22pt/1.2 'DejaVu Sans'; color: #1f4f38; margin: 0 0 4pt; }
p.front { font: 8.6pt/1.4 'DejaVu Sans'; color: #56605b; margin: 0; }
h2 { font: bold 12.5pt/1.3 'DejaVu Sans'; color: #2b6f4e; margin: 15pt 0 5pt; padding-bottom: 2pt;
     border-bottom: 0.6pt solid #cbd6d0; break-after: avoid; }
p { margin: 0 0 7pt; text-align: left; }
sup.call { font-size: 6.5pt; line-height: 0; vertical-align: 3.5pt; }
code { font: 8.4pt 'DejaVu Sans Mono'; background: #eef3f0; }
ul, ol { margin: 2pt 0 8pt; padding-left: 18pt; }
li { margin: 0 0 3pt; }
pre.code { font: 8.1pt/1.45 'DejaVu Sans Mono'; background: #f4f7f5; border: 0.6pt solid #d3ddd7;
           border-left: 3pt solid #2b6f4e; padding: 7pt 10pt; margin: 4pt 0 10pt; white-space: pre; }
table { border-collapse: collapse; font: 8.3pt/1.35 'DejaVu Sans'; margin: 6pt 0 10pt; width: 100%; }
caption { caption-side: top; text-align: left; font: 8.5pt/1.35 'DejaVu Sans'; color: #333; padding: 0 0 4pt; }
caption .lab { font-weight: bold; color: #1f4f38; }
th { font-weight: bold; text-align: left; vertical-align: bottom; }
th.num, td.num { text-align: right; }
td.ctr { text-align: center; }
th.grp { text-align: center; }
td.mono { font: 7.9pt/1.35 'DejaVu Sans Mono'; }
table.none th { padding: 2pt 8pt 3pt 0; color: #1f4f38; }
table.none td { padding: 1.5pt 8pt 1.5pt 0; }
table.rules th { border-bottom: 1pt solid #2b6f4e; padding: 3pt 6pt; }
table.rules td { border-bottom: 0.5pt solid #cbd6d0; padding: 3pt 6pt; vertical-align: top; }
table.grid th, table.grid td { border: 0.6pt solid #93a59b; padding: 2.5pt 6pt; }
table.grid th { background: #e5eee9; }
table.grid td.ctr { color: #1f4f38; }
figure { margin: 8pt 0 10pt; }
figure svg { display: block; margin: 0 auto; }
figcaption { font: 8.5pt/1.35 'DejaVu Sans'; color: #333; margin-top: 4pt; text-align: center; }
figcaption .lab { font-weight: bold; color: #1f4f38; }
a.link { color: #1d5f99; text-decoration: underline; }
.fnrule { width: 40mm; border-top: 0.6pt solid #6a746f; margin: 0 0 3pt; }
p.fn { font: 7.6pt/1.35 'DejaVu Sans'; margin: 0 0 1.5pt; color: #333; }
sup.fnlabel { font-size: 6pt; vertical-align: 2.5pt; line-height: 0; }
"""

ELSWORTH_CSS = """
@page { size: Letter; margin: 17mm 17mm 19mm 17mm;
  @bottom-center { content: "Elsworth House Museum — Conservation Report 2025 — " counter(page);
                   font: italic 8.5pt 'Liberation Serif'; color: #5a3e2b; vertical-align: top; padding-top: 6mm; } }
html { font: 9.8pt/1.34 'Liberation Serif'; color: #1d1a17; }
body { margin: 0; }
.masthead { text-align: center; margin: 0 0 12pt; padding: 0 0 8pt; border-bottom: 3pt double #5a3e2b; }
h1.title { font: bold 25pt/1.15 'Liberation Serif'; color: #5a3e2b; margin: 0 0 5pt; }
p.front { font: italic 10pt/1.35 'Liberation Serif'; margin: 0; text-align: center; text-indent: 0; }
.mc { column-count: 2; column-gap: 8mm; }
h2 { font: bold 11.5pt/1.25 'Liberation Serif'; color: #5a3e2b; margin: 11pt 0 4pt; break-after: avoid; }
h3 { font: bold italic 10pt/1.25 'Liberation Serif'; margin: 8pt 0 3pt; break-after: avoid; }
.mc > h2:first-child { margin-top: 0; }
p { margin: 0; text-align: justify; text-indent: 1.3em; }
h2 + p, h3 + p, table + p, figure + p, .formula + p { text-indent: 0; }
p.brk { text-align-last: justify; }
sup.call { font-size: 6.8pt; line-height: 0; vertical-align: 3.5pt; }
table { border-collapse: collapse; font: 8.6pt/1.3 'Liberation Sans'; margin: 7pt 0 9pt; width: 100%; }
caption { caption-side: top; text-align: left; font: 8.8pt/1.3 'Liberation Serif'; padding: 0 0 4pt; }
caption .lab { font-weight: bold; color: #5a3e2b; }
th { font-weight: bold; text-align: left; vertical-align: bottom; }
th.num, td.num { text-align: right; }
th.grp { text-align: center; }
table.rules th { border-bottom: 0.8pt solid #5a3e2b; padding: 2pt 6pt; }
table.rules thead tr:first-child th { border-top: 1.4pt solid #5a3e2b; }
table.rules td { border-bottom: 0.5pt solid #cdbfb2; padding: 2pt 6pt; }
table.grid th, table.grid td { border: 0.6pt solid #8a7462; padding: 2pt 4pt; }
table.grid th { background: #efe6dc; }
table.grid tr.total td, table.none tr.total td { font-weight: bold; }
table.none th { font-style: italic; font-weight: normal; padding: 1pt 6pt 2pt 0; }
table.none td { padding: 1.2pt 6pt 1.2pt 0; }
figure { margin: 7pt 0 9pt; }
figure svg { display: block; margin: 0 auto; }
figure.raster img { display: block; margin: 0 auto; }
figcaption { font: 8.8pt/1.3 'Liberation Serif'; margin-top: 4pt; text-align: left; }
figcaption .lab { font-weight: bold; color: #5a3e2b; }
.formula { text-align: center; font: 11pt 'Liberation Serif'; margin: 5pt 0 6pt; }
.fnwrap { margin-top: 6pt; }
.fnrule { width: 50mm; border-top: 0.5pt solid #5a3e2b; margin: 0 0 3pt; }
p.fn { font: 8pt/1.3 'Liberation Serif'; margin: 0 0 1pt; text-indent: 0; text-align: left; }
sup.fnlabel { font-size: 6.5pt; vertical-align: 2.5pt; line-height: 0; }
"""

SPECS = {
    "wenlow-quality-safety-2025": dict(
        expect={"paragraphs across pages": 1, "paragraphs split by a region": 1, "tables across pages": 1},
        mode="native",
        columns=1,
        shy="breaks",
        bottom_mm=22,
        css=WENLOW_CSS,
        chart_font="DejaVu Sans",
        ordered_lists=["reduce"],
        regions={
            "Table 1:": dict(style="grid", align="lrrrr", widths=[40, 15, 15, 15, 15]),
            "Table 2:": dict(style="none", align="lrr", split=48),
            "Table 3:": dict(
                style="rules", align="lrrrrrrr", long=True, total=True, widths=[24, 8, 11, 12, 8, 13, 11, 13]
            ),
            "Figure 1:": dict(
                kind="line",
                size=(560, 250),
                pad=(56, 16, 14, 50),
                cats=["Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar"],
                series=[
                    ("All falls", [5.2, 4.9, 4.6, 4.4, 4.3, 4.7, 4.9, 5.1, 5.6, 5.0, 4.5, 4.2], "#1d4e6e", None),
                    ("Falls with harm", [1.5, 1.4, 1.3, 1.2, 1.2, 1.3, 1.4, 1.4, 1.6, 1.4, 1.3, 1.2], "#c0562b", "5 3"),
                ],
                y=(0, 6, 1),
                ytitle="Falls per 1,000 bed-days",
                xtitle="Month",
                legend=(400, 112),
            ),
            "Figure 2:": dict(kind="raster", recipe="occupancy", px=(720, 210), width="140mm"),
        },
    ),
    "brackenridge-inspection-2025": dict(
        expect={"paragraphs across pages": 1, "paragraphs split by a region": 1},
        mode="pages",
        columns=1,
        shy="breaks",
        bottom_mm=27,
        css=BRACKENRIDGE_CSS,
        chart_font="Carlito",
        fn_gap=10,
        ordered_lists=["Make sure"],
        regions={
            "Table 1.": dict(style="grid", align="lll", widths=[46, 24, 30]),
            "Table 2.": dict(style="none", align="lrrrr", widths=[48, 11, 11, 11, 19]),
            "Table 3.": dict(style="rules", align="lrrr", split=62, total=True, widths=[34, 16, 22, 28]),
            "Fig. 1:": dict(
                kind="hbar",
                size=(560, 215),
                pad=(170, 20, 8, 40),
                cats=[
                    "My child is happy at school",
                    "My child feels safe here",
                    "Behaviour is good",
                    "Bullying is dealt with well",
                    "I am kept well informed",
                    "I would recommend the school",
                ],
                series=[("Agree", [97, 98, 95, 88, 84, 96], "#5b4a6e")],
                y=(0, 100, 20),
                xtitle="Agree or strongly agree (% of 148 responses)",
                font_size=10.5,
            ),
        },
    ),
    "ashfell-eyepiece-31": dict(
        expect={"paragraphs across columns": 1},
        mode="native",
        columns=2,
        shy=None,
        bottom_mm=18,
        css=ASHFELL_CSS,
        wrap=True,
        fixed_html='<div class="runhead">The Eyepiece · Ashfell Astronomical Society · Issue 31</div>\n',
        chart_font="Liberation Sans",
        sidebar=dict(anchor="Light pollution remains", at=14, count=2),
        regions={
            "Table 1.": dict(style="grid", align="lrrr", total=True, widths=[34, 20, 24, 22]),
            "Table 2.": dict(style="rules", align="llrrrr", span=True, widths=[22, 18, 15, 15, 15, 15]),
            "Table 3.": dict(style="none", align="lll", widths=[17, 56, 27]),
            "Fig. 1.": dict(
                kind="bar",
                size=(325, 200),
                pad=(40, 8, 10, 24),
                font_size=9,
                cats=["Oct", "Nov", "Dec", "Jan", "Feb", "Mar"],
                series=[
                    ("2025/26", [7, 9, 11, 12, 8, 6], "#1c2541"),
                    ("Ten-year average", [6, 5, 6, 7, 6, 7], "#e0a526"),
                ],
                y=(0, 14, 2),
                ytitle="Clear nights",
                legend=(60, 18),
                legend_row=True,
                legend_step=[70],
            ),
            "Fig. 2.": dict(kind="raster", recipe="nebula", px=(1000, 330), width="100%", span=True),
        },
    ),
    "quillmark-4-2-release-notes": dict(
        expect={"paragraphs across pages": 1},
        mode="native",
        columns=1,
        shy=None,
        bottom_mm=24,
        css=QUILLMARK_CSS,
        chart_font="DejaVu Sans",
        ordered_lists=["Upgrade with"],
        mono=[
            "DeprecationWarning",
            "AttributeError",
            "Warning.text",
            "pip install --upgrade quillmark",
            "Schema.strict = True",
            "quillmark.compat",
            "quillmark-legacy",
            "!include",
        ],
        regions={
            "Table 1:": dict(style="none", align="lrrrr", widths=[44, 12, 14, 14, 16]),
            "Table 2:": dict(style="rules", align="mcc" + "l", widths=[31, 13, 12, 44]),
            "Table 3:": dict(style="grid", align="lccccc", widths=[35, 13, 13, 13, 13, 13]),
            "Figure 1.": dict(
                kind="pie",
                size=(460, 230),
                centre=(118, 115, 100),
                font_size=10,
                slices=[
                    ("Parser", 48, "#1f4f38"),
                    ("Validator", 37, "#3f8a63"),
                    ("Command-line tool", 22, "#7fb896"),
                    ("Schema loader", 18, "#c8a44d"),
                    ("Documentation", 13, "#8c6d3f"),
                    ("Packaging", 8, "#b9c4be"),
                ],
                legend_at=(262, 70),
            ),
        },
    ),
    "elsworth-conservation-2025": dict(
        expect={"paragraphs across columns": 1, "paragraphs split by a region": 1},
        mode="native",
        columns=2,
        shy="all",
        bottom_mm=19,
        css=ELSWORTH_CSS,
        chart_font="Liberation Sans",
        regions={
            "TABLE I –": dict(style="rules", align="lrrrrrrr", span=True, widths=[22, 9, 9, 9, 10, 10, 10, 21]),
            "TABLE II –": dict(style="grid", align="lrrrr", total=True, widths=[36, 16, 16, 16, 16]),
            "TABLE III –": dict(style="none", align="lrr", total=True, widths=[54, 20, 26]),
            "Exhibit 1:": dict(
                kind="line",
                size=(640, 230),
                pad=(54, 150, 10, 42),
                split=52,
                span=True,
                cats=["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
                series=[
                    ("Long Gallery", [47, 46, 48, 50, 52, 55, 58, 57, 54, 51, 49, 48], "#5a3e2b", None),
                    ("Tapestry Room", [50, 50, 51, 51, 52, 53, 54, 54, 53, 52, 51, 51], "#3b7a8c", "6 3"),
                    ("Basement store B", [58, 57, 55, 53, 52, 54, 58, 61, 60, 57, 56, 55], "#b0573a", "2 2"),
                ],
                y=(40, 70, 5),
                ytitle="Relative humidity (%)",
                xtitle="Month, 2025",
                legend=(508, 60),
            ),
            "Exhibit 2:": dict(
                kind="bar",
                size=(320, 200),
                pad=(46, 6, 24, 36),
                font_size=9,
                cats=["Hall", "Gallery", "Tapestry", "Library", "Drawing"],
                series=[("2024", [420, 310, 160, 190, 205], "#cdb79e"), ("2025", [385, 262, 138, 171, 184], "#5a3e2b")],
                y=(0, 500, 100),
                ytitle="Light dose (klx h)",
                legend=(210, 12),
                legend_row=True,
                legend_step=[48],
            ),
            "Exhibit 3:": dict(kind="raster", recipe="uvpanel", px=(420, 300), width="80%"),
        },
    ),
}
