/**
 * The ask's styles, scoped by the shadow root: the host page's CSS cannot reach in and ours cannot leak out.
 * Sizes are in px/em, not rem, because rem follows the host page's root font size.
 */
export const STYLE = `
:host{all:initial;display:block;font:16px/1.5 Georgia,"Times New Roman",serif;color:#1a1a1a;--a:#0b5cad;--l:#d6d0c4;--r:6px}
*{box-sizing:border-box}
[hidden]{display:none!important}
:focus-visible{outline:3px solid var(--a);outline-offset:2px}
.ask,.note{background:#fff;border:1px solid var(--l);border-radius:var(--r);margin:1.5em 0}
.ask{border-top:4px solid #1a1a1a;padding:1.5em 1.75em}
.note{padding:1em 1.25em}
.note>:last-child{margin-bottom:0}
[tabindex="-1"]:focus{outline:none}
@media (max-width:480px){.ask{padding:1.25em 1em}}
h1,h2{font-size:1.5em;line-height:1.25;margin:0 0 .75em}
p{margin:0 0 .75em}
.appeal{white-space:pre-line}
form,.methods,.fine,.note,details{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
form{margin-top:1.25em}
fieldset{border:0;padding:0;margin:0 0 1em;min-width:0}
legend{font-weight:600;margin-bottom:.5em;padding:0}
.choices{display:grid;gap:.5em;grid-template-columns:repeat(auto-fit,minmax(6.5em,1fr))}
.freq{grid-template-columns:repeat(3,1fr)}
.choice{position:relative;display:block}
.choice input{position:absolute;inset:0;opacity:0;margin:0;cursor:pointer;width:100%;height:100%}
.choice span{display:block;text-align:center;padding:.7em .5em;border:2px solid var(--l);border-radius:var(--r);font-weight:600;background:#fff}
.choice input:checked+span{border-color:var(--a);background:var(--a);color:#fff}
.choice input:focus-visible+span{outline:3px solid #1a1a1a;outline-offset:2px}
.row{display:flex;flex-wrap:wrap;align-items:center;gap:.5em;margin:.75em 0 1em}
label{font-weight:600}
input[type=text],input[type=email],select{font:inherit;padding:.5em .6em;border:2px solid var(--l);border-radius:var(--r);background:#fff;color:inherit}
input[type=text]{width:9em}
input[type=email]{width:100%;max-width:22em}
[aria-invalid=true]{border-color:#b00020}
.error{color:#b00020;font-weight:600;margin:.5em 0 0}
.error:empty{display:none}
.continue{display:block;width:100%;font:inherit;font-size:1.1em;font-weight:700;padding:.85em;border:0;border-radius:var(--r);background:#1a1a1a;color:#fff;cursor:pointer}
.continue:hover{background:#333}
.methods{display:flex;flex-wrap:wrap;gap:.4em;align-items:center;margin-top:.9em;font-size:.9em;color:#4a4a4a}
.methods ul{display:contents;list-style:none}
.methods li{display:flex}
.fine{font-size:.85em;color:#4a4a4a;margin-top:.75em}
details{margin-top:1em;border-top:1px solid var(--l);padding-top:.75em}
summary{cursor:pointer;color:#4a4a4a}
summary span{color:var(--a);text-decoration:underline;font-weight:600}
.when label{display:inline-flex;align-items:center;gap:.35em;margin-right:1.25em;font-weight:400}
.email{display:grid;gap:.4em;margin-bottom:.75em}
.consent{display:flex;gap:.4em;align-items:flex-start;font-size:.9em;font-weight:400}
.secondary{font:inherit;font-weight:600;padding:.55em 1.1em;border:2px solid #1a1a1a;background:#fff;color:#1a1a1a;border-radius:var(--r);cursor:pointer}
`;
