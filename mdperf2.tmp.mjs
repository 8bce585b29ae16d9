import { fromMarkdown } from "mdast-util-from-markdown";
import { gfm } from "micromark-extension-gfm";
import { gfmFromMarkdown } from "mdast-util-gfm";
const parse = (b) => fromMarkdown(b, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
function depth(tree){let max=0;const st=[[tree,0]];while(st.length){const [n,d]=st.pop();if(d>max)max=d;for(const c of n.children||[])st.push([c,d+1]);}return max;}
const tests = {
  quote: (k) => ">".repeat(k) + " a",
  list: (k) => "- ".repeat(k) + "a",
  emph: (k) => "*_".repeat(k) + "a" + "_*".repeat(k),
  strong: (k) => "**__".repeat(k) + "a" + "__**".repeat(k),
  del: (k) => "~*".repeat(k) + "a" + "*~".repeat(k),
  linkemph: (k) => "[*".repeat(k) + "a" + "*](u)".repeat(k),
  indentList: (k) => Array.from({length:k},(_, i)=>"  ".repeat(i)+"- a").join("\n"),
};
for (const [name, f] of Object.entries(tests)) {
  for (const k of [100, 300, 1000, 3000, 10000]) {
    const b = f(k);
    const t = performance.now();
    try { const tr = parse(b); console.log(name, k, b.length, "ok depth", depth(tr), (performance.now()-t).toFixed(0)); }
    catch (e) { console.log(name, k, "ERR", e.constructor.name, e.message.slice(0,60)); }
  }
}
