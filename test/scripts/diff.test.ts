import { describe, expect, it } from "vitest";
import { diffWords } from "../../console/diff";

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
});
