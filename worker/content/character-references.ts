/**
 * Character references in HTML text read back into the characters they
 * stand for, so that `Fish &amp; chips` is searched and quoted as
 * "Fish & chips". Numeric references are read as browsers read them
 * (WHATWG, "numeric character reference end state"); named ones are
 * HTML 4's, the names editors and word processors write, with `&apos;`.
 * Others (`&NotNestedLessLess;`, `&amp` without its semicolon) stay as
 * written: one pass, linear in the text, and no table of 2,000 names.
 */

// HTML 4's Latin-1 names, for U+00A0 to U+00FF in order.
const LATIN_1 =
  "nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 " +
  "acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde " +
  "Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc " +
  "Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml " +
  "aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc " +
  "otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml";

// HTML 4's other names, each with its code point in hex (`lang` and `rang` as HTML5 reads them).
const OTHERS =
  "quot 22 amp 26 apos 27 lt 3c gt 3e OElig 152 oelig 153 Scaron 160 scaron 161 Yuml 178 fnof 192 circ 2c6 " +
  "tilde 2dc Alpha 391 Beta 392 Gamma 393 Delta 394 Epsilon 395 Zeta 396 Eta 397 Theta 398 Iota 399 " +
  "Kappa 39a Lambda 39b Mu 39c Nu 39d Xi 39e Omicron 39f Pi 3a0 Rho 3a1 Sigma 3a3 Tau 3a4 Upsilon 3a5 " +
  "Phi 3a6 Chi 3a7 Psi 3a8 Omega 3a9 alpha 3b1 beta 3b2 gamma 3b3 delta 3b4 epsilon 3b5 zeta 3b6 eta 3b7 " +
  "theta 3b8 iota 3b9 kappa 3ba lambda 3bb mu 3bc nu 3bd xi 3be omicron 3bf pi 3c0 rho 3c1 sigmaf 3c2 " +
  "sigma 3c3 tau 3c4 upsilon 3c5 phi 3c6 chi 3c7 psi 3c8 omega 3c9 thetasym 3d1 upsih 3d2 piv 3d6 " +
  "ensp 2002 emsp 2003 thinsp 2009 zwnj 200c zwj 200d lrm 200e rlm 200f ndash 2013 mdash 2014 lsquo 2018 " +
  "rsquo 2019 sbquo 201a ldquo 201c rdquo 201d bdquo 201e dagger 2020 Dagger 2021 bull 2022 hellip 2026 " +
  "permil 2030 prime 2032 Prime 2033 lsaquo 2039 rsaquo 203a oline 203e frasl 2044 euro 20ac image 2111 " +
  "weierp 2118 real 211c trade 2122 alefsym 2135 larr 2190 uarr 2191 rarr 2192 darr 2193 harr 2194 " +
  "crarr 21b5 lArr 21d0 uArr 21d1 rArr 21d2 dArr 21d3 hArr 21d4 forall 2200 part 2202 exist 2203 " +
  "empty 2205 nabla 2207 isin 2208 notin 2209 ni 220b prod 220f sum 2211 minus 2212 lowast 2217 " +
  "radic 221a prop 221d infin 221e ang 2220 and 2227 or 2228 cap 2229 cup 222a int 222b there4 2234 " +
  "sim 223c cong 2245 asymp 2248 ne 2260 equiv 2261 le 2264 ge 2265 sub 2282 sup 2283 nsub 2284 " +
  "sube 2286 supe 2287 oplus 2295 otimes 2297 perp 22a5 sdot 22c5 lceil 2308 rceil 2309 lfloor 230a " +
  "rfloor 230b loz 25ca spades 2660 clubs 2663 hearts 2665 diams 2666 lang 27e8 rang 27e9";

const NAMED = new Map(LATIN_1.split(" ").map((name, i) => [name, String.fromCodePoint(0xa0 + i)]));
const others = OTHERS.split(" ");
for (let i = 0; i < others.length; i += 2) {
  NAMED.set(others[i], String.fromCodePoint(Number.parseInt(others[i + 1], 16)));
}

// What browsers read for &#128; to &#159;: windows-1252's characters there (0 where it has none).
const C1 = [
  0x20ac, 0, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0, 0x17d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0, 0x17e,
  0x178,
];

function fromCodePoint(code: number): string {
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return "\uFFFD";
  if (code >= 0x80 && code <= 0x9f) return String.fromCodePoint(C1[code - 0x80] || code);
  return String.fromCodePoint(code);
}

// A numeric reference may lack its semicolon, as browsers allow; a named one needs it here.
const REFERENCE = /&(?:#(?:(\d+)|[xX]([\da-fA-F]+));?|([A-Za-z][A-Za-z\d]*);)/g;

/**
 * `text` as HTML writes it, its character references decoded.
 * @example decodeReferences("Fish &amp; chips &lt; 5&#160;&pound;") // "Fish & chips < 5 £"
 */
export function decodeReferences(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(REFERENCE, (reference, decimal?: string, hex?: string, name?: string) => {
    if (name !== undefined) return NAMED.get(name) ?? reference;
    return fromCodePoint(decimal === undefined ? Number.parseInt(hex as string, 16) : Number(decimal));
  });
}
