import { describe, expect, it } from "vitest";
import { diffWords } from "../../console/diff";

/** `count` words, each one different. */
const words = (count: number) => Array.from({ length: count }, (_, i) => `word${i}`);

const join = (changes: { kind: string; text: string }[], keep: string) =>
  changes
    .filter((change) => change.kind === "same" || change.kind === keep)
    .map((change) => change.text)
    .join("");

describe("the console's word diff", () => {
  it("marks what was removed and added, word by word", () => {
    expect(diffWords("The ambassador spoke today", "The ambassador spoke on Monday")).toEqual([
      { kind: "same", text: "The ambassador spoke " },
      { kind: "removed", text: "today" },
      { kind: "added", text: "on Monday" },
    ]);
  });

  it("gives back either text from its pieces", () => {
    const before = "One two three four five.\nSix seven.";
    const after = "One three four 4½ five.\nSix, seven, eight.";
    const changes = diffWords(before, after);
    expect(join(changes, "removed")).toBe(before);
    expect(join(changes, "added")).toBe(after);
  });

  it("has nothing to mark between equal texts, and all between disjoint ones", () => {
    expect(diffWords("same words", "same words")).toEqual([{ kind: "same", text: "same words" }]);
    expect(diffWords("", "new")).toEqual([{ kind: "added", text: "new" }]);
    expect(diffWords("old", "")).toEqual([{ kind: "removed", text: "old" }]);
  });

  it("finds the few edits in a 10,000-word text and gives both texts back", () => {
    const before = words(10_000);
    const after = [...before];
    after[10] = "replaced";
    after.splice(5_000, 1);
    after.splice(9_000, 0, "two", "inserted");
    const changes = diffWords(before.join(" "), after.join(" "));
    expect(join(changes, "removed")).toBe(before.join(" "));
    expect(join(changes, "added")).toBe(after.join(" "));
    expect(changes.filter((change) => change.kind !== "same")).toEqual([
      { kind: "removed", text: "word10 " },
      { kind: "added", text: "replaced " },
      { kind: "removed", text: "word5000 " },
      { kind: "added", text: "two inserted " },
    ]);
  });

  it("marks the words changed all through a long text, too many for one word diff", () => {
    // Every other sentence of a 10,000-word text has three words replaced.
    const sentence = (i: number, edited: boolean) =>
      `${Array.from({ length: 10 }, (_, j) => (edited && j % 3 === 1 ? `new${i}x${j}` : `word${i}x${j}`)).join(" ")}. `;
    const indexes = Array.from({ length: 1_000 }, (_, i) => i);
    const before = indexes.map((i) => sentence(i, false)).join("");
    const after = indexes.map((i) => sentence(i, i % 2 === 0)).join("");
    const changes = diffWords(before, after);
    expect(join(changes, "removed")).toBe(before);
    expect(join(changes, "added")).toBe(after);
    const replaced = (word: string) =>
      indexes.filter((i) => i % 2 === 0).flatMap((i) => [1, 4, 7].map((j) => `${word}${i}x${j} `));
    const texts = (kind: string) =>
      changes.filter((change) => change.kind === kind).map((change) => change.text);
    expect(texts("removed")).toEqual(replaced("word"));
    expect(texts("added")).toEqual(replaced("new"));
  });

  it("shows one long sentence changed throughout as removed whole and added whole", () => {
    const before = words(3_000);
    const after = before.map((word, i) => (i % 2 ? word : `new${i}`));
    expect(diffWords(before.join(" "), after.join(" "))).toEqual([
      { kind: "removed", text: before.join(" ") },
      { kind: "added", text: after.join(" ") },
    ]);
  });

  it("shows a long text with most sentences changed as removed whole and added whole", () => {
    const sentences = Array.from({ length: 5_000 }, (_, i) => `Sentence ${i}. `);
    const before = sentences.join("");
    const after = sentences.map((sentence, i) => (i % 2 ? sentence : `New ${i}. `)).join("");
    expect(diffWords(before, after)).toEqual([
      { kind: "removed", text: before },
      { kind: "added", text: after },
    ]);
  });
});
