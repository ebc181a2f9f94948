namespace HappyHorse.Report
{
    /// <summary>The page's one stylesheet, inline: system fonts only, nothing fetched.</summary>
    internal static class PageStyle
    {
        public const string Css = @"
:root{color-scheme:light dark;--fg:#1d1d1f;--muted:#6e6e73;--bg:#f5f5f7;--card:#fff;--line:#d2d2d7;--ok:#1a7f37;--bad:#cf222e;--warn:#9a6700;--off:#57606a}
@media (prefers-color-scheme:dark){:root{--fg:#f5f5f7;--muted:#a1a1a6;--bg:#111;--card:#1c1c1e;--line:#3a3a3c}}
*{box-sizing:border-box}
body{margin:0;padding:16px;font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;color:var(--fg);background:var(--bg)}
[hidden]{display:none!important}
h1{font-size:20px;margin:0 0 4px}
.top{max-width:1400px;margin:0 auto 12px}
.sub,.facts,.times{color:var(--muted);margin:4px 0;font-size:12px}
.counts{display:flex;flex-wrap:wrap;gap:8px;margin:8px 0;padding:0;list-style:none}
.counts a{display:block;min-width:96px;padding:6px 10px;border:1px solid var(--line);border-radius:8px;background:var(--card);color:inherit;text-decoration:none}
.counts b{display:block;font-size:20px}
.line{margin:4px 0}
.hist rect{fill:#0969da}.hist line{stroke:var(--muted)}.hist text{fill:var(--muted);font-size:11px}
figure{margin:8px 0}figcaption{color:var(--muted);font-size:12px}
.filters{position:sticky;top:0;z-index:1;display:flex;flex-wrap:wrap;gap:12px;align-items:center;max-width:1400px;margin:0 auto 12px;padding:8px 10px;background:var(--card);border:1px solid var(--line);border-radius:8px}
.filters input{min-width:240px}
#cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(320px,1fr));gap:12px;max-width:1400px;margin:0 auto}
#cards>article{background:var(--card);border:1px solid var(--line);border-left:4px solid var(--off);border-radius:8px;padding:10px 12px;content-visibility:auto;contain-intrinsic-size:auto 460px;overflow-wrap:anywhere}
#cards header{display:flex;gap:8px;align-items:baseline}
#cards h2{font-size:15px;margin:0;flex:1}
.ix{color:var(--muted);font-variant-numeric:tabular-nums}
#cards header b{font-size:11px;padding:1px 8px;border-radius:10px;color:#fff;background:var(--off);white-space:nowrap}
#cards>[data-status=succeeded]{border-left-color:var(--ok)}#cards>[data-status=succeeded] header b{background:var(--ok)}
#cards>[data-status=failed]{border-left-color:var(--bad)}#cards>[data-status=failed] header b{background:var(--bad)}
#cards>[data-status=cancelled]{border-left-color:var(--warn)}#cards>[data-status=cancelled] header b{background:var(--warn)}
.prompt{margin:6px 0;white-space:pre-wrap}
.refs{display:flex;flex-wrap:wrap;gap:4px;margin:6px 0}
.refs img{width:64px;height:64px;object-fit:cover;border-radius:4px;border:1px solid var(--line);background:var(--bg);font-size:10px;overflow:hidden}
.refs span{font-size:11px;color:var(--muted)}
video{display:block;width:100%;max-height:320px;object-fit:contain;aspect-ratio:16/9;background:#000;border-radius:4px;margin:6px 0}
video[data-ar='9:16']{aspect-ratio:9/16}video[data-ar='1:1']{aspect-ratio:1}video[data-ar='4:3']{aspect-ratio:4/3}video[data-ar='3:4']{aspect-ratio:3/4}
.exp{color:var(--warn);font-size:12px;margin:2px 0}
.novideo{color:var(--muted);font-style:italic}
.msg{margin:6px 0;padding:6px 8px;border-radius:4px;background:rgba(207,34,46,.1);white-space:pre-wrap}
code{font-size:11px}
";
    }
}
