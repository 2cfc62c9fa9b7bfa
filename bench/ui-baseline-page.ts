// The browser benchmark's raw baseline: a bare page on the same origin that fetches the same
// first page of records with fetch() and draws them as text on a canvas, with no framework,
// and a plain scrollable div for frame times. What Tessera's grid costs is read against it.

/** The page's HTML; it fetches `recordsPath` with the JWT it is given and draws the rows. */
export function baselinePageHtml(recordsPath: string, token: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>baseline</title></head>
<body style="margin:0;font:13px system-ui">
<canvas id="c" width="1280" height="700"></canvas>
<div id="s" style="height:700px;overflow:auto"><div style="height:3400000px"></div></div>
<script>
fetch(${JSON.stringify(recordsPath)}, { headers: { 'xc-auth': ${JSON.stringify(token)} } })
  .then((r) => r.json())
  .then((body) => {
    const ctx = document.getElementById('c').getContext('2d');
    body.list.forEach((row, i) => {
      let x = 8;
      for (const value of Object.values(row)) {
        ctx.fillText(String(value ?? '').slice(0, 24), x, 20 + i * 34);
        x += 160;
      }
    });
    window.__rowsDrawn = body.list.length;
  });
</script></body></html>`;
}
