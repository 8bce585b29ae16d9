import { describe, expect, it } from "vitest";
import { code, quote } from "../../src/core/render/quote.ts";

describe("quote: PR text made inert before it goes back into Markdown", () => {
  it("breaks @-mentions of people and teams so nobody is pinged", () => {
    expect(quote("thanks @octocat and @acme/platform")).toBe("thanks @&#8203;octocat and @&#8203;acme/platform");
  });

  it("escapes Markdown and HTML so quoted text cannot inject links, images, tables or tags", () => {
    expect(quote("![x](https://evil/img) | **bold** <img src=x> & `code`")).toBe(
      "\\!\\[x\\]\\(https\\://evil/img\\) \\| \\*\\*bold\\*\\* &lt;img src\\=x&gt; &amp; \\`code\\`",
    );
  });

  it("collapses white space, so a quote never breaks a table row or starts a block", () => {
    expect(quote("  line one\n\n# not a heading\r\n- not a list  ")).toBe("line one \\# not a heading \\- not a list");
  });

  it("trims long text to the limit with an ellipsis, counting characters not UTF-16 units", () => {
    const long = "😀".repeat(300);
    const quoted = quote(long, 10);
    expect(Array.from(quoted)).toHaveLength(10);
    expect(quoted.endsWith("…")).toBe(true);
    expect(quote("short", 10)).toBe("short");
  });
});

describe("control characters", () => {
  it("drops NUL, other C0/C1 controls and bidirectional overrides, which would make a quote display other than it reads", () => {
    expect(quote("support\u0000 agents\u202E stnega\u202C\u2066x\u2069\u0085")).toBe("support agents stnegax");
    expect(code("main\u202Egnp.exe")).toBe("`maingnp.exe`");
    // Ordinary non-ASCII text and emoji are kept.
    expect(quote("Kundenservice 😀 مرحبا")).toBe("Kundenservice 😀 مرحبا");
  });
});

describe("code: inline code for names we show", () => {
  it("chooses a fence longer than any backtick run inside", () => {
    expect(code("renovate[bot]")).toBe("`renovate[bot]`");
    expect(code("a`b")).toBe("``a`b``");
    expect(code("`x`")).toBe("`` `x` ``");
  });
});
